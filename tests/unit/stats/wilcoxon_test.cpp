#include "stats/wilcoxon.hpp"

#include <gtest/gtest.h>

#include <cmath>
#include <string>
#include <vector>

#include "reference/paired_reference.inc"
#include "stats/random.hpp"

namespace caws::stats {
namespace {

WilcoxonOptions options_of(const WilcoxonReference& reference) {
    WilcoxonOptions options;
    const std::string zero_method = reference.zero_method;
    if (zero_method == "pratt") options.zero_method = ZeroMethod::pratt;
    if (zero_method == "zsplit") options.zero_method = ZeroMethod::zsplit;
    const std::string method = reference.method;
    if (method == "exact") options.method = WilcoxonMethod::exact;
    if (method == "approx") options.method = WilcoxonMethod::approx;
    options.continuity = reference.correction;
    return options;
}

TEST(Wilcoxon, MatchesScipyWilcoxon) {
    for (const auto& reference : k_wilcoxon_reference) {
        SCOPED_TRACE(reference.name);
        const WilcoxonResult result = wilcoxon_signed_rank(reference.d, options_of(reference));
        EXPECT_EQ(result.statistic, reference.statistic);
        EXPECT_NEAR(result.p_value, reference.p_value, 1e-12 * reference.p_value);
        EXPECT_EQ(result.exact, reference.exact);
        // scipy's own value differs only where ties make W+ a half-integer above W-.
        if (result.ties && result.exact && result.w_plus > result.statistic) continue;
        EXPECT_NEAR(result.p_value, reference.scipy_p_value, 1e-12 * reference.scipy_p_value);
    }
}

TEST(Wilcoxon, ExactDistributionMatchesEnumeratedSignPatterns) {
    for (std::size_t n = 0; n < k_signed_rank_cdf.size(); ++n) {
        const std::vector<double>& cdf = k_signed_rank_cdf[n];
        for (std::size_t w = 0; w < cdf.size(); ++w) {
            EXPECT_EQ(wilcoxon_exact_cdf(n, static_cast<double>(w)), cdf[w]) << n << " " << w;
        }
        EXPECT_EQ(wilcoxon_exact_cdf(n, -1), 0.0);
        EXPECT_EQ(wilcoxon_exact_cdf(n, static_cast<double>(cdf.size())), 1.0);
    }
}

TEST(Wilcoxon, ExactTailsAreExactForLargeN) {
    // P(W+ = 0) = 2^-n; P(W+ <= 1) = 2^(1-n): counts, not differences of large numbers.
    EXPECT_EQ(wilcoxon_exact_cdf(60, 0), std::ldexp(1.0, -60));
    EXPECT_EQ(wilcoxon_exact_cdf(60, 1), std::ldexp(1.0, -59));
    // The distribution is symmetric about n(n+1)/4: P(W+ <= 1242) = 1/2 for n = 70.
    EXPECT_NEAR(wilcoxon_exact_cdf(70, 70.0 * 71 / 4 - 0.5), 0.5, 1e-15);
}

TEST(Wilcoxon, AutomaticIsExactUpToFiftyDifferencesWithoutZeros) {
    Random random(11);
    std::vector<double> d(50);
    for (double& v : d) v = random.normal();
    EXPECT_TRUE(wilcoxon_signed_rank(d).exact);
    d.push_back(0.5);
    EXPECT_FALSE(wilcoxon_signed_rank(d).exact);
    d.resize(10);
    d[3] = 0;
    const WilcoxonResult with_zero = wilcoxon_signed_rank(d);
    EXPECT_FALSE(with_zero.exact);
    EXPECT_EQ(with_zero.zeros, 1U);
    EXPECT_EQ(with_zero.n, 9U);
}

TEST(Wilcoxon, ExactBeyondTheLimitFallsBackToTheApproximation) {
    Random random(12);
    std::vector<double> d(k_wilcoxon_exact_limit + 1);
    for (double& v : d) v = random.normal();
    WilcoxonOptions options;
    options.method = WilcoxonMethod::exact;
    EXPECT_FALSE(wilcoxon_signed_rank(d, options).exact);
    d.pop_back();
    EXPECT_TRUE(wilcoxon_signed_rank(d, options).exact);
}

TEST(Wilcoxon, TiesAreReportedAndRankedByAverage) {
    // |d| 0.01 twice (ranks 1.5), 0.02, 0.03, 0.04, 0.05, 0.06, 0.07: W- = 1.5 + 6.
    const std::vector<double> d{0.01, -0.01, 0.02, 0.03, 0.04, -0.05, 0.06, 0.07};
    const WilcoxonResult result = wilcoxon_signed_rank(d);
    EXPECT_TRUE(result.ties);
    EXPECT_TRUE(result.exact);
    EXPECT_EQ(result.statistic, 7.5);
    EXPECT_EQ(result.w_plus, 28.5);
    EXPECT_FALSE(wilcoxon_signed_rank(std::vector<double>{0.1, -0.2, 0.3}).ties);
}

TEST(Wilcoxon, AllZeroIsNotSignificantAndEmptyIsUndefined) {
    const std::vector<double> zeros(6, 0.0);
    for (const ZeroMethod method : {ZeroMethod::wilcox, ZeroMethod::pratt, ZeroMethod::zsplit}) {
        WilcoxonOptions options;
        options.zero_method = method;
        const WilcoxonResult result = wilcoxon_signed_rank(zeros, options);
        EXPECT_EQ(result.p_value, 1.0);
        EXPECT_EQ(result.zeros, 6U);
        EXPECT_FALSE(result.exact);
    }
    EXPECT_EQ(wilcoxon_signed_rank(zeros).n, 0U);
    const WilcoxonResult empty = wilcoxon_signed_rank(std::vector<double>{});
    EXPECT_TRUE(std::isnan(empty.p_value));
    EXPECT_TRUE(std::isnan(empty.statistic));
}

TEST(Wilcoxon, MinimumPValueAndPairsTellWhenSignificanceIsImpossible) {
    EXPECT_EQ(wilcoxon_min_p(0), 1.0);
    EXPECT_EQ(wilcoxon_min_p(1), 1.0);
    EXPECT_EQ(wilcoxon_min_p(2), 0.5);
    EXPECT_EQ(wilcoxon_min_p(5), 1.0 / 16);
    EXPECT_EQ(wilcoxon_min_p(6), 1.0 / 32);
    EXPECT_EQ(wilcoxon_min_p(10), 1.0 / 512);
    EXPECT_EQ(wilcoxon_min_pairs(0.05), 6U);
    EXPECT_EQ(wilcoxon_min_pairs(0.01), 8U);
    EXPECT_EQ(wilcoxon_min_pairs(0.1), 5U);
    EXPECT_EQ(wilcoxon_min_pairs(1.0 / 16), 5U);
    EXPECT_EQ(wilcoxon_min_pairs(1), 1U);
    EXPECT_EQ(wilcoxon_min_pairs(0), 0U);
    // The exact test reaches the minimum when every difference has the same sign.
    const std::vector<double> six{0.1, 0.2, 0.3, 0.4, 0.5, 0.6};
    EXPECT_EQ(wilcoxon_signed_rank(six).p_value, wilcoxon_min_p(6));
}

TEST(Wilcoxon, NegatingTheDifferencesKeepsStatisticAndP) {
    for (std::uint64_t seed = 1; seed <= 20; ++seed) {
        Random random(seed);
        const std::size_t n = 3 + random.below(80);
        std::vector<double> d(n);
        std::vector<double> negated(n);
        for (std::size_t i = 0; i < n; ++i) {
            // Rounded, so that ties and zeros occur.
            d[i] = std::round((random.normal() + 0.3) * 20) / 20;
            negated[i] = -d[i];
        }
        for (const ZeroMethod method :
             {ZeroMethod::wilcox, ZeroMethod::pratt, ZeroMethod::zsplit}) {
            WilcoxonOptions options;
            options.zero_method = method;
            const WilcoxonResult a = wilcoxon_signed_rank(d, options);
            const WilcoxonResult b = wilcoxon_signed_rank(negated, options);
            EXPECT_EQ(a.statistic, b.statistic) << seed;
            EXPECT_EQ(a.p_value, b.p_value) << seed;
            if (method == ZeroMethod::wilcox) {
                const auto ranked = static_cast<double>(a.n);
                EXPECT_EQ(a.w_plus + b.w_plus, ranked * (ranked + 1) / 2) << seed;
            }
        }
    }
}

}  // namespace
}  // namespace caws::stats
