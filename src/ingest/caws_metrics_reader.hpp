#pragma once

#include <string_view>

#include "ingest/read_options.hpp"
#include "model/run.hpp"

namespace caws::ingest {

// Schema identifier of caws-gate's own metrics format (docs/schema/metrics.schema.json).
inline constexpr std::string_view k_metrics_schema = "caws-gate/metrics@1";

// Reads caws-gate metrics JSON (docs/formats/caws-metrics.md): application metrics as the
// teams behind load tests and monitors write them.
//
//   {"schema": "caws-gate/metrics@1", "context": {...}, "conditions": {...},
//    "metrics": [{"name": "latency", "unit": "ms", "direction": "lower",
//                 "samples": [...], "timestamps": [...], "summary": {...},
//                 "conditions": {...}, "labels": {...}, "phases": {"NAME": {...}}}]}
//
// - Each entry is a metric, measure "measure" (default "value"), in the canonical unit of
//   "unit" (ms, s, B, MiB, %, 1/s, ...; units caws-gate does not know are kept as
//   written), with "direction" lower, higher or unknown.
// - "samples" are the measurements; "timestamps" (Unix seconds, one per sample) make them
//   a time series. "summary" holds count, mean, stddev, min, max, p50 (or median), p90,
//   p95, p99 when the samples were not kept.
// - An entry's "conditions" are part of its identity: the metric is named
//   NAME{key=value,...} (keys sorted); the top-level "conditions" describe the whole run
//   and are labels of every metric. "labels" are descriptive only.
// - "phases" are metrics of their own, named NAME.phase.PHASE, with the label phase=PHASE;
//   they inherit the unit, direction and conditions unless they give their own.
// - "status": "failed" or "skipped" with a "message" stands for a metric without values.
//
// Throws util::Error with the file and JSON pointer for anything else: another schema,
// unknown keys, a missing unit or direction, non-finite values, negative times or sizes,
// timestamps that do not match the samples, and a metric given twice.
model::Run parse_caws_metrics(std::string_view text, const model::Source& source,
                              const ReadOptions& options = {});

// Whether `text` starts like caws-gate metrics JSON ("schema": "caws-gate/metrics@...").
bool looks_like_caws_metrics(std::string_view text);

}  // namespace caws::ingest
