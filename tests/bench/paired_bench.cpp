// The paired comparison of one metric over interleaved A/B rounds (docs/statistics.md,
// "Paired rounds"): log ratios, median, Hodges-Lehmann pseudo-median and interval, Wilcoxon
// signed-rank test.

#include <benchmark/benchmark.h>

#include <cmath>
#include <cstddef>
#include <cstdint>
#include <vector>

#include "stats/hodges_lehmann_one_sample.hpp"
#include "stats/paired_comparison.hpp"
#include "stats/random.hpp"
#include "stats/wilcoxon.hpp"

namespace {

using caws::stats::Random;

// n rounds around 1 us: a drift shared by both sides of a round, 3% noise per side, the
// head 2% slower.
struct Rounds {
    std::vector<double> base;
    std::vector<double> head;
};

Rounds rounds(std::size_t n, std::uint64_t seed) {
    Random random(seed);
    Rounds result;
    for (std::size_t r = 0; r < n; ++r) {
        const double drift = 0.1 * random.normal();
        result.base.push_back(1e-6 * std::exp(drift + 0.03 * random.normal()));
        result.head.push_back(1.02e-6 * std::exp(drift + 0.03 * random.normal()));
    }
    return result;
}

void BM_StatsPairedComparison(benchmark::State& state) {
    const Rounds data = rounds(static_cast<std::size_t>(state.range(0)), 1);
    for (auto _ : state) {
        benchmark::DoNotOptimize(caws::stats::compare_paired(data.base, data.head));
    }
}
BENCHMARK(BM_StatsPairedComparison)->Arg(10)->Arg(30)->Arg(200)->Arg(1000);

void BM_StatsWilcoxonSignedRank(benchmark::State& state) {
    const Rounds data = rounds(static_cast<std::size_t>(state.range(0)), 2);
    const auto d = caws::stats::paired_log_ratios(data.base, data.head).value();
    for (auto _ : state) benchmark::DoNotOptimize(caws::stats::wilcoxon_signed_rank(d));
}
BENCHMARK(BM_StatsWilcoxonSignedRank)->Arg(10)->Arg(30)->Arg(200);

void BM_StatsHodgesLehmannOneSample(benchmark::State& state) {
    const Rounds data = rounds(static_cast<std::size_t>(state.range(0)), 3);
    const auto d = caws::stats::paired_log_ratios(data.base, data.head).value();
    for (auto _ : state) {
        benchmark::DoNotOptimize(caws::stats::hodges_lehmann_one_sample(d, 0.95));
    }
}
BENCHMARK(BM_StatsHodgesLehmannOneSample)->Arg(10)->Arg(30)->Arg(200)->Arg(1000);

}  // namespace
