#pragma once

// The view model of a trend report, shared by the trend command's templates and the trend
// section of the check report. Internal header (includes kainjow mustache).

#include <kainjow/mustache.hpp>
#include <nlohmann/json.hpp>

namespace caws::report {

// The view the "trend_markdown" and "trend_latex" templates render, built from a trend
// report (caws-gate/trend@1, build_trend_report): `verdict`, `verdict_icon`, `summary`,
// `method`, `rows` (one per metric), `charts` (one per degrading metric or metric with
// change points: `metric`, `measure`, `drift`, `slope`, `level`, `icon`,
// `change_points`, `mermaid`, `truncated`, `shown`, `runs`) and `all_change_points`.
kainjow::mustache::data trend_view(const nlohmann::ordered_json& report);

}  // namespace caws::report
