#include "stats/theil_sen.hpp"

#include <algorithm>
#include <cmath>
#include <limits>
#include <vector>

#include "stats/descriptive.hpp"
#include "stats/mann_kendall.hpp"
#include "stats/random.hpp"
#include "stats/student_t.hpp"
#include "stats/theil_sen_kernel.hpp"

namespace caws::stats {
namespace {

// Below this many pairs every slope is kept and selected from.
constexpr std::size_t k_all_pairs = 50'000;
// Size of the sample that brackets the wanted ranks for longer series.
constexpr std::size_t k_sample = 8'192;
// Bins of equal width between the bracket's ends that place the wanted ranks.
constexpr std::size_t k_bins = 1'024;

// Buffers reused by the series a thread analyses: a trend over thousands of metrics
// would otherwise map and fault in fresh pages for every series.
struct Workspace {
    std::vector<double> inverse;
    std::vector<double> sample;
    std::vector<double> kept;
    std::vector<std::vector<double>> chosen;
    std::vector<std::size_t> histogram;
};

Workspace& workspace() {
    thread_local Workspace space;
    return space;
}

// The values of `ranks` (ascending, offset by `offset`) in `slopes`, reordering it: the
// middle rank is selected over all slopes, the others on its either side only.
std::vector<double> select_ranks(std::span<double> slopes, const std::vector<std::size_t>& ranks,
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

std::span<double> all_slopes(std::span<const double> y, const std::vector<double>& inverse,
                             std::vector<double>& slopes) {
    const std::size_t n = y.size();
    slopes.resize(n * (n - 1) / 2);
    std::size_t k = 0;
    for (std::size_t i = 0; i + 1 < n; ++i) {
        for (std::size_t j = i + 1; j < n; ++j) slopes[k++] = (y[j] - y[i]) * inverse[j - i];
    }
    return slopes;
}

// The values of `ranks` (ascending) among the `kept` slopes, which are the slopes in
// [low, high] with `below` slopes under `low`. Equal-width bins over [low, high] are
// counted; the bin index is a monotone function of the value, so the bin of each rank
// follows from the cumulative counts, and the rank is selected among that bin's values
// only.
std::vector<double> select_binned(std::span<double> kept, double low, double high,
                                  const std::vector<std::size_t>& ranks, std::size_t below,
                                  Workspace& space) {
    const double scale = static_cast<double>(k_bins) / (high - low);
    if (!(high > low) || !std::isfinite(low) || !std::isfinite(high) || !std::isfinite(scale)) {
        return select_ranks(kept, ranks, below);
    }
    const double last = static_cast<double>(k_bins - 1);
    // (v - low) * scale is in [0, k_bins] up to rounding; the signed conversion is the
    // cheap one.
    const auto bin_of = [&](double v) {
        return static_cast<std::size_t>(
            static_cast<std::int64_t>(std::min((v - low) * scale, last)));
    };
    std::vector<std::size_t>& histogram = space.histogram;
    histogram.assign(k_bins, 0);
    for (const double v : kept) ++histogram[bin_of(v)];
    // The bin of each rank and the number of slopes below it.
    std::vector<std::size_t> bins;
    std::vector<std::size_t> befores;
    std::size_t bin = 0;
    std::size_t before = below;
    for (const std::size_t rank : ranks) {
        while (before + histogram[bin] <= rank) before += histogram[bin++];
        bins.push_back(bin);
        befores.push_back(before);
    }
    // One pass gathers the values of the (at most four) bins; histogram entries are
    // reused as the bins' slots.
    std::vector<std::vector<double>>& chosen = space.chosen;
    if (chosen.size() < ranks.size()) chosen.resize(ranks.size());
    constexpr std::size_t k_none = static_cast<std::size_t>(-1);
    std::fill(histogram.begin(), histogram.end(), k_none);
    std::size_t slots = 0;
    for (const std::size_t b : bins) {
        if (histogram[b] == k_none) {
            chosen[slots].clear();
            histogram[b] = slots++;
        }
    }
    for (const double v : kept) {
        const std::size_t slot = histogram[bin_of(v)];
        if (slot != k_none) chosen[slot].push_back(v);
    }
    std::vector<double> out;
    for (std::size_t k = 0; k < ranks.size(); ++k) {
        std::vector<double>& values = chosen[histogram[bins[k]]];
        const auto at = values.begin() + static_cast<std::ptrdiff_t>(ranks[k] - befores[k]);
        std::nth_element(values.begin(), at, values.end());
        out.push_back(*at);
    }
    return out;
}

// The slopes of the wanted ranks without sorting all N of them: a seeded sample of pairs
// gives a bracket [low, high] around the ranks, one pass counts the slopes below it and
// keeps those inside, and the ranks are placed in bins of the kept ones and selected
// within their bin. Falls back to all slopes when the bracket misses (it has a margin of
// several standard errors, so that is rare and only costs time).
std::vector<double> bracketed_ranks(std::span<const double> y, const std::vector<double>& inverse,
                                    const std::vector<std::size_t>& ranks, Workspace& space) {
    const std::size_t n = y.size();
    const std::size_t pairs = n * (n - 1) / 2;
    Random random(0x7e11'5e11ULL);
    std::vector<double>& sample = space.sample;
    sample.resize(k_sample);
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
    // Four standard errors of a sample rank (at most sqrt(m) / 2): a miss, which only
    // costs time, is left to about one series in 30,000.
    const auto margin = static_cast<std::ptrdiff_t>(2 * std::sqrt(m)) + 1;
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
    std::vector<double>& kept = space.kept;
    const auto expected = static_cast<std::size_t>(
        static_cast<double>(high_index - low_index) / m * static_cast<double>(pairs) * 1.5 + 1024);
    if (kept.size() < expected) kept.resize(expected);
    std::size_t count = 0;
    for (std::size_t i = 0; i + 1 < n; ++i) {
        const std::size_t length = n - 1 - i;
        if (count + length + 8 > kept.size()) kept.resize(kept.size() * 2 + length + 8);
        count += detail::bracket_row(y.data() + i + 1, inverse.data() + 1, length, y[i], low, high,
                                     kept.data() + count, below);
    }
    if (below > ranks.front() || below + count <= ranks.back()) {
        return select_ranks(all_slopes(y, inverse, kept), ranks, 0);
    }
    return select_binned(std::span<double>(kept.data(), count), low, high, ranks, below, space);
}

TheilSen theil_sen_of(std::span<const double> values, double confidence, const MannKendall* known) {
    TheilSen result;
    const std::size_t n = values.size();
    result.n = n;
    if (n < 2) {
        if (n == 1) result.intercept = values[0];
        return result;
    }
    const std::size_t pairs = n * (n - 1) / 2;
    Workspace& space = workspace();
    std::vector<double>& inverse = space.inverse;
    // Kept between series: grown as needed, the entries 1 / d never change.
    if (inverse.empty()) inverse.push_back(0);
    for (std::size_t d = inverse.size(); d < n; ++d) {
        inverse.push_back(1.0 / static_cast<double>(d));
    }

    // Sen's (1968) equation 2.6: the ranks of the interval's bounds, rounded half to even
    // as numpy does.
    const double alpha = confidence > 0.5 ? 1 - confidence : confidence;
    const double z = student_t_quantile(1 - alpha / 2, std::numeric_limits<double>::infinity());
    const double sigma = std::sqrt(known ? known->variance : mann_kendall(values).variance);
    const double nt = static_cast<double>(pairs);
    const double upper_rank = std::min(std::nearbyint((nt + z * sigma) / 2), nt - 1);
    const double lower_rank = std::max(std::nearbyint((nt - z * sigma) / 2) - 1, 0.0);
    const auto low_rank = static_cast<std::size_t>(std::min(lower_rank, nt - 1));
    const auto high_rank = static_cast<std::size_t>(std::max(upper_rank, 0.0));

    std::vector<std::size_t> ranks{low_rank, (pairs - 1) / 2, pairs / 2, high_rank};
    std::sort(ranks.begin(), ranks.end());
    std::vector<double> selected;
    if (pairs <= k_all_pairs) {
        selected = select_ranks(all_slopes(values, inverse, space.kept), ranks, 0);
    } else {
        selected = bracketed_ranks(values, inverse, ranks, space);
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

}  // namespace

TheilSen theil_sen(std::span<const double> values, double confidence) {
    return theil_sen_of(values, confidence, nullptr);
}

TheilSen theil_sen(std::span<const double> values, double confidence,
                   const MannKendall& mann_kendall_of_values) {
    return theil_sen_of(values, confidence, &mann_kendall_of_values);
}

}  // namespace caws::stats
