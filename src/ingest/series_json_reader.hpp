#pragma once

#include <string_view>

#include "ingest/read_options.hpp"
#include "model/run.hpp"

namespace caws::ingest {

// A time series as a JSON object of parallel arrays of numbers
// (docs/formats/series-json.md):
//   {"t_s": [0, 60, 120], "rss_mb": [212.0, 214.5, 216.0]}
// - The first array is the time, the second the value; with more arrays,
//   options.columns (--columns TIME,VALUE) names the two.
// - Units come from the keys as for series-csv (series_columns.hpp): "t_s", "rss (MiB)";
//   a time key without a unit is seconds, a value key without one bytes.
// One metric, as parse_series_csv's.
//
// Throws util::Error naming the file and the key (JSON pointer) for anything else: not an
// object, a value that is not an array, other than two arrays without --columns, a key of
// --columns missing, a cell that is not a number, arrays of different lengths, times not
// increasing, a negative size, and empty arrays.
model::Run parse_series_json(std::string_view text, const model::Source& source,
                             const ReadOptions& options = {});

// Whether the text is a JSON object whose first member is an array of numbers.
bool looks_like_series_json(std::string_view text);

}  // namespace caws::ingest
