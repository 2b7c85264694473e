#include "report/report_document.hpp"

#include <gtest/gtest.h>

#include <limits>
#include <string>
#include <string_view>
#include <vector>

#include "compare/comparator.hpp"
#include "compare/geomean.hpp"
#include "gate/policy.hpp"
#include "report/json_report.hpp"
#include "report/junit_renderer.hpp"
#include "report/latex_renderer.hpp"
#include "report/markdown_renderer.hpp"
#include "report/report_reader.hpp"
#include "support/simulated_runs.hpp"
#include "util/error.hpp"

namespace caws::report {
namespace {

using nlohmann::ordered_json;

// A report with every optional part: geometric mean, scores with components, budgets
// (relative, with texts), a waived finding, a recommendation, an infinite ratio, the
// between-run noise of a history (a comparison made unchanged by it).
Report full_report() {
    static const auto runs = test::simulate_runs({3.0, 1.0, 1.0, 0.5}, 5, 5, 0.05, 3);
    model::Verdict verdict = gate::evaluate(compare::compare_runs(runs.baseline, runs.candidate));
    verdict.comparisons[1].ratio = std::numeric_limits<double>::infinity();
    model::BudgetCheck budget;
    budget.metric = "rss";
    budget.statistic = "max";
    budget.unit = "B";
    budget.value = 3e6;
    budget.max_ratio = 1.5;
    budget.ratio = 2.0;
    budget.level = model::Level::fail;
    budget.message = "rss grew 2.00x.";
    budget.value_text = "3 MB";
    verdict.budgets.push_back(budget);
    verdict.findings.push_back({model::Level::info, "regression", "BM_0", "cpu_time", "waived",
                                model::Waiver{"BM_*", "known", "@team", "2026-12-31", false}});
    verdict.scores = model::Scores{model::Score{72.5, {{"changes", 65, 0.5, "2 regressed"}}},
                                   model::Score{90, {}}};
    verdict.recommendations.push_back({"add-repetitions", "BM_1", "Run BM_1 12 times."});
    model::BetweenRun between;
    between.runs = 5;
    between.sd = 0.041;
    between.pooled_sd = 0.05;
    between.df = 23.5;
    between.interval = {0.85, 1.17};
    between.within = true;
    between.reclassified_from = model::ChangeClass::moderate;
    between.range = model::HistoryRange{14, 0.03, 2, {0.9, 2.2}, true};
    verdict.comparisons[2].between_run = between;
    ReportInput input;
    input.between_run = compare::BetweenRunSummary{5, 5, 5, "b/history/s.jsonl", 1, 1, 0.05};
    input.between_run->range_runs = 14;
    input.verdict = &verdict;
    input.baseline = &runs.baseline;
    input.baseline_label = "baselines/suite.json";
    input.baseline_provenance = store::Provenance{"2026-11-01T00:00:00Z", "abc", "main", "", {}};
    input.candidate = &runs.candidate;
    input.geomean = compare::geometric_mean_of_ratios(verdict.comparisons, input.options);
    return build_report(input);
}

TEST(ReportDocument, ReadingBackGivesTheSameReport) {
    const Report report = full_report();
    const std::string text = serialize_report(report);
    const Report read = parse_report(text, "r.json");
    EXPECT_EQ(serialize_report(read), text);
    EXPECT_EQ(render_markdown(read, TemplateSet{}), render_markdown(report, TemplateSet{}));
    // The text is the tree's.
    const ordered_json tree = report;
    EXPECT_EQ(tree.dump(2) + "\n", text);
}

TEST(ReportDocument, TheTextInPiecesIsTheWholeText) {
    Report report = full_report();
    // Enough comparisons for several pieces of a megabyte.
    const std::vector<model::Comparison> some = report.comparisons;
    while (report.comparisons.size() < 4000) {
        report.comparisons.insert(report.comparisons.end(), some.begin(), some.end());
    }
    const std::string whole = serialize_report(report);
    ASSERT_GT(whole.size(), std::size_t{2} << 20);
    std::vector<std::string> pieces;
    serialize_report(report, [&](std::string_view piece) { pieces.emplace_back(piece); });
    ASSERT_GE(pieces.size(), 3u);
    std::string joined;
    for (const std::string& piece : pieces) joined += piece;
    EXPECT_EQ(joined, whole);
    for (std::size_t i = 0; i + 1 < pieces.size(); ++i) {
        EXPECT_GE(pieces[i].size(), std::size_t{1} << 20);
        EXPECT_LT(pieces[i].size(), (std::size_t{1} << 20) + 4096);
    }
}

TEST(ReportDocument, ASubtreeIsWrittenAsDumpWritesIt) {
    // A trend section read back is written again value by value as it was read: every
    // kind of value, nested and empty containers, escapes, invalid UTF-8 and numbers JSON
    // cannot hold.
    Report report = full_report();
    ordered_json trends = ordered_json::parse(R"({"verdict": "warn", "empty": {}, "none": [],
        "nested": {"a": [1, -2, 3.5, 2.0, 1e300, null, true, false, "x\"y\u0001\u00e9"],
                   "b": {"c": 18446744073709551615, "d": [[], {}, [{}]]}}})");
    trends["nested"]["nan"] = std::numeric_limits<double>::quiet_NaN();
    trends["nested"]["bytes"] = std::string("a\xff\xfe");
    report.trends.emplace().as_read = trends;
    const std::string text = serialize_report(report);
    const ordered_json tree = report;
    EXPECT_EQ(tree.dump(2, ' ', false, ordered_json::error_handler_t::replace) + "\n", text);
    EXPECT_NE(text.find("\"nan\": null"), std::string::npos);
}

TEST(ReportDocument, AnInfiniteRatioIsNullAndFlagged) {
    const ordered_json json = full_report();
    const ordered_json& c = json.at("comparisons").at(1);
    EXPECT_TRUE(c.at("ratio").is_null());
    EXPECT_EQ(c.at("ratio_infinite"), true);
    const Report read = from_json(json, "r.json");
    EXPECT_EQ(read.comparisons[1].ratio, std::numeric_limits<double>::infinity());
}

// A report as the first version wrote it: what it lacks stays absent when it is written
// again, so that the views keep describing the methods of that time.
TEST(ReportDocument, WhatAnOlderReportLacksStaysAbsent) {
    const char* older = R"({"schema": "caws-gate/report@1", "verdict": "pass",
        "settings": {"alpha": 0.01, "thresholds": {"minor": 1.1, "moderate": 1.5, "severe": 2}},
        "summary": {"comparisons": 0, "counts": {}}, "baseline": {"sources": []},
        "candidate": {"sources": []}, "comparisons": [], "findings": []})";
    const Report report = parse_report(older, "r.json");
    ASSERT_TRUE(report.settings.has_value());
    EXPECT_FALSE(report.settings->test.has_value());
    EXPECT_FALSE(report.settings->ci.has_value());
    EXPECT_FALSE(report.summary.tested.has_value());
    EXPECT_FALSE(report.tool.has_value());
    const ordered_json json = report;
    EXPECT_EQ(json.at("settings"), ordered_json::parse(R"({"alpha": 0.01,
                  "thresholds": {"minor": 1.1, "moderate": 1.5, "severe": 2.0}})"));
    EXPECT_FALSE(json.contains("tool"));
    EXPECT_FALSE(json.at("summary").contains("tested"));
    EXPECT_FALSE(json.at("baseline").contains("context"));
    const std::string markdown = render_markdown(report, TemplateSet{});
    EXPECT_NE(markdown.find("Medians are compared with a two-sided Mann-Whitney U test, alpha "
                            "0.01. Classes: minor ≥ 1.1x"),
              std::string::npos)
        << markdown;
}

