#pragma once

#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "report/templates.hpp"
#include "trend/analysis.hpp"

namespace caws::report {

// What the trend command analysed and how, for the report's header.
struct TrendReportInput {
    std::vector<std::string> histories;  // the history files, as given
    const std::vector<trend::Trend>* trends = nullptr;
    trend::Options options;
    trend::GateRules rules;
    std::optional<std::size_t> last;    // --last N
    std::optional<std::string> metric;  // --metric GLOB
};

// The trend report, schema "caws-gate/trend@1": verdict, options, a summary and per
// metric its drift, change points, level and series. Deterministic: the same input gives
// the same bytes. Non-finite numbers are null.
nlohmann::ordered_json build_trend_report(const TrendReportInput& input);

// The Markdown trend report ("trend_markdown" template): a summary table and, for every
// degrading metric or metric with change points, a Mermaid xychart-beta chart.
std::string render_trend_markdown(const nlohmann::ordered_json& report,
                                  const TemplateSet& templates);

// A LaTeX (booktabs) table of the change points ("trend_latex" template).
std::string render_trend_latex(const nlohmann::ordered_json& report, const TemplateSet& templates);

// Text for a quoted Mermaid label: " < > & ` ; and # as Mermaid's entity codes (#quot;,
// #lt;, #gt;, #amp;, #96;, #59;, #35;), which the chart shows as the characters; line
// breaks as spaces. A label can neither end its string nor hold a tag.
std::string mermaid_label(std::string_view text);

}  // namespace caws::report
