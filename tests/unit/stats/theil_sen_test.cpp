// Theil-Sen's selection of ranks among the pairwise slopes, held to a sort of all of
// them (the statistics themselves are held to scipy in mann_kendall_test.cpp).
#include "stats/theil_sen.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <limits>
#include <string>
#include <vector>

#include "stats/mann_kendall.hpp"
#include "stats/random.hpp"
#include "stats/student_t.hpp"
#include "stats/theil_sen_kernel.hpp"

namespace caws::stats {
namespace {

// Slope, low and high by sorting every pairwise slope, computed as theil_sen does
// ((y_j - y_i) * (1 / (j - i))), with Sen's ranks as in the header.
TheilSen sorted_theil_sen(const std::vector<double>& values, double confidence) {
    std::vector<double> slopes;
    for (std::size_t i = 0; i < values.size(); ++i) {
        for (std::size_t j = i + 1; j < values.size(); ++j) {
            slopes.push_back((values[j] - values[i]) * (1.0 / static_cast<double>(j - i)));
        }
    }
    std::sort(slopes.begin(), slopes.end());
    const std::size_t pairs = slopes.size();
    const double nt = static_cast<double>(pairs);
    const double alpha = 1 - confidence;
    const double z = student_t_quantile(1 - alpha / 2, std::numeric_limits<double>::infinity());
    const double sigma = std::sqrt(mann_kendall(values).variance);
    const double upper = std::min(std::nearbyint((nt + z * sigma) / 2), nt - 1);
    const double lower = std::max(std::nearbyint((nt - z * sigma) / 2) - 1, 0.0);
    TheilSen out;
    out.slope = (slopes[(pairs - 1) / 2] + slopes[pairs / 2]) / 2;
    out.low = slopes[static_cast<std::size_t>(lower)];
    out.high = slopes[static_cast<std::size_t>(upper)];
    return out;
}

std::vector<double> series_of(const std::string& shape, std::size_t n, std::uint64_t seed) {
    Random random(seed);
    std::vector<double> values(n);
    for (std::size_t i = 0; i < n; ++i) {
        double x = 1e-6 * (1 + 0.03 * random.normal());
        if (shape == "quantised") x = std::round(x * 1e8) / 1e8;  // many tied slopes
        if (shape == "step" && i > n / 3) x *= 1.3;
        if (shape == "drift") x += 1e-9 * static_cast<double>(i);
        if (shape == "five values") x = static_cast<double>(random.below(5));
        if (shape == "constant") x = 7;
        if (shape == "outliers" && i % 97 == 0) x *= 1e6;
        values[i] = x;
    }
    return values;
}

TEST(TheilSen, LongSeriesSelectExactlyTheRanksOfASort) {
    // Beyond the all-pairs limit (317 values: 50,086 pairs) the bracket, the bins and the
    // vector kernel are used; the results must be the very slopes of the sorted list.
    for (const std::string shape :
         {"noise", "quantised", "step", "drift", "five values", "constant", "outliers"}) {
        for (const std::size_t n : {317u, 1000u}) {
            for (const double confidence : {0.95, 0.8}) {
                SCOPED_TRACE(shape + " n=" + std::to_string(n) +
                             " confidence=" + std::to_string(confidence));
                const std::vector<double> values = series_of(shape, n, n);
                const TheilSen expected = sorted_theil_sen(values, confidence);
                const TheilSen fast = theil_sen(values, confidence);
                EXPECT_EQ(fast.slope, expected.slope);
                EXPECT_EQ(fast.low, expected.low);
                EXPECT_EQ(fast.high, expected.high);
                const TheilSen given = theil_sen(values, confidence, mann_kendall(values));
                EXPECT_EQ(given.slope, fast.slope);
                EXPECT_EQ(given.low, fast.low);
                EXPECT_EQ(given.high, fast.high);
                EXPECT_EQ(given.intercept, fast.intercept);
            }
        }
    }
}

TEST(TheilSen, VectorKernelKeepsAndCountsAsThePortableOne) {
    if (!detail::has_vector_kernel()) GTEST_SKIP() << "no AVX-512 on this processor";
    Random random(9);
    std::vector<double> inverse(1200);
    for (std::size_t d = 1; d < inverse.size(); ++d) inverse[d] = 1.0 / static_cast<double>(d);
    std::vector<double> y(1200);
    for (double& v : y) v = std::round(100 * random.normal()) / 10;  // ties at the bounds
    for (std::size_t length = 0; length < 1100; length += length < 40 ? 1 : 97) {
        SCOPED_TRACE("length " + std::to_string(length));
        const double yi = y[0];
        const double low = -0.5;
        const double high = 0.25;
        std::vector<double> portable(length + 8, -1);
        std::vector<double> vector(length + 8, -1);
        std::size_t below_portable = 3;
        std::size_t below_vector = 3;
        const std::size_t kept_portable =
            detail::bracket_row_portable(y.data() + 1, inverse.data() + 1, length, yi, low, high,
                                         portable.data(), below_portable);
        const std::size_t kept_vector = detail::bracket_row_vector(
            y.data() + 1, inverse.data() + 1, length, yi, low, high, vector.data(), below_vector);
        ASSERT_EQ(kept_vector, kept_portable);
        EXPECT_EQ(below_vector, below_portable);
        for (std::size_t k = 0; k < kept_portable; ++k) EXPECT_EQ(vector[k], portable[k]);
        if (length >= 40) {
            EXPECT_GT(kept_portable, 0u);
        }
    }
}

}  // namespace
}  // namespace caws::stats
