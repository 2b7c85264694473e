#include "stats/bootstrap.hpp"

#include <algorithm>
#include <cmath>
#include <unordered_map>
#include <vector>

#include "stats/descriptive.hpp"
#include "stats/random.hpp"

namespace caws::stats {
namespace {

// Samples up to this size draw the resample median from its law; larger ones resample.
constexpr std::size_t k_law_limit = 64;

// P(Binomial(trials, p) = k), for the small sizes of k_law_limit.
double binomial_pmf(std::size_t trials, double p, std::size_t k) {
    const auto t = static_cast<double>(trials);
    const auto kd = static_cast<double>(k);
    if (p >= 1) return k == trials ? 1.0 : 0.0;
    const double log_choose = std::lgamma(t + 1) - std::lgamma(kd + 1) - std::lgamma(t - kd + 1);
    return std::exp(log_choose + kd * std::log(p) + (t - kd) * std::log1p(-p));
}

// Walker's alias method (Vose 1991): one draw picks an outcome in constant time.
class AliasTable {
  public:
    explicit AliasTable(const std::vector<double>& probabilities) {
        const std::size_t k = probabilities.size();
        threshold_.assign(k, 0);
        alias_.assign(k, 0);
        std::vector<double> scaled(k);
        std::vector<std::uint32_t> small;
        std::vector<std::uint32_t> large;
        for (std::size_t i = 0; i < k; ++i) {
            scaled[i] = probabilities[i] * static_cast<double>(k);
            (scaled[i] < 1 ? small : large).push_back(static_cast<std::uint32_t>(i));
        }
        while (!small.empty() && !large.empty()) {
            const std::uint32_t s = small.back();
            small.pop_back();
            const std::uint32_t l = large.back();
            set(s, scaled[s], l);
            scaled[l] -= 1 - scaled[s];
            if (scaled[l] < 1) {
                large.pop_back();
                small.push_back(l);
            }
        }
        // What is left has probability 1 up to rounding.
        for (const std::uint32_t i : large) set(i, 1, i);
        for (const std::uint32_t i : small) set(i, 1, i);
    }

    // A column uniformly (exactly), then a 32-bit coin: each outcome's probability is
    // represented to within 2^-32.
    std::uint32_t draw(Random& random) const {
        const std::uint32_t column = random.below(static_cast<std::uint32_t>(threshold_.size()));
        const auto coin = static_cast<std::uint32_t>(random.next() >> 32);
        return coin < threshold_[column] ? column : alias_[column];
    }

  private:
    void set(std::uint32_t i, double keep, std::uint32_t alias) {
        threshold_[i] = keep >= 1 ? 0xFFFFFFFFU
                                  : static_cast<std::uint32_t>(std::ldexp(std::max(keep, 0.0), 32));
        alias_[i] = keep >= 1 ? i : alias;
    }

    std::vector<std::uint32_t> threshold_;  // keep the column when the coin is below
    std::vector<std::uint32_t> alias_;
};

// The law of the resample median for a sample of size n, with its alias table.
struct MedianLaw {
    std::vector<MedianOutcome> outcomes;
    AliasTable table;
};

const MedianLaw& cached_median_law(std::size_t n) {
    thread_local std::unordered_map<std::size_t, MedianLaw> cache;
    auto found = cache.find(n);
    if (found == cache.end()) {
        std::vector<MedianOutcome> outcomes = bootstrap_median_law(n);
        std::vector<double> probabilities;
        probabilities.reserve(outcomes.size());
        for (const MedianOutcome& o : outcomes) probabilities.push_back(o.probability);
        AliasTable table(probabilities);
        found = cache.emplace(n, MedianLaw{std::move(outcomes), std::move(table)}).first;
    }
    return found->second;
}

// Draws the median of a resample of a sample. Small samples draw which order statistics
// are the middle of the resample from their law (the same distribution as resampling, for
// one random number instead of n); larger ones count how often each order statistic is
// drawn and walk the counts to the middle.
class MedianResampler {
  public:
    explicit MedianResampler(std::span<const double> values)
        : sorted_(values.begin(), values.end()) {
        std::sort(sorted_.begin(), sorted_.end());
        if (sorted_.size() <= k_law_limit) {
            law_ = &cached_median_law(sorted_.size());
        } else {
            counts_.resize(sorted_.size());
        }
    }

    double draw(Random& random) {
        if (law_ != nullptr) {
            const MedianOutcome& o = law_->outcomes[law_->table.draw(random)];
            const double lower = sorted_[o.lower];
            return lower + (sorted_[o.upper] - lower) / 2;
        }
        const std::size_t n = sorted_.size();
        std::fill(counts_.begin(), counts_.end(), 0U);
        const auto bound = static_cast<std::uint32_t>(n);
        std::uint32_t first = 0;
        std::uint32_t second = 0;
        for (std::size_t i = 0; i + 1 < n; i += 2) {
            random.below_twice(bound, first, second);
            ++counts_[first];
            ++counts_[second];
        }
        if (n % 2 == 1) ++counts_[random.below(bound)];
        // Zero-based positions of the middle value(s) of the sorted resample.
        const std::size_t lower_position = (n - 1) / 2;
        const std::size_t upper_position = n / 2;
        std::size_t seen = 0;
        std::size_t index = 0;
        while (seen + counts_[index] <= lower_position) seen += counts_[index++];
        const double lower = sorted_[index];
        while (seen + counts_[index] <= upper_position) seen += counts_[index++];
        return lower + (sorted_[index] - lower) / 2;
    }

