// The whole program in-process through cli::run, with its streams and a fixed
// environment.
#include "cli/cli.hpp"

#include <gtest/gtest.h>

#include <filesystem>

#include <sstream>

#include "support/fake_environment.hpp"
#include "support/fixtures.hpp"
#include "support/temp_dir.hpp"

namespace caws::cli {
namespace {

struct Outcome {
    int exit_code;
    std::string out;
    std::string err;
};

Outcome run_with(const std::vector<std::string>& args, const util::Environment& environment) {
    std::ostringstream out;
    std::ostringstream err;
    const int code = run(args, out, err, environment);
    return {code, out.str(), err.str()};
}

TEST(CliRun, BaselineUpdateUsesTheEnvironmentItIsGiven) {
    test::TempDir dir;
    test::FakeEnvironment env;
    env.time = 1'800'000'000;
    env.commands["git rev-parse HEAD"] = "cafebabe";
    env.commands["git rev-parse --abbrev-ref HEAD"] = "release-1.2";
    const std::string results =
        test::fixture_path("google-benchmark/google-benchmark-tools/test1_run1.json");
    const Outcome r =
        run_with({"baseline", "update", results, "--suite", "s", "--dir", dir.path()}, env);
    EXPECT_EQ(r.exit_code, 0) << r.err;
    EXPECT_EQ(r.out, "caws-gate: wrote " + dir.path() +
                         "/s.json: 28 metrics from 1 file(s), commit cafebabe\ncaws-gate: wrote " +
                         dir.path() + "/history/s.jsonl: 1 run(s)\n");
    const std::string text = test::read_text(dir.file("s.json"));
    EXPECT_NE(
        text.find(
            R"("provenance": {"created":"2027-01-15T08:00:00Z","commit":"cafebabe","branch":"release-1.2")"),
        std::string::npos)
        << text.substr(0, 300);
}

TEST(CliRun, ErrorsGoToErrAndNothingToOut) {
    test::FakeEnvironment env;
    const Outcome r = run_with({"check", "/nonexistent/perf.json"}, env);
    EXPECT_EQ(r.exit_code, 2);
    EXPECT_EQ(r.out, "");
    EXPECT_EQ(r.err,
              "caws-gate: error: /nonexistent/perf.json: cannot read the file: No such file or "
              "directory\n");
}

TEST(CliRun, AMissingSubcommandIsAUsageError) {
    test::FakeEnvironment env;
    const Outcome r = run_with({"baseline"}, env);
    EXPECT_EQ(r.exit_code, 2);
    EXPECT_EQ(r.err.rfind("caws-gate: error: ", 0), 0u);
}

TEST(CliRun, InvalidCustomTemplatesAreUserErrors) {
    test::TempDir dir;
    dir.write("templates/markdown.mustache", "{{#broken}}");
    test::FakeEnvironment env;
    const std::string run1 =
        test::fixture_path("google-benchmark/google-benchmark-tools/test1_run1.json");
    // The JSON report, written in pieces as it is serialized, is not begun either.
    const Outcome r = run_with({"compare", run1, run1, "--templates", dir.file("templates"), "--md",
                                dir.file("out.md"), "--json", dir.file("out.json")},
                               env);
    EXPECT_EQ(r.exit_code, 2);
    EXPECT_EQ(r.err.rfind("caws-gate: error: " + dir.file("templates/markdown.mustache") +
                              ": invalid template: ",
                          0),
              0u)
        << r.err;
    EXPECT_EQ(test::read_text(dir.file("out.md")), "");
    EXPECT_FALSE(std::filesystem::exists(dir.file("out.json")));
    EXPECT_EQ(std::distance(std::filesystem::directory_iterator(dir.path()), {}), 1);  // templates/
}

TEST(CliRun, CustomTemplatesReplaceTheBuiltInOnes) {
    test::TempDir dir;
    dir.write("templates/markdown.mustache", "{{verdict}}: {{headline}}\n");
    test::FakeEnvironment env;
    const std::string run1 =
        test::fixture_path("google-benchmark/google-benchmark-tools/test1_run1.json");
    const std::string run2 =
        test::fixture_path("google-benchmark/google-benchmark-tools/test1_run2.json");
    const Outcome r = run_with({"compare", run1, run2, "--templates", dir.file("templates")}, env);
    EXPECT_EQ(r.exit_code, 0) << r.err;
    // Each benchmark once, by its CPU time; its real time moved with it and is counted among
    // the metrics of the regressed benchmarks.
    EXPECT_EQ(r.out,
              "fail: 3 benchmarks regressed (2 severe, 1 minor; 5 metrics), 4 improved, 7 "
              "unchanged of 14 benchmarks (28 metrics, 14 gated)\n");
}

TEST(CliRun, CustomLatexAndJunitTemplatesSeeEveryRowAndTheView) {
    test::TempDir dir;
    // Row keys, keys of the view looked up inside a row, and a key a row lacks.
    dir.write(
        "templates/latex.mustache",
        "{{#rows}}\n{{name}} {{measure}} {{ratio_value}}{{#has_stars}}{{stars}}{{/has_stars}} "
        "{{confidence}}{{#siunitx}}S{{/siunitx}}{{n}};\n{{/rows}}\n");
    dir.write("templates/junit.mustache",
              "{{tests}}/{{failures}}\n{{#metric_cases}}\n{{name}}{{#failure}} F{{/failure}}"
              "{{#skipped}} S{{/skipped}} [{{command}}]\n{{/metric_cases}}\n");
    test::FakeEnvironment env;
    const std::string run1 =
        test::fixture_path("google-benchmark/google-benchmark-tools/test1_run1.json");
    const std::string run2 =
        test::fixture_path("google-benchmark/google-benchmark-tools/test1_run2.json");
    const Outcome r =
        run_with({"compare", run1, run2, "--templates", dir.file("templates"), "--latex",
                  dir.file("out.tex"), "--junit", dir.file("out.xml"), "--quiet"},
                 env);
    EXPECT_EQ(r.exit_code, 0) << r.err;
    const std::string tex = test::read_text(dir.file("out.tex"));
    const std::string xml = test::read_text(dir.file("out.xml"));
    // One line per comparison, the view's confidence in each, no siunitx, no row "n".
    std::size_t lines = 0;
    for (const char c : tex) lines += c == '\n' ? 1 : 0;
    EXPECT_EQ(lines, 28u) << tex;
    EXPECT_EQ(tex.find("S;"), std::string::npos) << tex;
    EXPECT_NE(tex.find("BM\\_SameTimes real\\_time 1.00 95\\%;\n"), std::string::npos) << tex;
    // A test case per gated metric: the CPU time of each benchmark.
    EXPECT_EQ(xml.rfind("14/2\nBM_SameTimes (cpu_time) [compare]\n", 0), 0u) << xml;
    EXPECT_NE(xml.find("\nBM_2xSlower (cpu_time) F [compare]\n"), std::string::npos) << xml;
    EXPECT_EQ(xml.find("(real_time)"), std::string::npos) << xml;
}

}  // namespace
}  // namespace caws::cli
