#include "stats/linear_regression.hpp"

#include <cmath>

#include "stats/student_t.hpp"

namespace caws::stats {

LinearFit linear_regression(std::span<const double> x, std::span<const double> y,
                            double confidence) {
    LinearFit fit;
    const std::size_t n = x.size() < y.size() ? x.size() : y.size();
    fit.n = n;
    if (n == 0) return fit;
    double mean_x = 0;
    double mean_y = 0;
    for (std::size_t i = 0; i < n; ++i) {
        mean_x += x[i];
        mean_y += y[i];
    }
    mean_x /= static_cast<double>(n);
    mean_y /= static_cast<double>(n);
    double sxx = 0;
    double syy = 0;
    double sxy = 0;
    for (std::size_t i = 0; i < n; ++i) {
        const double dx = x[i] - mean_x;
        const double dy = y[i] - mean_y;
        sxx += dx * dx;
        syy += dy * dy;
        sxy += dx * dy;
    }
    fit.intercept = mean_y;
    if (n < 2 || sxx <= 0) {
        fit.low = fit.high = 0;
        return fit;
    }
    fit.slope = sxy / sxx;
    fit.intercept = mean_y - fit.slope * mean_x;
    if (syy > 0) fit.r_squared = std::fmin(1.0, sxy * sxy / (sxx * syy));
    fit.low = fit.high = fit.slope;
    if (n < 3) return fit;
    const double df = static_cast<double>(n - 2);
    const double residual = std::fmax(0.0, syy - fit.slope * sxy);
    fit.slope_stderr = std::sqrt(residual / df / sxx);
    const double t = student_t_quantile(0.5 + confidence / 2, df);
    fit.low = fit.slope - t * fit.slope_stderr;
    fit.high = fit.slope + t * fit.slope_stderr;
    return fit;
}

}  // namespace caws::stats
