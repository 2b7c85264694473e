#pragma once

#include <string_view>

#include "ingest/read_options.hpp"
#include "model/run.hpp"

namespace caws::ingest {

// A time series as CSV, one sample per line (docs/formats/series-csv.md):
//   t_s,rss_mib
//   0,212.0
//   60,214.5
// - The header names the time column and the value column (or more columns, two of them
//   named by options.columns); units come from the names (series_columns.hpp): a time
//   without one is seconds, a value without one bytes.
// - time: a number (in the column's unit) or an ISO 8601 date (util::parse_date), strictly
//   increasing; value: a number.
// - Empty lines and lines starting with '#' are skipped.
// One metric, named after the file (its name without directory and extension), measure
// "memory" for sizes and "value" otherwise, lower is better, with a timestamp per sample.
//
// Throws util::Error naming the file, line and column for an empty file, other than two
// columns without options.columns, a column of options.columns missing, a unit that is not
// one or a time column in another unit, a line with another number of fields than the
// header, a time or value that is not one, a time not after the previous one, a negative
// size, and a file without samples.
model::Run parse_series_csv(std::string_view text, const model::Source& source,
                            const ReadOptions& options = {});

// Whether the first line that is not empty or a comment is a header of two column names
// (not numbers) and the next such line, if any, has two fields, the second a number.
bool looks_like_series_csv(std::string_view text);

}  // namespace caws::ingest
