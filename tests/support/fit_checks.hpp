#pragma once

// The comparison of a slope fit with its reference record (tests/reference/*_reference.inc):
// each has `slope`, `intercept`, `stderr_slope` and the interval's `low` and `high`, to the
// tolerances the regression tests share (relative to the slope's scale and the interval's
// width).

#include <gtest/gtest.h>

#include <cmath>

#include "stats/linear_regression.hpp"

namespace caws::test {

template <class Reference>
void expect_fit_matches(const stats::LinearFit& fit, const Reference& ref) {
    const double scale = std::fabs(ref.slope) + ref.stderr_slope;
    EXPECT_NEAR(fit.slope, ref.slope, 1e-8 * scale);
    EXPECT_NEAR(fit.intercept, ref.intercept, 1e-6 * std::fabs(ref.intercept) + 1e-9);
    EXPECT_NEAR(fit.slope_stderr, ref.stderr_slope, 1e-8 * ref.stderr_slope);
    const double width = ref.high - ref.low;
    EXPECT_NEAR(fit.low, ref.low, 1e-7 * width);
    EXPECT_NEAR(fit.high, ref.high, 1e-7 * width);
}

}  // namespace caws::test
