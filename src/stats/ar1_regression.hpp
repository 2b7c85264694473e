#pragma once

#include <cstddef>
#include <span>
#include <vector>

#include "stats/linear_regression.hpp"

namespace caws::stats {

// R v for the AR(1) correlation matrix R_ij = rho^|i - j| of v's length, in linear time (a
// forward and a backward recursion).
std::vector<double> ar1_correlate(std::span<const double> v, double rho);

// (dR/drho) v, the derivative of ar1_correlate: entries |i - j| rho^(|i - j| - 1), in linear
// time.
std::vector<double> ar1_correlate_derivative(std::span<const double> v, double rho);

// The lag-one autocorrelation of a linear trend's least-squares residuals
// (residual_autocorrelation, `r`) corrected for its first-order bias under AR(1) errors,
// E r = rho - (2 + 4 rho) / n: rho = (n r + 2) / (n - 4), clipped to [-0.97, 0.99]. With
// fewer than five residuals 0: one or two degrees of freedom cannot tell an autocorrelation
// (three residuals of a line always have r = -0.8), and ar1_regression is then the plain fit.
double bias_corrected_autocorrelation(double r, std::size_t n);

// Least squares of `y` on `x` (the slope and intercept of linear_regression) with the
// standard error of the slope for AR(1) errors in sample order: with rho the bias-corrected
// autocorrelation of the residuals e, R its correlation matrix and M = I - X (X'X)^-1 X' the
// residual projection of the design X = [1, x],
//   variance of the noise  g0 = e'e / tr(M R)  (unbiased when rho is right),
//   variance of the slope  V = g0 c'R c,  c = (x - mean x) / sum (x - mean x)^2,
// and Student's t on df = 2 / var(log V) degrees of freedom, at least 1, with
//   var(log V) = 2 tr(M R M R) / tr(M R)^2 + (d log V / d rho)^2 (1 - rho^2) / n:
// Satterthwaite's share of g0 plus the estimated rho's by the delta method. rho = 0 gives
// linear_regression's standard error; below five points it is linear_regression's interval
// (rho 0, df n - 2). The fit's `rho` and `df` say what was used. Fewer
// than three points or x that does not vary: as linear_regression. Values must be finite.
LinearFit ar1_regression(std::span<const double> x, std::span<const double> y,
                         double confidence = 0.95);

}  // namespace caws::stats
