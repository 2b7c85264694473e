#include "report/report_formats.hpp"

#include <gtest/gtest.h>

#include <set>
#include <stdexcept>
#include <string>

#include "compare/comparator.hpp"
#include "gate/policy.hpp"
#include "report/json_report.hpp"
#include "report/latex_renderer.hpp"
#include "report/template_renderer.hpp"
#include "report/trend_section.hpp"
#include "support/simulated_runs.hpp"
#include "trend/analysis.hpp"

namespace caws::report {
namespace {

Report sample_report() {
    static const auto runs = test::simulate_runs({3.0, 1.0}, 5, 5, 0.02, 9);
    static const model::Verdict verdict =
        gate::evaluate(compare::compare_runs(runs.baseline, runs.candidate));
    ReportInput input;
    input.verdict = &verdict;
    input.baseline = &runs.baseline;
    input.candidate = &runs.candidate;
    return build_report(input);
}

TEST(ReportFormats, EveryRowIsCompleteAndItsTemplateBuiltIn) {
    std::set<std::string_view> ids, flags;
    for (const ReportFormat& format : report_formats()) {
        EXPECT_TRUE(ids.insert(format.id).second) << format.id;
        EXPECT_TRUE(flags.insert(format.flag).second) << format.flag;
        EXPECT_TRUE(format.flag.starts_with("--")) << format.id;
        EXPECT_FALSE(format.help.empty()) << format.id;
        EXPECT_NE(format.view, nullptr) << format.id;
        EXPECT_NE(format.escape, nullptr) << format.id;
        EXPECT_TRUE(embedded_template(format.template_name).has_value()) << format.id;
        for (const FormatSwitch& option : format.switches) {
            EXPECT_TRUE(flags.insert(option.flag).second) << option.flag;
            EXPECT_FALSE(option.id.empty()) << option.flag;
        }
        EXPECT_EQ(&report_format(format.id), &format);
    }
    EXPECT_TRUE(ids.contains("markdown") && ids.contains("latex") && ids.contains("junit"));
    EXPECT_THROW(report_format("html"), std::logic_error);
}

TEST(ReportFormats, ARowRendersItsViewWithItsTemplateAndEscaper) {
    const Report report = sample_report();
    TemplateSet templates;
    templates.override_template(
        "latex", "{{headline}}|{{#rows}}{{name}};{{/rows}}|{{#siunitx}}S{{/siunitx}}");
    templates.override_template("junit", "{{tests}} <{{command}}>");
    RenderOptions options;
    options.switches = {"siunitx"};
    EXPECT_EQ(render_format(report_format("latex"), report, templates, options),
              "1 benchmark regressed (1 severe; 1 metric), 0 improved, 1 unchanged of 2 "
              "benchmarks (2 metrics)|BM\\_0;BM\\_1;|S");
    EXPECT_EQ(render_format(report_format("latex"), report, templates, options),
              render_latex(report, templates, {true, false}));
    EXPECT_EQ(render_format(report_format("junit"), report, templates, {}), "2 <check>");
}

TEST(ReportFormats, TheTrendTableRowsAreBuiltForATemplateThatNamesThem) {
    std::vector<trend::Trend> trends;
    for (const char* name : {"BM_A", "BM_B"}) {
        trend::Series series;
        series.metric = name;
        series.measure = "cpu_time";
        series.unit = "s";
        series.direction = model::Direction::lower;
        series.values = {1, 1, 1, 1, 2, 2, 2, 2};
        trend::label_runs(series, std::vector<std::string>(8, ""), std::vector<std::string>(8, ""));
        trends.push_back(trend::analyse(std::move(series)));
    }
    TrendSectionInput input;
    input.history = "h.jsonl";
    input.trends = std::move(trends);
    Report report = sample_report();
    report.trends = build_trend_section(std::move(input));
    TemplateSet templates;
    templates.override_template("junit", "{{#trends}}{{#rows}}{{metric}};{{/rows}}{{/trends}}");
    EXPECT_EQ(render_format(report_format("junit"), report, templates, {}), "BM_A;BM_B;");
    templates.override_template("junit", "{{#trends}}{{ trends.rows }}{{summary}}{{/trends}}");
    EXPECT_NE(render_format(report_format("junit"), report, templates, {}).find("2 metrics"),
              std::string::npos);
}

TEST(ReportFormats, ATemplateNamesAKeyInAnyKindOfTag) {
    EXPECT_TRUE(names_key("{{#rows}}x{{/rows}}", "rows"));
    EXPECT_TRUE(names_key("a {{^ rows }}none{{/rows}}", "rows"));
    EXPECT_TRUE(names_key("{{{rows}}}", "rows"));
    EXPECT_TRUE(names_key("{{&rows}}", "rows"));
    EXPECT_TRUE(names_key("{{trends.rows}}", "rows"));
    EXPECT_TRUE(names_key("{{=<% %>=}}<%rows%>", "rows"));  // other delimiters: anything
    EXPECT_FALSE(names_key("{{omitted}} rows are left out", "rows"));
    EXPECT_FALSE(names_key("{{! rows }}{{rows_total}}{{#arrows}}{{/arrows}}", "rows"));
    EXPECT_FALSE(names_key("", "rows"));
}

}  // namespace
}  // namespace caws::report
