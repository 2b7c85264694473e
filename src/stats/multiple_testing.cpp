#include "stats/multiple_testing.hpp"

#include <algorithm>
#include <numeric>

namespace caws::stats {
namespace {

// Indices of the p-values in ascending order; stable, so that equal values keep their
// order (their adjusted values come out equal either way).
std::vector<std::size_t> ascending_order(std::span<const double> p_values) {
    std::vector<std::size_t> order(p_values.size());
    std::iota(order.begin(), order.end(), std::size_t{0});
    std::stable_sort(order.begin(), order.end(),
                     [&](std::size_t a, std::size_t b) { return p_values[a] < p_values[b]; });
    return order;
}

}  // namespace

std::vector<double> holm_adjust(std::span<const double> p_values) {
    const std::size_t m = p_values.size();
    std::vector<double> adjusted(m);
    const std::vector<std::size_t> order = ascending_order(p_values);
    double running = 0;
    for (std::size_t i = 0; i < m; ++i) {
        const double scaled = static_cast<double>(m - i) * p_values[order[i]];
        running = std::max(running, std::min(1.0, scaled));
        adjusted[order[i]] = running;
    }
    return adjusted;
}

std::vector<double> benjamini_hochberg_adjust(std::span<const double> p_values) {
    const std::size_t m = p_values.size();
    std::vector<double> adjusted(m);
    const std::vector<std::size_t> order = ascending_order(p_values);
    double running = 1;
    for (std::size_t i = m; i-- > 0;) {
        const double scaled =
            static_cast<double>(m) * p_values[order[i]] / static_cast<double>(i + 1);
        running = std::min(running, std::min(1.0, scaled));
        adjusted[order[i]] = running;
    }
    return adjusted;
}

}  // namespace caws::stats
