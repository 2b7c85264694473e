// The Markdown, LaTeX, JUnit and annotation renderings of hand-made verdicts, and the
// reader that takes a saved JSON report back.
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "compare/comparator.hpp"
#include "gate/policy.hpp"
#include "gate/recommendations.hpp"
#include "report/annotation_renderer.hpp"
#include "report/escape.hpp"
#include "report/json_report.hpp"
#include "report/junit_renderer.hpp"
#include "report/latex_renderer.hpp"
#include "report/markdown_renderer.hpp"
#include "report/report_reader.hpp"
#include "support/simulated_runs.hpp"
#include "support/tools.hpp"
#include "util/error.hpp"

namespace caws::report {
namespace {

using nlohmann::ordered_json;
using test::count_of;

// A report of simulated metrics (BM_0, BM_1, ...) with `ratios` as their true ratios,
// gated by the default policy, plus whatever `extend` adds to the verdict.
Report make_report(const std::vector<double>& ratios, void (*extend)(model::Verdict&) = nullptr) {
    const auto runs = test::simulate_runs(ratios, 5, 5, 0.02, 11);
    model::Verdict verdict = gate::evaluate(compare::compare_runs(runs.baseline, runs.candidate));
    if (extend != nullptr) extend(verdict);
    ReportInput input;
    input.verdict = &verdict;
    input.baseline = &runs.baseline;
    input.baseline_label = "baselines/suite.json";
    input.candidate = &runs.candidate;
    return build_report(input);
}

void add_gate_results(model::Verdict& verdict) {
    model::BudgetCheck budget;
    budget.metric = "ttfa";
    budget.measure = "time";
    budget.statistic = "p95";
    budget.unit = "s";
    budget.value = 0.061;
    budget.warning = 0.05;
    budget.critical = 0.1;
    budget.level = model::Level::warn;
    budget.message = "ttfa p95 is 61.0 ms, above the warning budget of 50.0 ms.";
    verdict.budgets.push_back(budget);
    budget.metric = "rss";
    budget.unit = "B";
    budget.value = 3.0 * 1024 * 1024;
    budget.warning = 1024 * 1024;
    budget.critical = 2.0 * 1024 * 1024;
    budget.level = model::Level::fail;
    budget.message = "rss p95 is 3.00 MiB, above the critical budget of 2 MiB.";
    budget.value_text = "3.00 MiB";
    budget.warning_text = "1 MiB";
    budget.critical_text = "2 MiB";
    verdict.budgets.push_back(budget);
    verdict.findings.push_back(
        model::Finding{model::Level::fail, "budget", "rss", "time", budget.message, std::nullopt});
    verdict.findings.push_back(model::Finding{
        model::Level::info, "regression", "BM_Old", "cpu_time", "BM_Old is 1.3x worse.",
        model::Waiver{"BM_Old*", "known | tracked", "@perf-team", "2026-12-31", false}});
    verdict.scores = model::Scores{model::Score{72, {}}, model::Score{90, {}}};
    verdict.recommendations.push_back({"add-repetitions", "BM_1", "Run BM_1 12 times per side."});
    verdict.level = model::Level::fail;
}

TEST(MarkdownReport, ShowsScoresBudgetsWaiversAndRecommendations) {
    const auto report = make_report({3.0, 1.0, 1.0, 0.5}, add_gate_results);
    const std::string md = render_markdown(report, TemplateSet{});
    EXPECT_NE(md.find("Health **72**/100 · trust **90**/100."), std::string::npos) << md;
    EXPECT_NE(md.find("### Budgets"), std::string::npos);
    // The budget's numbers as its sentence writes them, in the gate file's units, each on
    // one line (a non-breaking space before the unit).
    EXPECT_NE(md.find("| ❌ | rss | time (p95) | 3.00\u00a0MiB | 1\u00a0MiB | 2\u00a0MiB | — |"),
              std::string::npos)
        << md;
    // A report without them (written before they existed): sizes in powers of 1000, as gate
    // files and sentences write them.
    ordered_json older = report;
    for (auto& b : older.at("budgets")) b.erase("shown");
    const std::string older_md = render_markdown(from_json(older, "r.json"), TemplateSet{});
    EXPECT_NE(
        older_md.find("| ❌ | rss | time (p95) | 3.15\u00a0MB | 1.05\u00a0MB | 2.10\u00a0MB | — |"),
        std::string::npos)
        << older_md;
    // Budgets worst first: the failing one before the warning one.
    EXPECT_LT(md.find("| ❌ | rss"), md.find("| ⚠️ | ttfa"));
    EXPECT_NE(md.find("### Waived"), std::string::npos);
    EXPECT_NE(md.find("| BM_Old | cpu_time | regression | known \\| tracked | @perf-team | "
                      "2026-12-31 |"),
              std::string::npos)
        << md;
    EXPECT_NE(md.find("### Recommendations\n\n- Run BM_1 12 times per side."), std::string::npos)
        << md;
    EXPECT_NE(md.find("- ❌ **budget**: rss p95 is 3.00 MiB"), std::string::npos);
    EXPECT_LT(md.find("### Needs attention"), md.find("### Budgets"));
    EXPECT_LT(md.find("### Budgets"), md.find("### Improvements"));
    EXPECT_LT(md.find("### Improvements"), md.find("### Recommendations"));
    EXPECT_LT(md.find("### Recommendations"), md.find("<details>"));
}

void add_command_advice(model::Verdict& verdict) {
    verdict.recommendations.push_back(
        {"pin-cpu", {}, "Pin it (e.g. `taskset -c 1`) on host a_*b*_`` ` ``c."});
}

TEST(MarkdownReport, CommandsInRecommendationsAreCodeAndTheRestIsEscaped) {
    const auto report = make_report({1.0, 1.0}, add_command_advice);
    const std::string md = render_markdown(report, TemplateSet{});
    EXPECT_NE(md.find("- Pin it (e.g. `taskset -c 1`) on host a\\_\\*b\\*\\_`` ` ``c.\n"),
              std::string::npos)
        << md;
}

// Every benchmark's gated cpu_time and its real_time, not gated, both too insensitive; the
// recommendations from those comparisons.
void add_insensitive_measures(model::Verdict& verdict) {
    std::vector<model::Comparison> second_clocks;
    for (auto& c : verdict.comparisons) {
        c.power = model::Power{0.2, 1.6, 30, true, std::nullopt, std::nullopt, std::nullopt};
        model::Comparison real = c;
        real.measure = "real_time";
        real.gated = false;
        second_clocks.push_back(real);
    }
    verdict.comparisons.insert(verdict.comparisons.end(), second_clocks.begin(),
                               second_clocks.end());
    verdict.recommendations =
        gate::recommend(verdict, gate::ScoreInput{nullptr, nullptr, {}, 1.2, 0.05});
}

TEST(MarkdownReport, RepetitionsSectionAndRecommendationCountTheSameBenchmarks) {
    const auto report = make_report({1.0, 1.0, 1.0}, add_insensitive_measures);
    const std::string md = render_markdown(report, TemplateSet{});
    EXPECT_NE(md.find("- Run at least 30 repetitions per side (Google Benchmark: "
                      "`--benchmark_repetitions=30`): 3 benchmarks (BM_0, BM_1 and BM_2)"),
              std::string::npos)
        << md;
    EXPECT_NE(md.find("\n3 benchmarks cannot detect a 1.2x slowdown"), std::string::npos) << md;
    const std::string section = md.substr(md.find("### Needs more repetitions"));
    EXPECT_EQ(count_of(section, "| cpu_time |"), 3u) << section;
    EXPECT_EQ(section.find("| real_time |"), std::string::npos) << section;
}

// The first benchmark gated on its maximum, which gets no repetitions needed.
void add_an_insensitive_maximum(model::Verdict& verdict) {
    for (auto& c : verdict.comparisons) {
        c.power = model::Power{0.2, 1.6, 30, true, std::nullopt, std::nullopt, std::nullopt};
    }
    verdict.comparisons.front().statistic = "max";
    verdict.comparisons.front().power->repetitions_needed.reset();
    verdict.recommendations =
        gate::recommend(verdict, gate::ScoreInput{nullptr, nullptr, {}, 1.2, 0.05});
}

TEST(MarkdownReport, AMaximumNeedsAQuantileNotUnknownRepetitions) {
    const auto report = make_report({1.0, 1.0}, add_an_insensitive_maximum);
    const std::string md = render_markdown(report, TemplateSet{});
    const std::string section = md.substr(md.find("### Needs more repetitions"));
    EXPECT_NE(section.find("| none: gate a quantile |"), std::string::npos) << section;
    EXPECT_NE(section.find("\"none: gate a quantile\": more samples help the test of a minimum "
                           "or maximum little"),
              std::string::npos)
        << section;
    // Not "unknown", whose sentence would blame too few samples.
    EXPECT_EQ(md.find("these samples are too few to measure the noise"), std::string::npos) << md;
    EXPECT_NE(md.find("- Gate a quantile instead of the maximum"), std::string::npos) << md;
    EXPECT_NE(md.find("- Run at least 30 repetitions per side"), std::string::npos) << md;
}

TEST(MarkdownReport, RepetitionsOfApplicationMetricsAreSamples) {
    auto report = make_report({1.0, 1.0, 1.0}, add_insensitive_measures);
    for (ReportSide* side : {&report.baseline, &report.candidate})
        side->sources = {{"tts.json", "caws-metrics"}};
    const std::string md = render_markdown(report, TemplateSet{});
    EXPECT_NE(md.find("\n3 metrics cannot detect a 1.2x slowdown with 80% power at the sample "
                      "sizes and noise measured; collect more samples (a longer load test or more "
                      "requests per run).\n\n| metric | measure |"),
              std::string::npos)
        << md;
}

TEST(MarkdownReport, NeedsAttentionIsWorstFirst) {
    const auto report = make_report({1.3, 4.0, 1.0, 1.7});
    const std::string md = render_markdown(report, TemplateSet{});
    const std::size_t severe = md.find("| ❌\u00a0severe | BM_1 |");
    const std::size_t moderate = md.find("| ❌\u00a0moderate | BM_3 |");
    const std::size_t minor = md.find("| BM_0 |");
    ASSERT_NE(severe, std::string::npos) << md;
    ASSERT_NE(moderate, std::string::npos) << md;
    ASSERT_NE(minor, std::string::npos) << md;
    EXPECT_LT(severe, moderate);
    EXPECT_LT(moderate, minor);
}

TEST(MarkdownReport, TwentyThousandMetricsAreShortenedToACommentKeepingTheWorst) {
    std::vector<double> ratios(20000, 1.0);
    for (std::size_t i = 0; i < ratios.size(); i += 7)
        ratios[i] = 1.3 + static_cast<double>(i % 5) * 0.2;
    for (std::size_t i = 3; i < ratios.size(); i += 11) ratios[i] = 0.6;
    ratios[12345] = 9.0;  // the worst of all
    const auto report = make_report(ratios);
    MarkdownOptions options;
    options.full_report = "https://example.com/artifacts/report.json";
    const std::string md = render_markdown(report, TemplateSet{}, options);
    EXPECT_LE(utf16_length(md), k_github_comment_limit);
    EXPECT_GT(utf16_length(md), k_github_comment_limit - 2000);  // shortened, not emptied
    EXPECT_NE(md.find("**Shortened to fit a GitHub comment:** "), std::string::npos);
    EXPECT_NE(md.find("The full report: https://example.com/artifacts/report.json."),
              std::string::npos);
    // The worst regression is the first row of the table.
    const std::size_t first_row = md.find("| ❌\u00a0");
    ASSERT_NE(first_row, std::string::npos);
    EXPECT_EQ(md.find("| ❌\u00a0severe | BM_12345 |"), first_row);
    EXPECT_NE(md.find("more regressions in the full report."), std::string::npos);
    // No row or block is cut: every table line is whole, every <details> closed.
    EXPECT_EQ(count_of(md, "<details>"), count_of(md, "</details>"));
    std::size_t start = 0;
    while (start < md.size()) {
        const std::size_t end = md.find('\n', start);
        const std::string line = md.substr(start, end - start);
        if (!line.empty() && line.front() == '|') {
            EXPECT_EQ(line.back(), '|') << line;
        }
        if (end == std::string::npos) break;
        start = end + 1;
    }
    // The numbers the notice gives add up with the rows kept.
    const std::size_t notice = md.find("Shortened to fit a GitHub comment:** ");
    const std::size_t omitted = std::stoul(md.substr(notice + 37));
    EXPECT_GT(omitted, 10000U);
}

TEST(MarkdownReport, NoLimitKeepsEverything) {
    std::vector<double> ratios(3000, 1.0);
    const auto report = make_report(ratios);
    MarkdownOptions options;
    options.max_length = 0;
    const std::string md = render_markdown(report, TemplateSet{}, options);
    EXPECT_EQ(md.find("Shortened"), std::string::npos);
    EXPECT_NE(md.find("| BM_2999 |"), std::string::npos);
}

TEST(LatexReport, StarsOnTheAdjustedPAndANoteExplainingThem) {
    const auto report = make_report({3.0, 1.0, 1.0, 1.0, 1.0, 1.0, 1.0, 1.0});
    const std::string tex = render_latex(report, TemplateSet{});
    // The benchmark column takes what the others leave of the line (docs/reports.md).
    EXPECT_NE(
        tex.find("\\begin{tabular}{@{}>{\\raggedright\\arraybackslash}p{\\dimexpr\\linewidth-"),
        std::string::npos)
        << tex;
    EXPECT_NE(tex.find("\\tabcolsep\\relax}lr@{\\,}lr@{\\,}lr@{}lc@{}}"), std::string::npos) << tex;
    EXPECT_NE(tex.find("\\toprule"), std::string::npos);
    EXPECT_NE(tex.find("\\bottomrule"), std::string::npos);
    EXPECT_NE(tex.find("BM\\_\\allowbreak{}0 & cpu\\_time & "), std::string::npos) << tex;
    EXPECT_NE(tex.find("$^{*}$\\,$p<0.05$, $^{**}$\\,$p<0.01$, $^{***}$\\,$p<0.001$"),
              std::string::npos);
    EXPECT_NE(tex.find("adjusted with Benjamini-Hochberg"), std::string::npos);
    EXPECT_EQ(tex.find("\\documentclass"), std::string::npos);
    const ordered_json first = ordered_json(report).at("comparisons").at(0);
    const double p = first.at("p_adjusted").get<double>();
    const std::string stars = p < 0.001 ? "***" : p < 0.01 ? "**" : p < 0.05 ? "*" : "";
    ASSERT_FALSE(stars.empty());
    EXPECT_NE(
        tex.find("BM\\_\\allowbreak{}0 & cpu\\_time & 993 & ns & 3.00 & \\textmu{}s & 3.02 & $^{ " +
                 stars + " }$ & ["),
        std::string::npos)
        << tex;

    const std::string standalone = render_latex(report, TemplateSet{}, {true, true});
    EXPECT_EQ(standalone.rfind("\\documentclass{article}", 0), 0U);
    EXPECT_NE(standalone.find("\\usepackage{siunitx}"), std::string::npos);
    EXPECT_NE(standalone.find("S[table-format=4.2]"), std::string::npos);
    EXPECT_NE(standalone.find("\\end{document}\n"), std::string::npos);
}

TEST(JunitReport, OneCasePerGatedMetricAndBudgetWithCounts) {
    const auto report = make_report({3.0, 1.0, 1.0, 0.5}, add_gate_results);
    const std::string xml = render_junit(report, TemplateSet{});
    // 4 metrics + 2 budgets; BM_0 and the rss budget fail.
    EXPECT_NE(xml.find("<testsuites name=\"caws-gate\" tests=\"6\" failures=\"2\" errors=\"0\" "
                       "skipped=\"0\">"),
              std::string::npos)
        << xml;
    EXPECT_NE(xml.find("tests=\"4\" failures=\"1\""), std::string::npos);
    EXPECT_NE(xml.find("tests=\"2\" failures=\"1\""), std::string::npos);
    EXPECT_EQ(count_of(xml, "<testcase "), 6U);
    EXPECT_EQ(count_of(xml, "<failure "), 2U);
    EXPECT_NE(xml.find("<failure message=\"BM_0 (cpu_time) is "), std::string::npos) << xml;
    EXPECT_NE(xml.find("<system-out>warning: ttfa p95 is 61.0 ms"), std::string::npos);
}

TEST(Annotations, FailThenWarnWithEscapedProperties) {
    Report report;
    report.findings = {
        {model::Level::warn, "budget", "a,b:c", "", "100% over\nbudget", {}},
        {model::Level::info, "added", "x", "", "", {}},
        {model::Level::fail, "regression", "BM_X", "cpu_time", "BM_X is 2.00x worse.", {}}};
    EXPECT_EQ(render_annotations(report),
              "::error title=caws-gate regression%3A BM_X (cpu_time)::BM_X is 2.00x worse.\n"
              "::warning title=caws-gate budget%3A a%2Cb%3Ac::100%25 over%0Abudget\n");
}

TEST(ReportReader, ReadsWhatTheWriterWrote) {
    const auto report = make_report({3.0, 1.0}, add_gate_results);
    const std::string text = serialize_report(report);
    EXPECT_EQ(serialize_report(parse_report(text, "r.json")), text);
}

std::string error_of(const std::string& text) {
    try {
        parse_report(text, "r.json");
    } catch (const util::Error& error) {
        return error.what();
    }
    return "no error";
}

TEST(ReportReader, ErrorsSayWhereAndWhat) {
    EXPECT_EQ(error_of("{\n  \"schema\": ,\n}"),
              "r.json: line 2, column 13: invalid JSON: syntax error while parsing "
              "value - unexpected ','; expected '[', '{', or a literal");
    EXPECT_EQ(error_of("{\n  \"schema\": 5e5555}"),
              "r.json: line 2, column 18: expected a number within the range of a double, got "
              "5e5555");
    EXPECT_EQ(error_of(R"({"schema": "caws-gate/baseline@1"})"),
              "r.json: /schema: expected \"caws-gate/report@1\", got \"caws-gate/baseline@1\"");
    EXPECT_EQ(error_of("[]"), "r.json: /: expected a caws-gate report object, got an array");
    ordered_json report = make_report({1.0, 1.0});
    report["comparisons"][1]["n"] = {3, "x"};
    EXPECT_EQ(error_of(report.dump()),
              "r.json: /comparisons/1/n: expected [baseline count, candidate count], got an "
              "array");
    report = make_report({1.0});
    report["summary"]["counts"]["severe"] = -1;
    EXPECT_EQ(error_of(report.dump()),
              "r.json: /summary/counts/severe: expected a count, got a number");
    report = make_report({1.0});
    report.erase("findings");
    EXPECT_EQ(error_of(report.dump()), "r.json: /: missing \"findings\"");
    report = make_report({3.0, 1.0}, add_gate_results);
    report["budgets"][1]["shown"] = "1 MiB";
    EXPECT_EQ(error_of(report.dump()),
              "r.json: /budgets/1/shown: expected an object, got a string");
    report["budgets"][1]["shown"] = {{"critical", 2}};
    EXPECT_EQ(error_of(report.dump()),
              "r.json: /budgets/1/shown/critical: expected a string, got a number");
}

}  // namespace
}  // namespace caws::report
