// Rendering a report of 20,000 metrics in every format (Markdown shortened to a GitHub
// comment, LaTeX, JUnit XML, annotations, JSON) must take under 0.5 s.
#include <benchmark/benchmark.h>

#include "bench_data.hpp"
#include "compare/comparator.hpp"
#include "gate/policy.hpp"
#include "ingest/results.hpp"
#include "report/annotation_renderer.hpp"
#include "report/json_report.hpp"
#include "report/junit_renderer.hpp"
#include "report/latex_renderer.hpp"
#include "report/markdown_renderer.hpp"

namespace caws::bench {
namespace {

struct Fixture {
    model::Run baseline;
    model::Run candidate;
    model::Verdict verdict;
    report::Report report;
};

// 10,000 benchmarks x 5 repetitions, each with real_time and cpu_time: 20,000 metrics,
// the candidate 30% slower.
const Fixture& fixture() {
    static const Fixture f = [] {
        Fixture out;
        out.baseline = ingest::parse_results(google_benchmark_json(10'000, 5, 1.0, 1), "base.json",
                                             std::nullopt);
        out.candidate = ingest::parse_results(google_benchmark_json(10'000, 5, 1.3, 2), "new.json",
                                              std::nullopt);
        out.verdict = gate::evaluate(compare::compare_runs(out.baseline, out.candidate));
        report::ReportInput input;
        input.verdict = &out.verdict;
        input.baseline = &out.baseline;
        input.baseline_label = "base.json";
        input.candidate = &out.candidate;
        out.report = report::build_report(input);
        return out;
    }();
    return f;
}

void BM_RenderMarkdown20k(benchmark::State& state) {
    const auto& report = fixture().report;
    const report::TemplateSet templates;
    for (auto _ : state) benchmark::DoNotOptimize(report::render_markdown(report, templates));
}
BENCHMARK(BM_RenderMarkdown20k)->Unit(benchmark::kMillisecond);

void BM_RenderLatex20k(benchmark::State& state) {
    const auto& report = fixture().report;
    const report::TemplateSet templates;
    for (auto _ : state) benchmark::DoNotOptimize(report::render_latex(report, templates));
}
BENCHMARK(BM_RenderLatex20k)->Unit(benchmark::kMillisecond);

void BM_RenderJunit20k(benchmark::State& state) {
    const auto& report = fixture().report;
    const report::TemplateSet templates;
    for (auto _ : state) benchmark::DoNotOptimize(report::render_junit(report, templates));
}
BENCHMARK(BM_RenderJunit20k)->Unit(benchmark::kMillisecond);

void BM_SerializeJson20k(benchmark::State& state) {
    const auto& report = fixture().report;
    for (auto _ : state) benchmark::DoNotOptimize(report::serialize_report(report));
}
BENCHMARK(BM_SerializeJson20k)->Unit(benchmark::kMillisecond);

void BM_RenderAnnotations20k(benchmark::State& state) {
    const auto& report = fixture().report;
    for (auto _ : state) benchmark::DoNotOptimize(report::render_annotations(report));
}
BENCHMARK(BM_RenderAnnotations20k)->Unit(benchmark::kMillisecond);

// Everything `check --json --md --latex --junit --annotations` renders.
void BM_RenderEveryFormat20k(benchmark::State& state) {
    const auto& report = fixture().report;
    const report::TemplateSet templates;
    for (auto _ : state) {
        benchmark::DoNotOptimize(report::serialize_report(report));
        benchmark::DoNotOptimize(report::render_markdown(report, templates));
        benchmark::DoNotOptimize(report::render_latex(report, templates));
        benchmark::DoNotOptimize(report::render_junit(report, templates));
        benchmark::DoNotOptimize(report::render_annotations(report));
    }
    state.counters["metrics"] = static_cast<double>(report.comparisons.size());
}
BENCHMARK(BM_RenderEveryFormat20k)->Unit(benchmark::kMillisecond);

}  // namespace
}  // namespace caws::bench
