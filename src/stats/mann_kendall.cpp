#include "stats/mann_kendall.hpp"

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <vector>

namespace caws::stats {
namespace {

// Counts pairs i < j with values[i] > values[j] (strictly), sorting `values` in place.
std::uint64_t count_inversions(std::vector<double>& values, std::vector<double>& scratch) {
    const std::size_t n = values.size();
    std::uint64_t inversions = 0;
    scratch.resize(n);
    for (std::size_t width = 1; width < n; width *= 2) {
        for (std::size_t lo = 0; lo < n; lo += 2 * width) {
            const std::size_t mid = std::min(lo + width, n);
            const std::size_t hi = std::min(lo + 2 * width, n);
            std::size_t i = lo;
            std::size_t j = mid;
            std::size_t k = lo;
            while (i < mid && j < hi) {
                // Equal values are taken from the left: a tie is not an inversion.
                if (values[j] < values[i]) {
                    inversions += mid - i;
                    scratch[k++] = values[j++];
                } else {
                    scratch[k++] = values[i++];
                }
            }
            while (i < mid) scratch[k++] = values[i++];
            while (j < hi) scratch[k++] = values[j++];
        }
        values.swap(scratch);
    }
    return inversions;
}

}  // namespace

double mann_kendall_exact_p(std::size_t n, std::size_t discordant) {
    const std::size_t pairs = n * (n - 1) / 2;
    const std::size_t c = discordant <= pairs ? std::min(discordant, pairs - discordant) : 0;
    if (n < 2 || 4 * c >= n * (n - 1)) return 1.0;
    // P_k(m): probability that a random order of k values has m inversions; only m <= c
    // matters. P_k(m) = (1/k) sum_{j=0}^{min(m,k-1)} P_{k-1}(m-j), by where the k-th value
    // goes.
    std::vector<double> probability(c + 1, 0.0);
    probability[0] = 1.0;
    std::vector<double> next(c + 1);
    for (std::size_t k = 2; k <= n; ++k) {
        double window = 0;
        for (std::size_t m = 0; m <= c; ++m) {
            window += probability[m];
            if (m >= k) window -= probability[m - k];
            next[m] = window / static_cast<double>(k);
        }
        probability.swap(next);
    }
    double cumulative = 0;
    for (double p : probability) cumulative += p;
    return std::min(1.0, 2.0 * cumulative);
}

MannKendall mann_kendall(std::span<const double> values) {
    MannKendall result;
    const std::size_t n = values.size();
    result.n = n;
    if (n < 3) return result;
    std::vector<double> sorted(values.begin(), values.end());
    std::vector<double> scratch;
    const std::uint64_t discordant = count_inversions(sorted, scratch);

    // Groups of equal values: tied pairs and their share of the variance.
    double tied_pairs = 0;
    double tie_variance = 0;
    bool has_ties = false;
    for (std::size_t i = 0; i < n;) {
        std::size_t j = i + 1;
        while (j < n && sorted[j] == sorted[i]) ++j;
        const double t = static_cast<double>(j - i);
        if (j - i > 1) {
            has_ties = true;
            tied_pairs += t * (t - 1) / 2;
            tie_variance += t * (t - 1) * (2 * t + 5);
        }
        i = j;
    }
    const double nd = static_cast<double>(n);
    const double pairs = nd * (nd - 1) / 2;
    const double concordant = pairs - tied_pairs - static_cast<double>(discordant);
    result.s = concordant - static_cast<double>(discordant);
    result.variance = (nd * (nd - 1) * (2 * nd + 5) - tie_variance) / 18.0;
    if (pairs - tied_pairs > 0) result.tau = result.s / std::sqrt(pairs * (pairs - tied_pairs));
    if (result.variance <= 0) return result;
    const double corrected = result.s > 0 ? result.s - 1 : (result.s < 0 ? result.s + 1 : 0.0);
    result.z = corrected / std::sqrt(result.variance);
    if (!has_ties && n <= 33) {
        result.exact = true;
        result.p_value = mann_kendall_exact_p(n, static_cast<std::size_t>(discordant));
    } else {
        result.p_value = std::min(1.0, std::erfc(std::fabs(result.z) / std::sqrt(2.0)));
    }
    return result;
}

}  // namespace caws::stats
