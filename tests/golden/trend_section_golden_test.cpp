// The check report with a trend section: rendered reports compared byte for byte with
// committed files, re-rendered from the JSON, and read by the programs that consume them
// (cmark-gfm, pdflatex, xmllint; each check skips where the program is missing).
#include <gtest/gtest.h>

#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <random>

#include "compare/comparator.hpp"
#include "gate/policy.hpp"
#include "report/json_report.hpp"
#include "report/junit_renderer.hpp"
#include "report/latex_renderer.hpp"
#include "report/markdown_renderer.hpp"
#include "report/report_reader.hpp"
#include "report/trend_section.hpp"
#include "store/history_file.hpp"
#include "support/golden.hpp"
#include "support/process.hpp"
#include "support/temp_dir.hpp"
#include "support/tools.hpp"
#include "trend/findings.hpp"
#include "trend/series.hpp"

namespace caws::report {
namespace {

using nlohmann::ordered_json;
using test::count_of;

constexpr std::size_t k_runs = 24;  // the candidate is the 24th

// Per metric its value in run i, in seconds: a step at run 21 (0-based 20, among the newest 5), a
// steady drift, a flat series, and names that need escaping in every format.
struct Shape {
    const char* name;
    double (*value)(std::size_t);
};
const Shape k_shapes[] = {
    {"BM_Parse<json>", [](std::size_t i) { return i < 20 ? 2e-6 : 3.2e-6; }},
    {"BM_Sort_%_x&y", [](std::size_t i) { return 1e-3 * (1 + 0.03 * static_cast<double>(i)); }},
    {"BM_Flat|1", [](std::size_t) { return 5e-4; }},
};

struct Example {
    model::Run baseline;
    model::Run candidate;
    model::Verdict verdict;
    Report report;
};

Example example_with_trends() {
    std::mt19937 generator(7);
    const auto noise = [&generator] {
        return 1 + 0.01 * (static_cast<double>(generator() % 2001) / 1000.0 - 1.0);
    };
    Example e;
    std::vector<store::HistoryEntry> history;
    for (std::size_t i = 0; i + 1 < k_runs; ++i) {
        store::HistoryEntry entry;
        char date[32];
        std::snprintf(date, sizeof date, "2026-11-%02zuT02:00:00Z", i + 1);
        char commit[16];
        std::snprintf(commit, sizeof commit, "%04zxdeadbeef", i);
        entry.date = date;
        entry.commit = commit;
        for (const Shape& shape : k_shapes) {
            store::HistoryMetric m;
            m.name = shape.name;
            m.measure = "cpu_time";
            m.unit = "s";
            m.direction = model::Direction::lower;
            m.n = 5;
            m.median = shape.value(i) * noise();
            entry.metrics.push_back(m);
        }
        history.push_back(std::move(entry));
    }
    for (const Shape& shape : k_shapes) {
        model::Metric m;
        m.name = shape.name;
        m.measure = "cpu_time";
        m.unit = model::seconds();
        m.direction = model::Direction::lower;
        for (int k = 0; k < 5; ++k) m.samples.push_back(shape.value(k_runs - 2) * noise());
        e.baseline.metrics.push_back(m);
        m.samples.clear();
        for (int k = 0; k < 5; ++k) m.samples.push_back(shape.value(k_runs - 1) * noise());
        e.candidate.metrics.push_back(m);
    }
    e.baseline.sources.push_back({"baselines/bench.json", "caws-baseline"});
    e.candidate.sources.push_back({"bench.json", "google-benchmark"});
    // The candidate joins the history as check adds it.
    history.push_back(store::summarize_run(e.candidate, "2026-11-24T02:00:00Z", "cafe", "pr"));

    e.verdict = gate::evaluate(compare::compare_runs(e.baseline, e.candidate));
    trend::GateRules rules;
    rules.degrading = model::Level::warn;
    rules.change_point = model::Level::warn;
    const std::vector<trend::Trend> trends =
        trend::analyse_all(trend::build_series(history), {}, rules, 1);
    trend::add_trend_findings(e.verdict, trends, rules);

    TrendSectionInput section;
    section.history = "baselines/history/bench.jsonl";
    section.trends = trends;
    section.rules = rules;
    section.last = 100;
    section.history_runs = k_runs - 1;
    section.includes_candidate = true;
    ReportInput input;
    input.verdict = &e.verdict;
    input.baseline = &e.baseline;
    input.baseline_label = "baselines/bench.json";
    input.candidate = &e.candidate;
    input.trends = build_trend_section(section);
    e.report = build_report(input);
    return e;
}

TEST(TrendSectionGolden, CheckReportWithTrends) {
    const Example e = example_with_trends();
    const TemplateSet templates;
    const std::string json = serialize_report(e.report);
    const std::string markdown = render_markdown(e.report, templates);
    const std::string latex = render_latex(e.report, templates);
    const std::string junit = render_junit(e.report, templates);
    test::expect_golden("check_trends.json", json);
    test::expect_golden("check_trends.md", markdown);
    test::expect_golden("check_trends.tex", latex);
    test::expect_golden("check_trends.junit.xml", junit);

    // What the report command renders from the saved JSON is the same text.
    const Report read = parse_report(json, "report.json");
    EXPECT_EQ(render_markdown(read, templates), markdown);
    EXPECT_EQ(render_latex(read, templates), latex);
    EXPECT_EQ(render_junit(read, templates), junit);
}

TEST(TrendSectionGolden, ReportsWithoutHistoryHaveNoTrendSection) {
    Example e = example_with_trends();
    ReportInput input;
    input.verdict = &e.verdict;
    input.baseline = &e.baseline;
    input.candidate = &e.candidate;
    const Report report = build_report(input);
    EXPECT_FALSE(ordered_json(report).contains("trends"));
    const TemplateSet templates;
    EXPECT_EQ(render_markdown(report, templates).find("Trends"), std::string::npos);
    EXPECT_EQ(render_latex(report, templates).find("change points"), std::string::npos);
    EXPECT_EQ(render_junit(report, templates).find("trends"), std::string::npos);
}

TEST(TrendSectionConsumers, GithubMarkdownHasOneMermaidBlockPerChart) {
    REQUIRE_TOOL("cmark-gfm");
    const Example e = example_with_trends();
    const std::string markdown = render_markdown(e.report, TemplateSet{});
    test::TempDir dir;
    const auto result =
        test::run_process({"cmark-gfm", "-e", "table", dir.write("report.md", markdown)});
    ASSERT_EQ(result.exit_code, 0) << result.err;
    // GitHub draws each ```mermaid block: cmark-gfm must see them as code blocks.
    const std::size_t charts = count_of(markdown, "```mermaid\n");
    EXPECT_EQ(charts, 2u) << markdown;  // the step and the drift, not the flat series
    EXPECT_EQ(count_of(result.out, "<pre><code class=\"language-mermaid\">xychart-beta\n"), charts)
        << result.out;
    // No name escaped a code block or a table cell.
    EXPECT_EQ(result.out.find("<json>"), std::string::npos);
}

TEST(TrendSectionConsumers, StandaloneLatexWithTheChangePointTableCompiles) {
    REQUIRE_TOOL("pdflatex");
    const Example e = example_with_trends();
    test::TempDir dir;
    for (const bool siunitx : {false, true}) {
        const std::string name = siunitx ? "trends_siunitx" : "trends";
        const std::string latex = render_latex(e.report, TemplateSet{}, {siunitx, true});
        ASSERT_NE(latex.find("tab:caws-gate-trends"), std::string::npos);
        const std::string path = dir.write(name + ".tex", latex);
        const auto result = test::run_process(
            {"pdflatex", "-interaction=nonstopmode", "-halt-on-error", "-no-shell-escape", path},
            {}, dir.path());
        EXPECT_EQ(result.exit_code, 0) << name << ":\n" << result.out.substr(0, 4000);
        EXPECT_TRUE(std::filesystem::exists(dir.file(name + ".pdf"))) << name;
    }
}

TEST(TrendSectionConsumers, JunitWithTrendCasesMatchesTheSchema) {
    REQUIRE_TOOL("xmllint");
    const Example e = example_with_trends();
    test::TempDir dir;
    const std::string path = dir.write("junit.xml", render_junit(e.report, TemplateSet{}));
    const std::string schema =
        std::string(CAWS_GATE_SOURCE_DIR) + "/tests/fixtures/junit/junit.xsd";
    const auto valid = test::run_process({"xmllint", "--noout", "--schema", schema, path});
    EXPECT_EQ(valid.exit_code, 0) << valid.err;
    const auto count = [&](const std::string& xpath) { return test::xpath_of(path, xpath); };
    EXPECT_EQ(count("string(/testsuites/@tests)"), count("count(//testcase)"));
    EXPECT_EQ(count("string(/testsuites/@failures)"), count("count(//failure)"));
    EXPECT_EQ(count("count(//testcase[@classname='caws-gate.trends'])"), "3");
}

}  // namespace
}  // namespace caws::report
