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
    std::optional<model::Interval> ci;  // percentile bootstrap over the benchmarks
    std::size_t metrics = 0;            // how many ratios it is the mean of
    // How many benchmarks those ratios stand for, one ratio each; empty in reports written
    // before the mean took one measure per benchmark.
    std::optional<std::size_t> benchmarks;
};

// The geometric mean over the benchmarks of one oriented ratio each: of its gated metrics
// compared on both sides (not added, removed, failed or skipped) with a finite, positive
// ratio, the time the tool times it by (Google Benchmark's clock), else another time
// measure, else the first. A benchmark is not weighed by how many measures it has, and one
// without a gated measure does not count. The interval resamples the benchmarks
// (options.resamples, options.confidence, options.seed): it describes how much the mean
// depends on which benchmarks the suite happens to contain, given their measured ratios,
// and needs at least two. Empty when no benchmark qualifies.
std::optional<Geomean> geometric_mean_of_ratios(std::span<const model::Comparison> comparisons,
                                                const Options& options);

}  // namespace caws::compare