  private:
    std::vector<double> sorted_;
    const MedianLaw* law_ = nullptr;
    std::vector<std::uint32_t> counts_;
};

// Quantile `p` (type 7) of values in [begin, end) by selection, which only orders what it
// needs; a run with thousands of metrics would otherwise spend much of its time sorting
// replicates.
double select_quantile(std::vector<double>& values, std::size_t begin, double p) {
    const std::size_t n = values.size();
    const double position = p * static_cast<double>(n - 1);
    const auto below = static_cast<std::size_t>(std::floor(position));
    const auto at = [&](std::size_t i) { return values.begin() + static_cast<std::ptrdiff_t>(i); };
    std::nth_element(at(begin), at(below), values.end());
    const double low = values[below];
    if (below + 1 >= n) return low;
    const double high = *std::min_element(at(below + 1), values.end());
    return low + (high - low) * (position - static_cast<double>(below));
}

Interval percentile_interval(std::vector<double>& replicates, double confidence) {
    const double tail = (1 - confidence) / 2;
    const double low = select_quantile(replicates, 0, tail);
    // Everything from the lower position on is already at or above it.
    const auto lower_position =
        static_cast<std::size_t>(std::floor(tail * static_cast<double>(replicates.size() - 1)));
    const double high = select_quantile(replicates, lower_position, 1 - tail);
    return Interval{low, high};
}

}  // namespace

std::vector<MedianOutcome> bootstrap_median_law(std::size_t n) {
    std::vector<MedianOutcome> outcomes;
    if (n == 0) return outcomes;
    // N_j, the number of draws at order statistics 0..j, grows by a binomial step: given
    // N_{j-1} = c, order statistic j gets Binomial(n - c, 1 / (n - j)) of the draws left.
    // The lower middle is the first j with N_j > (n - 1) / 2, the upper the first with
    // N_j > n / 2.
    const std::size_t lower_rank = (n - 1) / 2;  // zero-based positions in the resample
    const std::size_t upper_rank = n / 2;
    std::vector<double> before(n + 1, 0.0);  // P(N_{j-1} = c, lower middle not reached)
    before[0] = 1;
    std::vector<double> joint(n * n, 0.0);  // joint[a * n + b]
    for (std::size_t j = 0; j < n; ++j) {
        const double p = 1.0 / static_cast<double>(n - j);
        std::vector<double> after(n + 1, 0.0);
        for (std::size_t c = 0; c <= lower_rank; ++c) {
            if (before[c] == 0) continue;
            for (std::size_t k = 0; c + k <= n; ++k) {
                const double mass = before[c] * binomial_pmf(n - c, p, k);
                const std::size_t total = c + k;
                if (total <= lower_rank) {
                    after[total] += mass;
                } else if (total > upper_rank) {
                    joint[j * n + j] += mass;
                } else {
                    // N_j = upper_rank exactly (even n): the upper middle is the next order
                    // statistic drawn at least once.
                    const std::size_t left = n - total;
                    double none_yet = 1;
                    for (std::size_t b = j + 1; b < n; ++b) {
                        const double q = 1.0 / static_cast<double>(n - b);
                        const double empty = binomial_pmf(left, q, 0);
                        joint[j * n + b] += mass * none_yet * (1 - empty);
                        none_yet *= empty;
                    }
                }
            }
        }
        before = std::move(after);
    }
    for (std::size_t a = 0; a < n; ++a) {
        for (std::size_t b = a; b < n; ++b) {
            const double probability = joint[a * n + b];
            if (probability > 0) outcomes.push_back({a, b, probability});
        }
    }
    return outcomes;
}

std::optional<Interval> bootstrap_median_ratio(std::span<const double> x, std::span<const double> y,
                                               const BootstrapOptions& options) {
    if (x.empty() || y.empty() || options.resamples == 0) return std::nullopt;
    const auto positive = [](double v) { return v > 0; };
    if (!std::all_of(x.begin(), x.end(), positive) || !std::all_of(y.begin(), y.end(), positive)) {
        return std::nullopt;
    }
    Random random(options.seed);
    MedianResampler baseline(x);
    MedianResampler candidate(y);
    std::vector<double> ratios(options.resamples);
    for (double& ratio : ratios) {
        const double below = baseline.draw(random);
        ratio = candidate.draw(random) / below;
    }
    return percentile_interval(ratios, options.confidence);
}

std::optional<Interval> bootstrap_mean(std::span<const double> values,
                                       const BootstrapOptions& options) {
    if (values.empty() || options.resamples == 0) return std::nullopt;
    Random random(options.seed);
    const auto n = static_cast<std::uint32_t>(values.size());
    std::vector<double> means(options.resamples);
    for (double& m : means) {
        double sum = 0;
        for (std::uint32_t i = 0; i < n; ++i) sum += values[random.below(n)];
        m = sum / static_cast<double>(n);
    }
    return percentile_interval(means, options.confidence);
}

}  // namespace caws::stats
