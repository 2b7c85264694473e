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

}  // namespace caws::stats
