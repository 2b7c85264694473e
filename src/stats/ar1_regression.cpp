#include "stats/ar1_regression.hpp"

#include <algorithm>
#include <cmath>

#include "stats/newey_west.hpp"
#include "stats/student_t.hpp"

namespace caws::stats {
namespace {

double dot(std::span<const double> a, std::span<const double> b) {
    double sum = 0;
    for (std::size_t i = 0; i < a.size(); ++i) sum += a[i] * b[i];
    return sum;
}

// tr(R R) = sum_ij rho^(2 |i - j|) = n + 2 sum_k (n - k) rho^(2k).
double trace_of_square(double rho, std::size_t n) {
    double sum = static_cast<double>(n);
    double power = 1;
    for (std::size_t k = 1; k < n && power > 1e-300; ++k) {
        power *= rho * rho;
        sum += 2 * static_cast<double>(n - k) * power;
    }
    return sum;
}

// What the AR(1) variance and its degrees of freedom need, for the centred design [1, xc]
// (orthogonal columns: (X'X)^-1 = diag(1/n, 1/sxx), P = X (X'X)^-1 X').
struct Ar1Traces {
    double residual = 0;    // tr(M R)
    double squared = 0;     // tr(M R M R)
    double slope = 0;       // xc'R xc
    double d_residual = 0;  // tr(M dR/drho)
    double d_slope = 0;     // xc' dR/drho xc
};

Ar1Traces ar1_traces(std::span<const double> centred, double sxx, double rho) {
    const std::size_t n = centred.size();
    const double nn = static_cast<double>(n);
    const std::vector<double> ones(n, 1.0);
    const std::vector<double> r_ones = ar1_correlate(ones, rho);
    const std::vector<double> r_x = ar1_correlate(centred, rho);
    const double b00 = dot(ones, r_ones) / nn;   // (X'X)^-1 X'RX: its diagonal and the
    const double b11 = dot(centred, r_x) / sxx;  // off-diagonal entries' product
    const double b01 = dot(centred, r_ones);
    Ar1Traces traces;
    traces.slope = b11 * sxx;
    traces.residual = nn - b00 - b11;
    const double projected = dot(r_ones, r_ones) / nn + dot(r_x, r_x) / sxx;  // tr(P R R)
    const double twice = b00 * b00 + 2 * b01 * b01 / (nn * sxx) + b11 * b11;  // tr(P R P R)
    traces.squared = trace_of_square(rho, n) - 2 * projected + twice;
    traces.d_slope = dot(centred, ar1_correlate_derivative(centred, rho));
    traces.d_residual = -dot(ones, ar1_correlate_derivative(ones, rho)) / nn - traces.d_slope / sxx;
    return traces;
}

// 2 / var(log V): the noise variance's share as Satterthwaite's 2 / df, the
// autocorrelation's by the delta method with var(rho) = (1 - rho^2) / n.
double ar1_degrees_of_freedom(const Ar1Traces& traces, double rho, std::size_t n) {
    const double satterthwaite = traces.residual * traces.residual / traces.squared;
    const double d_log_variance =
        traces.d_slope / traces.slope - traces.d_residual / traces.residual;
    const double rho_variance = (1 - rho * rho) / static_cast<double>(n);
    const double log_variance = 2 / satterthwaite + d_log_variance * d_log_variance * rho_variance;
    return std::max(1.0, 2 / log_variance);
}

}  // namespace

std::vector<double> ar1_correlate(std::span<const double> v, double rho) {
    std::vector<double> out(v.begin(), v.end());
    double forward = 0;
    for (std::size_t i = 0; i < v.size(); ++i) {
        forward = v[i] + rho * forward;
        out[i] = forward;
    }
    double backward = 0;
    for (std::size_t i = v.size(); i-- > 0;) {
        backward = v[i] + rho * backward;
        out[i] += backward - v[i];
    }
    return out;
}

std::vector<double> ar1_correlate_derivative(std::span<const double> v, double rho) {
    std::vector<double> out(v.size(), 0.0);
    double sum = 0;       // sum_(j <= i) rho^(i - j) v_j
    double weighted = 0;  // sum_(j < i) (i - j) rho^(i - j - 1) v_j
    for (std::size_t i = 0; i < v.size(); ++i) {
        weighted = sum + rho * weighted;
        out[i] = weighted;
        sum = v[i] + rho * sum;
    }
    sum = weighted = 0;
    for (std::size_t i = v.size(); i-- > 0;) {
        weighted = sum + rho * weighted;
        out[i] += weighted;
        sum = v[i] + rho * sum;
    }
    return out;
}

double bias_corrected_autocorrelation(double r, std::size_t n) {
    if (n < 5) return 0;
    const double nn = static_cast<double>(n);
    return std::clamp((nn * r + 2) / (nn - 4), -0.97, 0.99);
}

LinearFit ar1_regression(std::span<const double> x, std::span<const double> y, double confidence) {
    LinearFit fit = linear_regression(x, y, confidence);
    const std::size_t n = fit.n;
    if (n < 3 || fit.low == fit.high) return fit;
    if (n < 5) {  // no autocorrelation to estimate: the plain interval
        fit.df = static_cast<double>(n - 2);
        return fit;
    }
    const std::vector<double> ones(n, 1.0);
    const double mean_x = dot(x.first(n), ones) / static_cast<double>(n);
    const double mean_y = dot(y.first(n), ones) / static_cast<double>(n);
    std::vector<double> centred(n);
    std::vector<double> residuals(n);
    for (std::size_t i = 0; i < n; ++i) {
        centred[i] = x[i] - mean_x;
        residuals[i] = y[i] - mean_y - fit.slope * centred[i];
    }
    const double sxx = dot(centred, centred);
    fit.rho = bias_corrected_autocorrelation(residual_autocorrelation(residuals), n);
    const Ar1Traces traces = ar1_traces(centred, sxx, fit.rho);
    const double noise = dot(residuals, residuals) / traces.residual;
    fit.slope_stderr = std::sqrt(std::max(0.0, noise * traces.slope)) / sxx;
    fit.df = ar1_degrees_of_freedom(traces, fit.rho, n);
    const double t = student_t_quantile(0.5 + confidence / 2, fit.df);
    fit.low = fit.slope - t * fit.slope_stderr;
    fit.high = fit.slope + t * fit.slope_stderr;
    return fit;
}

}  // namespace caws::stats
