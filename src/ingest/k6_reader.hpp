#pragma once

#include <string_view>

#include "ingest/read_options.hpp"
#include "model/run.hpp"

namespace caws::ingest {

// Reads k6's end-of-test summary as JSON: k6 run --summary-export FILE (values flat per
// metric) or the data handed to handleSummary() written with JSON.stringify (values under
// "values", with "type" and "contains").
//
// - Trends (http_req_duration, iteration_duration, custom Trends) are summaries, measure
//   "value": mean = avg, median = med, min, max, p90 = p(90), p95 = p(95), p99 = p(99);
//   n is their "count" when exported, else http_reqs' count for http_req_* trends and
//   iterations' count for iteration_duration. Time trends (contains "time", or k6's
//   built-in ones in a summary export) are milliseconds, turned into seconds, lower is
//   better; other trends are plain numbers with an unknown direction.
// - Rates are fractions, measure "value": a summary with mean = the rate and
//   n = passes + fails. http_req_failed is lower is better (the error rate), checks higher.
// - Counters are two metrics with one sample each: "count" and "rate" per second (bytes
//   and bytes per second for data_received / data_sent); http_reqs' and iterations' rate
//   (the throughput) is higher is better, dropped_iterations lower.
// - Gauges (vus, vus_max) are one sample, measure "value", unknown direction.
// - Submetrics keep k6's name ("http_req_duration{expected_response:true}").
//
// Throws util::Error with the file and JSON pointer for anything else, including a missing
// or empty "metrics" object and non-finite values.
model::Run parse_k6(std::string_view text, const model::Source& source,
                    const ReadOptions& options = {});

// Whether `text` looks like a k6 summary (a "root_group" at the top level, or "metrics"
// holding k6's built-in metrics).
bool looks_like_k6(std::string_view text);

}  // namespace caws::ingest
