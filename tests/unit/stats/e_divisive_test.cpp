#include "stats/e_divisive.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <cstdlib>
#include <limits>
#include <utility>
#include <vector>

#include "reference/trend_reference.inc"
#include "stats/random.hpp"

namespace caws::stats {
namespace {

// Values of a series at split `index`, by the definition (O(n^2)), to check the scan.
double q_by_definition(const std::vector<double>& x, std::size_t tau) {
    const std::size_t m = tau;
    const std::size_t n = x.size() - tau;
    double cross = 0, wa = 0, wb = 0;
    for (std::size_t i = 0; i < m; ++i)
        for (std::size_t j = m; j < x.size(); ++j) cross += std::fabs(x[i] - x[j]);
    for (std::size_t i = 0; i < m; ++i)
        for (std::size_t k = i + 1; k < m; ++k) wa += std::fabs(x[i] - x[k]);
    for (std::size_t i = m; i < x.size(); ++i)
        for (std::size_t k = i + 1; k < x.size(); ++k) wb += std::fabs(x[i] - x[k]);
    const double md = static_cast<double>(m), nd = static_cast<double>(n);
    double e = 2 * cross / (md * nd);
    if (m > 1) e -= wa / (md * (md - 1) / 2);
    if (n > 1) e -= wb / (nd * (nd - 1) / 2);
    return md * nd / (md + nd) * e;
}

TEST(EnergyStatistic, BestSplitMatchesTheReference) {
    for (const EnergyReference& ref : k_energy_reference) {
        SCOPED_TRACE(ref.name);
        const Split split = best_split(ref.values, 3);
        EXPECT_EQ(split.index, ref.best_index);
        EXPECT_NEAR(split.q, ref.best_q, 1e-9 * std::fabs(ref.best_q));
        // A split of a segment whose values end at the probe: the scan's q at the probe.
        const std::vector<double> values(ref.values.begin(), ref.values.end());
        EXPECT_NEAR(q_by_definition(values, ref.probe_index), ref.probe_q,
                    1e-9 * std::fabs(ref.probe_q));
        EXPECT_NEAR(pooled_t_p_value(ref.values, 0, ref.best_index, ref.values.size()),
                    ref.t_p_value, 1e-9 * ref.t_p_value + 1e-300);
    }
}

TEST(EnergyStatistic, ScanAgreesWithTheDefinitionOnEverySplitOfLargeValues) {
    // Large values with small differences: the scan centres them to keep its precision.
    Random random(5);
    std::vector<double> values;
    for (int i = 0; i < 40; ++i) values.push_back(150000 + random.normal() * 3 + (i > 25 ? 9 : 0));
    const Split split = best_split(values, 3);
    double best = -1;
    std::size_t best_index = 0;
    for (std::size_t tau = 3; tau + 3 <= values.size(); ++tau) {
        const double q = q_by_definition(values, tau);
        if (q > best) {
            best = q;
            best_index = tau;
        }
    }
    EXPECT_EQ(split.index, best_index);
    EXPECT_NEAR(split.q, best, 1e-7 * best);
}

TEST(EnergyStatistic, TooShortSeriesHaveNoSplit) {
    EXPECT_EQ(best_split(std::vector<double>{1, 2, 3, 4, 5}, 3).index, 0u);
}

std::vector<double> step_series(std::uint64_t seed, std::size_t n, std::size_t at, double ratio,
                                double noise) {
    Random random(seed);
    std::vector<double> values;
    for (std::size_t i = 0; i < n; ++i) {
        values.push_back((i >= at ? ratio : 1.0) * (1 + noise * random.normal()));
    }
    return values;
}

TEST(EDivisive, FindsAStepWithinTwoRuns) {
    for (std::uint64_t seed = 1; seed <= 20; ++seed) {
        SCOPED_TRACE(seed);
        const std::vector<double> values = step_series(seed, 60, 40, 1.35, 0.03);
        const auto found = e_divisive(values, {.seed = seed});
        ASSERT_FALSE(found.empty());
        bool near = false;
        for (const ChangePointEstimate& cp : found) {
            if (cp.index + 2 >= 40 && cp.index <= 42) near = true;
            EXPECT_LE(cp.p_value, 0.05);
        }
        EXPECT_TRUE(near);
    }
}

TEST(EDivisive, StationarySeriesRarelyHaveChangePoints) {
    int with_change_points = 0;
    for (std::uint64_t seed = 1; seed <= 100; ++seed) {
        const std::vector<double> values = step_series(1000 + seed, 60, 60, 1.0, 0.03);
        if (!e_divisive(values, {.seed = seed}).empty()) ++with_change_points;
    }
    EXPECT_LE(with_change_points, 5);
}

TEST(EDivisive, SameSeedSameResult) {
    const std::vector<double> values = step_series(7, 80, 30, 1.1, 0.05);
    const auto a = e_divisive(values, {.seed = 3});
    const auto b = e_divisive(values, {.seed = 3});
    ASSERT_EQ(a.size(), b.size());
    for (std::size_t i = 0; i < a.size(); ++i) {
        EXPECT_EQ(a[i].index, b[i].index);
        EXPECT_EQ(a[i].p_value, b[i].p_value);
    }
}

TEST(EDivisive, FindsSeveralSteps) {
    std::vector<double> values = step_series(11, 90, 30, 1.5, 0.02);
    for (std::size_t i = 60; i < 90; ++i) values[i] *= 0.6;
    const auto found = e_divisive(values, {.seed = 1});
    ASSERT_EQ(found.size(), 2u);
    EXPECT_NEAR(static_cast<double>(found[0].index), 30, 1);
    EXPECT_NEAR(static_cast<double>(found[1].index), 60, 1);
}

TEST(Otava, FindsAStepAndMergesWindows) {
    std::vector<double> values = step_series(13, 200, 120, 1.3, 0.03);
    const auto found = otava_change_points(values);
    ASSERT_EQ(found.size(), 1u);
    EXPECT_NEAR(static_cast<double>(found[0].index), 120, 2);
    EXPECT_LE(found[0].p_value, 0.001);
}

TEST(Otava, StationarySeriesHaveNoChangePoint) {
    int with_change_points = 0;
    for (std::uint64_t seed = 1; seed <= 50; ++seed) {
        if (!otava_change_points(step_series(500 + seed, 120, 120, 1.0, 0.03)).empty())
            ++with_change_points;
    }
    EXPECT_LE(with_change_points, 3);
}

}  // namespace
}  // namespace caws::stats

