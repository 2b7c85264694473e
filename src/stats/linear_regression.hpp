#pragma once

#include <cstddef>
#include <span>

namespace caws::stats {

// An ordinary least-squares line y = intercept + slope * x.
struct LinearFit {
    std::size_t n = 0;
    double slope = 0;
    double intercept = 0;
    double slope_stderr = 0;  // standard error of the slope; 0 with fewer than three points
    double r_squared = 0;     // 0 when y (or x) does not vary
    // Student-t interval of the slope at the requested confidence, n - 2 degrees of freedom;
    // [slope, slope] with fewer than three points.
    double low = 0;
    double high = 0;
    // Set by newey_west_regression only: the Bartlett lags of the standard error (0 for the
    // plain one) and the residuals' lag-one autocorrelation they were chosen from.
    std::size_t lags = 0;
    double rho = 0;
    // Set by ar1_regression only (0 otherwise): the degrees of freedom of the interval's
    // Student t; `rho` is then the posterior mean of the residuals' AR(1) coefficient.
    double df = 0;
};

// Least squares of `y` on `x` (same length; centred sums, so large x such as Unix times
// lose no precision), as scipy.stats.linregress. Fewer than two points, or x that does not
// vary, give slope 0 and intercept mean(y). Values must be finite.
LinearFit linear_regression(std::span<const double> x, std::span<const double> y,
                            double confidence = 0.95);

}  // namespace caws::stats
