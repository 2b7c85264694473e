#include "stats/paired_comparison.hpp"

#include <algorithm>
#include <cmath>

#include "stats/descriptive.hpp"

namespace caws::stats {
namespace {

// scipy warns that the normal approximation is poor below this many ranked differences.
constexpr std::size_t k_small_approximation = 10;

bool positive_finite(double v) {
    return v > 0 && std::isfinite(v);
}

}  // namespace

double paired_log_ratio(double base, double head) {
    // The subtraction is exact when the values are within a factor of two of each other
    // (Sterbenz), so the only roundings are one division and log1p.
    if (head >= base) return std::log1p((head - base) / base);
    return -std::log1p((base - head) / head);
}

std::optional<std::vector<double>> paired_log_ratios(std::span<const double> base,
                                                     std::span<const double> head) {
    if (base.size() != head.size()) return std::nullopt;
    std::vector<double> d(base.size());
    for (std::size_t r = 0; r < base.size(); ++r) {
        if (!positive_finite(base[r]) || !positive_finite(head[r])) return std::nullopt;
        d[r] = paired_log_ratio(base[r], head[r]);
    }
    return d;
}

bool PairedComparison::has(PairedCaveat caveat) const {
    return std::find(caveats.begin(), caveats.end(), caveat) != caveats.end();
}

PairedComparison compare_paired(std::span<const double> base, std::span<const double> head,
                                const PairedOptions& options) {
    const std::optional<std::vector<double>> d = paired_log_ratios(base, head);
    if (!d) {
        PairedComparison result;
        result.n = std::min(base.size(), head.size());
        result.caveats.push_back(PairedCaveat::invalid_values);
        return result;
    }
    return compare_log_ratios(*d, options);
}

PairedComparison compare_log_ratios(std::span<const double> d, const PairedOptions& options) {
    PairedComparison result;
    result.n = d.size();
    if (!std::all_of(d.begin(), d.end(), [](double v) { return std::isfinite(v); })) {
        result.caveats.push_back(PairedCaveat::invalid_values);
        return result;
    }
    result.median = median(d);
    result.shift = hodges_lehmann_one_sample(d, options.confidence);
    result.test = wilcoxon_signed_rank(d, options.test);

    const std::size_t nonzero = d.size() - result.test.zeros;
    if (nonzero == 0 && !d.empty()) result.caveats.push_back(PairedCaveat::all_zero);
    if (nonzero < wilcoxon_min_pairs(options.alpha)) {
        result.caveats.push_back(PairedCaveat::too_few_pairs);
    }
    if (!result.shift.interval) result.caveats.push_back(PairedCaveat::no_interval);
    if (!result.test.exact && result.test.n < k_small_approximation && nonzero > 0) {
        result.caveats.push_back(PairedCaveat::small_approximation);
    }
    const std::optional<Interval>& interval = result.shift.interval;
    if (interval && (result.median < interval->low || result.median > interval->high)) {
        result.caveats.push_back(PairedCaveat::median_outside_interval);
    }
    return result;
}

}  // namespace caws::stats
