#pragma once

// The metric objects of a history line, as its writer (history_writer.cpp) and its reader
// (history_reader.cpp) share them: the keys, in the order lines hold them, and a metric as
// the reader finds it. Not part of the store's API: store/history_file.hpp is.

#include <cstddef>
#include <iterator>
#include <optional>
#include <string_view>

#include "store/history_file.hpp"

namespace caws::store {

// The keys of a metric object, in the order history_line writes them. The first
// k_required_metric_keys are required; the statistics after them may be null or missing.
inline constexpr std::string_view k_metric_keys[] = {
    "name", "measure", "unit", "direction", "n", "median", "mean", "stddev", "min", "max", "p95"};
inline constexpr std::size_t k_required_metric_keys = 5;
// Positions of the required keys in k_metric_keys.
enum RequiredKey : std::size_t { key_name, key_measure, key_unit, key_direction, key_n };
// The optional key after "unit" of a size or byte rate the input wrote in kB, MB, ...
inline constexpr std::string_view k_prefixes_key = "unit_prefixes";

// HistoryMetric's statistics, in the order of their keys in k_metric_keys.
inline constexpr std::optional<double> HistoryMetric::*k_statistics[] = {
    &HistoryMetric::median, &HistoryMetric::mean, &HistoryMetric::stddev,
    &HistoryMetric::min,    &HistoryMetric::max,  &HistoryMetric::p95};
inline constexpr std::size_t k_statistic_count = std::size(k_statistics);
inline constexpr std::size_t k_median = 0, k_mean = 1;  // positions in k_statistics
static_assert(std::size(k_metric_keys) == k_required_metric_keys + k_statistic_count);

// One metric of a history line as the reader found it; the strings are in the reader's
// buffer, valid until its next line.
struct MetricView {
    std::string_view name, measure, unit;
    model::SizePrefixes prefixes = model::SizePrefixes::binary;  // "unit_prefixes", optional
    model::Direction direction = model::Direction::unknown;
    std::size_t n = 0;
    std::optional<double> statistics[k_statistic_count];  // in the order of k_statistics
};

}  // namespace caws::store
