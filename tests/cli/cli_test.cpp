// The built caws-gate binary, run as a process: exit codes, JSON reports, files written
// or not.
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
    std::map<std::string, std::string> env{{"SOURCE_DATE_EPOCH", "1795392000"},
                                           {"GITHUB_SHA", "0123456789abcdef0123"},
                                           {"GITHUB_REF_NAME", "main"}};
    for (const auto& [k, v] : environment) env[k] = v;
    return run_process(argv, env, directory);
}

// A baseline of test1_run1.json in dir/baselines/test1.json.
std::string make_baseline(const TempDir& dir) {
    const ProcessResult r = caws_gate(
        {"baseline", "update", k_run1, "--suite", "test1", "--dir", dir.file("baselines")});
    EXPECT_EQ(r.exit_code, 0) << r.err;
    return dir.file("baselines/test1.json");
}

TEST(Cli, HelpAndVersion) {
    const ProcessResult help = caws_gate({"--help"});
    EXPECT_EQ(help.exit_code, 0);
    EXPECT_NE(help.out.find("check"), std::string::npos);
    EXPECT_NE(help.out.find("baseline"), std::string::npos);
    const ProcessResult check_help = caws_gate({"check", "--help"});
    EXPECT_EQ(check_help.exit_code, 0);
    EXPECT_NE(check_help.out.find("--baseline"), std::string::npos);
    const ProcessResult version = caws_gate({"--version"});
    EXPECT_EQ(version.exit_code, 0);
    EXPECT_EQ(version.out, std::string("caws-gate ") + CAWS_GATE_VERSION_STRING + "\n");
}

TEST(Cli, FormatsListsEveryReader) {
    const ProcessResult r = caws_gate({"formats"});
    EXPECT_EQ(r.exit_code, 0) << r.err;
    for (const char* id : {"google-benchmark", "pytest-benchmark", "hyperfine", "go", "catch2-xml",
                           "criterion", "metric-summary"}) {
        EXPECT_NE(r.out.find(std::string("\n  ") + id + " "), std::string::npos) << id;
    }
    EXPECT_NE(r.out.find("directories:\n  criterion"), std::string::npos) << r.out;
}

TEST(Cli, UsageErrorsExitTwo) {
    const ProcessResult none = caws_gate({});
    EXPECT_EQ(none.exit_code, 2);
    EXPECT_EQ(none.err.rfind("caws-gate: error: ", 0), 0u) << none.err;
    const ProcessResult unknown = caws_gate({"frobnicate"});
    EXPECT_EQ(unknown.exit_code, 2);
    const ProcessResult option = caws_gate({"check", k_run2, "--no-such-option"});
    EXPECT_EQ(option.exit_code, 2);
    EXPECT_NE(option.err.find("--no-such-option"), std::string::npos) << option.err;
}

TEST(Cli, CheckGatesAndWritesTheJsonReport) {
    TempDir dir;
    const std::string baseline = make_baseline(dir);
    const ProcessResult r = caws_gate({"check", k_run2, "--baseline", baseline, "--json",
                                       dir.file("r.json"), "--md", dir.file("r.md")});
    EXPECT_EQ(r.exit_code, 1) << r.err;  // severe regressions
    const auto report = nlohmann::json::parse(read_text(dir.file("r.json")));
    EXPECT_EQ(report["schema"], "caws-gate/report@1");
    EXPECT_EQ(report["verdict"], "fail");
    EXPECT_EQ(report["gated"], true);
    bool found = false;
    for (const auto& c : report["comparisons"]) {
        for (const char* key : {"metric", "measure", "unit", "direction", "statistic", "baseline",
                                "candidate", "ratio", "ci", "p_value", "n", "class", "level"}) {
            EXPECT_TRUE(c.contains(key)) << key;
        }
        if (c["metric"] == "BM_2xSlower" && c["measure"] == "cpu_time") {
            found = true;
            EXPECT_EQ(c["class"], "severe");
            EXPECT_EQ(c["level"], "fail");
            EXPECT_DOUBLE_EQ(c["ratio"].get<double>(), 2.0);
            EXPECT_EQ(c["unit"], "s");
            EXPECT_EQ(c["n"], nlohmann::json::array({1, 1}));
        }
    }
    EXPECT_TRUE(found);
    // The Markdown went to stdout and to the file, identically.
    EXPECT_EQ(read_text(dir.file("r.md")), r.out);
    EXPECT_NE(r.out.find("## ❌ caws-gate: FAIL"), std::string::npos) << r.out;
    // Every finding of the JSON report appears in the Markdown.
    for (const auto& f : report["findings"]) {
        EXPECT_NE(r.out.find(f["metric"].get<std::string>().substr(3)), std::string::npos);
    }
}

