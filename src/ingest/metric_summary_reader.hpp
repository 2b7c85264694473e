#pragma once

#include <string_view>

#include "ingest/read_options.hpp"
#include "model/run.hpp"

namespace caws::ingest {

// Reads the summary files application teams keep without a schema (the second shape of
// docs/formats/caws-metrics.md): percentile baselines and load-test summaries.
//
//   {"ttfa_ms": {"p50": 5.5, "p95": 6.9, "p99": 10.0, "sample_count": 100,
//                "timestamp": "...", "conditions": {"provider": "x"}},
//    "total_requests": 12000, "error_rate": 0.004,
//    "mean_response_time_ms": 45.2, "p95_response_time_ms": 120.0}
//
// - A member whose value is an object is a metric (measure "value") with a summary of its
//   statistics: p50/median/med, p90, p95, p99, mean/avg/average, min, max, stddev/std, and
//   its count (count, sample_count, samples_count or n); "samples" (an array) are samples.
//   "unit" and "direction" may be given; "conditions" are labels, "timestamp" the label
//   "timestamp". Other keys are ignored with a note.
// - A member whose value is a number is one value of that metric, unless its name starts
//   or ends with a statistic, or has one just before its unit ("p95_response_time_ms",
//   "response_time_ms_p95", "response_time_p95_ms"): such members are gathered into the
//   summary of the name without it ("response_time_ms").
// - Without "unit", the name's suffix says it: _ms, _us, _ns, _s/_seconds, _bytes, _kb,
//   _mb, _gb, _pct/_percent, _ratio, _rps/_qps/_per_second; error and failure rates are
//   fractions; *_count, *_total and total_* are counts.
// - Without "direction": times and sizes are lower is better, error/failure fractions
//   lower, success/hit fractions and per-second rates higher, anything else unknown
//   (see --direction).
// - Top-level strings are the run's context ("timestamp"/"date" its date); a top-level
//   "conditions" object gives labels to every metric.
//
// Throws util::Error with the file and JSON pointer for anything else, including a file
// without any metric, non-finite values and a statistic given twice for one metric.
model::Run parse_metric_summary(std::string_view text, const model::Source& source,
                                const ReadOptions& options = {});

// Whether `text` looks like such a summary: an object with a member holding percentile
// statistics, or numbers named like load-test results (error_rate, total_requests,
// p95_...).
bool looks_like_metric_summary(std::string_view text);

}  // namespace caws::ingest
