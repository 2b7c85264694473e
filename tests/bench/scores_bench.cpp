// Scores and recommendations of a verdict of 20,000 comparisons must take well under
// 50 ms (docs/performance.md, "Scores and recommendations").
#include <benchmark/benchmark.h>

#include "bench_data.hpp"
#include "compare/comparator.hpp"
#include "gate/policy.hpp"
#include "gate/recommendations.hpp"
#include "gate/scores.hpp"
#include "ingest/google_benchmark_reader.hpp"

namespace caws::bench {
namespace {

// 10,000 benchmarks with real_time and cpu_time: 20,000 comparisons of 10 vs 10 samples,
// 3% slower with noise, so that classes, noise, outliers and power all vary.
struct ScoredRuns {
    model::Run baseline;
    model::Run candidate;
    model::Verdict verdict;

    ScoredRuns()
        : baseline(ingest::parse_google_benchmark(google_benchmark_json(10'000, 10, 1.0, 3),
                                                  {"a", "google-benchmark"})),
          candidate(ingest::parse_google_benchmark(google_benchmark_json(10'000, 10, 1.03, 4),
                                                   {"b", "google-benchmark"})),
          verdict(gate::evaluate(compare::compare_runs(baseline, candidate))) {
        candidate.context.host = "other-runner";
        candidate.context.cpu_scaling_enabled = true;
    }
};

const ScoredRuns& scored_runs() {
    static const ScoredRuns runs;
    return runs;
}

void BM_ScoresAndRecommendations(benchmark::State& state) {
    const ScoredRuns& runs = scored_runs();
    const gate::ScoreInput input{&runs.baseline, &runs.candidate, 45.0, 1.2, 0.05};
    const gate::ScoreGates gates{70.0, 50.0};
    for (auto _ : state) {
        // What apply_scores and recommend do, without copying the verdict.
        const model::Scores scores = gate::compute_scores(runs.verdict, input);
        auto findings = gate::score_gate_findings(scores, gates);
        auto recommendations = gate::recommend(runs.verdict, input);
        benchmark::DoNotOptimize(findings.data());
        benchmark::DoNotOptimize(recommendations.data());
    }
    state.counters["comparisons"] = static_cast<double>(runs.verdict.comparisons.size());
}
BENCHMARK(BM_ScoresAndRecommendations)->Unit(benchmark::kMillisecond)->UseRealTime();

}  // namespace
}  // namespace caws::bench
