#include "stats/newey_west.hpp"

#include <algorithm>
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

}  // namespace caws::stats
