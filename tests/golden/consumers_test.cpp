// The rendered reports read by the programs that consume them: cmark-gfm (GitHub's
// Markdown), pdflatex, and xmllint with a JUnit schema. Each test skips, saying why, where
// the program is not installed.
#include <gtest/gtest.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <sstream>

#include "compare/comparator.hpp"
#include "compare/system_table.hpp"
#include "gate/policy.hpp"
#include "ingest/results.hpp"
#include "report/json_report.hpp"
#include "report/junit_renderer.hpp"
#include "report/latex_renderer.hpp"
#include "report/markdown_renderer.hpp"
#include "report/table_report.hpp"
#include "report/trend_report.hpp"
#include "store/baseline_file.hpp"
#include "support/fixtures.hpp"
#include "support/process.hpp"
#include "support/simulated_runs.hpp"
#include "support/temp_dir.hpp"
#include "support/tools.hpp"
#include "trend/analysis.hpp"

namespace caws::report {
namespace {

using nlohmann::ordered_json;
using test::count_of;

Report report_of(const model::Run& baseline, const model::Run& candidate, model::Verdict& verdict) {
    verdict = gate::evaluate(compare::compare_runs(baseline, candidate));
    ReportInput input;
    input.verdict = &verdict;
    input.baseline = &baseline;
    input.baseline_label = "baselines/demo.json";
    input.candidate = &candidate;
    return build_report(input);
}

struct Example {
    model::Run baseline;
    model::Run candidate;
    model::Verdict verdict;
    Report report;
};

Example bundled_example() {
    Example e;
    e.baseline = store::load_baseline(test::source_path("examples/baselines/demo.json")).run;
    e.candidate =
        ingest::read_results({test::source_path("examples/results/demo.json")}, std::nullopt);
    e.report = report_of(e.baseline, e.candidate, e.verdict);
    return e;
}

Example hostile_example() {
    Example e;
    for (const std::string name : {"<img src=x onerror=alert(1)>", "a|b", "50%_\\textbf{x}",
                                   "\\input{/etc/passwd}", "}{\\end{tabular}", "x & y # ~ ^"}) {
        model::Metric m;
        m.name = name;
        m.measure = "cpu_time";
        m.unit = model::seconds();
        m.direction = model::Direction::lower;
        m.samples = {1e-6, 1.1e-6, 0.9e-6, 1e-6, 1.05e-6};
        e.baseline.metrics.push_back(m);
        m.samples = {3e-6, 3.1e-6, 2.9e-6, 3e-6, 3.05e-6};
        e.candidate.metrics.push_back(m);
        m.name += " unchanged";
        e.candidate.metrics.push_back(m);
        e.baseline.metrics.push_back(m);
    }
    e.baseline.sources.push_back({"base.json", "google-benchmark"});
    e.candidate.sources.push_back({"new&<.json", "google-benchmark"});
    e.report = report_of(e.baseline, e.candidate, e.verdict);
    return e;
}

// cmark-gfm's HTML for a Markdown text.
std::string gfm_html(const test::TempDir& dir, const std::string& markdown) {
    const std::string path = dir.write("report.md", markdown);
    const auto result = test::run_process({"cmark-gfm", "-e", "table", path});
    EXPECT_EQ(result.exit_code, 0) << result.err;
    return result.out;
}

TEST(ReportConsumers, GithubMarkdownHasTheTables) {
    REQUIRE_TOOL("cmark-gfm");
    test::TempDir dir;
    const Example example = bundled_example();
    const std::string html = gfm_html(dir, render_markdown(example.report, TemplateSet{}));
    // Needs attention, improvements, the collapsed rest (the counts are in the headline).
    EXPECT_EQ(count_of(html, "<table>"), 3U) << html;
    EXPECT_EQ(count_of(html, "<details>"), count_of(html, "</details>"));

    const Example hostile = hostile_example();
    const std::string hostile_html = gfm_html(dir, render_markdown(hostile.report, TemplateSet{}));
    EXPECT_EQ(hostile_html.find("<img"), std::string::npos) << hostile_html;
    EXPECT_NE(hostile_html.find("&lt;img src=x onerror=alert(1)&gt;"), std::string::npos);
    // 6 cells per attention row and 5 per other row (the measure, shared by all, is said
    // under each table): "a|b" split none.
    EXPECT_EQ(count_of(hostile_html, "<td"), 6U * 6 + 5U * 6) << hostile_html;
    EXPECT_NE(hostile_html.find("a|b"), std::string::npos);
}

TEST(ReportConsumers, ShortenedMarkdownOfTwentyThousandMetricsStillRenders) {
    REQUIRE_TOOL("cmark-gfm");
    std::vector<double> ratios(20000, 1.0);
    for (std::size_t i = 0; i < ratios.size(); i += 5) ratios[i] = 1.6;
    const auto runs = test::simulate_runs(ratios, 5, 5, 0.02, 3);
    model::Verdict verdict;
    const Report report = report_of(runs.baseline, runs.candidate, verdict);
    const std::string markdown = render_markdown(report, TemplateSet{});
    ASSERT_NE(markdown.find("Shortened to fit a GitHub comment"), std::string::npos);
    test::TempDir dir;
    const std::string html = gfm_html(dir, markdown);
    EXPECT_EQ(count_of(html, "<table>"), 1U);  // needs attention
    // All table lines of the Markdown became rows.
    std::size_t table_lines = 0;
    for (std::size_t at = markdown.find("\n|"); at != std::string::npos;
         at = markdown.find("\n|", at + 1)) {
        ++table_lines;
    }
    EXPECT_EQ(count_of(html, "<tr>"), table_lines - 1);  // minus the delimiter row
}

// Compiles `latex` with pdflatex in `dir`; returns the log on failure.
void expect_compiles(const test::TempDir& dir, const std::string& name, const std::string& latex) {
    const std::string path = dir.write(name + ".tex", latex);
    const auto result = test::run_process(
        {"pdflatex", "-interaction=nonstopmode", "-halt-on-error", "-no-shell-escape", path}, {},
        dir.path());
    EXPECT_EQ(result.exit_code, 0) << name << ":\n" << result.out.substr(0, 4000);
    EXPECT_TRUE(std::filesystem::exists(dir.file(name + ".pdf"))) << name;
    // Nothing from a benchmark name ran: no file was read but the document's own.
    EXPECT_EQ(result.out.find("/etc/passwd"), std::string::npos);
}

TEST(ReportConsumers, StandaloneLatexCompilesWithPdflatex) {
    REQUIRE_TOOL("pdflatex");
    test::TempDir dir;
    const Example example = bundled_example();
    expect_compiles(dir, "plain", render_latex(example.report, TemplateSet{}, {false, true}));
    expect_compiles(dir, "siunitx", render_latex(example.report, TemplateSet{}, {true, true}));
    const Example hostile = hostile_example();
    expect_compiles(dir, "hostile", render_latex(hostile.report, TemplateSet{}, {false, true}));
    expect_compiles(dir, "hostile_siunitx",
                    render_latex(hostile.report, TemplateSet{}, {true, true}));

    std::vector<compare::SystemRun> systems;
    systems.push_back({"base & <1>", example.baseline});
    systems.push_back({"\\input{x}", example.candidate});
    const auto table = compare::build_system_table(systems, {});
    const auto json = build_table_report(table, {"a", "b"}, {});
    expect_compiles(dir, "table", render_table_latex(json, TemplateSet{}, {false, true}));
}

// Lines of a pdflatex log that say the page did not hold the output: a box more than 1pt
// too wide (less is rounding in the column widths), or a float taller than the page.
std::vector<std::string> page_overflows(const std::string& log) {
    std::vector<std::string> found;
    std::istringstream lines(log);
    for (std::string line; std::getline(lines, line);) {
        if (line.find("Float too large") != std::string::npos) found.push_back(line);
        const std::size_t at = line.find("Overfull \\hbox (");
        if (at != std::string::npos && std::stod(line.substr(at + 16)) > 1.0) found.push_back(line);
    }
    return found;
}

// Compiles `latex` and expects it to fit the page.
void expect_fits(const test::TempDir& dir, const std::string& name, const std::string& latex) {
    expect_compiles(dir, name, latex);
    std::ifstream log(dir.file(name + ".log"));
    const std::string text((std::istreambuf_iterator<char>(log)), std::istreambuf_iterator<char>());
    ASSERT_FALSE(text.empty()) << name;
    const auto overflows = page_overflows(text);
    EXPECT_TRUE(overflows.empty()) << name << ": " << overflows.front();
}

// Three systems of 60 benchmarks with long names, two measures each, and a name of every
// character LaTeX treats specially.
std::vector<compare::SystemRun> many_systems() {
    std::vector<double> ratios;
    for (std::size_t i = 0; i < 120; ++i) ratios.push_back(i % 3 == 0 ? 1.0 : 1.3);
    const auto slower = test::simulate_runs(ratios, 6, 6, 0.02, 11);
    const auto faster = test::simulate_runs(std::vector<double>(120, 0.8), 6, 6, 0.02, 12);
    std::vector<compare::SystemRun> systems{{"gcc-13 -O2", slower.baseline},
                                            {"clang-17 -O3 & lto", slower.candidate},
                                            {"icx_2024#1", faster.candidate}};
    const char* kinds[] = {"BM_UFlat/snappy_compression/", "BM_ZFlat/urls_10k_tokens/",
                           "BM_Hash<std::string>/fnv1a_64/", "BM_Parse/json&csv#100%~^$/"};
    for (auto& system : systems) {
        for (std::size_t i = 0; i < system.run.metrics.size(); ++i) {
            model::Metric& m = system.run.metrics[i];
            m.name = kinds[(i / 2) % 4] + std::to_string(1024U << (i / 8));
            m.measure = i % 2 == 0 ? "cpu_time" : "real_time";
        }
    }
    return systems;
}

TEST(ReportConsumers, LatexOfManyLongBenchmarksFitsThePage) {
    REQUIRE_TOOL("pdflatex");
    test::TempDir dir;
    const auto systems = many_systems();
    ASSERT_EQ(systems[0].run.metrics.size(), 120U);
    for (const std::optional<std::string>& measure :
         {std::optional<std::string>{}, std::optional<std::string>{"cpu_time"}}) {
        compare::SystemTableOptions options;
        options.measure = measure;
        const auto json = build_table_report(compare::build_system_table(systems, options),
                                             {"a.json", "b.json", "c.json"}, options.compare);
        const std::string latex = render_table_latex(json, TemplateSet{}, {false, true});
        EXPECT_NE(latex.find("\\begin{longtable}"), std::string::npos);
        EXPECT_NE(latex.find("BM\\_\\allowbreak{}Parse/\\allowbreak{}json\\&csv\\#100\\%"),
                  std::string::npos);
        expect_fits(dir, measure ? "table_cpu" : "table_all", latex);
    }
    // The check report of 60 rows, half of them not gated, plain and with siunitx.
    model::Run baseline = systems[0].run;
    model::Run candidate = systems[1].run;
    baseline.metrics.resize(60);
    candidate.metrics.resize(60);
    model::Verdict verdict;
    const Report report = report_of(baseline, candidate, verdict);
    const std::string latex = render_latex(report, TemplateSet{}, {false, true});
    EXPECT_NE(latex.find("$^{\\dagger}$"), std::string::npos);
    expect_fits(dir, "check", latex);
    expect_fits(dir, "check_siunitx", render_latex(report, TemplateSet{}, {true, true}));
}

// A short table stays a float, and fits beside a float of a short check report.
TEST(ReportConsumers, ShortLatexTablesAreFloatsThatFit) {
    REQUIRE_TOOL("pdflatex");
    test::TempDir dir;
    auto systems = many_systems();
    for (auto& system : systems) system.run.metrics.resize(16);
    compare::SystemTableOptions options;
    const auto json = build_table_report(compare::build_system_table(systems, options),
                                         {"a.json", "b.json", "c.json"}, options.compare);
    const std::string latex = render_table_latex(json, TemplateSet{}, {false, true});
    EXPECT_NE(latex.find("\\begin{table}"), std::string::npos);
    EXPECT_EQ(latex.find("\\begin{longtable}"), std::string::npos);
    expect_fits(dir, "short_table", latex);
}

TEST(ReportConsumers, TrendLatexCompilesWithPdflatex) {
    REQUIRE_TOOL("pdflatex");
    // Two metrics that step up (a change point each), one named to break LaTeX.
    std::vector<trend::Trend> trends;
    for (const std::string name : {"BM_Sort<int>/1024", "\\input{/etc/passwd}&50%_~^|\"#$"}) {
        trend::Series s;
        s.metric = name;
        s.measure = "cpu_time";
        s.unit = "s";
        std::vector<std::string> dates, commits;
        for (std::size_t i = 0; i < 30; ++i) {
            s.values.push_back(i < 20 ? 1.0e-6 * (1 + 0.01 * static_cast<double>(i % 3))
                                      : 2.0e-6 * (1 + 0.01 * static_cast<double>(i % 3)));
            dates.push_back("2026-11-" + std::to_string(10 + i % 18) + "T03:00:00Z");
            commits.push_back("abcdef01234567" + std::to_string(i));
        }
        trend::label_runs(s, dates, commits);
        trends.push_back(trend::analyse(std::move(s)));
    }
    report::TrendReportInput input;
    input.histories = {"perf.jsonl"};
    input.trends = std::move(trends);
    const std::string table =
        render_trend_latex(build_trend_report(std::move(input)), TemplateSet{});
    ASSERT_NE(table.find("\\textbackslash{}input"), std::string::npos) << table;
    test::TempDir dir;
    // The preamble of the standalone report (templates/latex.mustache).
    expect_compiles(dir, "trend",
                    "\\documentclass{article}\n\\usepackage[T1]{fontenc}\n"
                    "\\usepackage[utf8]{inputenc}\n\\usepackage{textcomp}\n"
                    "\\usepackage{booktabs}\n\\begin{document}\n" +
                        table + "\\end{document}\n");
}

TEST(ReportConsumers, JunitIsWellFormedAndMatchesTheSchema) {
    REQUIRE_TOOL("xmllint");
    test::TempDir dir;
    const std::string schema = test::source_path("tests/fixtures/junit/junit.xsd");
    for (const Example& example : {bundled_example(), hostile_example()}) {
        const std::string xml = render_junit(example.report, TemplateSet{});
        const std::string path = dir.write("junit.xml", xml);
        const auto wellformed = test::run_process({"xmllint", "--noout", path});
        EXPECT_EQ(wellformed.exit_code, 0) << wellformed.err;
        const auto valid = test::run_process({"xmllint", "--noout", "--schema", schema, path});
        EXPECT_EQ(valid.exit_code, 0) << valid.err << xml;
        // The counts on <testsuites> are the elements' counts.
        const auto count = [&](const std::string& xpath) { return test::xpath_of(path, xpath); };
        EXPECT_EQ(count("string(/testsuites/@tests)"), count("count(//testcase)"));
        EXPECT_EQ(count("string(/testsuites/@failures)"), count("count(//failure)"));
        EXPECT_EQ(count("string(/testsuites/@skipped)"), count("count(//skipped)"));
        std::size_t failing = 0;
        const ordered_json json = example.report;
        for (const auto& c : json.at("comparisons")) {
            if (c.value("gated", true) && c.at("level") == "fail") ++failing;
        }
        EXPECT_EQ(count("count(//failure)"), std::to_string(failing));
    }
}

}  // namespace
}  // namespace caws::report
