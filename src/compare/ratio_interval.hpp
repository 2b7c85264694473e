#pragma once

// The interval of a comparison's ratio: Hodges-Lehmann on log values (the t-test's
// interval when the samples are too few for it), or the bootstrap. Internal to compare/.

#include <cstdint>
#include <optional>
#include <string_view>

#include "compare/comparator.hpp"
#include "compare/side.hpp"
#include "stats/student_t.hpp"

namespace caws::compare {

// The note of a comparison whose values are not all positive: no interval of a ratio.
inline constexpr std::string_view k_no_ratio_interval_note =
    "values not all positive: no ratio interval";

// The metric's identity, hashed: each metric gets its own bootstrap stream whatever the
// other metrics of the run are (with stats::derive_seed).
std::uint64_t metric_stream(const model::Metric& metric);

// Sets `c.ci` and `c.ci_method` from baseline side `b` and candidate side `s` of
// `metric` with options.ci at options.confidence, or adds a note saying why there is no
// interval. `log_t`: the t-test on log values the comparison ran, if any.
void add_interval(model::Comparison& c, const model::Metric& metric, const Side& b, const Side& s,
                  const Options& options, const std::optional<stats::TTestResult>& log_t);

}  // namespace caws::compare
