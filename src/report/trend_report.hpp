#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "report/json_writer.hpp"
#include "report/templates.hpp"
#include "report/trend_document.hpp"
#include "trend/analysis.hpp"

namespace caws::report {

// What the trend command analysed and how, for the report's header.
struct TrendReportInput {
    std::vector<std::string> histories;  // the history files, as given
    std::vector<trend::Trend> trends;    // taken into the report, each series cut to its window
    trend::Options options;
    trend::GateRules rules;
    std::optional<std::size_t> last;    // --last N
    std::optional<std::string> metric;  // --metric GLOB
};

// The trend report, schema "caws-gate/trend@1" (trend_document.hpp): verdict, options,
// and per metric its drift, change points, level and newest values. Deterministic: the
// same input gives the same report.
TrendReport build_trend_report(TrendReportInput input);

// The report as JSON, through `out`: verdict, options, a summary and per metric its
// drift, change points, level and series. Non-finite numbers are null. A report read back
// (TrendReport::as_read) is written as it was read.
void write_trend_report(JsonWriter& out, const TrendReport& report);

// Its text, two-space indented, ending with a newline (`caws-gate trend --json`), and its
// JSON tree.
std::string serialize_trend_report(const TrendReport& report);
nlohmann::ordered_json trend_report_json(const TrendReport& report);

// The Markdown trend report ("trend_markdown" template): a summary table and, for every
// degrading metric or metric with change points, a Mermaid xychart-beta chart.
std::string render_trend_markdown(const TrendReport& report, const TemplateSet& templates);

// A LaTeX (booktabs) table of the change points ("trend_latex" template).
std::string render_trend_latex(const TrendReport& report, const TemplateSet& templates);

// Text for a quoted Mermaid label: " < > & ` ; and # as Mermaid's entity codes (#quot;,
// #lt;, #gt;, #amp;, #96;, #59;, #35;), which the chart shows as the characters; line
// breaks as spaces. A label can neither end its string nor hold a tag.
std::string mermaid_label(std::string_view text);

}  // namespace caws::report
