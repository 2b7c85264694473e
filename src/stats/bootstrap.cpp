#include "stats/bootstrap.hpp"

#include <algorithm>
#include <vector>

#include "stats/descriptive.hpp"
#include "stats/random.hpp"

namespace caws::stats {
namespace {

// Draws the median of a resample of `sorted` without sorting it: count how often each
// order statistic is drawn, then walk the counts to the middle position(s). Linear in the
// sample size, which matters when a run has thousands of metrics.
class MedianResampler {
  public:
    explicit MedianResampler(std::span<const double> values)
        : sorted_(values.begin(), values.end()), counts_(values.size()) {
        std::sort(sorted_.begin(), sorted_.end());
    }

    double draw(Random& random) {
        const std::size_t n = sorted_.size();
        std::fill(counts_.begin(), counts_.end(), 0U);
        const auto bound = static_cast<std::uint32_t>(n);
        for (std::size_t i = 0; i < n; ++i) ++counts_[random.below(bound)];
        // Zero-based positions of the middle value(s) of the sorted resample.
        const std::size_t lower_position = (n - 1) / 2;
        const std::size_t upper_position = n / 2;
        std::size_t seen = 0;
        std::size_t index = 0;
        while (seen + counts_[index] <= lower_position) seen += counts_[index++];
        const double lower = sorted_[index];
        while (seen + counts_[index] <= upper_position) seen += counts_[index++];
        const double upper = sorted_[index];
        return lower + (upper - lower) / 2;
    }

  private:
    std::vector<double> sorted_;
    std::vector<std::uint32_t> counts_;
};

Interval percentile_interval(std::vector<double>& replicates, double confidence) {
    std::sort(replicates.begin(), replicates.end());
    const double tail = (1 - confidence) / 2;
    return Interval{quantile_sorted(replicates, tail), quantile_sorted(replicates, 1 - tail)};
}

}  // namespace

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
