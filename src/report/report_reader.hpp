#pragma once

#include <string>
#include <string_view>

#include "report/report_document.hpp"

namespace caws::report {

// Reads a JSON report written by `--json` back, for re-rendering (`caws-gate report`):
// the text is parsed strictly (json/strict.hpp), then checked and read by from_json.
// Throws util::Error naming `path` and the place: "line L, column C" for a syntax error,
// a JSON pointer for content that is not what a report holds.
Report parse_report(std::string_view text, const std::string& path);

}  // namespace caws::report
