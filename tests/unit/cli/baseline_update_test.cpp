// `baseline update` policies, guard and history, and `history import`, in-process.
#include <gtest/gtest.h>

#include <filesystem>
#include <sstream>

#include "cli/cli.hpp"
#include "store/baseline_file.hpp"
#include "store/history_file.hpp"
#include "support/fake_environment.hpp"
#include "support/gbench_json.hpp"
#include "support/temp_dir.hpp"

namespace caws::cli {
namespace {

struct Outcome {
    int exit_code;
    std::string out;
    std::string err;
};

Outcome run_cli(const std::vector<std::string>& args) {
    test::FakeEnvironment env;
    env.commands["git rev-parse HEAD"] = "cafebabe";
    env.commands["git rev-parse --abbrev-ref HEAD"] = "main";
    std::ostringstream out, err;
    const int code = run(args, out, err, env);
    return {code, out.str(), err.str()};
}

// Ten repetitions around `ns` nanoseconds for BM_A and BM_B.
std::string results(const test::TempDir& dir, const std::string& name, double a_ns,
                    double b_ns = 100) {
    std::vector<double> a, b;
    for (int i = 0; i < 10; ++i) {
        a.push_back(a_ns * (1 + 0.001 * i));
        b.push_back(b_ns * (1 + 0.001 * i));
    }
    return dir.write(name, test::google_benchmark_json({{"BM_A", a}, {"BM_B", b}}));
}

std::vector<std::string> update_args(const test::TempDir& dir, const std::string& file,
                                     std::vector<std::string> extra = {}) {
    std::vector<std::string> args{"baseline", "update", file,         "--suite",
                                  "perf",     "--dir",  dir.file("b")};
    args.insert(args.end(), extra.begin(), extra.end());
    return args;
}

TEST(BaselineUpdate, AppendsAHistoryLinePerRun) {
    test::TempDir dir;
    const Outcome first = run_cli(update_args(dir, results(dir, "r1.json", 100)));
    EXPECT_EQ(first.exit_code, 0) << first.err;
    EXPECT_EQ(first.out, "caws-gate: wrote " + dir.file("b/perf.json") +
                             ": 4 metrics from 1 file(s), commit cafebabe\ncaws-gate: wrote " +
                             dir.file("b/history/perf.jsonl") + ": 1 run(s)\n");
    EXPECT_EQ(run_cli(update_args(dir, results(dir, "r2.json", 101))).exit_code, 0);
    const auto history = store::read_history(dir.file("b/history/perf.jsonl"));
    ASSERT_EQ(history.size(), 2u);
    EXPECT_EQ(history[0].commit, "cafebabe");
    EXPECT_EQ(history[0].branch, "main");
    EXPECT_EQ(history[0].host, "ci");
    EXPECT_EQ(history[0].date, "2026-11-23T07:00:00Z");  // the run's own date
    ASSERT_EQ(history[1].metrics.size(), 4u);
    EXPECT_EQ(history[1].metrics[0].name, "BM_A");
    EXPECT_EQ(history[1].metrics[0].n, 10u);
}

TEST(BaselineUpdate, TheGuardRefusesARegressionAndWritesNothing) {
    test::TempDir dir;
    ASSERT_EQ(run_cli(update_args(dir, results(dir, "r1.json", 100))).exit_code, 0);
    const std::string baseline = test::read_text(dir.file("b/perf.json"));
    const std::string history = test::read_text(dir.file("b/history/perf.jsonl"));
    const Outcome refused = run_cli(update_args(dir, results(dir, "slow.json", 200)));
    EXPECT_EQ(refused.exit_code, 1);
    EXPECT_EQ(refused.out, "");
    EXPECT_EQ(refused.err.rfind("caws-gate: refused to update " + dir.file("b/perf.json") +
                                    ": the run fails the gate against it (1 finding):\n",
                                0),
              0u)
        << refused.err;
    EXPECT_NE(refused.err.find("BM_A"), std::string::npos) << refused.err;
    // One finding per benchmark: the CPU time it is timed by, not the wall time beside it.
    EXPECT_EQ(refused.err.find("real_time"), std::string::npos) << refused.err;
    EXPECT_NE(refused.err.find("cpu_time"), std::string::npos) << refused.err;
    EXPECT_EQ(refused.err.find("BM_B"), std::string::npos) << refused.err;
    EXPECT_NE(refused.err.find("Nothing was written. Pass --accept-regressions"),
              std::string::npos);
    EXPECT_EQ(test::read_text(dir.file("b/perf.json")), baseline);
    EXPECT_EQ(test::read_text(dir.file("b/history/perf.jsonl")), history);

    const Outcome accepted =
        run_cli(update_args(dir, dir.file("slow.json"), {"--accept-regressions"}));
    EXPECT_EQ(accepted.exit_code, 0) << accepted.err;
    EXPECT_EQ(accepted.err.rfind("caws-gate: warning: taking a run that fails the gate", 0), 0u);
    EXPECT_EQ(store::read_history(dir.file("b/history/perf.jsonl")).size(), 2u);
}

TEST(BaselineUpdate, RollingPoolsTheLastRuns) {
    test::TempDir dir;
    for (int i = 0; i < 4; ++i) {
        const Outcome r =
            run_cli(update_args(dir, results(dir, "r" + std::to_string(i) + ".json", 100 + i),
                                {"--policy", "rolling:3"}));
        ASSERT_EQ(r.exit_code, 0) << r.err;
    }
    const store::Baseline baseline = store::load_baseline(dir.file("b/perf.json"));
    EXPECT_EQ(baseline.provenance.runs.size(), 3u);
    EXPECT_EQ(baseline.run.metrics[0].samples.size(), 30u);
    EXPECT_DOUBLE_EQ(baseline.run.metrics[0].samples.front(), 101e-9);
}

TEST(BaselineUpdate, BadOptionsExitTwoAndWriteNothing) {
    test::TempDir dir;
    const std::string file = results(dir, "r1.json", 100);
    const std::vector<std::pair<std::vector<std::string>, std::string>> cases = {
        {{"--policy", "rolling:0"},
         "caws-gate: error: --policy: expected \"replace\" or \"rolling:N\" with N a whole "
         "number from 1 to 1000, got \"rolling:0\"\n"},
        {{"--policy", "rolling:x"},
         "caws-gate: error: --policy: expected \"replace\" or \"rolling:N\" with N a whole "
         "number from 1 to 1000, got \"rolling:x\"\n"},
        {{"--history-limit", "0"},
         "caws-gate: error: --history-limit: expected a whole number of runs of at least 1, got "
         "\"0\"\n"},
        {{"--history-limit", "ten"},
         "caws-gate: error: --history-limit: expected a whole number of runs of at least 1, got "
         "\"ten\"\n"},
        {{"--history-limit", "3", "--no-history"},
         "caws-gate: error: --history-limit: cannot be combined with --no-history\n"},
    };
    for (const auto& [extra, message] : cases) {
        const Outcome r = run_cli(update_args(dir, file, extra));
        EXPECT_EQ(r.exit_code, 2) << extra[1];
        EXPECT_EQ(r.err, message);
        EXPECT_EQ(r.out, "");
        EXPECT_FALSE(std::filesystem::exists(dir.file("b"))) << extra[1];
    }
}

TEST(BaselineUpdate, ABadHistoryLineExitsTwoAndWritesNothing) {
    test::TempDir dir;
    ASSERT_EQ(run_cli(update_args(dir, results(dir, "r1.json", 100))).exit_code, 0);
    const std::string baseline = test::read_text(dir.file("b/perf.json"));
    const std::string history =
        test::read_text(dir.file("b/history/perf.jsonl")) + "{\"schema\":\"caws-gate/history@1\"\n";
    dir.write("b/history/perf.jsonl", history);
    const Outcome r = run_cli(update_args(dir, results(dir, "r2.json", 100)));
    EXPECT_EQ(r.exit_code, 2);
    EXPECT_EQ(r.err, "caws-gate: error: " + dir.file("b/history/perf.jsonl") +
                         ":2:32: invalid JSON: syntax error while parsing object - unexpected "
                         "end of input; expected '}'\n");
    EXPECT_EQ(test::read_text(dir.file("b/perf.json")), baseline);
    EXPECT_EQ(test::read_text(dir.file("b/history/perf.jsonl")), history);
}

std::string dated_results(const std::string& date, double ns) {
    std::string text = test::google_benchmark_json({{"BM_A", {ns, ns}}});
    const std::string old_date = "2026-11-23T07:00:00+00:00";
    text.replace(text.find(old_date), old_date.size(), date);
    return text;
}

TEST(HistoryImport, OrdersRunsByTheirDates) {
    test::TempDir dir;
    dir.write("runs/a.json", dated_results("2026-11-03T00:00:00Z", 3));
    dir.write("runs/b.json", dated_results("2026-11-01T00:00:00+00:00", 1));
    dir.write("runs/c.json", dated_results("2026-11-02 00:00:00", 2));
    const Outcome r =
        run_cli({"history", "import", dir.file("runs"), "--suite", "perf", "--dir", dir.file("b")});
    EXPECT_EQ(r.exit_code, 0) << r.err;
    EXPECT_EQ(r.out, "caws-gate: wrote " + dir.file("b/history/perf.jsonl") + ": 3 run(s) from " +
                         dir.file("runs") + ", 2026-11-01T00:00:00Z to 2026-11-03T00:00:00Z\n");
    const auto history = store::read_history(dir.file("b/history/perf.jsonl"));
    ASSERT_EQ(history.size(), 3u);
    EXPECT_EQ(history[0].date, "2026-11-01T00:00:00Z");
    EXPECT_DOUBLE_EQ(*history[0].metrics[0].median, 1e-9);
    EXPECT_DOUBLE_EQ(*history[2].metrics[0].median, 3e-9);
    // An existing history is replaced only with --force.
    const Outcome again =
        run_cli({"history", "import", dir.file("runs"), "--suite", "perf", "--dir", dir.file("b")});
    EXPECT_EQ(again.exit_code, 2);
    EXPECT_EQ(again.err, "caws-gate: error: " + dir.file("b/history/perf.jsonl") +
                             ": the suite already has a history; pass --force to replace it\n");
    EXPECT_EQ(run_cli({"history", "import", dir.file("runs"), "--suite", "perf", "--dir",
                       dir.file("b"), "--force"})
                  .exit_code,
              0);
}

TEST(HistoryImport, ARunWithoutADateIsAnError) {
    test::TempDir dir;
    dir.write("runs/a.json", dated_results("2026-11-03T00:00:00Z", 3));
    std::string undated = dated_results("2026-11-03T00:00:00Z", 3);
    undated.replace(undated.find("\"date\""), 6, "\"when\"");
    const std::string file = dir.write("runs/b.json", undated);
    const Outcome r =
        run_cli({"history", "import", dir.file("runs"), "--suite", "perf", "--dir", dir.file("b")});
    EXPECT_EQ(r.exit_code, 2);
    EXPECT_EQ(r.err, "caws-gate: error: " + file +
                         ": the run has no date; history import orders runs by the dates in "
                         "their contexts (move the file out of the directory, or add the date)\n");
    EXPECT_FALSE(std::filesystem::exists(dir.file("b")));
    const Outcome empty = run_cli(
        {"history", "import", dir.file("nothing"), "--suite", "perf", "--dir", dir.file("b")});
    EXPECT_EQ(empty.exit_code, 2);
    EXPECT_EQ(empty.err, "caws-gate: error: " + dir.file("nothing") +
                             ": expected a directory of results files\n");
}

}  // namespace
}  // namespace caws::cli
