// The trend use case called directly on a small history with a step change.
#include "app/trend.hpp"

#include <gtest/gtest.h>

#include "stats/random.hpp"
#include "store/history_file.hpp"
#include "support/temp_dir.hpp"
#include "util/environment.hpp"
#include "util/error.hpp"

namespace caws::app {
namespace {

// 20 nightly runs of BM_Flat and BM_Step; BM_Step doubles from run 18 on.
std::string step_history(const test::TempDir& dir) {
    stats::Random random(7);
    std::string text;
    for (int r = 0; r < 20; ++r) {
        store::HistoryEntry entry;
        entry.date = util::format_utc(1793502000 + std::int64_t{86400} * r);  // 2026-11-01 03:00
        entry.commit = std::string("c") + std::to_string(r);
        for (const std::string name : {"BM_Flat", "BM_Step"}) {
            store::HistoryMetric metric;
            metric.name = name;
            metric.measure = "cpu_time";
            metric.unit = std::string(1, 's');  // a literal here trips GCC 12's -Wrestrict
            metric.direction = model::Direction::lower;
            metric.n = 10;
            const double level = name == "BM_Step" && r >= 17 ? 2.0 : 1.0;
            metric.median = 1e-6 * level * (1 + 0.01 * random.normal());
            entry.metrics.push_back(metric);
        }
        text += store::history_line(entry);
    }
    return dir.write("perf.jsonl", text);
}

TEST(RunTrend, ARecentStepFailsTheGate) {
    test::TempDir dir;
    TrendRequest request;
    request.histories = {step_history(dir)};
    request.gate = dir.write("gate.json", R"({"schema": "caws-gate/gate@1"})");
    const TrendResult result = run_trend(request);
    EXPECT_EQ(result.level, model::Level::fail);
    EXPECT_EQ(result.exit_code, k_exit_fail);
    ASSERT_EQ(result.report.trends.size(), 2u);
    EXPECT_EQ(result.report.trends[0].trend.series.metric, "BM_Flat");
    EXPECT_TRUE(result.report.trends[0].trend.change_points.empty());
    EXPECT_EQ(result.report.trends[0].trend.level, model::Level::pass);
    const trend::Trend& step = result.report.trends[1].trend;
    EXPECT_EQ(step.series.metric, "BM_Step");
    ASSERT_EQ(step.change_points.size(), 1u);
    EXPECT_EQ(step.change_points[0].index, 17u);
    EXPECT_EQ(step.level, model::Level::fail);
}

TEST(RunTrend, FailOnNoneOnlyWarnsAndTheMetricGlobFilters) {
    test::TempDir dir;
    TrendRequest request;
    request.histories = {step_history(dir)};
    request.gate = dir.write("gate.json", R"({"schema": "caws-gate/gate@1"})");
    request.fail_on = {"none"};
    const TrendResult warned = run_trend(request);
    EXPECT_EQ(warned.level, model::Level::warn);
    EXPECT_EQ(warned.exit_code, k_exit_pass);
    EXPECT_EQ(warned.rules.change_point, model::Level::warn);

    request.fail_on.clear();
    request.metric = "BM_F*";
    const TrendResult flat = run_trend(request);
    ASSERT_EQ(flat.report.trends.size(), 1u);
    EXPECT_EQ(flat.exit_code, k_exit_pass);
}

TEST(RunTrend, TheGateFilesSectionSetsTheLevelsAndTheRequestWins) {
    test::TempDir dir;
    TrendRequest request;
    request.histories = {step_history(dir)};
    // The step, 3 runs back, is outside the newest 2 runs.
    request.gate = dir.write("gate.json", R"({"schema": "caws-gate/gate@1",
  "trend": {"change_point_within": 2}})");
    EXPECT_EQ(run_trend(request).exit_code, k_exit_pass);
    request.recent = 5;
    const TrendResult recent = run_trend(request);
    EXPECT_EQ(recent.rules.change_point_within, 5u);
    EXPECT_EQ(recent.exit_code, k_exit_fail);
}

TEST(RunTrend, ABrokenHistoryIsAnError) {
    test::TempDir dir;
    TrendRequest request;
    request.histories = {dir.write("perf.jsonl", "{\"schema\": 3}\n")};
    request.gate = dir.write("gate.json", R"({"schema": "caws-gate/gate@1"})");
    EXPECT_THROW(run_trend(request), util::Error);
}

}  // namespace
}  // namespace caws::app
