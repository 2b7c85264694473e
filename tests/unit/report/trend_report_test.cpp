#include "report/trend_report.hpp"

#include <gtest/gtest.h>

#include "stats/random.hpp"
#include "trend/analysis.hpp"

namespace caws::report {
namespace {

trend::Series series(std::string name, double step, std::size_t at) {
    trend::Series s;
    s.metric = std::move(name);
    s.measure = "cpu_time";
    s.unit = "s";
    s.direction = model::Direction::lower;
    stats::Random random(9);
    for (std::size_t i = 0; i < 40; ++i) {
        s.values.push_back(1e-6 * (i >= at ? step : 1.0) * (1 + 0.02 * random.normal()));
        s.dates.push_back("2026-11-" + std::to_string(10 + i % 18) + "T03:00:00Z");
        s.commits.push_back("abcdef0123456789" + std::to_string(i));
    }
    return s;
}

nlohmann::ordered_json report_of(std::vector<trend::Trend>& trends) {
    trends.push_back(trend::analyse(series("BM_Sort<int>/1024", 1.6, 37)));
    trends.push_back(trend::analyse(series("BM_Flat_&_50%", 1.0, 40)));
    TrendReportInput input;
    input.histories = {"perf.jsonl"};
    input.trends = &trends;
    return build_trend_report(input);
}

TEST(TrendReport, JsonCarriesVerdictDriftAndChangePoints) {
    std::vector<trend::Trend> trends;
    const nlohmann::ordered_json report = report_of(trends);
    EXPECT_EQ(report["schema"], "caws-gate/trend@1");
    EXPECT_EQ(report["verdict"], "fail");
    EXPECT_EQ(report["summary"]["metrics"], 2);
    const auto& sorted = report["trends"][0];
    EXPECT_EQ(sorted["metric"], "BM_Sort<int>/1024");
    EXPECT_EQ(sorted["level"], "fail");
    ASSERT_EQ(sorted["change_points"].size(), 1u);
    EXPECT_EQ(sorted["change_points"][0]["index"], 37);
    EXPECT_EQ(sorted["change_points"][0]["class"], "moderate");
    EXPECT_EQ(sorted["change_points"][0]["commit"], "abcdef012345678937");
    EXPECT_EQ(sorted["series"]["values"].size(), 40u);
    EXPECT_EQ(report["trends"][1]["change_points"].size(), 0u);
    EXPECT_EQ(report["trends"][1]["drift"]["class"], "stable");
    std::vector<trend::Trend> again;
    EXPECT_EQ(report_of(again).dump(), report.dump());  // deterministic
}

TEST(TrendReport, MarkdownHasATableAndAMermaidChartPerChangedMetric) {
    std::vector<trend::Trend> trends;
    const std::string md = render_trend_markdown(report_of(trends), TemplateSet{});
    EXPECT_NE(md.find("caws-gate trend: fail"), std::string::npos) << md;
    EXPECT_NE(md.find("\n\n| | metric |"), std::string::npos) << md;
    EXPECT_NE(md.find("| BM_Sort&lt;int&gt;/1024 | cpu_time | 40 |"), std::string::npos) << md;
    EXPECT_NE(
        md.find("```mermaid\nxychart-beta\n    title \"BM_Sort<int>/1024 cpu_time (median)\"\n"
                "    x-axis [1, 2, 3,"),
        std::string::npos)
        << md;
    EXPECT_NE(md.find("    y-axis \"ns\"\n    line [9"), std::string::npos) << md;
    EXPECT_NE(md.find("change point at run 38 (abcdef012345)"), std::string::npos) << md;
    // One chart: the flat metric has none.
    EXPECT_EQ(md.find("```mermaid"), md.rfind("```mermaid"));
}

TEST(TrendReport, LatexTableEscapesNames) {
    std::vector<trend::Trend> trends;
    const std::string tex = render_trend_latex(report_of(trends), TemplateSet{});
    EXPECT_NE(tex.find("\\toprule"), std::string::npos) << tex;
    // The one LaTeX escaper of the reports (escape.hpp): < and > print as themselves in
    // any font encoding.
    EXPECT_NE(tex.find("BM\\_Sort\\textless{}int\\textgreater{}/1024 & cpu\\_time & 38 & "
                       "abcdef012345 & "),
              std::string::npos)
        << tex;
    EXPECT_NE(tex.find("\\textmu{}s"), std::string::npos) << tex;
    EXPECT_EQ(mermaid_label("say \"hi\"; `x`"), "say 'hi'  'x'");
}

TEST(TrendReport, InfoLevelsHaveTheInfoIconOfTheOtherReports) {
    trend::GateRules rules;
    rules.change_point = model::Level::info;
    std::vector<trend::Trend> trends;
    trends.push_back(trend::analyse(series("BM_Sort<int>/1024", 1.6, 37), {}, rules));
    TrendReportInput input;
    input.histories = {"perf.jsonl"};
    input.trends = &trends;
    const nlohmann::ordered_json report = build_trend_report(input);
    // An info change point leaves the metric passing (analysis.cpp) but is marked as info.
    ASSERT_EQ(report["trends"][0]["change_points"][0]["level"], "info");
    const std::string md = render_trend_markdown(report, TemplateSet{});
    EXPECT_NE(md.find("- ℹ️ change point at run 38"), std::string::npos) << md;
    EXPECT_NE(md.find("| ✅ | BM_Sort&lt;int&gt;/1024 | cpu_time |"), std::string::npos) << md;
}

}  // namespace
}  // namespace caws::report
