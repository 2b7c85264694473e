#include "stats/newey_west.hpp"

#include <algorithm>
#include <array>
#include <cmath>
#include <vector>

#include <Eigen/Dense>

#include "stats/student_t.hpp"

namespace caws::stats {
namespace {

constexpr double k_max_rho = 0.97;

// Columns 1 and x - mean(x): the centred column keeps Unix times precise; the slope and its
// variance are those of the uncentred design.
Eigen::MatrixX2d design(std::span<const double> x, std::size_t n, double mean_x) {
    Eigen::MatrixX2d matrix(static_cast<Eigen::Index>(n), 2);
    for (std::size_t i = 0; i < n; ++i) {
        matrix(static_cast<Eigen::Index>(i), 0) = 1.0;
        matrix(static_cast<Eigen::Index>(i), 1) = x[i] - mean_x;
    }
    return matrix;
}

// The Bartlett-weighted sum of the scores' autocovariances (the "meat" of the sandwich).
Eigen::Matrix2d long_run_covariance(const Eigen::MatrixX2d& scores, std::size_t lags) {
    Eigen::Matrix2d meat = scores.transpose() * scores;
    const Eigen::Index n = scores.rows();
    for (std::size_t j = 1; j <= lags && static_cast<Eigen::Index>(j) < n; ++j) {
        const auto lag = static_cast<Eigen::Index>(j);
        const Eigen::Matrix2d gamma =
            scores.bottomRows(n - lag).transpose() * scores.topRows(n - lag);
        const double weight = 1.0 - static_cast<double>(j) / static_cast<double>(lags + 1);
        meat += weight * (gamma + gamma.transpose());
    }
    return meat;
}

// The fixed-b polynomials: cv(b) - z = c1 b + c2 b^2 + c3 b^3 at each confidence, fitted by
// tests/reference/fixed_b_reference.py.
struct FixedBRow {
    double confidence;
    double c1, c2, c3;
};
constexpr std::array<FixedBRow, 5> k_fixed_b{{
    {0.80, 3.1187, -1.5761, 0.4544},
    {0.90, 4.4058, -2.1999, 0.6569},
    {0.95, 5.7657, -2.8000, 0.7999},
    {0.98, 7.7931, -3.7513, 0.9101},
    {0.99, 9.6786, -5.6270, 1.9301},
}};

double fixed_b_excess(const FixedBRow& row, double b) {
    return ((row.c3 * b + row.c2) * b + row.c1) * b;
}

}  // namespace

double residual_autocorrelation(std::span<const double> residuals) {
    double lagged = 0;
    double squares = 0;
    for (std::size_t t = 1; t < residuals.size(); ++t) {
        lagged += residuals[t] * residuals[t - 1];
        squares += residuals[t - 1] * residuals[t - 1];
    }
    if (residuals.size() < 3 || squares <= 0) return 0;
    return std::clamp(lagged / squares, -k_max_rho, k_max_rho);
}

std::size_t andrews_bartlett_lags(double rho, std::size_t n) {
    if (n < 3 || rho == 0) return 0;
    const double alpha = 4 * rho * rho / ((1 - rho) * (1 - rho) * (1 + rho) * (1 + rho));
    const double lags = std::floor(1.1447 * std::cbrt(alpha * static_cast<double>(n)));
    return std::min(static_cast<std::size_t>(lags), n - 2);
}

LinearFit newey_west_regression(std::span<const double> x, std::span<const double> y,
                                double confidence, std::optional<std::size_t> lags) {
    LinearFit fit = linear_regression(x, y, confidence);
    const std::size_t n = fit.n;
    if (n < 3 || fit.low == fit.high) return fit;
    double mean_x = 0;
    for (std::size_t i = 0; i < n; ++i) mean_x += x[i];
    mean_x /= static_cast<double>(n);
    const Eigen::MatrixX2d matrix = design(x, n, mean_x);
    const Eigen::Map<const Eigen::VectorXd> values(y.data(), static_cast<Eigen::Index>(n));
    const Eigen::Vector2d beta = matrix.colPivHouseholderQr().solve(values);
    const Eigen::VectorXd residuals = values - matrix * beta;
    fit.rho = residual_autocorrelation({residuals.data(), n});
    fit.lags = lags.value_or(andrews_bartlett_lags(fit.rho, n));
    const Eigen::MatrixX2d scores = matrix.array().colwise() * residuals.array();
    const Eigen::Matrix2d bread = (matrix.transpose() * matrix).inverse();
    const Eigen::Matrix2d covariance = bread * long_run_covariance(scores, fit.lags) * bread *
                                       (static_cast<double>(n) / static_cast<double>(n - 2));
    fit.slope = beta(1);
    fit.intercept = beta(0) - beta(1) * mean_x;
    fit.slope_stderr = std::sqrt(std::max(0.0, covariance(1, 1)));
    const double t = student_t_quantile(0.5 + confidence / 2, static_cast<double>(n - 2));
    fit.low = fit.slope - t * fit.slope_stderr;
    fit.high = fit.slope + t * fit.slope_stderr;
    return fit;
}

double fixed_b_critical_value(double b, double confidence, std::size_t n) {
    const double student = student_t_quantile(0.5 + confidence / 2, static_cast<double>(n - 2));
    b = std::clamp(b, 0.0, 1.0);
    if (confidence <= k_fixed_b.front().confidence) {
        return student + fixed_b_excess(k_fixed_b.front(), b);
    }
    if (confidence >= k_fixed_b.back().confidence) {
        return student + fixed_b_excess(k_fixed_b.back(), b);
    }
    std::size_t i = 1;
    while (k_fixed_b[i].confidence < confidence) ++i;
    const FixedBRow& lo = k_fixed_b[i - 1];
    const FixedBRow& hi = k_fixed_b[i];
    const auto z = [](double c) { return normal_quantile(0.5 + c / 2); };
    const double share = (z(confidence) - z(lo.confidence)) / (z(hi.confidence) - z(lo.confidence));
    return student + (1 - share) * fixed_b_excess(lo, b) + share * fixed_b_excess(hi, b);
}

std::size_t fixed_b_lags(double rho, std::size_t n) {
    if (n < 3) return 0;
    return std::min(n, 4 * (andrews_bartlett_lags(rho, n) + 1)) - 1;
}

LinearFit fixed_b_regression(std::span<const double> x, std::span<const double> y,
                             double confidence) {
    const LinearFit first = newey_west_regression(x, y, confidence, 0);
    if (first.n < 3 || first.low == first.high) return first;
    LinearFit fit = newey_west_regression(x, y, confidence, fixed_b_lags(first.rho, first.n));
    const double b = static_cast<double>(fit.lags + 1) / static_cast<double>(fit.n);
    const double critical = fixed_b_critical_value(b, confidence, fit.n);
    fit.low = fit.slope - critical * fit.slope_stderr;
    fit.high = fit.slope + critical * fit.slope_stderr;
    return fit;
}

}  // namespace caws::stats