// A report that gates nothing (`compare`) writes no verdict; a gated one must have one.
TEST(ReportDocument, AnUngatedReportHasANullVerdict) {
    Report report = full_report();
    report.gated = false;
    const ordered_json json = report;
    EXPECT_TRUE(json.at("verdict").is_null());
    EXPECT_FALSE(from_json(json, "r.json").gated);
    ordered_json gated = json;
    gated["gated"] = true;
    try {
        (void)from_json(gated, "r.json");
        FAIL() << "a gated report without a verdict was read";
    } catch (const util::Error& e) {
        EXPECT_NE(std::string(e.what()).find("/verdict"), std::string::npos) << e.what();
    }
}

TEST(ReportDocument, TheBetweenRunNoiseIsSaidUnderTheHeadline) {
    Report report = full_report();
    EXPECT_NE(render_markdown(report, TemplateSet{})
                  .find("Between-run noise from 5 runs of the history (b/history/s.jsonl): a "
                        "run's median moves by 5.0% from run to run (median over 1 metric, "
                        "pooled across metrics); 1 change within it classed unchanged."),
              std::string::npos);
    report.between_run = compare::BetweenRunSummary{1, 5, 1, "b/history/s.jsonl", 0, 0, {}};
    EXPECT_NE(render_markdown(report, TemplateSet{})
                  .find("Between-run noise unknown: the history has 1 run (5 needed) and the "
                        "baseline is one run: the verdict rests on one run of each side."),
              std::string::npos);
    report.between_run.reset();
    EXPECT_EQ(render_markdown(report, TemplateSet{}).find("Between-run"), std::string::npos);
}

