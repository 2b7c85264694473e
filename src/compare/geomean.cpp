#include "compare/geomean.hpp"

#include <cmath>
#include <vector>

#include "stats/bootstrap.hpp"
#include "stats/descriptive.hpp"
#include "stats/random.hpp"

namespace caws::compare {
namespace {

// The bootstrap stream of the summary row, apart from every metric's.
constexpr std::uint64_t k_geomean_stream = 0x67656f6d65616eULL;  // "geomean"

bool summarised(const model::Comparison& c) {
    if (!c.gated || !c.ratio || !std::isfinite(*c.ratio) || !(*c.ratio > 0)) return false;
    switch (c.change) {
        case model::ChangeClass::added:
        case model::ChangeClass::removed:
        case model::ChangeClass::failed:
        case model::ChangeClass::skipped:
            return false;
        default:
            return true;
    }
}

}  // namespace

std::optional<Geomean> geometric_mean_of_ratios(std::span<const model::Comparison> comparisons,
                                                const Options& options) {
    std::vector<double> logs;
    for (const model::Comparison& c : comparisons) {
        if (summarised(c)) logs.push_back(std::log(*c.ratio));
    }
    if (logs.empty()) return std::nullopt;
    Geomean geomean;
    geomean.metrics = logs.size();
    geomean.ratio = std::exp(stats::mean(logs));
    if (logs.size() >= 2) {
        stats::BootstrapOptions bootstrap;
        bootstrap.resamples = options.resamples;
        bootstrap.confidence = options.confidence;
        bootstrap.seed = stats::derive_seed(options.seed, k_geomean_stream);
        if (const auto interval = stats::bootstrap_mean(logs, bootstrap)) {
            geomean.ci = model::Interval{std::exp(interval->low), std::exp(interval->high)};
        }
    }
    return geomean;
}

}  // namespace caws::compare
