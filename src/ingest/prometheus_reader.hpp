#pragma once

#include <string_view>

#include "ingest/read_options.hpp"
#include "model/run.hpp"

namespace caws::ingest {

// Reads a Prometheus HTTP API response: curl 'http://prometheus:9090/api/v1/query?query=Q'
// or .../api/v1/query_range?query=Q&start=S&end=E&step=STEP.
//
// - Each series of a "vector" or "matrix" result is a metric named as Prometheus names
//   series: __name__ then the labels, {job="api",instance="a:9100"} ("{}" for a series
//   without any), measure "value". Its labels (but __name__) are the metric's labels.
// - A vector gives one sample per series, a matrix every sample of the range; each sample
//   keeps its timestamp (Unix seconds), so that memory and CPU series can be read as time
//   series. A "scalar" result is one metric named "scalar".
// - Units follow Prometheus' naming conventions: *_seconds (and *_seconds_total) are
//   seconds, *_bytes (and *_bytes_total) bytes, *_ratio fractions, other *_total counts;
//   anything else, and results of functions that drop the name, are plain numbers. The API
//   never says a direction: it is unknown unless --direction gives it.
// - NaN and infinite samples are skipped with a note; native histogram samples are
//   skipped with a note; the response's warnings become notes.
//
// Throws util::Error with the file and JSON pointer for anything else, including an
// "error" response (with Prometheus' message), a "string" result, an empty result and a
// sample value that is not a number.
model::Run parse_prometheus(std::string_view text, const model::Source& source,
                            const ReadOptions& options = {});

// Whether `text` looks like a Prometheus API response ("status" and "data" with a
// "resultType", or an "errorType").
bool looks_like_prometheus(std::string_view text);

}  // namespace caws::ingest
