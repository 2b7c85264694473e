#include "compare/geomean.hpp"

#include <cmath>
#include <vector>

#include "compare/gated_measures.hpp"
#include "stats/bootstrap.hpp"
#include "stats/descriptive.hpp"
#include "stats/random.hpp"
#include "util/string_map.hpp"

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

// Which of a benchmark's summarised comparisons stands for it; the lowest rank wins.
int rank_of(const model::Comparison& c) {
    if (c.unit.dimension != model::Dimension::time) return 2;
    return c.measure == google_benchmark_clock(c.metric) ? 0 : 1;
}

}  // namespace

std::optional<Geomean> geometric_mean_of_ratios(std::span<const model::Comparison> comparisons,
                                                const Options& options) {
    // One comparison per benchmark, in the order the benchmarks first come.
    std::vector<const model::Comparison*> chosen;
    util::StringMap<std::size_t> index;
    for (const model::Comparison& c : comparisons) {
        if (!summarised(c)) continue;
        const auto [found, inserted] = index.try_emplace(c.metric, chosen.size());
        if (inserted) {
            chosen.push_back(&c);
        } else if (rank_of(c) < rank_of(*chosen[found->second])) {
            chosen[found->second] = &c;
        }
    }
    if (chosen.empty()) return std::nullopt;
    std::vector<double> logs;
    logs.reserve(chosen.size());
    for (const model::Comparison* c : chosen) logs.push_back(std::log(*c->ratio));
    Geomean geomean;
    geomean.metrics = logs.size();
    geomean.benchmarks = logs.size();
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
