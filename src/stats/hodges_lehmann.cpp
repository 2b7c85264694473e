#include "stats/hodges_lehmann.hpp"

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <unordered_map>
#include <vector>

#include "stats/mann_whitney.hpp"
#include "stats/student_t.hpp"

namespace caws::stats {
namespace {

constexpr std::size_t k_exact_limit = 50;

// The ranks only depend on the sizes and the level; a run compares many metrics with the
// same sizes, so they are worth remembering.
const IntervalRank& cached_exact_rank(std::size_t n1, std::size_t n2, double confidence) {
    struct Key {
        std::size_t n1, n2;
        double confidence;
        bool operator==(const Key&) const = default;
    };
    struct Hash {
        std::size_t operator()(const Key& key) const {
            return std::hash<double>()(key.confidence) ^ (key.n1 * 0x9e3779b97f4a7c15ULL) ^
                   (key.n2 << 20);
        }
    };
    thread_local std::unordered_map<Key, IntervalRank, Hash> cache;
    const Key key{std::min(n1, n2), std::max(n1, n2), confidence};
    auto found = cache.find(key);
    if (found == cache.end()) {
        found = cache.emplace(key, hodges_lehmann_exact_rank(n1, n2, confidence)).first;
    }
    return found->second;
}

}  // namespace

IntervalRank hodges_lehmann_exact_rank(std::size_t n1, std::size_t n2, double confidence) {
    IntervalRank rank;
    if (n1 == 0 || n2 == 0) return rank;
    const double tail = (1 - confidence) / 2;
    const std::size_t mn = n1 * n2;
    // P(U <= c) = P(U >= mn - c) by symmetry; grows with c.
    for (std::size_t c = 0; 2 * c < mn; ++c) {
        const double below = mann_whitney_exact_sf(n1, n2, static_cast<double>(mn - c));
        if (below > tail) break;
        rank.k = c + 1;
        rank.confidence = 1 - 2 * below;
    }
    return rank;
}

ShiftEstimate hodges_lehmann(std::span<const double> x, std::span<const double> y,
                             double confidence) {
    ShiftEstimate result;
    const std::size_t n1 = x.size();
    const std::size_t n2 = y.size();
    if (n1 == 0 || n2 == 0) return result;
    const std::size_t mn = n1 * n2;
    std::vector<double> differences;
    differences.reserve(mn);
    for (const double b : y) {
        for (const double a : x) differences.push_back(b - a);
    }

    // Ties among the pooled values decide between the exact and the normal distribution.
    std::vector<double> pooled(x.begin(), x.end());
    pooled.insert(pooled.end(), y.begin(), y.end());
    std::sort(pooled.begin(), pooled.end());
    double tie_term = 0;
    for (std::size_t i = 0; i < pooled.size();) {
        std::size_t j = i + 1;
        while (j < pooled.size() && pooled[j] == pooled[i]) ++j;
        const auto t = static_cast<double>(j - i);
        tie_term += t * t * t - t;
        i = j;
    }

    std::size_t k = 0;
    if (tie_term == 0 && n1 <= k_exact_limit && n2 <= k_exact_limit) {
        const IntervalRank& rank = cached_exact_rank(n1, n2, confidence);
        k = rank.k;
        result.exact = true;
        result.confidence = rank.confidence;
    } else {
        const auto n = static_cast<double>(n1 + n2);
        const auto m = static_cast<double>(mn);
        const double sigma = std::sqrt(m / 12 * ((n + 1) - tie_term / (n * (n - 1))));
        const double z = normal_quantile(1 - (1 - confidence) / 2);
        const double position = std::floor(m / 2 - z * sigma + 0.5);
        if (!(sigma > 0)) {
            // Only when every pooled value is equal: every difference is 0, and so is the
            // interval, whatever the level.
            result.estimate = 0;
            result.interval = Interval{0, 0};
            result.confidence = 1;
            return result;
        }
        if (position >= 1) {
            k = std::min(static_cast<std::size_t>(position), mn / 2);
            // P(U <= k - 1) with continuity correction.
            result.confidence = 1 - 2 * normal_cdf((static_cast<double>(k) - 0.5 - m / 2) / sigma);
        }
    }

    // Select the median and the two ends instead of sorting all n1 n2 differences.
    const auto at = [&](std::size_t index) {
        return differences.begin() + static_cast<std::ptrdiff_t>(index);
    };
    const std::size_t middle = mn / 2;
    std::nth_element(differences.begin(), at(middle), differences.end());
    const double upper_middle = differences[middle];
    if (mn % 2 == 1) {
        result.estimate = upper_middle;
    } else {
        const double lower_middle = *std::max_element(differences.begin(), at(middle));
        result.estimate = lower_middle + (upper_middle - lower_middle) / 2;
    }
    if (k >= 1) {
        // The k-th smallest lies in the lower part, the k-th largest in the upper part.
        std::nth_element(differences.begin(), at(k - 1), at(middle));
        const double low = differences[k - 1];
        std::nth_element(at(middle), at(mn - k), differences.end());
        const double high = differences[mn - k];
        result.interval = Interval{low, high};
    }
    return result;
}

}  // namespace caws::stats
