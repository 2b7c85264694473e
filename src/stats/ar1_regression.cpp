#include "stats/ar1_regression.hpp"

#include <algorithm>
#include <cmath>
#include <limits>

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
// autocorrelation's by the delta method with rho's posterior variance.
double ar1_degrees_of_freedom(const Ar1Traces& traces, double rho_variance) {
    const double satterthwaite = traces.residual * traces.residual / traces.squared;
    const double d_log_variance =
        traces.d_slope / traces.slope - traces.d_residual / traces.residual;
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

double ar1_restricted_log_likelihood(std::span<const double> x, std::span<const double> residuals,
                                     double rho) {
    const std::size_t n = residuals.size();
    if (n < 3 || !(rho > -1 && rho < 1)) return -std::numeric_limits<double>::infinity();
    // The Prais-Winsten rows L [1, x, e], L'L = (1 - rho^2) R^-1: the first scaled by
    // sqrt(1 - rho^2), then each minus rho times its predecessor. The design's columns are
    // orthogonalised one after the other (Gram-Schmidt) so that neither the determinant nor
    // the residual sum of squares is a difference of large numbers near rho = 1.
    const double first = std::sqrt((1 - rho) * (1 + rho));
    const auto row = [&](std::size_t i, std::span<const double> v) {
        return i == 0 ? first * v[0] : v[i] - rho * v[i - 1];
    };
    const auto ones = [&](std::size_t i) { return i == 0 ? first : 1 - rho; };
    double a = 0, ax = 0, ae = 0;
    for (std::size_t i = 0; i < n; ++i) {
        a += ones(i) * ones(i);
        ax += ones(i) * row(i, x);
        ae += ones(i) * row(i, residuals);
    }
    double b = 0, be = 0;
    for (std::size_t i = 0; i < n; ++i) {
        const double u = row(i, x) - ax / a * ones(i);
        b += u * u;
        be += u * (row(i, residuals) - ae / a * ones(i));
    }
    double rss = 0;
    for (std::size_t i = 0; i < n; ++i) {
        const double u = row(i, x) - ax / a * ones(i);
        const double w = row(i, residuals) - ae / a * ones(i) - be / b * u;
        rss += w * w;
    }
    if (!(a > 0 && b > 0 && rss > 0)) return -std::numeric_limits<double>::infinity();
    return 0.5 * std::log((1 - rho) * (1 + rho)) - 0.5 * std::log(a * b) -
           0.5 * static_cast<double>(n - 2) * std::log(rss);
}

Ar1Posterior ar1_posterior(std::span<const double> x, std::span<const double> residuals) {
    // In theta = atanh(rho) the posterior density (1 - rho^2)^(1/2) p(rho) (Jeffreys' prior
    // times the Jacobian) falls off exponentially towards rho = -1 and 1, where the
    // likelihood stays positive: the midpoint rule then converges fast and needs no end
    // correction. The integral stops at |theta| = 12 (|rho| = 1 - 7.6e-11).
    constexpr std::size_t k_points = 256;  // per level, midpoints of equal steps
    constexpr double k_negligible = 40;    // log-density below the maximum: e^-40 ignored
    double lo = -12;
    double hi = 12;
    std::vector<double> log_density(k_points);
    for (int level = 0;; ++level) {
        const double step = (hi - lo) / static_cast<double>(k_points);
        const auto at = [&](std::size_t k) {
            return std::tanh(lo + (static_cast<double>(k) + 0.5) * step);
        };
        for (std::size_t k = 0; k < k_points; ++k) {
            const double rho = at(k);
            log_density[k] = ar1_restricted_log_likelihood(x, residuals, rho) +
                             0.5 * std::log((1 - rho) * (1 + rho));
        }
        const double top = *std::max_element(log_density.begin(), log_density.end());
        if (!std::isfinite(top)) return {};
        std::size_t first = k_points;
        std::size_t last = 0;
        for (std::size_t k = 0; k < k_points; ++k) {
            if (log_density[k] <= top - k_negligible) continue;
            first = std::min(first, k);
            last = k;
        }
        // Resolved (or as fine as is useful): the midpoint rule on this grid. Otherwise zoom
        // in on the points that carry the mass, one step either side.
        if (last - first + 1 >= k_points / 2 || level == 12) {
            double mass = 0, moment = 0;
            for (std::size_t k = first; k <= last; ++k) {
                const double weight = std::exp(log_density[k] - top);
                mass += weight;
                moment += weight * at(k);
            }
            Ar1Posterior posterior;
            posterior.mean = moment / mass;
            double spread = 0;
            for (std::size_t k = first; k <= last; ++k) {
                const double deviation = at(k) - posterior.mean;
                spread += std::exp(log_density[k] - top) * deviation * deviation;
            }
            posterior.variance = spread / mass;
            return posterior;
        }
        const double theta_first = lo + (static_cast<double>(first) - 0.5) * step;
        hi = std::min(hi, lo + (static_cast<double>(last) + 1.5) * step);
        lo = std::max(lo, theta_first);
    }
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
    const Ar1Posterior posterior = ar1_posterior(centred, residuals);
    fit.rho = posterior.mean;
    const Ar1Traces traces = ar1_traces(centred, sxx, fit.rho);
    const double noise = dot(residuals, residuals) / traces.residual;
    fit.slope_stderr = std::sqrt(std::max(0.0, noise * traces.slope)) / sxx;
    fit.df = ar1_degrees_of_freedom(traces, posterior.variance);
    const double t = student_t_quantile(0.5 + confidence / 2, fit.df);
    fit.low = fit.slope - t * fit.slope_stderr;
    fit.high = fit.slope + t * fit.slope_stderr;
    return fit;
}

}  // namespace caws::stats
