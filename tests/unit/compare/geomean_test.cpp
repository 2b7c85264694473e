#include "compare/geomean.hpp"

#include <gtest/gtest.h>

#include <cmath>
#include <limits>
#include <string>
#include <vector>

namespace caws::compare {
namespace {

// A comparison of a benchmark of its own (the mean takes one ratio per benchmark).
model::Comparison with_ratio(double ratio,
                             model::ChangeClass change = model::ChangeClass::unchanged,
                             bool gated = true) {
    static int next = 0;
    model::Comparison c;
    c.metric = "BM_" + std::to_string(next++);
    c.ratio = ratio;
    c.change = change;
    c.gated = gated;
    return c;
}

TEST(Geomean, GeometricMeanOfTheComparedRatios) {
    std::vector<model::Comparison> comparisons{
        with_ratio(2.0),
        with_ratio(0.5),
        with_ratio(4.0),
        with_ratio(100.0, model::ChangeClass::added),
        with_ratio(100.0, model::ChangeClass::unchanged, false),
        with_ratio(std::numeric_limits<double>::infinity()),
        with_ratio(0.0)};
    model::Comparison no_ratio;
    comparisons.push_back(no_ratio);
    const auto geomean = geometric_mean_of_ratios(comparisons, Options{});
    ASSERT_TRUE(geomean);
    EXPECT_EQ(geomean->metrics, 3U);
    EXPECT_NEAR(geomean->ratio, std::cbrt(2.0 * 0.5 * 4.0), 1e-12);
    ASSERT_TRUE(geomean->ci);
    EXPECT_LE(geomean->ci->low, geomean->ratio);
    EXPECT_GE(geomean->ci->high, geomean->ratio);
    EXPECT_GE(geomean->ci->low, 0.5 - 1e-12);
    EXPECT_LE(geomean->ci->high, 4.0 + 1e-12);
}

TEST(Geomean, DeterministicForASeed) {
    std::vector<model::Comparison> comparisons;
    for (int i = 1; i <= 30; ++i) comparisons.push_back(with_ratio(1.0 + 0.01 * i));
    Options options;
    options.seed = 5;
    const auto a = geometric_mean_of_ratios(comparisons, options);
    const auto b = geometric_mean_of_ratios(comparisons, options);
    options.seed = 6;
    const auto c = geometric_mean_of_ratios(comparisons, options);
    ASSERT_TRUE(a && b && c && a->ci && b->ci && c->ci);
    EXPECT_EQ(a->ci->low, b->ci->low);
    EXPECT_EQ(a->ci->high, b->ci->high);
    EXPECT_NE(a->ci->low, c->ci->low);
}

TEST(Geomean, OneMetricHasNoIntervalAndNoneHasNoRow) {
    const std::vector<model::Comparison> one{with_ratio(1.5)};
    const auto geomean = geometric_mean_of_ratios(one, Options{});
    ASSERT_TRUE(geomean);
    EXPECT_DOUBLE_EQ(geomean->ratio, 1.5);
    EXPECT_FALSE(geomean->ci);
    const std::vector<model::Comparison> none{with_ratio(2.0, model::ChangeClass::removed)};
    EXPECT_FALSE(geometric_mean_of_ratios(none, Options{}));
}

model::Comparison measure_of(const std::string& metric, const std::string& measure,
                             double ratio, model::Unit unit = model::seconds()) {
    model::Comparison c;
    c.metric = metric;
    c.measure = measure;
    c.unit = std::move(unit);
    c.ratio = ratio;
    return c;
}

TEST(Geomean, OneRatioPerBenchmarkItsTimeFirst) {
    // A gate file that gates every measure: each benchmark still counts once.
    const std::vector<model::Comparison> comparisons{
        measure_of("BM_A", "real_time", 8),
        measure_of("BM_A", "cpu_time", 2),
        measure_of("BM_A", "items_per_second", 2, model::per_second()),
        measure_of("BM_B/real_time", "cpu_time", 8),
        measure_of("BM_B/real_time", "real_time", 4),
        measure_of("BenchmarkC", "B/op", 8, model::bytes()),
        measure_of("BenchmarkC", "sec/op", 0.5),
        measure_of("rate_only", "throughput", 1, model::per_second()),
    };
    const auto geomean = geometric_mean_of_ratios(comparisons, Options{});
    ASSERT_TRUE(geomean);
    EXPECT_EQ(geomean->metrics, 4U);
    EXPECT_EQ(geomean->benchmarks, 4U);
    EXPECT_NEAR(geomean->ratio, std::pow(2.0 * 4.0 * 0.5 * 1.0, 0.25), 1e-12);
}

}  // namespace
}  // namespace caws::compare
