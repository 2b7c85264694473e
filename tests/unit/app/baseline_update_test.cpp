// The baseline update use case called directly: files written into a temporary directory,
// the guard, and the history line's date.
#include "app/baseline_update.hpp"

#include <gtest/gtest.h>

#include "store/baseline_file.hpp"
#include "store/history_file.hpp"
#include "support/fake_environment.hpp"
#include "support/temp_dir.hpp"
#include "unit/app/use_case_inputs.hpp"
#include "util/error.hpp"

namespace caws::app {
namespace {

class RunBaselineUpdate : public ::testing::Test {
  protected:
    RunBaselineUpdate() { environment_.commands["git rev-parse HEAD"] = "0123456789abcdef0123"; }

    UpdateRequest request(double a_ns, const std::string& name) const {
        UpdateRequest update;
        update.results = {test::write_benchmarks(dir_, name, {{"BM_A", a_ns}, {"BM_B", 100}})};
        update.suite = "perf";
        update.directory = dir_.file("b");
        return update;
    }

    test::TempDir dir_;
    test::FakeEnvironment environment_;
};

TEST_F(RunBaselineUpdate, WritesTheBaselineAndAHistoryLine) {
    const UpdateResult result = run_baseline_update(request(100, "run.json"), environment_);
    EXPECT_EQ(result.exit_code, k_exit_pass);
    EXPECT_EQ(result.baseline_path, dir_.file("b") + "/perf.json");
    EXPECT_EQ(result.history_path, dir_.file("b") + "/history/perf.jsonl");
    EXPECT_EQ(result.metrics, 4u);  // real and CPU time of two benchmarks
    EXPECT_EQ(result.commit, "0123456789abcdef0123");
    EXPECT_EQ(result.history_lines, 1u);
    EXPECT_TRUE(result.failing.empty());
    const store::Baseline baseline = store::load_baseline(result.baseline_path);
    EXPECT_EQ(baseline.suite, "perf");
    EXPECT_EQ(baseline.provenance.commit, "0123456789abcdef0123");
    const auto history = store::read_history(result.history_path);
    ASSERT_EQ(history.size(), 1u);
    EXPECT_EQ(history[0].date, "2026-11-23T07:00:00Z");  // when the run was measured
}

TEST_F(RunBaselineUpdate, TheGuardRefusesARegressionUnlessAccepted) {
    ASSERT_EQ(run_baseline_update(request(100, "base.json"), environment_).exit_code, k_exit_pass);
    const std::string before = test::read_text(dir_.file("b/perf.json"));
    UpdateRequest slow = request(200, "slow.json");
    const UpdateResult refused = run_baseline_update(slow, environment_);
    EXPECT_EQ(refused.exit_code, k_exit_fail);
    ASSERT_EQ(refused.failing.size(), 1u);  // BM_A's CPU time; its real time is not gated
    EXPECT_EQ(refused.failing[0].metric, "BM_A");
    EXPECT_EQ(refused.history_lines, std::nullopt);
    EXPECT_EQ(test::read_text(dir_.file("b/perf.json")), before);
    EXPECT_EQ(store::read_history(dir_.file("b/history/perf.jsonl")).size(), 1u);

    slow.accept_regressions = true;
    const UpdateResult taken = run_baseline_update(slow, environment_);
    EXPECT_EQ(taken.exit_code, k_exit_pass);
    EXPECT_EQ(taken.failing.size(), 1u);
    EXPECT_EQ(taken.history_lines, 2u);
    EXPECT_NE(test::read_text(dir_.file("b/perf.json")), before);
}

TEST_F(RunBaselineUpdate, RollingPoolsTheRunsAndNoHistoryWritesNone) {
    UpdateRequest first = request(100, "one.json");
    first.policy = "rolling:3";
    first.no_history = true;
    EXPECT_EQ(run_baseline_update(first, environment_).pooled_runs, 1u);
    UpdateRequest second = request(100, "two.json");
    second.policy = "rolling:3";
    second.no_history = true;
    environment_.time += 3600;
    const UpdateResult result = run_baseline_update(second, environment_);
    EXPECT_EQ(result.policy.kind, store::UpdatePolicy::Kind::rolling);
    EXPECT_EQ(result.policy.runs, 3u);
    EXPECT_EQ(result.pooled_runs, 2u);
    EXPECT_EQ(result.history_lines, std::nullopt);
    EXPECT_EQ(test::read_text(dir_.file("b/history/perf.jsonl")), "");
}

TEST_F(RunBaselineUpdate, ABadRequestWritesNothing) {
    UpdateRequest both = request(100, "run.json");
    both.no_history = true;
    both.history_limit = "5";
    EXPECT_THROW(run_baseline_update(both, environment_), util::Error);
    UpdateRequest zero = request(100, "run.json");
    zero.history_limit = "0";
    EXPECT_THROW(run_baseline_update(zero, environment_), util::Error);
    EXPECT_EQ(test::read_text(dir_.file("b/perf.json")), "");
}

TEST(HistoryDate, TheRunsOwnDateWinsOverTheProvenance) {
    store::Provenance provenance;
    provenance.created = "2026-11-23T00:00:00Z";
    model::Run run;
    EXPECT_EQ(history_date(run, provenance), "2026-11-23T00:00:00Z");
    run.context.date = "2026-11-20 03:12:00";
    EXPECT_EQ(history_date(run, provenance), "2026-11-20T03:12:00Z");
}

}  // namespace
}  // namespace caws::app
