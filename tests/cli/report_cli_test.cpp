// The report options of `check`, the `report` and `table` commands, the job summary and
// the annotations, through the built binary.
#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <filesystem>

#include "support/process.hpp"
#include "support/temp_dir.hpp"

namespace caws::test {
namespace {

const std::string k_fixtures =
    std::string(CAWS_GATE_SOURCE_DIR) + "/tests/fixtures/google-benchmark/";
const std::string k_run1 = k_fixtures + "google-benchmark-tools/test1_run1.json";
const std::string k_run2 = k_fixtures + "google-benchmark-tools/test1_run2.json";

ProcessResult caws_gate(const std::vector<std::string>& args,
                        const std::map<std::string, std::string>& environment = {},
                        const std::string& directory = {}) {
    std::vector<std::string> argv{CAWS_GATE_BINARY};
    argv.insert(argv.end(), args.begin(), args.end());
    std::map<std::string, std::string> env{{"SOURCE_DATE_EPOCH", "1795392000"}};
    for (const auto& [k, v] : environment) env[k] = v;
    return run_process(argv, env, directory);
}

std::string make_baseline(const TempDir& dir) {
    const ProcessResult r = caws_gate(
        {"baseline", "update", k_run1, "--suite", "test1", "--dir", dir.file("baselines")});
    EXPECT_EQ(r.exit_code, 0) << r.err;
    return dir.file("baselines/test1.json");
}

TEST(ReportCli, ReportRendersTheSameBytesAsCheck) {
    TempDir dir;
    const std::string baseline = make_baseline(dir);
    const ProcessResult check =
        caws_gate({"check", k_run2, "--baseline", baseline, "--json", "out/report.json", "--md",
                   "out/check.md", "--latex", "out/check.tex", "--latex-standalone",
                   "--latex-siunitx", "--junit", "out/check.xml"},
                  {}, dir.path());
    ASSERT_EQ(check.exit_code, 1) << check.err;
    const ProcessResult report = caws_gate(
        {"report", "out/report.json", "--md", "again/report.md", "--latex", "again/report.tex",
         "--latex-standalone", "--latex-siunitx", "--junit", "again/report.xml"},
        {}, dir.path());
    ASSERT_EQ(report.exit_code, 0) << report.err;
    EXPECT_EQ(report.out, check.out);
    for (const auto& [first, second] :
         std::vector<std::pair<std::string, std::string>>{{"out/check.md", "again/report.md"},
                                                          {"out/check.tex", "again/report.tex"},
                                                          {"out/check.xml", "again/report.xml"}}) {
        const std::string original = read_text(dir.file(first));
        EXPECT_FALSE(original.empty()) << first;
        EXPECT_EQ(read_text(dir.file(second)), original) << second;
    }
    EXPECT_NE(read_text(dir.file("out/check.tex")).find("\\documentclass"), std::string::npos);
}

TEST(ReportCli, BadReportExitsTwoWithTheLocationAndWritesNothing) {
    TempDir dir;
    const std::string broken = dir.write("r.json", "{\"schema\": \"caws-gate/report@1\",\n  x}");
    ProcessResult r = caws_gate({"report", broken, "--md", dir.file("out.md")});
    EXPECT_EQ(r.exit_code, 2);
    EXPECT_EQ(r.err.rfind("caws-gate: error: " + broken +
                              ": line 2, column 3: invalid JSON: "
                              "syntax error",
                          0),
              0U)
        << r.err;
    EXPECT_FALSE(std::filesystem::exists(dir.file("out.md")));
    const std::string wrong = dir.write("w.json", R"({"schema": "caws-gate/report@1",
        "verdict": "maybe"})");
    r = caws_gate({"report", wrong});
    EXPECT_EQ(r.exit_code, 2);
    EXPECT_EQ(r.err, "caws-gate: error: " + wrong +
                         ": /verdict: expected \"pass\", \"warn\" or \"fail\", got a string\n");
    EXPECT_EQ(r.out, "");
}

TEST(ReportCli, CheckAppendsTheJobSummaryAndAnnotatesUnderGithubActions) {
    TempDir dir;
    const std::string baseline = make_baseline(dir);
    const std::string summary = dir.write("summary.md", "earlier step\n");
    const ProcessResult r =
        caws_gate({"check", k_run2, "--baseline", baseline, "--quiet"},
                  {{"GITHUB_STEP_SUMMARY", summary}, {"GITHUB_ACTIONS", "true"}});
    EXPECT_EQ(r.exit_code, 1) << r.err;
    const std::string text = read_text(summary);
    EXPECT_EQ(text.rfind("earlier step\n## ❌ caws-gate: FAIL\n", 0), 0U) << text.substr(0, 200);
    // --quiet keeps the Markdown off stdout, but the workflow commands are printed.
    EXPECT_EQ(r.out.rfind("::error title=caws-gate regression%3A ", 0), 0U) << r.out;
    std::size_t lines = 0;
    for (const char c : r.out) lines += c == '\n' ? 1 : 0;
    EXPECT_GT(lines, 0U);
    for (std::size_t at = 0; at < r.out.size();) {
        const std::size_t end = r.out.find('\n', at);
        const std::string line = r.out.substr(at, end - at);
        EXPECT_TRUE(line.rfind("::error ", 0) == 0 || line.rfind("::warning ", 0) == 0) << line;
        at = end + 1;
    }

    // Without GITHUB_ACTIONS nothing is annotated unless asked for; compare never writes
    // the job summary.
    const ProcessResult plain = caws_gate({"check", k_run2, "--baseline", baseline, "-q"});
    EXPECT_EQ(plain.out, "");
    const ProcessResult asked =
        caws_gate({"check", k_run2, "--baseline", baseline, "-q", "--annotations"});
    EXPECT_EQ(asked.out, r.out);
    const ProcessResult compare =
        caws_gate({"compare", k_run1, k_run2, "-q"}, {{"GITHUB_STEP_SUMMARY", summary}});
    EXPECT_EQ(compare.exit_code, 0);
    EXPECT_EQ(read_text(summary), text);
}

TEST(ReportCli, TablePutsSystemsSideBySide) {
    TempDir dir;
    const ProcessResult r =
        caws_gate({"table", "gcc=" + k_run1, "clang=" + k_run2, "--measure", "cpu_time",
                   "--reference", "clang", "--json", dir.file("t.json"), "--md", dir.file("t.md"),
                   "--latex", dir.file("t.tex")});
    ASSERT_EQ(r.exit_code, 0) << r.err;
    const auto json = nlohmann::json::parse(read_text(dir.file("t.json")));
    EXPECT_EQ(json.at("schema"), "caws-gate/table@1");
    EXPECT_EQ(json.at("reference"), "clang");
    EXPECT_EQ(json.at("systems").at(0).at("name"), "gcc");
    ASSERT_FALSE(json.at("rows").empty());
    for (const auto& row : json.at("rows")) {
        EXPECT_EQ(row.at("measure"), "cpu_time");
        EXPECT_EQ(row.at("cells").size(), 2U);
        EXPECT_TRUE(row.at("cells").at(1).at("ratio").is_null());  // the reference
    }
    EXPECT_TRUE(json.at("geomean").at(0).is_object());
    EXPECT_EQ(r.out, read_text(dir.file("t.md")));
    EXPECT_NE(read_text(dir.file("t.tex")).find("\\toprule"), std::string::npos);

    const ProcessResult stem = caws_gate({"table", k_run1, k_run2, "--json", dir.file("s.json")});
    ASSERT_EQ(stem.exit_code, 0) << stem.err;
    const auto named = nlohmann::json::parse(read_text(dir.file("s.json")));
    EXPECT_EQ(named.at("systems").at(0).at("name"), "test1_run1");
    EXPECT_EQ(named.at("reference"), "test1_run1");

    const ProcessResult unknown =
        caws_gate({"table", k_run1, k_run2, "--reference", "icc", "--json", dir.file("u.json")});
    EXPECT_EQ(unknown.exit_code, 2);
    EXPECT_EQ(unknown.err,
              "caws-gate: error: --reference: no run named \"icc\"; the runs are test1_run1, "
              "test1_run2\n");
    EXPECT_FALSE(std::filesystem::exists(dir.file("u.json")));
    const ProcessResult same = caws_gate({"table", k_run1, k_run1});
    EXPECT_EQ(same.exit_code, 2);
    EXPECT_NE(same.err.find("two runs are named \"test1_run1\"; name them with NAME=PATH"),
              std::string::npos)
        << same.err;
}

}  // namespace
}  // namespace caws::test
