#include "report/trend_section.hpp"

#include <gtest/gtest.h>

#include "report/report_reader.hpp"
#include "report/trend_report.hpp"
#include "report/trend_section_view.hpp"
#include "util/error.hpp"

namespace caws::report {
namespace {

using nlohmann::ordered_json;

TrendReport section_of(std::vector<trend::Trend> trends) {
    TrendSectionInput input;
    input.history = "baselines/history/perf.jsonl";
    input.trends = std::move(trends);
    input.last = 50;
    input.history_runs = 12;
    input.includes_candidate = true;
    return build_trend_section(std::move(input));
}

trend::Trend trend_of(std::vector<double> values) {
    trend::Series s;
    s.metric = "BM_A";
    s.measure = "cpu_time";
    s.unit = "s";
    s.direction = model::Direction::lower;
    trend::label_runs(s, std::vector<std::string>(values.size(), "2026-11-01T00:00:00Z"),
                      std::vector<std::string>(values.size(), "c"));
    s.values = std::move(values);
    return trend::analyse(std::move(s));
}

TEST(TrendSection, IsTheTrendReportWithWhatCheckAdded) {
    const ordered_json section = trend_report_json(section_of({trend_of({1, 1, 1, 2, 2, 2})}));
    EXPECT_EQ(section["schema"], "caws-gate/trend@1");
    EXPECT_EQ(section["histories"], ordered_json::array({"baselines/history/perf.jsonl"}));
    EXPECT_EQ(section["options"]["last"], 50);
    EXPECT_EQ(section["history_runs"], 12);
    EXPECT_EQ(section["includes_candidate"], true);
    ASSERT_EQ(section["trends"].size(), 1u);
    EXPECT_EQ(section["trends"][0]["n"], 6);
}

// The error `read_trend_section` gives for a report whose section was changed by `edit`.
std::string error_of(void (*edit)(ordered_json&)) {
    ordered_json report;
    report["trends"] = trend_report_json(section_of({trend_of({1, 1, 1, 2, 2, 2, 2})}));
    edit(report);
    try {
        read_trend_section(report, "r.json");
    } catch (const util::Error& error) {
        return error.where() + ": " + error.what_expected();
    }
    return "no error";
}

TEST(TrendSection, ReadBackItsShapeIsCheckedWithPointers) {
    EXPECT_EQ(error_of([](ordered_json&) {}), "no error");
    EXPECT_EQ(error_of([](ordered_json& r) { r.erase("trends"); }), "no error");
    EXPECT_EQ(error_of([](ordered_json& r) { r["trends"] = 3; }),
              "/trends: expected an object (a trend report), got a number");
    EXPECT_EQ(error_of([](ordered_json& r) { r["trends"].erase("trends"); }),
              "/trends: missing \"trends\"");
    EXPECT_EQ(error_of([](ordered_json& r) { r["trends"]["trends"][0].erase("drift"); }),
              "/trends/trends/0: missing \"drift\"");
    EXPECT_EQ(error_of([](ordered_json& r) { r["trends"]["trends"][0]["n"] = "six"; }),
              "/trends/trends/0/n: expected a whole number, got a string");
    EXPECT_EQ(
        error_of([](ordered_json& r) { r["trends"]["trends"][0]["series"]["values"][2] = "x"; }),
        "/trends/trends/0/series/values/2: expected a number or null, got a string");
    EXPECT_EQ(error_of([](ordered_json& r) {
                  r["trends"]["trends"][0]["change_points"] = ordered_json::array({1});
              }),
              "/trends/trends/0/change_points/0: expected an object, got a number");
    EXPECT_EQ(error_of([](ordered_json& r) { r["trends"]["trends"][0]["series"]["runs"][1] = 7; }),
              "/trends/trends/0/series/runs/1: expected the index of a run in /trends/runs, got "
              "a number");
    EXPECT_EQ(error_of([](ordered_json& r) { r["trends"]["trends"][0]["series"]["first"] = -1; }),
              "/trends/trends/0/series/first: expected a whole number, got a number");
    EXPECT_EQ(error_of([](ordered_json& r) { r["trends"]["runs"][0]["date"] = 1; }),
              "/trends/runs/0/date: expected a string, got a number");
    EXPECT_EQ(error_of([](ordered_json& r) { r["trends"]["runs"] = "none"; }),
              "/trends/runs: expected an array of runs, got a string");
    EXPECT_EQ(error_of([](ordered_json& r) { r["trends"]["includes_candidate"] = "yes"; }),
              "/trends/includes_candidate: expected true or false, got a string");
}

TEST(TrendSection, TheReportReaderChecksIt) {
    const std::string text = R"({"schema": "caws-gate/report@1", "verdict": "pass",
        "summary": {"comparisons": 0, "counts": {}}, "baseline": {"sources": []},
        "candidate": {"sources": []}, "comparisons": [], "findings": [],
        "trends": {"verdict": "pass", "histories": [], "options": {}, "trends": [{}]}})";
    try {
        parse_report(text, "r.json");
        FAIL() << "no error";
    } catch (const util::Error& error) {
        EXPECT_EQ(error.file(), "r.json");
        EXPECT_EQ(error.where(), "/trends/trends/0");
        EXPECT_EQ(error.what_expected(), "missing \"metric\"");
    }
}

TEST(TrendSection, TheReportDrawsTheTenWorstChartsFailingFirstAndCountsTheRest) {
    // Fourteen metrics with a change point each, the last two failing: the failing two
    // are drawn first, then the first eight warnings; four are counted as omitted.
    std::vector<trend::Trend> trends;
    for (int i = 0; i < 14; ++i) trends.push_back(trend_of({1, 1, 1, 1, 2, 2, 2, 2}));
    Report report;
    report.trends = section_of(trends);
    std::vector<TrendReportEntry>& list = report.trends->trends;
    ASSERT_EQ(list.size(), 14u);
    for (std::size_t i = 0; i < list.size(); ++i) {
        ASSERT_FALSE(list[i].trend.change_points.empty());
        list[i].trend.series.metric = "BM_" + std::to_string(i);
        list[i].trend.level = i >= 12 ? model::Level::fail : model::Level::warn;
    }
    kainjow::mustache::data view;
    add_trend_section(view, report);
    const kainjow::mustache::data* section = view.get("trends");
    ASSERT_NE(section, nullptr);
    const kainjow::mustache::data* charts = section->get("charts");
    ASSERT_TRUE(charts != nullptr && charts->is_list());
    std::vector<std::string> drawn;
    for (const kainjow::mustache::data& chart : charts->list_value()) {
        drawn.push_back(chart.get("metric")->string_value());
    }
    EXPECT_EQ(drawn, (std::vector<std::string>{"BM_12", "BM_13", "BM_0", "BM_1", "BM_2", "BM_3",
                                               "BM_4", "BM_5", "BM_6", "BM_7"}));
    EXPECT_EQ(section->get("charts_omitted")->string_value(), "4");
    EXPECT_TRUE(section->get("has_charts_omitted")->is_true());
    // Every change point is still listed (the LaTeX table), drawn or not.
    EXPECT_EQ(section->get("all_change_points")->list_value().size(), 14u);
}

}  // namespace
}  // namespace caws::report
