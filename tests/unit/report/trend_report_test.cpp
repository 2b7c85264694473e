#include "report/trend_report.hpp"

#include <gtest/gtest.h>

#include "stats/random.hpp"
#include "trend/analysis.hpp"
#include "trend/series.hpp"

namespace caws::report {
namespace {

trend::Series series(std::string name, double step, std::size_t at) {
    trend::Series s;
    s.metric = std::move(name);
    s.measure = "cpu_time";
    s.unit = "s";
    s.direction = model::Direction::lower;
    stats::Random random(9);
    std::vector<std::string> dates, commits;
    for (std::size_t i = 0; i < 40; ++i) {
        s.values.push_back(1e-6 * (i >= at ? step : 1.0) * (1 + 0.02 * random.normal()));
        dates.push_back(
            std::string("2026-11-").append(std::to_string(10 + i % 18)).append("T03:00:00Z"));
        commits.push_back(std::string("abcdef0123456789").append(std::to_string(i)));
    }
    trend::label_runs(s, dates, commits);
    return s;
}

TrendReport report_of(std::vector<trend::Trend>& trends) {
    trends.push_back(trend::analyse(series("BM_Sort<int>/1024", 1.6, 37)));
    trends.push_back(trend::analyse(series("BM_Flat_&_50%", 1.0, 40)));
    TrendReportInput input;
    input.histories = {"perf.jsonl"};
    input.trends = trends;
    return build_trend_report(std::move(input));
}

TEST(TrendReport, JsonCarriesVerdictDriftAndChangePoints) {
    std::vector<trend::Trend> trends;
    const nlohmann::ordered_json report = trend_report_json(report_of(trends));
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
    EXPECT_EQ(trend_report_json(report_of(again)).dump(), report.dump());  // deterministic
    // The text is the tree's dump, byte for byte.
    std::vector<trend::Trend> third;
    EXPECT_EQ(serialize_trend_report(report_of(third)), report.dump(2) + "\n");
}

// The JSON keeps the newest 100 values of each series (the charted ones), where they
// start, and which run each is, in one table of the runs shared by the series.
TEST(TrendReport, JsonKeepsTheChartedValuesAndTheRunsOnce) {
    std::vector<store::HistoryEntry> entries;
    for (std::size_t r = 0; r < 250; ++r) {
        store::HistoryEntry& e = entries.emplace_back();
        e.date = std::string("2026-11-").append(std::to_string(10 + r % 18)).append("T03:00:00Z");
        e.commit = std::string("c").append(std::to_string(r));
        for (const char* name : {"BM_A", "BM_B"}) {
            if (r % 10 == 3 && name[3] == 'B') continue;  // BM_B misses some runs
            store::HistoryMetric& m = e.metrics.emplace_back();
            m.name = name;
            m.measure = "cpu_time";
            m.unit = std::string(1, 's');  // not = "s": a false -Wrestrict in GCC 12
            m.direction = model::Direction::lower;
            m.median = 1e-6 * (r >= 200 ? 1.5 : 1.0) * (1 + 0.01 * static_cast<double>(r % 7));
        }
    }
    std::vector<trend::Trend> trends = trend::analyse_all(trend::build_series(entries));
    TrendReportInput input;
    input.histories = {"perf.jsonl"};
    input.trends = trends;
    const TrendReport built = build_trend_report(input);
    const nlohmann::ordered_json report = trend_report_json(built);
    ASSERT_EQ(report["runs"].size(), 250u);
    EXPECT_EQ(report["runs"][249]["commit"], "c249");
    EXPECT_EQ(report["runs"][249]["date"], entries[249].date);
    const auto& a = report["trends"][0];
    EXPECT_EQ(a["n"], 250);
    EXPECT_EQ(a["series"]["first"], 150);
    ASSERT_EQ(a["series"]["values"].size(), 100u);
    EXPECT_EQ(a["series"]["values"][0].get<double>(), *entries[150].metrics[0].median);
    EXPECT_EQ(a["series"]["runs"][0], 150);
    EXPECT_EQ(a["series"]["runs"][99], 249);
    const auto& b = report["trends"][1];
    EXPECT_EQ(b["n"], 225);
    EXPECT_EQ(b["series"]["first"], 125);
    ASSERT_EQ(b["series"]["runs"].size(), 100u);
    // BM_B's values are in the runs that have it: its 100 newest skip runs 153, 163, ...
    EXPECT_EQ(b["series"]["runs"][0], 139);
    EXPECT_EQ(b["series"]["runs"][99], 249);
    for (std::size_t i = 0; i < 100; ++i) {
        EXPECT_NE(b["series"]["runs"][i].get<std::size_t>() % 10, 3u);
    }
    // The change points name their run by date and commit.
    ASSERT_FALSE(a["change_points"].empty());
    EXPECT_EQ(a["change_points"][0]["index"], 200);
    EXPECT_EQ(a["change_points"][0]["commit"], "c200");
    EXPECT_EQ(b["change_points"][0]["commit"], "c200");
    // The chart's x axis numbers runs of the whole series.
    const std::string md = render_trend_markdown(built, TemplateSet{});
    EXPECT_NE(md.find("    x-axis [151, 152,"), std::string::npos) << md;
    EXPECT_NE(md.find("    x-axis [126, 127,"), std::string::npos) << md;
    EXPECT_NE(md.find("The chart shows the newest 100 of 250 runs."), std::string::npos) << md;
    EXPECT_NE(md.find("The chart shows the newest 100 of 225 runs."), std::string::npos) << md;
}

TEST(TrendReport, MarkdownHasATableAndAMermaidChartPerChangedMetric) {
    std::vector<trend::Trend> trends;
    const std::string md = render_trend_markdown(report_of(trends), TemplateSet{});
    EXPECT_NE(md.find("caws-gate trend: fail"), std::string::npos) << md;
    EXPECT_NE(md.find("\n\n| drift | metric |"), std::string::npos) << md;
    EXPECT_NE(md.find(" | BM_Sort&lt;int&gt;/1024 | cpu_time | "), std::string::npos) << md;
    // The runs: once under the table when every series has as many, else a column.
    EXPECT_TRUE(md.find("\nAll rows: 40 runs.\n") != std::string::npos ||
                md.find("| cpu_time | 40 |") != std::string::npos)
        << md;
    EXPECT_NE(
        md.find(
            "```mermaid\nxychart-beta\n    title \"BM_Sort#lt;int#gt;/1024 cpu_time (median)\"\n"
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
}

TEST(TrendReport, MermaidLabelsUseEntityCodes) {
    EXPECT_EQ(mermaid_label("BM_Parse<json>"), "BM_Parse#lt;json#gt;");
    // A quote would end the title's string; # first, so that a name's own "#lt;" is text.
    EXPECT_EQ(mermaid_label("say \"hi\"; `x` & #lt;\n"),
              "say #quot;hi#quot;#59; #96;x#96; #amp; #35;lt#59; ");
    std::vector<trend::Trend> trends;
    trends.push_back(trend::analyse(series("BM_Parse<json> \"x\"", 1.6, 37)));
    const std::string md = render_trend_markdown(report_of(trends), TemplateSet{});
    EXPECT_NE(md.find("    title \"BM_Parse#lt;json#gt; #quot;x#quot; cpu_time (median)\"\n"),
              std::string::npos)
        << md;
}

TEST(TrendReport, InfoLevelsHaveTheInfoIconOfTheOtherReports) {
    trend::GateRules rules;
    rules.change_point = model::Level::info;
    std::vector<trend::Trend> trends;
    trends.push_back(trend::analyse(series("BM_Sort<int>/1024", 1.6, 37), {}, rules));
    TrendReportInput input;
    input.histories = {"perf.jsonl"};
    input.trends = trends;
    const TrendReport built = build_trend_report(input);
    const nlohmann::ordered_json report = trend_report_json(built);
    // An info change point leaves the metric passing (analysis.cpp) but is marked as info.
    ASSERT_EQ(report["trends"][0]["change_points"][0]["level"], "info");
    const std::string md = render_trend_markdown(built, TemplateSet{});
    EXPECT_NE(md.find("- ℹ️ change point at run 38"), std::string::npos) << md;
    EXPECT_NE(md.find("| ✅\u00a0stable | BM_Sort&lt;int&gt;/1024 | cpu_time |"), std::string::npos)
        << md;
}

// A history without commits (runs recorded with --no-git, say): the change point names
// its run and date, with no empty parentheses.
TEST(TrendReport, AChangePointWithoutACommitPrintsNoParentheses) {
    trend::Series s = series("BM_Sort/1024", 1.6, 30);
    std::vector<std::string> dates(40, "2026-11-20T03:00:00Z");
    trend::label_runs(s, dates, std::vector<std::string>(40));
    std::vector<trend::Trend> trends{trend::analyse(std::move(s))};
    TrendReportInput input;
    input.histories = {"perf.jsonl"};
    input.trends = trends;
    const std::string md = render_trend_markdown(build_trend_report(input), TemplateSet{});
    EXPECT_NE(md.find("change point at run 31, 2026-11-20T03:00:00Z: "), std::string::npos) << md;
    EXPECT_EQ(md.find("()"), std::string::npos) << md;
}

// Shifts under the minor threshold are reported apart and counted apart: the summary
// says how many were left out.
TEST(TrendReport, ShiftsAreListedAndNotCounted) {
    trend::Series s = series("BM_Sort/1024", 1.0, 40);
    for (std::size_t i = 20; i < 40; ++i) s.values[i] *= i < 30 ? 1.08 : 1.08 * 1.5;
    std::vector<trend::Trend> trends{trend::analyse(std::move(s))};
    ASSERT_EQ(trends[0].shifts.size(), 1u) << trends[0].change_points.size();
    ASSERT_EQ(trends[0].change_points.size(), 1u);
    TrendReportInput input;
    input.histories = {"perf.jsonl"};
    input.trends = trends;
    const TrendReport built = build_trend_report(input);
    const nlohmann::ordered_json report = trend_report_json(built);
    EXPECT_EQ(report["summary"]["change_points"], 1);
    EXPECT_EQ(report["summary"]["shifts"], 1);
    EXPECT_EQ(report["options"]["rules"]["min_magnitude"], 1.2);
    EXPECT_EQ(report["trends"][0]["shifts"][0]["index"], 20);
    EXPECT_FALSE(report["trends"][0]["shifts"][0].contains("level"));
    EXPECT_EQ(report["trends"][0]["drift"]["since"], 30);
    const std::string md = render_trend_markdown(built, TemplateSet{});
    EXPECT_NE(md.find("1 change point in 1 metric; 1 shift under 1.20x, not counted."),
              std::string::npos)
        << md;
    EXPECT_NE(md.find("- shift at run 21 (abcdef012345), "), std::string::npos) << md;
    EXPECT_NE(md.find("Slope per run since run 31: "), std::string::npos) << md;
}

}  // namespace
}  // namespace caws::report
