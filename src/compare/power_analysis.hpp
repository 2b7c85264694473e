#pragma once

// The power analysis of one gated comparison: the smallest change its samples can
// detect and the repetitions needed to detect the minor threshold (docs/statistics.md).
// Internal to compare/.

#include <optional>

#include "compare/comparator.hpp"
#include "compare/side.hpp"

namespace caws::compare {

// From the comparison's test and sample sizes, the noise of baseline side `b` and
// candidate side `s` (pooled with the context's prior when it has one), at the level
// per_metric_alpha gives. With `log_standard_error`, the comparison was tested on its own
// statistic (a quantile, the mean, ...): its noise is the bootstrap's standard error of the
// log ratio scaled to one value, sigma = se / sqrt(1/n1 + 1/n2), in place of the log
// values' standard deviation.
model::Power power_analysis(const model::Comparison& c, const Options& options,
                            const RunContext& context, const Side& b, const Side& s,
                            std::optional<double> log_standard_error = std::nullopt);

}  // namespace caws::compare
