#pragma once

// The sentence on the between-run noise under a check report's headline. Internal header
// (includes kainjow mustache).

#include <kainjow/mustache.hpp>

#include "report/report_document.hpp"

namespace caws::report {

// `has_between_run` and `between_run`: how much a run's median moves between runs by the
// suite's history and what that did to the classes, or why it is unknown. Absent
// (`has_between_run` false) when the report has no "between_run".
void set_between_run(kainjow::mustache::data& view, const Report& report);

}  // namespace caws::report
