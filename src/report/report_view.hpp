#pragma once

// The part of the view model that every report format shares, built from the report
// document: finished strings, so that templates only lay out and never compute. Internal
// header (includes kainjow mustache); docs/reports.md lists the keys.

#include <string>

#include <kainjow/mustache.hpp>

#include "model/comparison.hpp"
#include "report/report_document.hpp"

namespace caws::report {

// The keys every format's view has: `gated`, `command`, `verdict`, `verdict_icon`,
// `verdict_title`, `title`, `truncated`, `omitted`, `full_report`; the scores
// (`has_scores`, `health`, `trust`, `score_components`); how the numbers were computed
// (`method`, `alpha`, `p_adjustment`, `confidence`, `power`, `minor`, `moderate`,
// `severe`, `tool_version`); `counts` and the `headline` sentence; the geometric mean
// (`has_geomean`, `geomean`, `geomean_metrics`); and where the sides came from
// (`baseline_label`, `baseline_created`, `baseline_commit`, `has_baseline_commit`,
// `candidate_files`); the between-run noise of a check (`has_between_run`,
// `between_run`).
kainjow::mustache::data header_view(const Report& report);

// A comparison's sample sizes: "5 vs 5".
std::string sample_sizes(const model::Comparison& comparison);

// A comparison's ratio: "1.25x", "∞", or "—" when there is none.
std::string ratio_text(const model::Comparison& comparison);

}  // namespace caws::report
