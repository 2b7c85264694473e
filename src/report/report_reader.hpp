#pragma once

#include <string>
#include <string_view>

#include <nlohmann/json.hpp>

namespace caws::report {

// Reads a JSON report written by `--json` back, for re-rendering (`caws-gate report`).
// Checks the schema (caws-gate/report@1) and the shape of everything the renderers read.
// Throws util::Error naming `path` and the place: "line L, column C" for a syntax error,
// a JSON pointer for content that is not what a report holds.
nlohmann::ordered_json parse_report(std::string_view text, const std::string& path);

}  // namespace caws::report
