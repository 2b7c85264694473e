// Comparing whole runs with the statistics engine (docs/performance.md, "Statistics"):
// 20,000 metrics of 10 vs 10 samples, with intervals and the correction across the run.

#include <benchmark/benchmark.h>

#include <cmath>
#include <string>

#include "compare/comparator.hpp"
#include "compare/geomean.hpp"
#include "model/run.hpp"
#include "stats/random.hpp"

namespace {

struct Runs {
    caws::model::Run baseline;
    caws::model::Run candidate;
};

// 20,000 log-normal timings, CV 5% to 30%, one metric in fifty 1.3x slower.
const Runs& twenty_thousand() {
    static const Runs runs = [] {
        Runs out;
        caws::stats::Random random(2026);
        for (int i = 0; i < 20000; ++i) {
            caws::model::Metric metric;
            metric.name = "BM_Metric/" + std::to_string(i);
            metric.measure = "cpu_time";
            metric.unit = caws::model::seconds();
            metric.direction = caws::model::Direction::lower;
            const double sigma = 0.05 + 0.25 * random.uniform();
            const double ratio = i % 50 == 0 ? 1.3 : 1.0;
            for (int k = 0; k < 10; ++k)
                metric.samples.push_back(1e-6 * std::exp(sigma * random.normal()));
            out.baseline.metrics.push_back(metric);
            metric.samples.clear();
            for (int k = 0; k < 10; ++k) {
                metric.samples.push_back(1e-6 * ratio * std::exp(sigma * random.normal()));
            }
            out.candidate.metrics.push_back(std::move(metric));
        }
        return out;
    }();
    return runs;
}

void compare_with(benchmark::State& state, caws::compare::CiMethod ci) {
    const Runs& runs = twenty_thousand();
    caws::compare::Options options;  // auto test, BH correction, 95% intervals
    options.ci = ci;
    for (auto _ : state) {
        auto comparisons = caws::compare::compare_runs(runs.baseline, runs.candidate, options);
        benchmark::DoNotOptimize(caws::compare::geometric_mean_of_ratios(comparisons, options));
        benchmark::DoNotOptimize(comparisons);
    }
    state.counters["metrics"] = static_cast<double>(runs.baseline.metrics.size());
}

void BM_StatsCompareRuns20000HodgesLehmann(benchmark::State& state) {
    compare_with(state, caws::compare::CiMethod::hodges_lehmann);
}
BENCHMARK(BM_StatsCompareRuns20000HodgesLehmann)->Unit(benchmark::kMillisecond)->Iterations(5);

void BM_StatsCompareRuns20000Bootstrap(benchmark::State& state) {
    compare_with(state, caws::compare::CiMethod::bootstrap);
}
BENCHMARK(BM_StatsCompareRuns20000Bootstrap)->Unit(benchmark::kMillisecond)->Iterations(2);

}  // namespace
