#include "stats/level_shift.hpp"

#include <algorithm>
#include <cmath>
#include <vector>

#include "stats/descriptive.hpp"
#include "stats/student_t.hpp"

namespace caws::stats {
namespace {

// Two-sided p-value of the pooled-variance t-test between logs[0, k) and logs[k, n), from
// running sums.
double split_p_value(double sum_before, double squares_before, std::size_t k, double sum_all,
                     double squares_all, std::size_t n) {
    const double n1 = static_cast<double>(k);
    const double n2 = static_cast<double>(n - k);
    const double mean1 = sum_before / n1;
    const double mean2 = (sum_all - sum_before) / n2;
    const double ss1 = std::max(0.0, squares_before - n1 * mean1 * mean1);
    const double ss2 = std::max(0.0, (squares_all - squares_before) - n2 * mean2 * mean2);
    const double df = static_cast<double>(n) - 2;
    const double pooled = (ss1 + ss2) / df;
    const double difference = mean2 - mean1;
    if (!(pooled > 1e-300)) return difference == 0 ? 1.0 : 0.0;
    const double t = difference / std::sqrt(pooled * (1 / n1 + 1 / n2));
    return student_t_two_sided_p(t, df);
}

}  // namespace

std::optional<LevelShift> find_level_shift(std::span<const double> samples,
                                           std::size_t min_segment) {
    min_segment = std::max<std::size_t>(min_segment, 1);
    const std::size_t n = samples.size();
    if (n < 2 * min_segment + 1) return std::nullopt;
    std::vector<double> logs(n);
    for (std::size_t i = 0; i < n; ++i) {
        if (!(samples[i] > 0) || !std::isfinite(samples[i])) return std::nullopt;
        logs[i] = std::log(samples[i]);
    }
    // Centred on the first value, so that the sums of squares do not lose the small spread
    // of a benchmark's logs to their large common level.
    const double centre = logs[0];
    double sum_all = 0;
    double squares_all = 0;
    for (double& y : logs) {
        y -= centre;
        sum_all += y;
        squares_all += y * y;
    }
    LevelShift best;
    best.n = n;
    double sum = 0;
    double squares = 0;
    const std::size_t splits = n - 2 * min_segment + 1;
    for (std::size_t k = 1; k < n; ++k) {
        sum += logs[k - 1];
        squares += logs[k - 1] * logs[k - 1];
        if (k < min_segment || n - k < min_segment) continue;
        const double p = split_p_value(sum, squares, k, sum_all, squares_all, n);
        if (best.at == 0 || p < best.p_value) {
            best.at = k;
            best.p_value = p;
        }
    }
    best.p_value = std::min(1.0, best.p_value * static_cast<double>(splits));
    best.before = median(samples.subspan(0, best.at));
    best.after = median(samples.subspan(best.at));
    return best;
}

}  // namespace caws::stats
