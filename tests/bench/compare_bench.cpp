// The walking skeleton's speed target: `caws-gate compare` of two Google Benchmark files
// of 20,000 benchmarks x 10 repetitions (about 60 MB each) under 1.5 s and 600 MB.
#include <benchmark/benchmark.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#include <fcntl.h>

#include <simdjson.h>

#include "bench_data.hpp"
#include "compare/comparator.hpp"
#include "gate/policy.hpp"
#include "ingest/google_benchmark_reader.hpp"
#include "ingest/results.hpp"
#include "report/json_report.hpp"

namespace caws::bench {
namespace {

constexpr std::size_t k_benchmarks = 20'000;
constexpr std::size_t k_repetitions = 10;

const std::string& baseline_text() {
    static const std::string text = google_benchmark_json(k_benchmarks, k_repetitions, 1.0, 1);
    return text;
}

const std::string& candidate_text() {
    static const std::string text = google_benchmark_json(k_benchmarks, k_repetitions, 1.03, 2);
    return text;
}

// Reading one file into the model.
void BM_ReadGoogleBenchmark(benchmark::State& state) {
    const std::string& text = baseline_text();
    for (auto _ : state) {
        model::Run run = ingest::parse_google_benchmark(text, {"base.json", "google-benchmark"});
        benchmark::DoNotOptimize(run.metrics.data());
    }
    state.SetBytesProcessed(static_cast<std::int64_t>(state.iterations() * text.size()));
    state.counters["file_MB"] = static_cast<double>(text.size()) / 1e6;
}
BENCHMARK(BM_ReadGoogleBenchmark)->Unit(benchmark::kMillisecond)->UseRealTime();

// simdjson's own speed on the same file, the yardstick of reading it (the goal: reading
// into the model at least half as fast): its DOM parse, the text already padded and the
// parser's buffers already allocated, as simdjson's benchmarks measure it.
void BM_SimdjsonParse(benchmark::State& state) {
    const simdjson::padded_string padded(baseline_text());
    simdjson::dom::parser parser;
    for (auto _ : state) {
        simdjson::dom::element root;
        if (parser.parse(padded).get(root) != simdjson::SUCCESS) state.SkipWithError("parse");
        benchmark::DoNotOptimize(root);
    }
    state.SetBytesProcessed(static_cast<std::int64_t>(state.iterations() * padded.size()));
}
BENCHMARK(BM_SimdjsonParse)->Unit(benchmark::kMillisecond)->UseRealTime();

// Comparing and gating two runs already in memory: 40,000 metrics of 10 vs 10 samples.
void BM_CompareRuns(benchmark::State& state) {
    const model::Run baseline =
        ingest::parse_google_benchmark(baseline_text(), {"a", "google-benchmark"});
    const model::Run candidate =
        ingest::parse_google_benchmark(candidate_text(), {"b", "google-benchmark"});
    for (auto _ : state) {
        model::Verdict verdict = gate::evaluate(compare::compare_runs(baseline, candidate));
        benchmark::DoNotOptimize(verdict.comparisons.data());
    }
    state.counters["metrics"] = static_cast<double>(baseline.metrics.size());
}
BENCHMARK(BM_CompareRuns)->Unit(benchmark::kMillisecond)->UseRealTime();

// The JSON report of 40,000 comparisons, built and serialised.
void BM_JsonReport(benchmark::State& state) {
    const model::Run baseline =
        ingest::parse_google_benchmark(baseline_text(), {"a", "google-benchmark"});
    const model::Run candidate =
        ingest::parse_google_benchmark(candidate_text(), {"b", "google-benchmark"});
    const model::Verdict verdict = gate::evaluate(compare::compare_runs(baseline, candidate));
    report::ReportInput input;
    input.verdict = &verdict;
    input.baseline = &baseline;
    input.candidate = &candidate;
    for (auto _ : state) {
        const std::string text = report::serialize_report(report::build_report(input));
        benchmark::DoNotOptimize(text.data());
    }
}
BENCHMARK(BM_JsonReport)->Unit(benchmark::kMillisecond)->UseRealTime();

// The whole command, as a user runs it: the caws-gate binary reads both files from disk,
// compares, gates and writes the JSON report. Reports the child's peak resident memory.
void BM_CompareCommand(benchmark::State& state) {
    const std::string a = temporary_file("baseline-20000x10.json", baseline_text());
    const std::string b = temporary_file("candidate-20000x10.json", candidate_text());
    const std::string report = temporary_file("report.json", "");
    long peak_kb = 0;
    for (auto _ : state) {
        const pid_t pid = ::fork();
        if (pid == 0) {
            const int null_fd = ::open("/dev/null", O_WRONLY);
            ::dup2(null_fd, STDOUT_FILENO);
            ::execl(CAWS_GATE_BINARY, CAWS_GATE_BINARY, "compare", a.c_str(), b.c_str(), "--quiet",
                    "--json", report.c_str(), static_cast<char*>(nullptr));
            ::_exit(127);
        }
        int status = 0;
        struct rusage usage {};
        ::wait4(pid, &status, 0, &usage);
        if (!WIFEXITED(status) || WEXITSTATUS(status) != 0) {
            state.SkipWithError("caws-gate compare failed");
            break;
        }
        peak_kb = std::max(peak_kb, usage.ru_maxrss);
    }
    state.counters["peak_MB"] = static_cast<double>(peak_kb) / 1024.0;
    state.counters["input_MB"] =
        static_cast<double>(baseline_text().size() + candidate_text().size()) / 1e6;
}
BENCHMARK(BM_CompareCommand)->Unit(benchmark::kMillisecond)->UseRealTime()->Iterations(3);

}  // namespace
}  // namespace caws::bench
