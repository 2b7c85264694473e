#pragma once

#include <cstddef>
#include <optional>
#include <span>

#include "stats/linear_regression.hpp"

namespace caws::stats {

// The lag-one autocorrelation of least-squares residuals, sum e_t e_(t-1) / sum e_(t-1)^2,
// clipped to [-0.97, 0.97]; 0 with fewer than three residuals or residuals all zero.
double residual_autocorrelation(std::span<const double> residuals);

// Andrews' (1991) plug-in lag for the Bartlett kernel under an AR(1) model of the
// residuals with autocorrelation `rho`: floor(1.1447 (alpha n)^(1/3)),
// alpha = 4 rho^2 / ((1 - rho)^2 (1 + rho)^2), at most n - 2. 0 when rho is 0.
std::size_t andrews_bartlett_lags(double rho, std::size_t n);

// Least squares of `y` on `x` (as linear_regression) with a Newey-West (HAC) standard error
// of the slope: Bartlett weights 1 - j / (lags + 1) for j = 1..lags, the small-sample factor
// n / (n - 2), and the Student-t interval on n - 2 degrees of freedom (statsmodels'
// OLS.fit(cov_type="HAC", cov_kwds={"maxlags": lags, "use_correction": True}, use_t=True)).
// `lags` empty: andrews_bartlett_lags of the residuals' autocorrelation. The fit's `lags`
// and `rho` say what was used. Fewer than three points or x that does not vary: as
// linear_regression. Values must be finite.
LinearFit newey_west_regression(std::span<const double> x, std::span<const double> y,
                                double confidence = 0.95,
                                std::optional<std::size_t> lags = std::nullopt);

// The two-sided fixed-b critical value (Kiefer & Vogelsang 2005) of the Newey-West t
// statistic of a trend's slope, for the bandwidth share b = (lags + 1) / n in (0, 1]:
// t(0.5 + confidence/2; n - 2) + c1 b + c2 b^2 + c3 b^3, the coefficients fitted to the
// simulated law of the statistic (tests/reference/fixed_b_reference.py) at confidence 0.80,
// 0.90, 0.95, 0.98 and 0.99, interpolated linearly in the normal quantile between them and
// the nearest one's outside. b -> 0 gives Student's t.
double fixed_b_critical_value(double b, double confidence, std::size_t n);

// The Bartlett lags of the leak interval: four times Andrews' bandwidth,
// min(n, 4 (andrews_bartlett_lags(rho, n) + 1)) - 1. A bandwidth wider than the one that
// minimises the variance's mean squared error lowers its bias under persistent noise; the
// fixed-b critical value pays for the extra noise.
std::size_t fixed_b_lags(double rho, std::size_t n);

// newey_west_regression with fixed_b_lags of its residuals' autocorrelation (the standard
// error is still statsmodels' with maxlags = lags) and the interval slope -+
// fixed_b_critical_value((lags + 1) / n) x standard error.
LinearFit fixed_b_regression(std::span<const double> x, std::span<const double> y,
                             double confidence = 0.95);

}  // namespace caws::stats