TEST(Cli, ReportsAreDeterministic) {
    TempDir dir;
    const std::string baseline = make_baseline(dir);
    const ProcessResult a =
        caws_gate({"check", k_run2, "--baseline", baseline, "--json", dir.file("a.json")});
    const ProcessResult b =
        caws_gate({"check", k_run2, "--baseline", baseline, "--json", dir.file("b.json")});
    EXPECT_EQ(a.out, b.out);
    EXPECT_EQ(read_text(dir.file("a.json")), read_text(dir.file("b.json")));
}

TEST(Cli, UnchangedRunPasses) {
    TempDir dir;
    const std::string baseline = make_baseline(dir);
    const ProcessResult r = caws_gate({"check", k_run1, "--baseline", baseline, "--quiet"});
    EXPECT_EQ(r.exit_code, 0) << r.err;
    EXPECT_EQ(r.out, "");
}

TEST(Cli, DefaultBaselineIsDirSlashSuite) {
    TempDir dir;
    const std::string results = dir.write("test1.json", read_text(k_run1));
    make_baseline(dir);
    const ProcessResult r = caws_gate({"check", results, "-q"}, {}, dir.path());
    EXPECT_EQ(r.exit_code, 0) << r.err;
}

TEST(Cli, MissingBaselineSaysHowToCreateOneAndWritesNothing) {
    TempDir dir;
    const ProcessResult r = caws_gate(
        {"check", k_run2, "--suite", "nightly", "--json", dir.file("r.json")}, {}, dir.path());
    EXPECT_EQ(r.exit_code, 2);
    EXPECT_EQ(r.err,
              "caws-gate: error: baselines/nightly.json: no baseline for suite \"nightly\"; create "
              "it with: caws-gate baseline update " +
                  k_run2 +
                  " --suite nightly (or name one with "
                  "--baseline FILE)\n");
    EXPECT_FALSE(std::filesystem::exists(dir.file("r.json")));
}

TEST(Cli, BadInputExitsTwoAndWritesNothing) {
    TempDir dir;
    const std::string baseline = make_baseline(dir);
    const std::string broken = dir.write(
        "broken.json",
        R"({"context": {}, "benchmarks": [{"name": "BM_A", "real_time": "fast", "cpu_time": 1, "time_unit": "ns"}]})");
    const ProcessResult r = caws_gate({"check", broken, "--baseline", baseline, "--json",
                                       dir.file("r.json"), "--md", dir.file("r.md")});
    EXPECT_EQ(r.exit_code, 2);
    EXPECT_EQ(r.err, "caws-gate: error: " + broken +
                         ": /benchmarks/0/real_time: expected a number, got \"fast\"\n");
    EXPECT_EQ(r.out, "");
    EXPECT_FALSE(std::filesystem::exists(dir.file("r.json")));
    EXPECT_FALSE(std::filesystem::exists(dir.file("r.md")));
}

TEST(Cli, UnknownFormatListsTheFormats) {
    TempDir dir;
    const std::string text = dir.write("notes.txt", "just some text\n");
    const ProcessResult r = caws_gate({"compare", text, text});
    EXPECT_EQ(r.exit_code, 2);
    EXPECT_NE(
        r.err.find(text + ": cannot tell which benchmark tool wrote this file; expected one of: "
                          "google-benchmark"),
        std::string::npos)
        << r.err;
}

