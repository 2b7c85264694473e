#pragma once

// The view model of a trend report, shared by the trend command's templates and the trend
// section of the check report. Internal header (includes kainjow mustache).

#include <kainjow/mustache.hpp>

#include "report/trend_document.hpp"

namespace caws::report {

// The view the "trend_markdown" and "trend_latex" templates render, built from a trend
// report (trend_document.hpp): `verdict`, `verdict_icon`, `summary`, `method`, `rows`
// (one per metric), `charts` (one per degrading metric or metric with change points:
// `metric`, `measure`, `drift`, `slope`, `level`, `icon`, `change_points`, `mermaid`,
// `truncated`, `shown`, `runs`) and `all_change_points`.
kainjow::mustache::data trend_view(const TrendReport& report);

// The same with only the first `chart_limit` charts in the order of their level (failing
// first, then warnings, each group in the report's order), the order the check report
// shows them in; `charts_total` is set to the number of charts the report has. A check of
// 20,000 benchmarks draws ten charts, not thousands. Without `rows`, `rows` is an empty
// list (no template of the report names it).
kainjow::mustache::data trend_view(const TrendReport& report, std::size_t chart_limit,
                                   std::size_t& charts_total, bool rows);

}  // namespace caws::report
