#include "stats/signed_rank_power.hpp"

#include <algorithm>
#include <cmath>
#include <limits>
#include <map>
#include <mutex>
#include <tuple>
#include <utility>
#include <vector>

#include "stats/random.hpp"
#include "stats/wilcoxon.hpp"

namespace caws::stats {
namespace {

// The largest W+ in the lower rejection region of the test at its attained size for
// `alpha` (the largest w with min(1, 2 P(W+ <= w)) <= alpha); -1 when it cannot reject.
double lower_critical_value(std::size_t n, double alpha) {
    const double max_w = static_cast<double>(n) * static_cast<double>(n + 1) / 2;
    double w = -1;
    while (w < max_w && std::min(1.0, 2 * wilcoxon_exact_cdf(n, w + 1)) <= alpha) ++w;
    return w;
}

}  // namespace

double signed_rank_power(std::size_t n, double alpha, double effect, std::size_t replications) {
    const double critical = lower_critical_value(n, alpha);
    if (critical < 0 || replications == 0) return 0;
    const double total = static_cast<double>(n) * static_cast<double>(n + 1) / 2;
    Random random(0x5157A7E5ULL + n);  // the same draws for every effect
    std::vector<std::pair<double, bool>> pairs(n);
    std::size_t rejected = 0;
    for (std::size_t r = 0; r < replications; ++r) {
        for (auto& [magnitude, positive] : pairs) {
            const double d = random.normal() + effect;
            magnitude = std::fabs(d);
            positive = d > 0;
        }
        std::sort(pairs.begin(), pairs.end());
        double w = 0;
        for (std::size_t i = 0; i < n; ++i) {
            if (pairs[i].second) w += static_cast<double>(i + 1);
        }
        if (w <= critical || w >= total - critical) ++rejected;
    }
    return static_cast<double>(rejected) / static_cast<double>(replications);
}

double signed_rank_detectable_effect(std::size_t n, double alpha, double power) {
    constexpr double infinite = std::numeric_limits<double>::infinity();
    if (n > k_signed_rank_simulated_pairs || lower_critical_value(n, alpha) < 0) return infinite;
    static std::mutex mutex;
    static std::map<std::tuple<std::size_t, double, double>, double> known;
    const std::lock_guard<std::mutex> lock(mutex);
    const auto key = std::make_tuple(n, alpha, power);
    if (const auto found = known.find(key); found != known.end()) return found->second;
    // The power at an effect of 12 standard deviations is 1 for every n that can reject.
    double low = 0;
    double high = 12;
    while (high - low > 1e-3) {
        const double middle = (low + high) / 2;
        (signed_rank_power(n, alpha, middle) >= power ? high : low) = middle;
    }
    known.emplace(key, high);
    return high;
}

}  // namespace caws::stats
