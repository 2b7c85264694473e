#include "stats/mann_whitney.hpp"

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <numeric>
#include <unordered_map>
#include <vector>

namespace caws::stats {
namespace {

__extension__ typedef __int128 int128;

// log2 of C(n, k), to know whether exact counts fit in 128 bits.
double log2_binomial(std::size_t n, std::size_t k) {
    const auto nd = static_cast<double>(n);
    const auto kd = static_cast<double>(k);
    return (std::lgamma(nd + 1) - std::lgamma(kd + 1) - std::lgamma(nd - kd + 1)) / std::log(2.0);
}

// Survival function table of U for sizes (m, n): sf[k] = P(U >= k).
//
// The number of arrangements with U = k is the coefficient of q^k in the Gaussian
// binomial coefficient [m + n choose m]_q = prod_{i=1..m} (1 - q^(n+i)) / (1 - q^i).
// Each factor is applied exactly in integers: the products after each step are again
// Gaussian binomials (non-negative integers), so nothing is rounded until the division
// by the total count. This makes small tail probabilities exact to double precision,
// where a floating-point recurrence loses them to cancellation.
std::vector<double> exact_sf_table(std::size_t m, std::size_t n) {
    if (m > n) std::swap(m, n);
    const std::size_t length = m * n + 1;
    std::vector<int128> counts(length, 0);
    counts[0] = 1;
    std::size_t degree = 0;
    for (std::size_t i = 1; i <= m; ++i) {
        const std::size_t shift = n + i;
        const std::size_t new_degree = degree + n;
        // multiply by (1 - q^shift), highest coefficients first
        for (std::size_t k = std::min(length - 1, degree + shift); k >= shift; --k) {
            counts[k] -= counts[k - shift];
            if (k == shift) break;
        }
        // divide by (1 - q^i): b[k] = a[k] + b[k - i]
        for (std::size_t k = i; k <= new_degree; ++k) counts[k] += counts[k - i];
        for (std::size_t k = new_degree + 1; k < length; ++k) counts[k] = 0;
        degree = new_degree;
    }
    int128 total = 0;
    for (const int128 c : counts) total += c;
    std::vector<double> sf(length + 1, 0.0);
    int128 tail = 0;
    const auto total_ld = static_cast<long double>(total);
    for (std::size_t k = length; k-- > 0;) {
        tail += counts[k];
        sf[k] = static_cast<double>(static_cast<long double>(tail) / total_ld);
    }
    return sf;
}

const std::vector<double>& cached_sf_table(std::size_t n1, std::size_t n2) {
    thread_local std::unordered_map<std::uint64_t, std::vector<double>> cache;
    const std::size_t m = std::min(n1, n2);
    const std::size_t n = std::max(n1, n2);
    const std::uint64_t key = (static_cast<std::uint64_t>(m) << 32) | static_cast<std::uint64_t>(n);
    auto found = cache.find(key);
    if (found == cache.end()) found = cache.emplace(key, exact_sf_table(m, n)).first;
    return found->second;
}

bool exact_counts_fit(std::size_t n1, std::size_t n2) {
    // Coefficients stay below the total count; keep a margin for the signed intermediates.
    return log2_binomial(n1 + n2, std::min(n1, n2)) < 120.0 && n1 * n2 <= 50'000'000;
}

double normal_sf(double z) {
    return 0.5 * std::erfc(z / std::sqrt(2.0));
}

}  // namespace

double mann_whitney_exact_sf(std::size_t n1, std::size_t n2, double k) {
    const std::vector<double>& sf = cached_sf_table(n1, n2);
    if (k <= 0) return 1.0;
    const auto index = static_cast<std::size_t>(std::ceil(k));
    return index < sf.size() ? sf[index] : 0.0;
}

double mann_whitney_min_p(std::size_t n1, std::size_t n2) {
    if (n1 == 0 || n2 == 0) return 1.0;
    // C(n1 + n2, k) as a running product; long double keeps it exact to ~19 digits and
    // only overflows (to infinity, giving 0) far beyond any benchmark's sample size.
    const std::size_t k = std::min(n1, n2);
    const std::size_t n = n1 + n2;
    long double total = 1;
    for (std::size_t i = 1; i <= k; ++i) {
        total = total * static_cast<long double>(n - k + i) / static_cast<long double>(i);
    }
    return static_cast<double>(std::min(1.0L, 2.0L / total));
}

MannWhitneyResult mann_whitney_u(std::span<const double> x, std::span<const double> y,
                                 MannWhitneyMethod method) {
    const std::size_t n1 = x.size();
    const std::size_t n2 = y.size();
    const std::size_t n = n1 + n2;
    MannWhitneyResult result;
    if (n1 == 0 || n2 == 0) return result;

    // Rank the pooled sample (average ranks for ties) and collect the tie term.
    std::vector<std::pair<double, bool>> pooled;  // value, belongs to x
    pooled.reserve(n);
    for (const double v : x) pooled.emplace_back(v, true);
    for (const double v : y) pooled.emplace_back(v, false);
    std::sort(pooled.begin(), pooled.end(),
              [](const auto& a, const auto& b) { return a.first < b.first; });
    double rank_sum_x = 0;
    double tie_term = 0;  // sum of t^3 - t over groups of ties
    for (std::size_t i = 0; i < n;) {
        std::size_t j = i + 1;
        while (j < n && pooled[j].first == pooled[i].first) ++j;
        const auto t = static_cast<double>(j - i);
        const double average_rank = (static_cast<double>(i + 1) + static_cast<double>(j)) / 2.0;
        for (std::size_t k = i; k < j; ++k) {
            if (pooled[k].second) rank_sum_x += average_rank;
        }
        if (j - i > 1) {
            result.ties = true;
            tie_term += t * t * t - t;
        }
        i = j;
    }
    const auto n1d = static_cast<double>(n1);
    const auto n2d = static_cast<double>(n2);
    const double u1 = rank_sum_x - n1d * (n1d + 1) / 2;
    const double u2 = n1d * n2d - u1;
    const double u = std::max(u1, u2);
    result.u = u1;

    bool exact = false;
    switch (method) {
        case MannWhitneyMethod::automatic:
            exact = !(n1 > 8 && n2 > 8) && !result.ties;
            break;
        case MannWhitneyMethod::exact:
            exact = !result.ties;
            break;
        case MannWhitneyMethod::asymptotic:
            exact = false;
            break;
    }
    if (exact && !exact_counts_fit(n1, n2)) exact = false;

    double p = 1.0;
    if (exact) {
        p = 2.0 * mann_whitney_exact_sf(n1, n2, u);
    } else {
        const auto nd = static_cast<double>(n);
        const double mu = n1d * n2d / 2;
        const double s = std::sqrt(n1d * n2d / 12 * ((nd + 1) - tie_term / (nd * (nd - 1))));
        if (s > 0) {
            const double z = (u - mu - 0.5) / s;
            p = 2.0 * normal_sf(z);
        }
    }
    result.exact = exact;
    result.p_value = std::clamp(p, 0.0, 1.0);
    return result;
}

}  // namespace caws::stats
