#include "trend/series.hpp"

#include <gtest/gtest.h>

namespace caws::trend {
namespace {

store::HistoryEntry entry(std::string commit, std::optional<double> median,
                          std::optional<double> mean) {
    store::HistoryEntry e;
    e.date.assign("2026-11-23T03:12:00Z");
    e.commit = std::move(commit);
    store::HistoryMetric b;
    b.name = std::string("BM_Sort/1024");
    b.measure = std::string("cpu_time");
    b.unit = std::string("s");
    b.direction = model::Direction::lower;
    b.median = median;
    b.mean = mean;
    store::HistoryMetric a = b;
    a.name = "BM_Alpha";
    a.median = 1.0;
    e.metrics = {b, a};
    return e;
}

TEST(Glob, MatchesStarsAndQuestionMarks) {
    EXPECT_TRUE(matches_glob("BM_Sort/*", "BM_Sort/1024"));
    EXPECT_TRUE(matches_glob("*Sort*", "BM_Sort/1024"));
    EXPECT_TRUE(matches_glob("BM_?ort/1024", "BM_Sort/1024"));
    EXPECT_FALSE(matches_glob("BM_Sort", "BM_Sort/1024"));
    EXPECT_TRUE(matches_glob("*", ""));
}

TEST(BuildSeries, MediansOrMeansInRunOrderSortedByName) {
    const std::vector<store::HistoryEntry> entries{
        entry("a", 1.0, 9.0), entry("b", std::nullopt, 2.0), entry("c", std::nullopt, std::nullopt),
        entry("d", 4.0, std::nullopt)};
    const std::vector<Series> all = build_series(entries);
    ASSERT_EQ(all.size(), 2u);
    EXPECT_EQ(all[0].metric, "BM_Alpha");
    const Series& s = all[1];
    EXPECT_EQ(s.values, (std::vector<double>{1.0, 2.0, 4.0}));
    EXPECT_EQ(s.commits, (std::vector<std::string>{"a", "b", "d"}));
    EXPECT_EQ(s.statistic, "median/mean");
    EXPECT_EQ(s.unit, "s");
    EXPECT_EQ(s.direction, model::Direction::lower);
}

TEST(BuildSeries, GlobAndLastFilter) {
    const std::vector<store::HistoryEntry> entries{entry("a", 1.0, {}), entry("b", 2.0, {}),
                                                   entry("c", 3.0, {})};
    SeriesOptions options;
    options.metric_glob = "BM_S*";
    options.last = 2;
    const std::vector<Series> all = build_series(entries, options);
    ASSERT_EQ(all.size(), 1u);
    EXPECT_EQ(all[0].values, (std::vector<double>{2.0, 3.0}));
    EXPECT_EQ(all[0].commits, (std::vector<std::string>{"b", "c"}));
}

}  // namespace
}  // namespace caws::trend
