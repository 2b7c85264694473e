#include "app/check_trends.hpp"

#include <gtest/gtest.h>

namespace caws::app {
namespace {

TEST(CheckTrends, TheHistoryLivesNextToTheBaseline) {
    EXPECT_EQ(baseline_history("baselines/perf.json"), "baselines/history/perf.jsonl");
    EXPECT_EQ(baseline_history("/ci/b/micro.bench.json"), "/ci/b/history/micro.bench.jsonl");
    EXPECT_EQ(baseline_history("perf.json"), "history/perf.jsonl");
    // No suite can be named so: no update writes a history for it.
    EXPECT_EQ(baseline_history("/ci/b/my perf.json"), std::nullopt);
}

}  // namespace
}  // namespace caws::app
