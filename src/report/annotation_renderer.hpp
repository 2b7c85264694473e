#pragma once

#include <string>

#include "report/report_document.hpp"

namespace caws::report {

// GitHub Actions workflow commands for the findings of a report that fail or warn: one
// `::error title=...::message` or `::warning title=...::message` line each, fail first,
// in the report's order within a level. Title and message are escaped by the
// workflow-command rules (escape.hpp), so no name can end a command or start another.
std::string render_annotations(const Report& report);

}  // namespace caws::report