namespace caws::stats {
namespace {

// E-divisive as the header describes it, with every q by definition (O(n^2) per split)
// and the same random stream: the segments' values in position order are shuffled by
// Fisher-Yates, one segment after the other, for each permutation.
std::vector<ChangePointEstimate> e_divisive_by_definition(const std::vector<double>& x,
                                                          const EDivisiveOptions& options) {
    struct Part {
        std::size_t begin, end, index;
        double q;
    };
    const auto best_of = [&](const std::vector<double>& values) {
        std::pair<std::size_t, double> best{0, -std::numeric_limits<double>::infinity()};
        for (std::size_t tau = options.min_size; tau + options.min_size <= values.size(); ++tau) {
            const double q = q_by_definition(values, tau);
            if (q > best.second) best = {tau, q};
        }
        if (best.first == 0) best.second = 0;
        return best;
    };
    const auto part = [&](std::size_t begin, std::size_t end) {
        const auto best = best_of(std::vector<double>(x.begin() + static_cast<long>(begin),
                                                      x.begin() + static_cast<long>(end)));
        return Part{begin, end, best.first, best.second};
    };
    Random random(options.seed);
    std::vector<Part> parts{part(0, x.size())};
    std::vector<ChangePointEstimate> found;
    while (true) {
        std::size_t chosen = parts.size();
        for (std::size_t i = 0; i < parts.size(); ++i) {
            if (parts[i].index == 0) continue;
            if (chosen == parts.size() || parts[i].q > parts[chosen].q) chosen = i;
        }
        if (chosen == parts.size()) break;
        const double observed = parts[chosen].q;
        std::size_t exceed = 0;
        const double allowed = options.alpha * static_cast<double>(options.permutations + 1) - 1;
        for (std::size_t p = 0; p < options.permutations; ++p) {
            double best = -std::numeric_limits<double>::infinity();
            for (const Part& s : parts) {
                std::vector<double> values(x.begin() + static_cast<long>(s.begin),
                                           x.begin() + static_cast<long>(s.end));
                for (std::size_t i = values.size(); i > 1; --i) {
                    std::swap(values[i - 1], values[random.below(static_cast<std::uint32_t>(i))]);
                }
                best = std::max(best, best_of(values).second);
            }
            if (best >= observed) ++exceed;
            if (static_cast<double>(exceed) > allowed) break;
        }
        const double p_value =
            static_cast<double>(exceed + 1) / static_cast<double>(options.permutations + 1);
        if (p_value > options.alpha) break;
        const Part split = parts[chosen];
        found.push_back({split.begin + split.index, split.q, p_value});
        parts.erase(parts.begin() + static_cast<long>(chosen));
        parts.push_back(part(split.begin, split.begin + split.index));
        parts.push_back(part(split.begin + split.index, split.end));
    }
    std::sort(found.begin(), found.end(),
              [](const auto& a, const auto& b) { return a.index < b.index; });
    return found;
}

TEST(EDivisive, PermutationTestDecidesAsTheDefinition) {
    // The permutation scans decide "q reached or not" in fixed point and fall back to
    // the exact scan only near the observed q: the change points and p-values must be
    // those of the definition.
    for (std::uint64_t seed = 1; seed <= 12; ++seed) {
        SCOPED_TRACE(seed);
        std::vector<double> values = step_series(300 + seed, 70, 20 + seed * 3, 1.08, 0.03);
        if (seed % 3 == 0) {
            for (double& v : values) v = std::round(v * 40);  // ties
        }
        EDivisiveOptions options;
        options.seed = seed;
        options.min_size = 2 + seed % 3;
        const auto fast = e_divisive(values, options);
        const auto reference = e_divisive_by_definition(values, options);
        ASSERT_EQ(fast.size(), reference.size());
        for (std::size_t i = 0; i < fast.size(); ++i) {
            EXPECT_EQ(fast[i].index, reference[i].index);
            EXPECT_EQ(fast[i].p_value, reference[i].p_value);
            EXPECT_NEAR(fast[i].q, reference[i].q, 1e-9 * std::fabs(reference[i].q));
        }
    }
}

}  // namespace
}  // namespace caws::stats
