// `check --confirm` through the built binary: the report of a rerun re-renders byte for
// byte, and a bad rerun exits 2 naming its file with nothing written.
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

ProcessResult caws_gate(const std::vector<std::string>& args, const std::string& directory = {}) {
    std::vector<std::string> argv{CAWS_GATE_BINARY};
    argv.insert(argv.end(), args.begin(), args.end());
    return run_process(argv, {{"SOURCE_DATE_EPOCH", "1795392000"}}, directory);
}

// dir/baselines/test1.json from test1_run1.json.
void make_baseline(const TempDir& dir) {
    const ProcessResult r = caws_gate(
        {"baseline", "update", k_run1, "--suite", "test1", "--dir", dir.file("baselines")});
    ASSERT_EQ(r.exit_code, 0) << r.err;
}

std::vector<std::string> check_args(const TempDir& dir, const std::string& rerun) {
    return {"check",      k_run2,
            "--baseline", dir.file("baselines/test1.json"),
            "--confirm",  rerun,
            "--json",     dir.file("r.json"),
            "--md",       dir.file("r.md"),
            "--quiet"};
}

TEST(ConfirmCli, ARerunOfTheBaselinesCodeConfirmsNothingAndReRendersTheSame) {
    TempDir dir;
    make_baseline(dir);
    // Without a rerun the check fails and gives the filter.
    ProcessResult r = caws_gate({"check", k_run2, "--baseline", dir.file("baselines/test1.json"),
                                 "--json", dir.file("first.json"), "--quiet"});
    ASSERT_EQ(r.exit_code, 1) << r.err;
    const auto first = nlohmann::json::parse(read_text(dir.file("first.json")));
    EXPECT_EQ(first["rerun"]["format"], "google-benchmark");
    EXPECT_EQ(first["rerun"]["filter"],
              "--benchmark_filter=^(BM_2xSlower|BM_100xSlower|BM_NotBadTimeUnit)$")
        << first["rerun"];

    // A copy of the baseline's run stands for a rerun that finds no regression.
    const std::string rerun = dir.write("rerun.json", read_text(k_run1));
    r = caws_gate(check_args(dir, rerun));
    EXPECT_EQ(r.exit_code, 0) << r.err;
    const auto report = nlohmann::json::parse(read_text(dir.file("r.json")));
    EXPECT_EQ(report["verdict"], "pass");
    EXPECT_EQ(report["confirm"]["confirmed"], 0);
    EXPECT_GT(report["confirm"]["not_confirmed"], 0);
    EXPECT_EQ(report["confirm"]["run"]["sources"][0]["path"], rerun);
    EXPECT_FALSE(report.contains("rerun"));
    for (const auto& c : report["comparisons"]) {
        if (!c.contains("confirmation")) continue;
        EXPECT_EQ(c["class"], "unchanged");
        EXPECT_EQ(c["confirmation"]["confirmed"], false);
    }
    const std::string markdown = read_text(dir.file("r.md"));
    EXPECT_NE(markdown.find("not confirmed by the rerun"), std::string::npos) << markdown;

    r = caws_gate({"report", dir.file("r.json"), "--md", dir.file("again.md"), "--quiet"});
    ASSERT_EQ(r.exit_code, 0) << r.err;
    EXPECT_EQ(read_text(dir.file("again.md")), markdown);
}

TEST(ConfirmCli, EachConfirmTakesOneFileSoResultsMayFollow) {
    TempDir dir;
    make_baseline(dir);
    const std::string half1 = dir.write("half1.json", read_text(k_run1));
    const std::string half2 = dir.write("half2.json", read_text(k_run1));
    const ProcessResult r =
        caws_gate({"check", "--confirm", half1, "--confirm", half2, k_run2, "--baseline",
                   dir.file("baselines/test1.json"), "--json", dir.file("r.json"), "--quiet"});
    EXPECT_EQ(r.exit_code, 0) << r.err;
    const auto report = nlohmann::json::parse(read_text(dir.file("r.json")));
    EXPECT_EQ(report["confirm"]["run"]["sources"].size(), 2u);
    EXPECT_EQ(report["candidate"]["sources"][0]["path"], k_run2);
}

// A bad rerun: exit code 2, the error names the rerun's file, and no report is written.
void expect_refused(const TempDir& dir, const std::string& rerun, const std::string& message) {
    const ProcessResult r = caws_gate(check_args(dir, rerun));
    EXPECT_EQ(r.exit_code, 2) << r.err;
    EXPECT_EQ(r.err.rfind("caws-gate: error: " + rerun + ": ", 0), 0u) << r.err;
    EXPECT_NE(r.err.find(message), std::string::npos) << r.err;
    EXPECT_FALSE(std::filesystem::exists(dir.file("r.json")));
    EXPECT_FALSE(std::filesystem::exists(dir.file("r.md")));
}

TEST(ConfirmCli, BadRerunsExitTwoNamingTheFileAndWriteNothing) {
    TempDir dir;
    make_baseline(dir);
    expect_refused(dir, dir.file("missing.json"), "");
    expect_refused(dir, dir.write("truncated.json", read_text(k_run1).substr(0, 200)), "line ");
    expect_refused(dir, k_run2, "the rerun must be another run");
    expect_refused(
        dir,
        dir.write("other.json", R"({"benchmarks": [{"name": "BM_Other", )"
                                R"("run_type": "iteration", "iterations": 1, )"
                                R"("real_time": 1, "cpu_time": 1, "time_unit": "ns"}]})"),
        "none of its benchmarks (such as \"BM_Other\") is in the results");
}

}  // namespace
}  // namespace caws::test
