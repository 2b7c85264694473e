#!/usr/bin/python3
"""Reference values for the AR(1) slope interval of src/stats/ar1_regression.cpp.

Everything is computed here with dense matrices (numpy), apart from the C++ code's
linear-time recursions: statsmodels fits the least squares, then for the residuals e

    rho  = the posterior mean of the AR(1) coefficient under Jeffreys' prior
           (1 - rho^2)^(-1/2) with the restricted likelihood
           |O|^(-1/2) |X'O^-1 X|^(-1/2) RSS(rho)^(-(n-2)/2), O = R / (1 - rho^2) (dense
           inverse and determinants) and RSS the generalised least-squares residual sum of
           squares of y; integrated by scipy's adaptive quadrature in atanh(rho) over
           [-12, 12] (0 when n < 5); var(rho) its posterior variance
    R    = rho^|i-j| (n x n), dR = |i-j| rho^(|i-j|-1), M = I - X (X'X)^-1 X', X = [1, x]
    g0   = e'e / tr(M R)
    V    = g0 (X'X)^-1 X'RX (X'X)^-1 [1, 1]           (the slope's variance)
    var(log V) = 2 tr(MRMR) / tr(MR)^2 + (d log V / d rho)^2 var(rho),
         d log V / d rho = tr(X'dRX (X'X)^-1)[slope] / ... (the derivative of log V at e fixed)
    df   = max(1, 2 / var(log V)),  interval slope -+ t(0.975; df) sqrt(V)  (scipy)

The restricted log-likelihood is also written out on a few values of rho
(k_ar1_likelihood_reference), up to the constant that makes it 0 at rho = 0. The derivative
of log V is checked against a central difference of V itself. The dense
correlation matrix R and its derivative applied to a fixed vector are also written out
(k_ar1_correlate_reference), for the linear-time recursions. The output is committed as
tests/reference/ar1_regression_reference.inc so that the tests do not need Python.
Regenerate with:

    /usr/bin/python3 tests/reference/ar1_regression_reference.py > tests/reference/ar1_regression_reference.inc
"""
import math

import numpy as np
import scipy
import statsmodels
import statsmodels.api as sm
from scipy import integrate, stats

rng = np.random.RandomState(20261207)


def cpp_list(values):
    return "{" + ", ".join(repr(float(v)) for v in values) + "}"


def correlation(n, rho):
    lag = np.abs(np.subtract.outer(np.arange(n), np.arange(n))).astype(float)
    return rho**lag, np.where(lag > 0, lag * rho ** np.maximum(lag - 1, 0), 0.0)


def restricted_log_likelihood(X, y, rho):
    n = len(y)
    R, _ = correlation(n, rho)
    omega_inv = np.linalg.inv(R / (1 - rho * rho))
    gram = X.T @ omega_inv @ X
    beta = np.linalg.solve(gram, X.T @ omega_inv @ y)
    resid = y - X @ beta
    rss = resid @ omega_inv @ resid
    logdet_omega = np.linalg.slogdet(R)[1] - n * math.log(1 - rho * rho)
    return -0.5 * logdet_omega - 0.5 * np.linalg.slogdet(gram)[1] - (n - 2) / 2 * math.log(rss)


def posterior(X, y):
    # In theta = atanh(rho), where the density (1 - rho^2) p(rho) vanishes at both ends.
    def log_density(theta):
        rho = math.tanh(theta)
        return restricted_log_likelihood(X, y, rho) + 0.5 * math.log((1 - rho) * (1 + rho))
    grid = np.linspace(-8, 8, 401)
    logs = [log_density(theta) for theta in grid]
    top = max(logs)
    mode = grid[int(np.argmax(logs))]
    density = lambda theta: math.exp(log_density(theta) - top)
    options = dict(points=[mode], limit=400, epsabs=0, epsrel=1e-10)
    mass = integrate.quad(density, -12, 12, **options)[0]
    moment = integrate.quad(lambda theta: math.tanh(theta) * density(theta), -12, 12, **options)[0]
    mean = moment / mass
    spread = integrate.quad(lambda theta: (math.tanh(theta) - mean) ** 2 * density(theta), -12, 12,
                            **options)[0]
    return mean, spread / mass


def slope_variance(X, e, rho):
    n = len(e)
    R, _ = correlation(n, rho)
    bread = np.linalg.inv(X.T @ X)
    M = np.eye(n) - X @ bread @ X.T
    g0 = e @ e / np.trace(M @ R)
    return g0 * (bread @ X.T @ R @ X @ bread)[1, 1]


