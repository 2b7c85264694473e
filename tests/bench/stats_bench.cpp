// The hot paths of the statistics library (docs/performance.md, "Statistics").

#include <benchmark/benchmark.h>

#include <cmath>
#include <cstddef>
#include <vector>

#include "stats/bootstrap.hpp"
#include "stats/hodges_lehmann.hpp"
#include "stats/mann_whitney.hpp"
#include "stats/mann_whitney_ties.hpp"
#include "stats/random.hpp"
#include "stats/welch.hpp"

namespace {

using caws::stats::Random;

// Log-normal timings around 1 us with a CV of about 10%, the candidate 5% slower.
std::vector<double> timings(std::size_t n, double scale, std::uint64_t seed) {
    Random random(seed);
    std::vector<double> values(n);
    for (double& v : values) v = 1e-6 * scale * std::exp(0.1 * random.normal());
    return values;
}

void BM_StatsMannWhitney(benchmark::State& state) {
    const auto n = static_cast<std::size_t>(state.range(0));
    const auto x = timings(n, 1.0, 1);
    const auto y = timings(n, 1.05, 2);
    for (auto _ : state) benchmark::DoNotOptimize(caws::stats::mann_whitney_u(x, y));
}
BENCHMARK(BM_StatsMannWhitney)->Arg(10)->Arg(100)->Arg(1000);

void BM_StatsMannWhitneyTieExact(benchmark::State& state) {
    // Timings rounded to 1 ns: ties, so the distribution conditional on them is counted.
    const auto n = static_cast<std::size_t>(state.range(0));
    auto x = timings(n, 1.0, 3);
    auto y = timings(n, 1.05, 4);
    for (double& v : x) v = std::round(v * 1e8) / 1e8;
    for (double& v : y) v = std::round(v * 1e8) / 1e8;
    for (auto _ : state) benchmark::DoNotOptimize(caws::stats::mann_whitney_tie_exact(x, y));
}
BENCHMARK(BM_StatsMannWhitneyTieExact)->Arg(10)->Arg(25);

void BM_StatsHodgesLehmann(benchmark::State& state) {
    const auto n = static_cast<std::size_t>(state.range(0));
    auto x = timings(n, 1.0, 5);
    auto y = timings(n, 1.05, 6);
    for (double& v : x) v = std::log(v);
    for (double& v : y) v = std::log(v);
    for (auto _ : state) benchmark::DoNotOptimize(caws::stats::hodges_lehmann(x, y, 0.95));
}
BENCHMARK(BM_StatsHodgesLehmann)->Arg(10)->Arg(100)->Arg(1000)->Unit(benchmark::kMicrosecond);

void BM_StatsBootstrapMedianRatio(benchmark::State& state) {
    const auto n = static_cast<std::size_t>(state.range(0));
    const auto x = timings(n, 1.0, 7);
    const auto y = timings(n, 1.05, 8);
    caws::stats::BootstrapOptions options;  // 2,000 resamples
    for (auto _ : state) {
        benchmark::DoNotOptimize(caws::stats::bootstrap_median_ratio(x, y, options));
    }
}
BENCHMARK(BM_StatsBootstrapMedianRatio)->Arg(10)->Arg(100)->Unit(benchmark::kMicrosecond);

void BM_StatsWelch(benchmark::State& state) {
    const auto x = timings(10, 1.0, 9);
    const auto y = timings(10, 1.05, 10);
    for (auto _ : state) benchmark::DoNotOptimize(caws::stats::welch_t_test(x, y));
}
BENCHMARK(BM_StatsWelch);

}  // namespace