// The LaTeX table's note and the JUnit metrics suite's properties say it too, escaped for
// each.
TEST(ReportDocument, TheBetweenRunNoiseIsInTheLatexNoteAndAJunitProperty) {
    Report report = full_report();
    const std::string latex = render_latex(report, TemplateSet{});
    EXPECT_NE(latex.find("Between-run noise from 5 runs of the history (b/history/s.jsonl): a "
                         "run's median moves by 5.0\\% from run to run"),
              std::string::npos)
        << latex;
    const std::string junit = render_junit(report, TemplateSet{});
    EXPECT_NE(junit.find("<property name=\"between-run noise\" value=\"Between-run noise from 5 "
                         "runs of the history (b/history/s.jsonl): a run&apos;s median moves"),
              std::string::npos)
        << junit;
    report.between_run.reset();
    EXPECT_EQ(render_latex(report, TemplateSet{}).find("Between-run"), std::string::npos);
    EXPECT_EQ(render_junit(report, TemplateSet{}).find("<properties>"), std::string::npos);
}

// The error from_json gives for the full report changed by `edit`.
std::string error_of(void (*edit)(ordered_json&)) {
    ordered_json json = full_report();
    edit(json);
    try {
        from_json(json, "r.json");
    } catch (const util::Error& error) {
        return error.what();
    }
    return "no error";
}

TEST(ReportDocument, EveryValueReadIsCheckedWithItsPointer) {
    EXPECT_EQ(error_of([](ordered_json&) {}), "no error");
    EXPECT_EQ(error_of([](ordered_json& r) { r["comparisons"][0]["level"] = "bad"; }),
              "r.json: /comparisons/0/level: expected \"pass\", \"info\", \"warn\" or \"fail\", "
              "got a string");
    EXPECT_EQ(error_of([](ordered_json& r) { r["comparisons"][2]["class"] = "worse"; }),
              "r.json: /comparisons/2/class: expected a change class (\"severe\", \"moderate\", "
              "\"minor\", \"improved\", \"unchanged\", \"added\", \"removed\", \"failed\" or "
              "\"skipped\"), got a string");
    EXPECT_EQ(error_of([](ordered_json& r) { r["comparisons"][0]["power"]["noise"] = "x"; }),
              "r.json: /comparisons/0/power/noise: expected a number or null, got a string");
    EXPECT_EQ(
        error_of([](ordered_json& r) { r["comparisons"][0]["power"]["repetitions_needed"] = 2.5; }),
        "r.json: /comparisons/0/power/repetitions_needed: expected a count or null, got a number");
    EXPECT_EQ(error_of([](ordered_json& r) { r["comparisons"][0]["noise"]["baseline"] = 1; }),
              "r.json: /comparisons/0/noise/baseline: expected null or an object, got a number");
    EXPECT_EQ(error_of([](ordered_json& r) { r["settings"]["thresholds"] = "x"; }),
              "r.json: /settings/thresholds: expected an object, got a string");
    EXPECT_EQ(error_of([](ordered_json& r) { r["settings"]["ci"]["confidence"] = true; }),
              "r.json: /settings/ci/confidence: expected a number or null, got a boolean");
    EXPECT_EQ(error_of([](ordered_json& r) { r["summary"]["geomean"]["ci"] = {1}; }),
              "r.json: /summary/geomean/ci: expected null or [low, high], got an array");
    EXPECT_EQ(error_of([](ordered_json& r) { r["baseline"]["provenance"]["commit"] = 5; }),
              "r.json: /baseline/provenance/commit: expected a string, got a number");
    EXPECT_EQ(error_of([](ordered_json& r) { r["scores"]["components"]["trust"] = {1}; }),
              "r.json: /scores/components/trust/0: expected an object, got a number");
    EXPECT_EQ(error_of([](ordered_json& r) { r["comparisons"][2]["between_run"]["df"] = "x"; }),
              "r.json: /comparisons/2/between_run/df: expected a number or null, got a string");
    EXPECT_EQ(error_of([](ordered_json& r) {
                  r["comparisons"][2]["between_run"]["reclassified_from"] = "worse";
              }),
              "r.json: /comparisons/2/between_run/reclassified_from: expected a change class, "
              "got a string");
    EXPECT_EQ(error_of([](ordered_json& r) {
                  r["comparisons"][2]["between_run"]["range"]["interval"] = {1};
              }),
              "r.json: /comparisons/2/between_run/range/interval: expected [low, high], got an "
              "array");
    EXPECT_EQ(error_of([](ordered_json& r) { r["between_run"]["runs"] = -1; }),
              "r.json: /between_run/runs: expected a count, got a number");
    EXPECT_EQ(error_of([](ordered_json& r) { r["between_run"]["history"] = 3; }),
              "r.json: /between_run/history: expected null or a string, got a number");
    EXPECT_EQ(error_of([](ordered_json& r) { r["tool"] = "caws-gate"; }),
              "r.json: /tool: expected an object, got a string");
}

}  // namespace
}  // namespace caws::report
