#pragma once

// manifest.json: the index of a kept run (`--keep DIR`), so that its raw outputs can be
// analysed again without running anything. Another tool may write one too; the layout:
//
//   {
//     "format": "caws-gate/ab-run@1",                              required
//     "tool": "caws-gate 0.1.0",
//     "seed": 42,
//     "rounds_requested": 10,
//     "max_seconds": 600,                                          or null
//     "outcome": "complete",          "max-time", "failed" or "interrupted"
//     "error": "...",                 when failed or interrupted
//     "elapsed_seconds": 41.2,
//     "extra_args": ["--x"],
//     "base": {"command": "./bench", "argv": ["./bench", "--benchmark_out={out}", ...],
//              "shell": false, "capture": "google-benchmark"},
//     "head": {...},
//     "rounds": [                                                  required
//       {"round": 1,                                               1, 2, ... in order
//        "order": ["head", "base"],                                required
//        "base": {"seconds": 1.21, "output": "base-00.json",       seconds, output required
//                 "stderr": "base-00.stderr"},
//        "head": {...}}
//     ]
//   }
//
// File names are relative to the manifest's directory and may not leave it. Keys not
// listed are ignored. A run that stopped on an error lists the rounds that completed.

#include <string>

#include "exec/run_record.hpp"

namespace caws::exec {

inline constexpr std::string_view k_manifest_format = "caws-gate/ab-run@1";
inline constexpr std::string_view k_manifest_name = "manifest.json";

// The manifest's text for `record` (keys in the order above, two-space indent).
std::string manifest_json(const RunRecord& record);

// Writes DIR/manifest.json atomically. Throws util::Error naming the file on failure.
void write_manifest(const std::string& directory, const RunRecord& record);

// Reads DIR/manifest.json. The record's `directory` is DIR. Throws util::Error(
// "DIR/manifest.json", "/rounds/2/order", "expected ...") for a missing or malformed
// field, and for an output file that is not there.
RunRecord read_manifest(const std::string& directory);

}  // namespace caws::exec