TEST(Cli, BaselineOfAnotherSchemaVersionIsRejected) {
    TempDir dir;
    const std::string baseline =
        dir.write("old.json", R"({"schema": "caws-gate/baseline@2", "metrics": []})");
    const ProcessResult r = caws_gate({"check", k_run2, "--baseline", baseline});
    EXPECT_EQ(r.exit_code, 2);
    EXPECT_EQ(r.err, "caws-gate: error: " + baseline +
                         ": /schema: this baseline has schema \"caws-gate/baseline@2\"; this "
                         "caws-gate reads \"caws-gate/baseline@1\" (recreate it with caws-gate "
                         "baseline update)\n");
}

TEST(Cli, CompareDoesNotGate) {
    TempDir dir;
    const ProcessResult r = caws_gate({"compare", k_run1, k_run2, "--json", dir.file("r.json")});
    EXPECT_EQ(r.exit_code, 0) << r.err;
    const auto report = nlohmann::json::parse(read_text(dir.file("r.json")));
    EXPECT_EQ(report["command"], "compare");
    EXPECT_EQ(report["gated"], false);
    EXPECT_NE(r.out.find("## caws-gate compare"), std::string::npos);
    // A baseline file works as either side.
    const std::string baseline = make_baseline(dir);
    EXPECT_EQ(caws_gate({"compare", baseline, k_run2, "-q"}).exit_code, 0);
}

TEST(Cli, BaselineUpdateRecordsProvenanceAndShowPrintsATable) {
    TempDir dir;
    const std::string path = make_baseline(dir);
    const auto baseline = nlohmann::json::parse(read_text(path));
    EXPECT_EQ(baseline["schema"], "caws-gate/baseline@1");
    EXPECT_EQ(baseline["suite"], "test1");
    EXPECT_EQ(baseline["provenance"]["commit"], "0123456789abcdef0123");
    EXPECT_EQ(baseline["provenance"]["branch"], "main");
    EXPECT_EQ(baseline["provenance"]["created"], "2026-11-23T00:00:00Z");
    EXPECT_EQ(baseline["metrics"].size(), 28u);
    const ProcessResult show =
        caws_gate({"baseline", "show", "test1", "--dir", dir.file("baselines")});
    EXPECT_EQ(show.exit_code, 0) << show.err;
    EXPECT_NE(show.out.find("suite test1"), std::string::npos);
    EXPECT_NE(show.out.find("BM_2xSlower"), std::string::npos);
    EXPECT_NE(show.out.find("50.0 ns"), std::string::npos) << show.out;
    const ProcessResult by_path = caws_gate({"baseline", "show", path});
    EXPECT_EQ(by_path.out, show.out);
}

TEST(Cli, SuiteNamesCannotEscapeTheBaselinesDirectory) {
    TempDir dir;
    const ProcessResult r = caws_gate(
        {"baseline", "update", k_run1, "--suite", "../escape", "--dir", dir.file("baselines")});
    EXPECT_EQ(r.exit_code, 2);
    EXPECT_NE(r.err.find("expected a suite name"), std::string::npos) << r.err;
    EXPECT_FALSE(std::filesystem::exists(dir.file("escape.json")));
}

TEST(Cli, BaselineUpdateFromBrokenInputLeavesTheOldBaseline) {
    TempDir dir;
    const std::string path = make_baseline(dir);
    const std::string before = read_text(path);
    const std::string broken = dir.write("test1.json", R"({"context": {}, "benchmarks": [)");
    const ProcessResult r =
        caws_gate({"baseline", "update", broken, "--dir", dir.file("baselines")});
    EXPECT_EQ(r.exit_code, 2);
    EXPECT_EQ(read_text(path), before);
}

}  // namespace
}  // namespace caws::test
