#include "stats/theil_sen.hpp"

#include <algorithm>
#include <cmath>
#include <limits>
#include <vector>

#include "stats/descriptive.hpp"
#include "stats/mann_kendall.hpp"
#include "stats/random.hpp"
#include "stats/student_t.hpp"

namespace caws::stats {
namespace {

// Below this many pairs every slope is kept and selected from.
constexpr std::size_t k_all_pairs = 50'000;
// Size of the sample that brackets the wanted ranks for longer series.
constexpr std::size_t k_sample = 8'192;

// The values of `ranks` (ascending, offset by `offset`) in `slopes`, reordering it: the
// middle rank is selected over all slopes, the others on its either side only.
std::vector<double> select_ranks(std::vector<double>& slopes, const std::vector<std::size_t>& ranks,
                                 std::size_t offset) {
    const auto at = [&](std::size_t rank) {
        return slopes.begin() + static_cast<std::ptrdiff_t>(rank - offset);
    };
    const std::size_t pivot = ranks[ranks.size() / 2];
    std::nth_element(slopes.begin(), at(pivot), slopes.end());
    std::vector<double> out;
    for (const std::size_t rank : ranks) {
        if (rank < pivot) {
            std::nth_element(slopes.begin(), at(rank), at(pivot));
        } else if (rank == pivot + 1) {
            // The smallest value right of the pivot, without a selection.
            std::iter_swap(at(rank), std::min_element(at(rank), slopes.end()));
        } else if (rank > pivot) {
            std::nth_element(at(pivot) + 1, at(rank), slopes.end());
        }
        out.push_back(*at(rank));
    }
    return out;
}

std::vector<double> all_slopes(std::span<const double> y, const std::vector<double>& inverse) {
    const std::size_t n = y.size();
    std::vector<double> slopes;
    slopes.reserve(n * (n - 1) / 2);
    for (std::size_t i = 0; i + 1 < n; ++i) {
        for (std::size_t j = i + 1; j < n; ++j) slopes.push_back((y[j] - y[i]) * inverse[j - i]);
    }
    return slopes;
}

// The slopes of the wanted ranks without sorting all N of them: a seeded sample of pairs
// gives a bracket [low, high] around the ranks, one pass counts the slopes below it and
// keeps those inside, and the ranks are selected among the kept ones. Falls back to all
// slopes when the bracket misses (it has a margin of several standard errors, so that is
// rare and only costs time).
std::vector<double> bracketed_ranks(std::span<const double> y, const std::vector<double>& inverse,
                                    const std::vector<std::size_t>& ranks) {
    const std::size_t n = y.size();
    const std::size_t pairs = n * (n - 1) / 2;
    Random random(0x7e11'5e11ULL);
    std::vector<double> sample(k_sample);
    for (double& s : sample) {
        std::uint32_t i = 0;
        std::uint32_t j = 0;
        do {
            random.below_twice(static_cast<std::uint32_t>(n), i, j);
        } while (i == j);
        if (i > j) std::swap(i, j);
        s = (y[j] - y[i]) * inverse[j - i];
    }
    const double m = static_cast<double>(k_sample);
    const auto margin = static_cast<std::ptrdiff_t>(3 * std::sqrt(m)) + 1;
    const auto sample_index = [&](std::size_t rank) {
        return static_cast<std::ptrdiff_t>(static_cast<double>(rank) / static_cast<double>(pairs) *
                                           m);
    };
    const std::ptrdiff_t low_index = sample_index(ranks.front()) - margin;
    const std::ptrdiff_t high_index = sample_index(ranks.back()) + margin;
    // Two order statistics of the sample, by selection rather than a sort.
    if (high_index < static_cast<std::ptrdiff_t>(k_sample)) {
        std::nth_element(sample.begin(), sample.begin() + high_index, sample.end());
    }
    if (low_index >= 0) {
        std::nth_element(
            sample.begin(), sample.begin() + low_index,
            sample.begin() + std::min(high_index, static_cast<std::ptrdiff_t>(k_sample)));
    }
    const double low = low_index < 0 ? -std::numeric_limits<double>::infinity()
                                     : sample[static_cast<std::size_t>(low_index)];
    const double high = high_index >= static_cast<std::ptrdiff_t>(k_sample)
                            ? std::numeric_limits<double>::infinity()
                            : sample[static_cast<std::size_t>(high_index)];

    std::size_t below = 0;
    std::vector<double> kept(static_cast<std::size_t>(
        static_cast<double>(high_index - low_index) / m * static_cast<double>(pairs) * 1.5 + 1024));
    std::size_t count = 0;
    for (std::size_t i = 0; i + 1 < n; ++i) {
        if (count + n > kept.size()) kept.resize(kept.size() * 2 + n);
        const double yi = y[i];
        for (std::size_t j = i + 1; j < n; ++j) {
            const double s = (y[j] - yi) * inverse[j - i];
            kept[count] = s;
            below += s < low;
            count += s >= low && s <= high;
        }
    }
    kept.resize(count);
    if (below > ranks.front() || below + count <= ranks.back()) {
        std::vector<double> slopes = all_slopes(y, inverse);
        return select_ranks(slopes, ranks, 0);
    }
    return select_ranks(kept, ranks, below);
}

}  // namespace

TheilSen theil_sen(std::span<const double> values, double confidence) {
    TheilSen result;
    const std::size_t n = values.size();
    result.n = n;
    if (n < 2) {
        if (n == 1) result.intercept = values[0];
        return result;
    }
    const std::size_t pairs = n * (n - 1) / 2;
    std::vector<double> inverse(n);
    for (std::size_t d = 1; d < n; ++d) inverse[d] = 1.0 / static_cast<double>(d);

    // Sen's (1968) equation 2.6: the ranks of the interval's bounds, rounded half to even
    // as numpy does.
    const double alpha = confidence > 0.5 ? 1 - confidence : confidence;
    const double z = student_t_quantile(1 - alpha / 2, std::numeric_limits<double>::infinity());
    const double sigma = std::sqrt(mann_kendall(values).variance);
    const double nt = static_cast<double>(pairs);
    const double upper_rank = std::min(std::nearbyint((nt + z * sigma) / 2), nt - 1);
    const double lower_rank = std::max(std::nearbyint((nt - z * sigma) / 2) - 1, 0.0);
    const auto low_rank = static_cast<std::size_t>(std::min(lower_rank, nt - 1));
    const auto high_rank = static_cast<std::size_t>(std::max(upper_rank, 0.0));

    std::vector<std::size_t> ranks{low_rank, (pairs - 1) / 2, pairs / 2, high_rank};
    std::sort(ranks.begin(), ranks.end());
    std::vector<double> selected;
    if (pairs <= k_all_pairs) {
        std::vector<double> slopes = all_slopes(values, inverse);
        selected = select_ranks(slopes, ranks, 0);
    } else {
        selected = bracketed_ranks(values, inverse, ranks);
    }
    const auto value_of = [&](std::size_t rank) {
        const auto it = std::find(ranks.begin(), ranks.end(), rank);
        return selected[static_cast<std::size_t>(it - ranks.begin())];
    };
    result.slope = (value_of((pairs - 1) / 2) + value_of(pairs / 2)) / 2;
    result.low = value_of(low_rank);
    result.high = value_of(high_rank);
    result.intercept = median(values) - result.slope * static_cast<double>(n - 1) / 2;
    return result;
}

}  // namespace caws::stats
