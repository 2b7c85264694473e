#include "stats/hodges_lehmann_one_sample.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <vector>

#include "reference/paired_reference.inc"
#include "stats/random.hpp"

namespace caws::stats {
namespace {

std::vector<double> sorted_walsh_averages(std::vector<double> values) {
    std::sort(values.begin(), values.end());
    std::vector<double> averages;
    for (std::size_t i = 0; i < values.size(); ++i) {
        for (std::size_t j = i; j < values.size(); ++j)
            averages.push_back((values[i] + values[j]) / 2);
    }
    std::sort(averages.begin(), averages.end());
    return averages;
}

TEST(HodgesLehmannOneSample, MatchesBruteForceReference) {
    for (const auto& reference : k_one_sample_reference) {
        SCOPED_TRACE(reference.name);
        const LocationEstimate result =
            hodges_lehmann_one_sample(reference.d, reference.confidence);
        EXPECT_NEAR(result.estimate, reference.estimate, 1e-12 * std::fabs(reference.estimate));
        EXPECT_EQ(result.exact, reference.exact);
        ASSERT_EQ(result.interval.has_value(), reference.has_interval);
        if (!reference.has_interval) continue;
        // Order statistics of the same averages: equal, not close.
        EXPECT_EQ(result.interval->low, reference.low);
        EXPECT_EQ(result.interval->high, reference.high);
        EXPECT_NEAR(result.confidence, reference.achieved, 1e-12 * reference.achieved);
        if (reference.exact) {
            EXPECT_EQ(signed_rank_exact_rank(reference.d.size(), reference.confidence).k,
                      reference.k);
        }
    }
}

TEST(HodgesLehmannOneSample, ExactRanksOfCommonRoundCounts) {
    // 10 pairs at 95%: P(W+ <= 8) = 25/1024 <= 0.025 < P(W+ <= 9) = 33/1024.
    const IntervalRank ten = signed_rank_exact_rank(10, 0.95);
    EXPECT_EQ(ten.k, 9U);
    EXPECT_EQ(ten.confidence, 1 - 50.0 / 1024);
    // 6 pairs: the extreme averages, 1 - 2/64.
    const IntervalRank six = signed_rank_exact_rank(6, 0.95);
    EXPECT_EQ(six.k, 1U);
    EXPECT_EQ(six.confidence, 1 - 2.0 / 64);
    EXPECT_EQ(signed_rank_exact_rank(5, 0.95).k, 0U);
    EXPECT_EQ(signed_rank_exact_rank(0, 0.95).k, 0U);
}

TEST(HodgesLehmannOneSample, CountingSelectionFindsEveryRank) {
    // Both paths of the selection against sorting all averages: values with ties, zeros
    // and negative zeros, sizes on both sides of the enumeration limit.
    for (std::uint64_t seed = 1; seed <= 12; ++seed) {
        Random random(seed);
        const std::size_t n = 1 + random.below(90);
        std::vector<double> d(n);
        for (double& v : d) v = std::round(random.normal() * 8) / 16;
        if (n > 2) d[1] = -0.0;
        std::vector<double> sorted = d;
        std::sort(sorted.begin(), sorted.end());
        const std::vector<double> averages = sorted_walsh_averages(d);
        const std::size_t step = averages.size() > 500 ? 37 : 1;
        for (std::size_t k = 1; k <= averages.size(); k += step) {
            EXPECT_EQ(kth_walsh_average(sorted, k), averages[k - 1]) << seed << " " << k;
        }
        const std::size_t m = averages.size();
        const double middle = averages[(m - 1) / 2] + (averages[m / 2] - averages[(m - 1) / 2]) / 2;
        EXPECT_EQ(hodges_lehmann_one_sample(d).estimate, middle) << seed;
    }
}

TEST(HodgesLehmannOneSample, NegatingTheValuesMirrorsEstimateAndInterval) {
    for (std::uint64_t seed = 1; seed <= 10; ++seed) {
        Random random(seed);
        const std::size_t n = 6 + random.below(150);
        std::vector<double> d(n);
        std::vector<double> negated(n);
        for (std::size_t i = 0; i < n; ++i) {
            d[i] = 0.02 + 0.05 * random.normal();
            negated[i] = -d[i];
        }
        const LocationEstimate a = hodges_lehmann_one_sample(d);
        const LocationEstimate b = hodges_lehmann_one_sample(negated);
        EXPECT_EQ(a.estimate, -b.estimate) << seed;
        ASSERT_TRUE(a.interval && b.interval) << seed;
        EXPECT_EQ(a.interval->low, -b.interval->high) << seed;
        EXPECT_EQ(a.interval->high, -b.interval->low) << seed;
        EXPECT_EQ(a.confidence, b.confidence) << seed;
    }
}

TEST(HodgesLehmannOneSample, ThousandValuesAreCountedNotStored) {
    Random random(3);
    std::vector<double> d(1000);
    for (double& v : d) v = 0.01 + 0.03 * random.normal();
    const LocationEstimate result = hodges_lehmann_one_sample(d);
    EXPECT_FALSE(result.exact);
    ASSERT_TRUE(result.interval);
    EXPECT_LT(result.interval->low, result.estimate);
    EXPECT_GT(result.interval->high, result.estimate);
    EXPECT_NEAR(result.estimate, 0.01, 0.005);
    EXPECT_NEAR(result.confidence, 0.95, 0.001);
    std::vector<double> sorted = d;
    std::sort(sorted.begin(), sorted.end());
    const std::vector<double> averages = sorted_walsh_averages(d);
    EXPECT_EQ(kth_walsh_average(sorted, 12345), averages[12344]);
}

TEST(HodgesLehmannOneSample, EqualValuesGiveAZeroWidthInterval) {
    const std::vector<double> same(8, 0.05);
    const LocationEstimate result = hodges_lehmann_one_sample(same);
    EXPECT_EQ(result.estimate, 0.05);
    ASSERT_TRUE(result.interval);
    EXPECT_EQ(result.interval->low, 0.05);
    EXPECT_EQ(result.interval->high, 0.05);
    EXPECT_FALSE(result.exact);  // eight equal |d|: one tie group
}

TEST(HodgesLehmannOneSample, EmptyAndTinySamples) {
    const LocationEstimate empty = hodges_lehmann_one_sample(std::vector<double>{});
    EXPECT_TRUE(std::isnan(empty.estimate));
    EXPECT_FALSE(empty.interval);
    const LocationEstimate one = hodges_lehmann_one_sample(std::vector<double>{0.25});
    EXPECT_EQ(one.estimate, 0.25);
    EXPECT_FALSE(one.interval);
}

}  // namespace
}  // namespace caws::stats
