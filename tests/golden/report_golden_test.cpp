// Rendered reports compared byte for byte with committed files. Regenerate with
// CAWS_GATE_UPDATE_GOLDEN=1 after an intended change, and review the diff.
#include <gtest/gtest.h>

#include "compare/comparator.hpp"
#include "compare/system_table.hpp"
#include "gate/policy.hpp"
#include "gate/recommendations.hpp"
#include "gate/scores.hpp"
#include "ingest/results.hpp"
#include "report/annotation_renderer.hpp"
#include "report/json_report.hpp"
#include "report/junit_renderer.hpp"
#include "report/latex_renderer.hpp"
#include "report/markdown_renderer.hpp"
#include "report/table_report.hpp"
#include "store/baseline_file.hpp"
#include "support/fixtures.hpp"
#include "support/golden.hpp"

namespace caws::report {
namespace {

struct Rendered {
    std::string json;
    std::string markdown;
    std::string latex;
    std::string latex_siunitx;
    std::string junit;
    std::string annotations;
};

Rendered render(const std::string& command, const model::Run& baseline, const std::string& label,
                const std::optional<store::Provenance>& provenance, const model::Run& candidate) {
    model::Verdict verdict = gate::evaluate(compare::compare_runs(baseline, candidate));
    // Scores and recommendations as check and compare add them, on a fixed day (2026-12-01).
    const gate::ScoreInput score_input{
        &baseline, &candidate,
        provenance ? gate::age_in_days(provenance->created, 1'796'083'200) : std::nullopt, 1.2,
        0.05};
    gate::apply_scores(verdict, score_input);
    verdict.recommendations = gate::recommend(verdict, score_input);
    ReportInput input;
    input.command = command;
    input.gated = command == "check";
    input.verdict = &verdict;
    input.baseline = &baseline;
    input.baseline_label = label;
    input.baseline_provenance = provenance;
    input.candidate = &candidate;
    const auto report = build_report(input);
    const TemplateSet templates;
    return {serialize_report(report),        render_markdown(report, templates),
            render_latex(report, templates), render_latex(report, templates, {true, true}),
            render_junit(report, templates), render_annotations(report)};
}

model::Run read(const std::string& relative) {
    const std::string text = test::read_fixture(relative);
    return ingest::parse_results(text, relative, std::nullopt);
}

TEST(ReportGolden, CompareGoogleBenchmarkToolsInputs) {
    const auto rendered =
        render("compare", read("google-benchmark/google-benchmark-tools/test1_run1.json"),
               "test1_run1.json", std::nullopt,
               read("google-benchmark/google-benchmark-tools/test1_run2.json"));
    test::expect_golden("compare_test1.md", rendered.markdown);
    test::expect_golden("compare_test1.json", rendered.json);
}

TEST(ReportGolden, CheckTheBundledExample) {
    const std::string baseline_path = test::source_path("examples/baselines/demo.json");
    const store::Baseline baseline = store::load_baseline(baseline_path);
    const model::Run candidate =
        ingest::read_results({test::source_path("examples/results/demo.json")}, std::nullopt);
    auto rendered = render("check", baseline.run, "examples/baselines/demo.json",
                           baseline.provenance, candidate);
    // Paths of the candidate are absolute here; keep the golden file independent of them.
    const std::string root = test::source_path("");
    for (std::string* text : {&rendered.markdown, &rendered.json, &rendered.latex,
                              &rendered.latex_siunitx, &rendered.junit, &rendered.annotations}) {
        for (std::size_t at; (at = text->find(root)) != std::string::npos;)
            text->erase(at, root.size());
    }
    test::expect_golden("check_example.md", rendered.markdown);
    test::expect_golden("check_example.json", rendered.json);
    test::expect_golden("check_example.tex", rendered.latex);
    test::expect_golden("check_example_siunitx.tex", rendered.latex_siunitx);
    test::expect_golden("check_example.junit.xml", rendered.junit);
    test::expect_golden("check_example.annotations.txt", rendered.annotations);
}

TEST(ReportGolden, HostileBenchmarkNamesComeOutInert) {
    model::Run baseline;
    model::Run candidate;
    const std::vector<std::string> names = {
        "<img src=x onerror=alert(1)>",     "a|b",        "50%_\\textbf{x}", "\\input{/etc/passwd}",
        "**bold** `code` [link](http://x)", "line\nbreak"};
    for (const auto& name : names) {
        model::Metric m;
        m.name = name;
        m.measure = "cpu_time";
        m.unit = model::seconds();
        m.direction = model::Direction::lower;
        m.samples = {1e-6, 1.1e-6, 0.9e-6, 1e-6, 1.05e-6};
        baseline.metrics.push_back(m);
        m.samples = {3e-6, 3.1e-6, 2.9e-6, 3e-6, 3.05e-6};
        candidate.metrics.push_back(m);
    }
    baseline.sources.push_back({"base.json", "google-benchmark"});
    candidate.sources.push_back({"new.json", "google-benchmark"});
    const auto rendered = render("check", baseline, "base.json", std::nullopt, candidate);
    test::expect_golden("hostile_names.md", rendered.markdown);
    test::expect_golden("hostile_names.tex", rendered.latex);
    test::expect_golden("hostile_names.junit.xml", rendered.junit);
    test::expect_golden("hostile_names.annotations.txt", rendered.annotations);
    EXPECT_EQ(rendered.markdown.find("<img"), std::string::npos);
    EXPECT_EQ(rendered.markdown.find("a|b"), std::string::npos);
    // LaTeX: no command from a name survives, no unescaped group or comment.
    for (const std::string& latex : {rendered.latex, rendered.latex_siunitx}) {
        EXPECT_EQ(latex.find("\\input"), std::string::npos);
        EXPECT_EQ(latex.find("\\textbf"), std::string::npos);
        EXPECT_EQ(latex.find("\\input{"), std::string::npos);
        // With the break points of a wrapping benchmark column after / and _.
        EXPECT_NE(latex.find("\\textbackslash{}input\\{/\\allowbreak{}etc/\\allowbreak{}passwd\\}"),
                  std::string::npos);
        EXPECT_NE(latex.find("50\\%\\_\\allowbreak{}\\textbackslash{}textbf\\{x\\}"),
                  std::string::npos);
    }
    // XML: no element from a name.
    EXPECT_EQ(rendered.junit.find("<img"), std::string::npos);
    EXPECT_NE(rendered.junit.find("&lt;img src=x onerror=alert(1)&gt;"), std::string::npos);
    // Annotations: one line per finding, whatever the names hold.
    std::size_t lines = 0;
    for (const char c : rendered.annotations) lines += c == '\n' ? 1 : 0;
    EXPECT_EQ(lines, names.size());
}

TEST(ReportGolden, PaperTableOfThreeSystems) {
    std::vector<compare::SystemRun> systems;
    systems.push_back({"gcc", read("google-benchmark/google-benchmark-tools/test1_run1.json")});
    systems.push_back({"clang", read("google-benchmark/google-benchmark-tools/test1_run2.json")});
    systems.push_back({"a|b_%", read("google-benchmark/google-benchmark-tools/test1_run2.json")});
    compare::SystemTableOptions options;
    options.measure = "cpu_time";
    const auto table = compare::build_system_table(systems, options);
    const auto json =
        build_table_report(table, {"gcc.json", "clang.json", "x.json"}, options.compare);
    test::expect_golden("table_test1.json", json.dump(2) + "\n");
    test::expect_golden("table_test1.md", render_table_markdown(json, TemplateSet{}));
    test::expect_golden("table_test1.tex", render_table_latex(json, TemplateSet{}, {}));
}

}  // namespace
}  // namespace caws::report
