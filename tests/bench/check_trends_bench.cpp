// The trend part of `caws-gate check` (docs/performance.md, "Trends in check"): the newest
// 100 runs of a history, the candidate included, turned into series, analysed and written
// as the report's trends section.

#include <benchmark/benchmark.h>

#include <cstddef>
#include <string>
#include <vector>

#include "report/trend_section.hpp"
#include "stats/random.hpp"
#include "store/history_file.hpp"
#include "trend/analysis.hpp"
#include "trend/findings.hpp"
#include "trend/series.hpp"

namespace {

// `runs` history entries of `metrics` metrics: 3% noise, one metric in 50 with a 1.3x
// step in the newest 5 runs, one in 50 drifting by 0.5% per run.
std::vector<caws::store::HistoryEntry> generated_history(std::size_t runs, std::size_t metrics) {
    caws::stats::Random random(2026);
    std::vector<caws::store::HistoryEntry> entries(runs);
    for (std::size_t r = 0; r < runs; ++r) {
        caws::store::HistoryEntry& entry = entries[r];
        entry.date = "2026-01-01T03:00:00Z";
        entry.commit = "c0ffee" + std::to_string(r);
        entry.metrics.resize(metrics);
        for (std::size_t m = 0; m < metrics; ++m) {
            caws::store::HistoryMetric& metric = entry.metrics[m];
            metric.name = "BM_Generated/" + std::to_string(m);
            metric.measure = "cpu_time";
            metric.unit = std::string(1, 's');
            metric.direction = caws::model::Direction::lower;
            metric.n = 10;
            double level = 1e-6 * (1 + static_cast<double>(m % 97) / 10);
            if (m % 50 == 1 && r + 3 >= runs) level *= 1.3;
            if (m % 50 == 2) level *= 1 + 0.005 * static_cast<double>(r);
            metric.median = level * (1 + 0.03 * random.normal());
        }
    }
    return entries;
}

void BM_CheckTrends(benchmark::State& state) {
    const auto metrics = static_cast<std::size_t>(state.range(0));
    const std::vector<caws::store::HistoryEntry> entries = generated_history(100, metrics);
    caws::trend::GateRules rules;
    rules.change_point = caws::model::Level::warn;
    for (auto _ : state) {
        std::vector<caws::trend::Trend> trends =
            caws::trend::analyse_all(caws::trend::build_series(entries), {}, rules);
        caws::model::Verdict verdict;
        caws::trend::add_trend_findings(verdict, trends, rules);
        caws::report::TrendSectionInput input;
        input.history = "baselines/history/perf.jsonl";
        input.trends = std::move(trends);
        input.rules = rules;
        input.last = 100;
        input.history_runs = 100;
        input.includes_candidate = true;
        benchmark::DoNotOptimize(caws::report::build_trend_section(std::move(input)));
    }
    state.SetItemsProcessed(state.iterations() * static_cast<std::int64_t>(metrics));
}
BENCHMARK(BM_CheckTrends)->Arg(100)->Arg(1000)->Unit(benchmark::kMillisecond)->UseRealTime();

}  // namespace
