// Between-run noise from a real history: five runs of the sample Google Benchmark program
// kept by `baseline update --policy rolling:5`, then `check` and the update's guard of a
// sixth run. These tests time real code, so CTest runs them one at a time (RUN_SERIAL).
#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <string>
#include <vector>

#include "support/process.hpp"
#include "support/temp_dir.hpp"

namespace caws::test {
namespace {

const std::string k_filter = "--benchmark_filter=BM_(Sum|Hash|Parse|Copy)";

std::string run_sample(const TempDir& dir, const std::string& name,
                       const std::map<std::string, std::string>& environment = {}) {
    const std::string out = dir.file(name);
    const ProcessResult r = run_process(
        {GBENCH_SAMPLE_BINARY, k_filter, "--benchmark_min_time=0.01", "--benchmark_repetitions=5",
         "--benchmark_out_format=json", "--benchmark_out=" + out},
        environment);
    EXPECT_EQ(r.exit_code, 0) << r.err;
    return out;
}

ProcessResult caws_gate(const std::vector<std::string>& args, const std::string& cwd) {
    std::vector<std::string> argv{CAWS_GATE_BINARY};
    argv.insert(argv.end(), args.begin(), args.end());
    return run_process(argv, {}, cwd);
}

// A suite "s" in DIR/b pooling five real runs, with their history.
void make_rolling_suite(const TempDir& dir) {
    for (int i = 0; i < 5; ++i) {
        const std::string run = run_sample(dir, "run" + std::to_string(i) + ".json");
        const ProcessResult r = caws_gate({"baseline", "update", run, "--suite", "s", "--dir", "b",
                                           "--policy", "rolling:5", "--accept-regressions"},
                                          dir.path());
        ASSERT_EQ(r.exit_code, 0) << r.err;
    }
}

TEST(BetweenRunRuns, CheckShowsTheNoiseOfARealHistoryAndReportRendersTheSameBytes) {
    TempDir dir;
    make_rolling_suite(dir);
    const std::string candidate = run_sample(dir, "candidate.json");
    const ProcessResult check =
        caws_gate({"check", candidate, "--suite", "s", "--dir", "b", "--json", "out/report.json",
                   "--md", "out/check.md", "--latex", "out/check.tex", "--junit", "out/check.xml"},
                  dir.path());
    ASSERT_NE(check.exit_code, 2) << check.err;
    const auto report = nlohmann::json::parse(read_text(dir.file("out/report.json")));
    const auto& between = report["between_run"];
    EXPECT_EQ(between["known"], true);
    EXPECT_EQ(between["runs"], 5);
    EXPECT_EQ(between["min_runs"], 5);
    EXPECT_EQ(between["baseline_runs"], 5);
    EXPECT_EQ(between["history"], "b/history/s.jsonl");
    EXPECT_GT(between["metrics"].get<int>(), 0);
    EXPECT_GT(between["median_sd"].get<double>(), 0);
    int with_interval = 0;
    for (const auto& c : report["comparisons"]) {
        if (!c.contains("between_run")) continue;
        ++with_interval;
        const auto& b = c["between_run"];
        EXPECT_EQ(b["runs"], 5);
        EXPECT_LT(b["interval"][0].get<double>(), b["interval"][1].get<double>());
        EXPECT_GT(b["df"].get<double>(), 0);
        EXPECT_EQ(b["level"], 0.95);
    }
    EXPECT_EQ(with_interval, between["metrics"].get<int>());
    const std::string markdown = read_text(dir.file("out/check.md"));
    EXPECT_NE(markdown.find("Between-run noise from 5 runs of the history (b/history/s.jsonl)"),
              std::string::npos)
        << markdown;

    const ProcessResult again =
        caws_gate({"report", "out/report.json", "--md", "again/report.md", "--latex",
                   "again/report.tex", "--junit", "again/report.xml"},
                  dir.path());
    ASSERT_EQ(again.exit_code, 0) << again.err;
    EXPECT_EQ(read_text(dir.file("again/report.md")), markdown);
    EXPECT_EQ(read_text(dir.file("again/report.tex")), read_text(dir.file("out/check.tex")));
    EXPECT_EQ(read_text(dir.file("again/report.xml")), read_text(dir.file("out/check.xml")));
}

// A 2.5x slowdown is far outside what five real runs vary by: check fails on it and the
// guard refuses it as a nightly update. Real timings on a shared machine: up to three tries.
TEST(BetweenRunRuns, ARealSlowdownFailsTheCheckAndTheGuard) {
    std::string last;
    for (int attempt = 1; attempt <= 3; ++attempt) {
        TempDir dir;
        make_rolling_suite(dir);
        const std::string slow =
            run_sample(dir, "slow.json", {{"GBENCH_SAMPLE_SLOWDOWN", "BM_Parse=2.5"}});
        const ProcessResult check =
            caws_gate({"check", slow, "--suite", "s", "--dir", "b", "--json", "report.json", "-q"},
                      dir.path());
        ASSERT_NE(check.exit_code, 2) << check.err;
        const auto report = nlohmann::json::parse(read_text(dir.file("report.json")));
        bool severe_outside = false;
        for (const auto& c : report["comparisons"]) {
            if (c["metric"] == "BM_Parse/2500" && c["measure"] == "cpu_time") {
                severe_outside = c["class"] == "severe" && c.contains("between_run") &&
                                 c["between_run"]["within"] == false;
            }
        }
        const ProcessResult guard = caws_gate(
            {"baseline", "update", slow, "--suite", "s", "--dir", "b", "--policy", "rolling:5"},
            dir.path());
        if (check.exit_code == 1 && severe_outside && guard.exit_code == 1) return;
        last = "attempt " + std::to_string(attempt) + ": check " + std::to_string(check.exit_code) +
               ", guard " + std::to_string(guard.exit_code) + "\n" + guard.err;
    }
    ADD_FAILURE() << "a 2.5x slowdown passed the check or the guard in three tries; the last:\n"
                  << last;
}

}  // namespace
}  // namespace caws::test
