#pragma once

#include <string_view>

#include "ingest/read_options.hpp"
#include "model/run.hpp"

namespace caws::ingest {

// Reads github-action-benchmark's custom JSON: an array of
// {"name", "unit", "value", "range"?, "extra"?}, the input of its customSmallerIsBetter
// and customBiggerIsBetter tools. Both look the same, so `options.direction` (--direction
// lower or higher) must say which; without it the file is rejected with that hint.
//
// - Each entry is one value (a sample) of the metric "name", measure "value"; entries with
//   the same name and unit are repetitions and become several samples.
// - Units caws-gate knows (ns, ms, s, MB, Megabytes, %, Percent, ops/s, req/s, ...) are
//   converted to canonical units; others are kept as written.
// - "range" and "extra" are labels.
//
// Throws util::Error with the file and JSON pointer for anything else, including an
// empty array, a missing name, a non-numeric value and a name repeated with another unit.
model::Run parse_custom_json(std::string_view text, const model::Source& source,
                             const ReadOptions& options = {});

// Whether `text` looks like custom JSON: an array whose first element is an object with
// "name" and "value" and nothing of JMH or BenchmarkTools.
bool looks_like_custom_json(std::string_view text);

}  // namespace caws::ingest
