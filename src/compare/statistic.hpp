#pragma once

#include <optional>
#include <span>
#include <string_view>

#include "model/metric.hpp"

namespace caws::compare {

// The statistics a comparison or a budget can be computed on.
enum class Statistic { median, mean, min, max, p90, p95, p99 };

std::string_view to_string(Statistic statistic);
std::optional<Statistic> statistic_from_string(std::string_view text);

// The statistic of a metric: computed from its samples when it has them (quantiles by
// linear interpolation), otherwise taken from its summary; nullopt when neither has it.
std::optional<double> statistic_value(const model::Metric& metric, Statistic statistic);

// The same for samples standing in for a metric's own (after outliers were dropped).
std::optional<double> statistic_value(std::span<const double> samples,
                                      const std::optional<model::Summary>& summary,
                                      Statistic statistic);

}  // namespace caws::compare