def ar1_interval(x, y):
    n = len(x)
    shifted = x - x[0]  # statsmodels' pseudo-inverse loses precision on raw Unix times
    ols = sm.OLS(y, sm.add_constant(shifted)).fit()
    e = ols.resid
    X = np.column_stack((np.ones(n), shifted))
    rho, rho_variance = (0.0, 0.0) if n < 5 else posterior(X, y)
    R, dR = correlation(n, rho)
    bread = np.linalg.inv(X.T @ X)
    M = np.eye(n) - X @ bread @ X.T
    MR = M @ R
    variance = slope_variance(X, e, rho)
    slope_term = (bread @ X.T @ R @ X @ bread)[1, 1]
    d_slope_term = (bread @ X.T @ dR @ X @ bread)[1, 1]
    d_log_v = d_slope_term / slope_term - np.trace(M @ dR) / np.trace(MR)
    h = 1e-6
    numeric = (math.log(slope_variance(X, e, rho + h)) - math.log(slope_variance(X, e, rho - h))) / (2 * h)
    assert abs(numeric - d_log_v) < 1e-5 * max(1.0, abs(d_log_v)), (numeric, d_log_v)
    rho_term = d_log_v**2 * rho_variance  # rho is not estimated below 5: 0
    var_log = 2 * np.trace(MR @ MR) / np.trace(MR) ** 2 + rho_term
    df = max(1.0, 2 / var_log)
    se = math.sqrt(variance)
    t = stats.t.ppf(0.975, df)
    slope = ols.params[1]
    return rho, df, slope, ols.params[0] - slope * x[0], se, slope - t * se, slope + t * se


def ar1(n, phi):
    u = np.empty(n)
    u[0] = rng.normal() / math.sqrt(1 - phi * phi)
    for i in range(1, n):
        u[i] = phi * u[i - 1] + rng.normal()
    return u


def series():
    n = 40
    t = np.arange(n) * 2.0
    yield "white_noise", t, 100 + 0.05 * t + rng.normal(size=n)
    n = 120
    t = np.arange(n) * 1.0
    yield "ar1_0_8", t, 200 + 0.02 * t + 3 * ar1(n, 0.8)
    n = 30
    t = np.arange(n) * 10.0
    yield "ar1_0_95_short", t, 500 + 0.01 * t + ar1(n, 0.95)
    n = 150
    t = 1795427700 + np.arange(n) * 5.0
    saw = 40 * ((np.arange(n) % 17) / 17.0)  # a collector that frees 40 MB every 17 samples
    yield "sawtooth_growth", t, 300 + 0.1 * (t - t[0]) + saw + rng.normal(size=n)
    n = 60
    t = np.cumsum(rng.uniform(0.5, 1.5, size=n))
    yield "irregular_times", t, 50 + 0.3 * t + 2 * ar1(n, 0.5)
    n = 50
    t = np.arange(n) * 1.0
    yield "alternating", t, 80 + 0.1 * t + ar1(n, -0.6)
    yield "four_points", np.array([0.0, 1, 2, 3]), np.array([10.0, 10.4, 10.3, 11.1])
    yield "six_points", np.array([0.0, 1, 2, 4, 5, 7]), np.array([3.0, 3.5, 3.1, 4.2, 4.0, 4.9])


print("// Generated by tests/reference/ar1_regression_reference.py with numpy "
      f"{np.__version__}, scipy {scipy.__version__} and statsmodels {statsmodels.__version__}; "
      "do not edit.")
print("#pragma once")
print("#include <vector>")
print("struct Ar1RegressionReference {")
print("    const char* name;")
print("    std::vector<double> x, y;")
print("    double rho, df, slope, intercept, stderr_slope, low, high;  // 95 %")
print("};")
print("inline const std::vector<Ar1RegressionReference> k_ar1_regression_reference = {")
for name, x, y in series():
    values = ", ".join(repr(float(v)) for v in ar1_interval(x, y))
    print(f"    {{\"{name}\", {cpp_list(x)}, {cpp_list(y)}, {values}}},")
print("};")

print("struct Ar1CorrelateReference {")
print("    double rho;")
print("    std::vector<double> v, correlated, derivative;  // R v and dR/drho v")
print("};")
print("inline const std::vector<Ar1CorrelateReference> k_ar1_correlate_reference = {")
v = rng.normal(size=9)
for rho in (0.0, 0.5, -0.8, 0.99):
    R, dR = correlation(len(v), rho)
    print(f"    {{{rho!r}, {cpp_list(v)}, {cpp_list(R @ v)}, {cpp_list(dR @ v)}}},")
print("};")

print("struct Ar1LikelihoodReference {")
print("    std::vector<double> x, residuals, rho, log_likelihood;  // 0 at rho = 0")
print("};")
print("inline const std::vector<Ar1LikelihoodReference> k_ar1_likelihood_reference = {")
for n, phi in ((12, 0.7), (40, -0.3)):
    x = np.cumsum(rng.uniform(0.5, 1.5, size=n))
    X = np.column_stack((np.ones(n), x))
    y = 5 + 0.2 * x + ar1(n, phi)
    e = sm.OLS(y, X).fit().resid
    rhos = [-0.9, -0.3, 0.0, 0.4, 0.8, 0.99, 0.9999]
    base = restricted_log_likelihood(X, y, 0.0)
    logs = [restricted_log_likelihood(X, y, rho) - base for rho in rhos]
    print(f"    {{{cpp_list(x)}, {cpp_list(e)}, {cpp_list(rhos)}, {cpp_list(logs)}}},")
print("};")
