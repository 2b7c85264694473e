#include "trend/series.hpp"

#include <gtest/gtest.h>

#include <map>
#include <string>
#include <utility>
#include <vector>

namespace caws::trend {
namespace {

std::vector<std::string> commits_of(const Series& s) {
    std::vector<std::string> out;
    for (std::size_t i = 0; i < s.values.size(); ++i) out.emplace_back(s.commit(i));
    return out;
}

std::vector<std::string> dates_of(const Series& s) {
    std::vector<std::string> out;
    for (std::size_t i = 0; i < s.values.size(); ++i) out.emplace_back(s.date(i));
    return out;
}

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
    EXPECT_EQ(commits_of(s), (std::vector<std::string>{"a", "b", "d"}));
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
    EXPECT_EQ(commits_of(all[0]), (std::vector<std::string>{"b", "c"}));
}

}  // namespace
}  // namespace caws::trend

namespace caws::trend {
namespace {

// build_series as documented, by a plain map: what the position cache and the threads
// must reproduce.
struct Expected {
    Series series;
    std::vector<std::string> dates, commits;
};

std::vector<Expected> series_by_definition(const std::vector<store::HistoryEntry>& entries,
                                           const SeriesOptions& options) {
    std::map<std::pair<std::string, std::string>, Expected> by_key;
    std::map<std::pair<std::string, std::string>, std::pair<bool, bool>> kinds;
    for (const store::HistoryEntry& e : entries) {
        for (const store::HistoryMetric& m : e.metrics) {
            const std::optional<double>& value = m.median ? m.median : m.mean;
            if (!value) continue;
            if (options.metric_glob && !matches_glob(*options.metric_glob, m.name)) continue;
            Expected& x = by_key[{m.name, m.measure}];
            Series& s = x.series;
            s.metric = m.name;
            s.measure = m.measure;
            s.unit = m.unit;
            s.direction = m.direction;
            s.values.push_back(*value);
            x.dates.push_back(e.date);
            x.commits.push_back(e.commit);
            auto& kind = kinds[{m.name, m.measure}];
            (m.median ? kind.first : kind.second) = true;
        }
    }
    std::vector<Expected> out;
    for (auto& [key, x] : by_key) {
        Series& s = x.series;
        const auto kind = kinds[key];
        s.statistic = kind.first && kind.second ? "median/mean" : (kind.first ? "median" : "mean");
        if (options.last > 0 && s.values.size() > options.last) {
            const auto drop = static_cast<std::ptrdiff_t>(s.values.size() - options.last);
            s.values.erase(s.values.begin(), s.values.begin() + drop);
            x.dates.erase(x.dates.begin(), x.dates.begin() + drop);
            x.commits.erase(x.commits.begin(), x.commits.begin() + drop);
        }
        out.push_back(std::move(x));
    }
    return out;
}

TEST(BuildSeries, ReorderedAndChangingMetricsMatchTheDefinition) {
    // 200 metrics (enough for the threads) whose order changes now and then, some runs
    // without some metrics, a metric repeated in one run, units that change.
    std::vector<store::HistoryEntry> entries;
    for (int r = 0; r < 30; ++r) {
        store::HistoryEntry e;
        e.date = "2026-11-" + std::to_string(10 + r % 18) + "T03:12:00Z";
        e.commit = "c" + std::to_string(r);
        for (int k = 0; k < 200; ++k) {
            const int m = r % 7 == 3 ? (k * 37) % 200 : k;
            if ((m + r) % 13 == 0) continue;
            store::HistoryMetric metric;
            metric.name = "BM_Metric_with_a_long_name/" + std::to_string(m % 100);
            metric.measure = m < 100 ? "cpu_time" : "real_time";
            metric.unit = r < 20 ? "s" : "ms";
            metric.direction = model::Direction::lower;
            if ((m + r) % 5 != 0) metric.median = m + r / 100.0;
            if ((m + r) % 3 == 0) metric.mean = m - r / 100.0;
            e.metrics.push_back(metric);
            if (m == 42 && r == 5) e.metrics.push_back(metric);
        }
        entries.push_back(std::move(e));
    }
    for (const SeriesOptions& options :
         {SeriesOptions{}, SeriesOptions{std::string("*/1?"), 0}, SeriesOptions{std::nullopt, 7}}) {
        const std::vector<Series> fast = build_series(entries, options);
        const std::vector<Expected> expected = series_by_definition(entries, options);
        ASSERT_EQ(fast.size(), expected.size());
        for (std::size_t i = 0; i < fast.size(); ++i) {
            const Series& want = expected[i].series;
            SCOPED_TRACE(want.metric + " " + want.measure);
            EXPECT_EQ(fast[i].metric, want.metric);
            EXPECT_EQ(fast[i].measure, want.measure);
            EXPECT_EQ(fast[i].unit, want.unit);
            EXPECT_EQ(fast[i].statistic, want.statistic);
            EXPECT_EQ(fast[i].values, want.values);
            EXPECT_EQ(dates_of(fast[i]), expected[i].dates);
            EXPECT_EQ(commits_of(fast[i]), expected[i].commits);
        }
    }
    // first_run leaves out the older runs, as if the history started there (check's
    // --history-last); the table of runs starts there too.
    SeriesOptions from_12;
    from_12.first_run = 12;
    from_12.last = 10;
    const std::vector<Series> fast = build_series(entries, from_12);
    const std::vector<store::HistoryEntry> newer(entries.begin() + 12, entries.end());
    const std::vector<Expected> expected = series_by_definition(newer, {std::nullopt, 10});
    ASSERT_EQ(fast.size(), expected.size());
    for (std::size_t i = 0; i < fast.size(); ++i) {
        EXPECT_EQ(fast[i].values, expected[i].series.values);
        EXPECT_EQ(dates_of(fast[i]), expected[i].dates);
        EXPECT_EQ(commits_of(fast[i]), expected[i].commits);
        ASSERT_NE(fast[i].labels, nullptr);
        EXPECT_EQ(fast[i].labels->size(), entries.size() - 12);
        EXPECT_EQ(fast[i].labels, fast[0].labels);  // one table for all series
    }
}

}  // namespace
}  // namespace caws::trend
