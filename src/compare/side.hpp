#pragma once

// One side of a comparison, prepared once for every step of the comparator: the samples
// compared, their logs and the noise of the samples as measured. Internal to compare/.

#include <cstddef>
#include <optional>
#include <span>
#include <vector>

#include "model/comparison.hpp"
#include "model/metric.hpp"
#include "stats/welch.hpp"

namespace caws::compare {

struct Side {
    std::span<const double> values;  // the samples compared (after dropping outliers)
    std::vector<double> kept;        // storage of `values` when outliers were dropped
    std::size_t dropped = 0;
    bool positive = false;  // every value > 0: logs, ratios and intervals are defined
    std::vector<double> logs;
    stats::SampleSummary log_summary;
    std::optional<model::SideNoise> noise;  // of the original samples, or of the summary
};

// The side of `metric`: its samples, without those outside Tukey's fences when
// `drop_outliers`; for a summary without samples, only the noise (its CV).
Side prepare(const model::Metric& metric, bool drop_outliers);

// A summary a Welch test can use: mean, standard deviation and n >= 2, from the samples
// (raw values) or from what the tool reported.
std::optional<stats::SampleSummary> welch_summary(const model::Metric& metric, const Side& side);

}  // namespace caws::compare
