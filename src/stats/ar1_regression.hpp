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

// The restricted (marginal) log-likelihood of the AR(1) coefficient `rho` in (-1, 1), up to a
// constant, for a linear trend's least-squares `residuals` at times `x` (the design [1, x]):
// with the intercept and slope integrated out under a flat prior and the innovation
// variance under the prior 1/sigma^2,
//   (1/2) log(1 - rho^2) - (1/2) log det(X' L'L X) - (n - 2)/2 log RSS(rho),
// L the Prais-Winsten transformation (L'L = (1 - rho^2) R^-1) and RSS(rho) the generalised
// least-squares residual sum of squares (the same for the residuals as for the series, whose
// difference is a line). Linear time. -infinity outside (-1, 1), below three points, or when
// the residuals are a line themselves.
double ar1_restricted_log_likelihood(std::span<const double> x, std::span<const double> residuals,
                                     double rho);

// The posterior mean and variance of `rho` with that likelihood (Zellner and Tiao 1964;
// Harville 1974) and Jeffreys' prior (1 - rho^2)^(-1/2) on (-1, 1) (from the AR(1)
// coefficient's Fisher information 1 / (1 - rho^2)), by the midpoint rule in atanh(rho)
// over |atanh(rho)| <= 12 on 256 points, zooming in on where the posterior has its mass
// until 128 points or more carry it: linear time. {0, 0} when the likelihood is nowhere
// finite (residuals that are all zero).
struct Ar1Posterior {
    double mean = 0;
    double variance = 0;
};
Ar1Posterior ar1_posterior(std::span<const double> x, std::span<const double> residuals);

// Least squares of `y` on `x` (the slope and intercept of linear_regression) with the
// standard error of the slope for AR(1) errors in sample order: with rho the posterior mean
// of the AR(1) coefficient (ar1_posterior) for the residuals e, R its correlation
// matrix and M = I - X (X'X)^-1 X' the residual projection of the design X = [1, x],
//   variance of the noise  g0 = e'e / tr(M R)  (unbiased when rho is right),
//   variance of the slope  V = g0 c'R c,  c = (x - mean x) / sum (x - mean x)^2,
// and Student's t on df = 2 / var(log V) degrees of freedom, at least 1, with
//   var(log V) = 2 tr(M R M R) / tr(M R)^2 + (d log V / d rho)^2 var(rho):
// Satterthwaite's share of g0 plus the estimated rho's by the delta method, var(rho) its
// posterior variance. rho = 0 gives
// linear_regression's standard error; below five points it is linear_regression's interval
// (rho 0, df n - 2). The fit's `rho` and `df` say what was used. Fewer
// than three points or x that does not vary: as linear_regression. Values must be finite.
LinearFit ar1_regression(std::span<const double> x, std::span<const double> y,
                         double confidence = 0.95);

}  // namespace caws::stats
