#pragma once

// The trend section of the check report's view model. Internal header (includes kainjow
// mustache); docs/reports.md lists the keys.

#include <cstddef>

#include <kainjow/mustache.hpp>

#include "report/report_document.hpp"

namespace caws::report {

// The most charts the Markdown report shows; the rest are counted in `charts_omitted`.
inline constexpr std::size_t k_report_trend_charts = 10;

// Sets `has_trends`, and when the report has a "trends" section (trend_section.hpp), the
// object `trends`: the trend view (trend_view.hpp) with its charts worst first and at
// most k_report_trend_charts of them, plus `history`, `analysed`,
// `has_charts_omitted`, `charts_omitted`, `has_change_points`, and with `junit_cases`
// `trend_cases`, `trend_tests`, `trend_failures`, whose counts are added to the view's
// `tests` and `failures`. The table's `rows` only with `rows` (RenderOptions::trend_rows).
void add_trend_section(kainjow::mustache::data& view, const Report& report,
                       bool junit_cases = false, bool rows = true);

}  // namespace caws::report
