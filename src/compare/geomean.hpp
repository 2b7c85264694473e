#pragma once

#include <cstddef>
#include <optional>
#include <span>

#include "compare/comparator.hpp"
#include "model/comparison.hpp"

namespace caws::compare {

// The summary row of a comparison: the geometric mean of the oriented ratios, as benchstat
// and Google Benchmark's compare.py show it.
struct Geomean {
    double ratio = 1;                   // exp(mean(log ratio)); above 1 is worse overall
    std::optional<model::Interval> ci;  // percentile bootstrap over the metrics
    std::size_t metrics = 0;            // how many ratios it is the mean of
};

// The geometric mean of the finite, positive oriented ratios of the gated metrics compared
// on both sides (not added, removed, failed or skipped). Its interval resamples the metrics
// (options.resamples, options.confidence, options.seed): it describes how much the mean
// depends on which benchmarks the suite happens to contain, given their measured ratios,
// and needs at least two metrics. Empty when no metric qualifies.
std::optional<Geomean> geometric_mean_of_ratios(std::span<const model::Comparison> comparisons,
                                                const Options& options);

}  // namespace caws::compare
