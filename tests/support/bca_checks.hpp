#pragma once

// The comparison of caws-gate's BCa interval with scipy's `_bca_interval` on the same
// bootstrap replicates and jackknife, for the reference records of the tail-statistic
// tests (tests/reference/*_reference.inc): each has `statistic`, `replicates`, `estimate`
// and scipy's `bias`, `acceleration`, `level_low`/`level_high`, `bca_low`/`bca_high` and
// `percentile_low`/`percentile_high`; and of a Monte Carlo interval with the reference's.

#include <gtest/gtest.h>

#include <cmath>
#include <vector>

#include "stats/statistic_bootstrap.hpp"

namespace caws::test {

template <class Reference>
void expect_scipys_bca(const Reference& r, const std::vector<std::vector<double>>& jackknife) {
    const auto levels = stats::bca_levels(r.replicates, r.estimate, jackknife, 0.95);
    ASSERT_TRUE(levels) << r.statistic;
    EXPECT_NEAR(levels->bias, r.bias, 1e-12) << r.statistic;
    EXPECT_NEAR(levels->acceleration, r.acceleration, 1e-12) << r.statistic;
    EXPECT_NEAR(levels->low, r.level_low, 1e-12) << r.statistic;
    EXPECT_NEAR(levels->high, r.level_high, 1e-12) << r.statistic;
    const auto interval = stats::bca_interval(r.replicates, r.estimate, jackknife, 0.95);
    ASSERT_TRUE(interval);
    EXPECT_NEAR(interval->low, r.bca_low, 1e-10) << r.statistic;
    EXPECT_NEAR(interval->high, r.bca_high, 1e-10) << r.statistic;
    const stats::Interval percentile = stats::percentile_interval_of(r.replicates, 0.95);
    EXPECT_NEAR(percentile.low, r.percentile_low, 1e-13) << r.statistic;
    EXPECT_NEAR(percentile.high, r.percentile_high, 1e-13) << r.statistic;
}

// An interval of caws-gate's Monte Carlo bootstrap against the reference's from other
// resamples (`low`, `high` and the Monte Carlo `spread` of one run's ends): the difference
// of two independent runs has sqrt(2) times the spread of one; five of those is far
// outside chance.
template <class Reference>
void expect_within_monte_carlo(const stats::Interval& interval, const Reference& r) {
    const double tolerance = 5 * std::sqrt(2.0) * r.spread;
    EXPECT_NEAR(interval.low, r.low, tolerance) << r.statistic;
    EXPECT_NEAR(interval.high, r.high, tolerance) << r.statistic;
}

}  // namespace caws::test
