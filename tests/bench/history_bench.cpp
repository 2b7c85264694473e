// History files: appending the line of a run of 20,000 metrics, and reading a history of
// 1,000 runs x 5,000 metrics (the figure to meet: well under 2 s).
#include <benchmark/benchmark.h>

#include <filesystem>
#include <string>

#include "store/history_file.hpp"
#include "util/file_io.hpp"

namespace caws::bench {
namespace {

// A run of `metrics` metrics with ten samples each, values spread like real timings.
model::Run history_run(std::size_t metrics, std::uint64_t seed) {
    model::Run run;
    run.context.host = "runner-7";
    run.metrics.reserve(metrics);
    std::uint64_t state = seed * 6364136223846793005ull + 1442695040888963407ull;
    for (std::size_t i = 0; i < metrics; ++i) {
        model::Metric metric;
        metric.name = "BM_Bench" + std::to_string(i / 2) + "/1024";
        metric.measure = i % 2 == 0 ? "real_time" : "cpu_time";
        metric.unit = model::seconds();
        metric.direction = model::Direction::lower;
        const double center = 1e-6 * static_cast<double>(1 + i % 997);
        for (int k = 0; k < 10; ++k) {
            state = state * 6364136223846793005ull + 1442695040888963407ull;
            const double noise = static_cast<double>(state >> 11) / 9007199254740992.0;
            metric.samples.push_back(center * (1 + 0.05 * noise));
        }
        run.metrics.push_back(std::move(metric));
    }
    return run;
}

// Summarising a run of 20,000 metrics, writing its line and appending it to a file.
void BM_HistoryAppend20000(benchmark::State& state) {
    const model::Run run = history_run(20'000, 1);
    const std::string path = "/tmp/caws_gate_bench_history_append.jsonl";
    std::filesystem::remove(path);
    std::size_t bytes = 0;
    for (auto _ : state) {
        const std::string line = store::history_line(
            store::summarize_run(run, "2026-11-23T03:12:00Z", "9f0c1e2", "main"));
        util::append_file(path, line);
        bytes = line.size();
    }
    std::filesystem::remove(path);
    state.counters["line_bytes"] = static_cast<double>(bytes);
}
BENCHMARK(BM_HistoryAppend20000)->Unit(benchmark::kMillisecond);

const std::string& big_history() {
    static const std::string text = [] {
        std::string out;
        std::string line;
        for (std::size_t r = 0; r < 1'000; ++r) {
            // Ten distinct runs repeated: the values differ, the work per line is the same.
            if (r < 10) {
                line = store::history_line(store::summarize_run(
                    history_run(5'000, r + 1), "2026-11-23T03:12:00Z", "9f0c1e2", "main"));
            }
            out += line;
        }
        return out;
    }();
    return text;
}

// Parsing a history of 1,000 runs x 5,000 metrics held in memory.
void BM_HistoryParse1000x5000(benchmark::State& state) {
    const std::string& text = big_history();
    for (auto _ : state) {
        const auto entries = store::parse_history(text, "perf.jsonl");
        benchmark::DoNotOptimize(entries.data());
    }
    state.SetBytesProcessed(static_cast<std::int64_t>(state.iterations() * text.size()));
    state.counters["file_MB"] = static_cast<double>(text.size()) / 1e6;
}
BENCHMARK(BM_HistoryParse1000x5000)->Unit(benchmark::kMillisecond)->Iterations(3);

// Reading the same history from a file (read_history: the file, then parsing).
void BM_HistoryRead1000x5000(benchmark::State& state) {
    const std::string path = "/tmp/caws_gate_bench_history_read.jsonl";
    util::write_file_atomic(path, big_history());
    for (auto _ : state) {
        const auto entries = store::read_history(path);
        benchmark::DoNotOptimize(entries.data());
    }
    std::filesystem::remove(path);
}
BENCHMARK(BM_HistoryRead1000x5000)->Unit(benchmark::kMillisecond)->Iterations(3);

// Reading the same history into the table that `trend` and `check` analyse
// (read_history_table: the runs and each metric's medians, no per-metric entries).
void BM_HistoryReadTable1000x5000(benchmark::State& state) {
    const std::string path = "/tmp/caws_gate_bench_history_table.jsonl";
    util::write_file_atomic(path, big_history());
    for (auto _ : state) {
        const auto table = store::read_history_table(path);
        benchmark::DoNotOptimize(table.metrics.data());
    }
    std::filesystem::remove(path);
}
BENCHMARK(BM_HistoryReadTable1000x5000)->Unit(benchmark::kMillisecond)->Iterations(3);

}  // namespace
}  // namespace caws::bench
