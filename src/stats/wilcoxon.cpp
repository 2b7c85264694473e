#include "stats/wilcoxon.hpp"

#include <algorithm>
#include <cmath>
#include <unordered_map>
#include <vector>

namespace caws::stats {
namespace {

// scipy 1.10.1's `method="auto"` threshold: exact for at most this many differences.
constexpr std::size_t k_auto_exact_limit = 50;

std::size_t rank_total(std::size_t n) {
    return n * (n + 1) / 2;
}

// cdf[w] = P(W+ <= w) for n untied nonzero differences.
//
// Rank k is in W+ with probability 1/2 independently of the others, so the law of W+ over
// ranks 1..k is p_k(w) = (p_{k-1}(w) + p_{k-1}(w - k)) / 2. The recurrence only adds and
// halves non-negative numbers, so nothing cancels; in long double (64-bit significand) every
// value is the exact dyadic fraction count / 2^k up to k = 63, which makes the smallest
// tails exact, and beyond that each value is off by at most a few ulps.
std::vector<double> exact_cdf_table(std::size_t n) {
    const std::size_t total = rank_total(n);
    std::vector<long double> pmf(total + 1, 0.0L);
    pmf[0] = 1.0L;
    std::size_t top = 0;
    for (std::size_t k = 1; k <= n; ++k) {
        top += k;
        // Highest w first, so that pmf[w - k] is still the previous step's value.
        for (std::size_t w = top; w >= k; --w) pmf[w] = (pmf[w] + pmf[w - k]) / 2;
        for (std::size_t w = 0; w < k; ++w) pmf[w] /= 2;
    }
    std::vector<double> cdf(total + 1);
    long double running = 0;
    for (std::size_t w = 0; w <= total; ++w) {
        running += pmf[w];
        cdf[w] = static_cast<double>(running);
    }
    return cdf;
}

// A run compares many metrics over the same number of rounds: one table per n.
const std::vector<double>& cached_cdf_table(std::size_t n) {
    thread_local std::unordered_map<std::size_t, std::vector<double>> cache;
    auto found = cache.find(n);
    if (found == cache.end()) found = cache.emplace(n, exact_cdf_table(n)).first;
    return found->second;
}

double normal_upper_tail(double z) {
    return 0.5 * std::erfc(z / std::sqrt(2.0));
}

// The ranks of |d| summed by sign, with what the normal approximation needs about ties.
struct SignedRankSums {
    double plus = 0;
    double minus = 0;
    double zero = 0;         // sum of the ranks of the zeros
    double tie_nonzero = 0;  // sum of t^3 - t over groups of tied nonzero |d|
    double tie_zero = 0;     // t^3 - t of the group of zeros
};

SignedRankSums rank_sums(std::span<const double> d) {
    std::vector<double> magnitude(d.size());
    std::vector<std::size_t> order(d.size());
    for (std::size_t i = 0; i < d.size(); ++i) {
        magnitude[i] = std::fabs(d[i]);
        order[i] = i;
    }
    std::sort(order.begin(), order.end(),
              [&](std::size_t a, std::size_t b) { return magnitude[a] < magnitude[b]; });
    SignedRankSums sums;
    for (std::size_t i = 0; i < order.size();) {
        std::size_t j = i + 1;
        while (j < order.size() && magnitude[order[j]] == magnitude[order[i]]) ++j;
        const double average_rank = (static_cast<double>(i + 1) + static_cast<double>(j)) / 2;
        for (std::size_t k = i; k < j; ++k) {
            const double value = d[order[k]];
            (value > 0 ? sums.plus : value < 0 ? sums.minus : sums.zero) += average_rank;
        }
        const auto t = static_cast<double>(j - i);
        (magnitude[order[i]] == 0 ? sums.tie_zero : sums.tie_nonzero) += t * t * t - t;
        i = j;
    }
    return sums;
}

bool use_exact(WilcoxonMethod method, std::size_t n, std::size_t zeros) {
    // scipy: "auto" counts every difference, zeros included, against 50; then any zero
    // switches an exact request to the approximation.
    if (zeros > 0 || n > k_wilcoxon_exact_limit) return false;
    switch (method) {
        case WilcoxonMethod::automatic:
            return n <= k_auto_exact_limit;
        case WilcoxonMethod::exact:
            return true;
        case WilcoxonMethod::approx:
            return false;
    }
    return false;
}

// The two-sided exact p-value 2 P(W+ <= T) at T = min(W+, W-), which is scipy's
// 2 min(P(W+ <= w), P(W+ >= w)) at w = W+ whenever W+ is an integer.
//
// With ties W+ can be a half-integer, which the untied distribution does not know. scipy
// 1.10.1 rounds W+ down whichever tail it lies in, so that its p-value changes when the
// differences change sign (base and head swapped): 2 P(W+ <= 7) for W+ = 7.5 but
// 2 P(W+ <= 8) for W+ = 28.5 = 36 - 7.5. Rounding the smaller sum down instead gives
// scipy's value for the orientation with W+ <= W-, whichever side is called base.
double exact_p_value(std::size_t n, double statistic) {
    return std::min(1.0, 2 * wilcoxon_exact_cdf(n, std::floor(statistic)));
}

}  // namespace

double wilcoxon_exact_cdf(std::size_t n, double w) {
    if (w < 0) return 0.0;
    const std::vector<double>& cdf = cached_cdf_table(n);
    const double index = std::floor(w);
    return index >= static_cast<double>(cdf.size() - 1) ? 1.0
                                                        : cdf[static_cast<std::size_t>(index)];
}

double wilcoxon_min_p(std::size_t n) {
    if (n <= 1) return 1.0;
    return std::ldexp(1.0, 1 - static_cast<int>(std::min<std::size_t>(n, 2000)));
}

double wilcoxon_attained_alpha(std::size_t n, double alpha) {
    if (n > k_wilcoxon_exact_limit) return alpha;
    if (!(alpha > 0) || wilcoxon_min_p(n) > alpha) return 0;
    double attained = 0;
    const double max_w = static_cast<double>(n) * static_cast<double>(n + 1) / 2;
    for (double w = 0; w <= max_w; ++w) {
        const double p = std::min(1.0, 2 * wilcoxon_exact_cdf(n, w));
        if (p > alpha) break;
        attained = p;
    }
    return attained;
}

std::size_t wilcoxon_min_pairs(double alpha) {
    if (!(alpha > 0)) return 0;
    std::size_t n = 1;
    while (wilcoxon_min_p(n) > alpha) ++n;
    return n;
}

WilcoxonResult wilcoxon_signed_rank(std::span<const double> d, const WilcoxonOptions& options) {
    WilcoxonResult result;
    if (d.empty()) return result;
    const auto zeros = static_cast<std::size_t>(std::count(d.begin(), d.end(), 0.0));
    result.zeros = zeros;
    result.exact = use_exact(options.method, d.size(), zeros);

    std::vector<double> ranked;
    if (options.zero_method == ZeroMethod::wilcox) {
        std::copy_if(d.begin(), d.end(), std::back_inserter(ranked),
                     [](double v) { return v != 0; });
    } else {
        ranked.assign(d.begin(), d.end());
    }
    result.n = ranked.size();
    if (zeros == d.size() && options.zero_method != ZeroMethod::zsplit) {
        // Nothing but zeros: no evidence of a difference either way.
        result.statistic = 0;
        result.w_plus = 0;
        result.p_value = 1;
        return result;
    }

    const SignedRankSums sums = rank_sums(ranked);
    const double split_zero = options.zero_method == ZeroMethod::zsplit ? sums.zero / 2 : 0;
    const double w_plus = sums.plus + split_zero;
    const double w_minus = sums.minus + split_zero;
    result.w_plus = w_plus;
    result.statistic = std::min(w_plus, w_minus);
    result.ties = sums.tie_nonzero > 0;
    if (result.exact) {
        result.p_value = exact_p_value(result.n, result.statistic);
        return result;
    }

    // Normal approximation: mean n(n+1)/4 and variance n(n+1)(2n+1)/24, less the tie
    // correction sum(t^3 - t)/48 over the ranks that enter the sums (Pratt's zeros do not,
    // and Cureton's adjustment takes their ranks out of the mean and variance).
    const auto n = static_cast<double>(result.n);
    double mean = n * (n + 1) / 4;
    double variance_24 = n * (n + 1) * (2 * n + 1);
    double tie_term = sums.tie_nonzero;
    if (options.zero_method == ZeroMethod::pratt) {
        const auto z0 = static_cast<double>(zeros);
        mean -= z0 * (z0 + 1) / 4;
        variance_24 -= z0 * (z0 + 1) * (2 * z0 + 1);
    } else {
        tie_term += sums.tie_zero;
    }
    const double sigma = std::sqrt((variance_24 - tie_term / 2) / 24);
    double shift = 0;
    if (options.continuity && result.statistic != mean) {
        shift = result.statistic > mean ? 0.5 : -0.5;
    }
    result.z = (result.statistic - mean - shift) / sigma;
    result.p_value = sigma > 0 ? std::min(1.0, 2 * normal_upper_tail(std::fabs(result.z))) : 1.0;
    return result;
}

}  // namespace caws::stats
