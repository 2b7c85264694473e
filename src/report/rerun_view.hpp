#pragma once

// The Markdown lines about rerunning the regressed benchmarks and confirming them
// (`check --confirm`). Internal header (includes kainjow mustache).

#include <kainjow/mustache.hpp>

#include "report/report_document.hpp"

namespace caws::report {

// Sets the keys of the rerun, Markdown escaped where they are text and verbatim in code
// spans (templates show them with {{{ }}}):
// - `has_confirm`, `confirm_line`: with a "confirm" section, which rerun confirmed how many
//   of the run's regressions;
// - `has_rerun`, `rerun_line`: otherwise, with a "rerun" section, how to rerun the
//   benchmarks with a regression alone and, for `check`, how to pass the rerun back with
//   --confirm. A filter too long for a comment is left to the JSON report.
void add_rerun_view(kainjow::mustache::data& view, const Report& report);

}  // namespace caws::report
