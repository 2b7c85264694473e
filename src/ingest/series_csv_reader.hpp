#pragma once

#include <string_view>

#include "ingest/read_options.hpp"
#include "model/run.hpp"

namespace caws::ingest {

// A time series as CSV, one sample per line (docs/formats/series-csv.md):
//   time,value (MiB)
//   1795427700,212.0
//   2026-11-23T10:01:00Z,214.5
// - The header is `time,value`, optionally with the unit in parentheses after `value`
//   (any unit caws-gate knows, see canonical_unit); without it the values are bytes.
// - time: Unix seconds, or an ISO 8601 date (util::parse_date); value: a number.
// - Empty lines and lines starting with '#' are skipped.
// One metric, named after the file (its name without directory and extension), measure
// "memory" for sizes and "value" otherwise, lower is better, with a timestamp per sample.
//
// Throws util::Error naming the file, line and column for a missing or different header,
// a line without exactly two fields, a time or value that is not one, a negative size,
// and a file without samples.
model::Run parse_series_csv(std::string_view text, const model::Source& source,
                            const ReadOptions& options = {});

// Whether the first line that is not empty or a comment starts with "time,value".
bool looks_like_series_csv(std::string_view text);

}  // namespace caws::ingest
