// The leak use case called directly on memory time series.
#include "app/leak.hpp"

#include <gtest/gtest.h>

#include "stats/random.hpp"
#include "support/fixtures.hpp"
#include "support/temp_dir.hpp"
#include "unit/app/use_case_inputs.hpp"

namespace caws::app {
namespace {

// Ten minutes of RSS samples growing by `mb_per_second`, with 5 MB of noise.
std::string rss_series(const test::TempDir& dir, double mb_per_second) {
    std::string csv = "time,value (MB)\n";
    stats::Random random(1);
    for (int t = 0; t < 600; ++t) {
        csv += std::to_string(1795427700 + t) + "," +
               std::to_string(200 + mb_per_second * t + 5 * random.normal()) + "\n";
    }
    return dir.write("rss.csv", csv);
}

TEST(RunLeak, AGrowingSeriesIsALeakAboveTheThreshold) {
    test::TempDir dir;
    LeakRequest request;
    request.inputs = {rss_series(dir, 0.8)};
    request.leaks.threshold.mb_per_s = 0.5;
    const LeakResult leaking = run_leak(request);
    ASSERT_EQ(leaking.leaks.size(), 1u);
    const trend::Leak& leak = leaking.leaks[0].leak;
    EXPECT_EQ(leak.metric, "rss");
    EXPECT_EQ(leak.n, 600u);
    EXPECT_NEAR(leak.slope, 0.8, 0.02);
    EXPECT_EQ(leak.level, model::Level::fail);
    ASSERT_TRUE(leaking.leaks[0].finding.has_value());
    EXPECT_EQ(leaking.leaks[0].finding->code, "leak");
    EXPECT_EQ(leaking.level, model::Level::fail);
    EXPECT_EQ(leaking.exit_code, k_exit_fail);

    request.leaks.threshold.mb_per_s = 1.0;  // the default: 0.8 MB/s is below it
    const LeakResult below = run_leak(request);
    ASSERT_EQ(below.leaks.size(), 1u);
    EXPECT_EQ(below.leaks[0].finding, std::nullopt);
    EXPECT_EQ(below.exit_code, k_exit_pass);
}

TEST(RunLeak, EachFileIsASeriesOfItsOwn) {
    test::TempDir dir;
    LeakRequest request;
    request.inputs = {test::fixture_path("prometheus/matrix_memory.json"), rss_series(dir, 0)};
    const LeakResult result = run_leak(request);
    ASSERT_EQ(result.leaks.size(), 2u);
    EXPECT_EQ(result.leaks[1].leak.metric, "rss");
    EXPECT_EQ(result.leaks[1].leak.level, model::Level::pass);
    EXPECT_EQ(result.exit_code, k_exit_pass);
}

TEST(RunLeak, ARunWithoutTimeSeriesHasNoLeaks) {
    test::TempDir dir;
    LeakRequest request;
    request.inputs = {test::write_benchmarks(dir, "bench.json", {{"BM_A", 100}})};
    const LeakResult result = run_leak(request);
    EXPECT_TRUE(result.leaks.empty());
    EXPECT_EQ(result.level, model::Level::pass);
    EXPECT_EQ(result.exit_code, k_exit_pass);
}

}  // namespace
}  // namespace caws::app

namespace caws::app {
namespace {

// check and leak settle the threshold the same way: the option, else the gate file's.
TEST(LeakOptions, TheOptionWinsOverTheGateFileWhichWinsOverTheDefault) {
    trend::LeakThreshold relative;
    relative.percent = 5;
    relative.per_seconds = 3600;
    trend::LeakThreshold absolute;
    absolute.mb_per_s = 0.25;
    gate::Gate gate;
    gate.leak_threshold = relative;
    EXPECT_DOUBLE_EQ(leak_options({}, std::nullopt, std::nullopt).threshold.mb_per_s, 1.0);
    EXPECT_DOUBLE_EQ(leak_options({}, std::nullopt, gate::Gate{}).threshold.mb_per_s, 1.0);
    EXPECT_TRUE(leak_options({}, std::nullopt, gate).threshold.relative());
    const trend::LeakOptions given = leak_options({}, absolute, gate);
    EXPECT_FALSE(given.threshold.relative());
    EXPECT_DOUBLE_EQ(given.threshold.mb_per_s, 0.25);
}

}  // namespace
}  // namespace caws::app
