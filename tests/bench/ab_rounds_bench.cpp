// caws-gate's own time per round of `caws-gate ab`, outside the benchmark commands, for a
// program of 100 benchmarks run with one repetition: reading its two Google Benchmark
// JSON outputs with the real ingest plus the scheduler's bookkeeping (files, process
// start-up and reaping, the record). The target is under 5 ms per round.
//
//   BM_AbReadOneOutput    ingest::read_results of one 100-benchmark output
//   BM_AbRoundOverhead    whole rounds whose commands copy a prepared output into {out};
//                         the time reported (manual time) is the round's wall time minus
//                         the wall time of its two commands, per round
#include <benchmark/benchmark.h>

#include <string>
#include <vector>

#include "bench_data.hpp"
#include "exec/command_line.hpp"
#include "exec/rounds.hpp"
#include "ingest/results.hpp"

namespace {

using namespace caws;

constexpr std::size_t k_benchmarks = 100;
constexpr std::size_t k_rounds = 20;

const std::string& output_file() {
    static const std::string path = bench::temporary_file(
        "ab-100-benchmarks.json", bench::google_benchmark_json(k_benchmarks, 1, 1.0, 11));
    return path;
}

class DiscardSink final : public exec::ProgressSink {
  public:
    bool is_terminal() const override { return false; }
    void write(std::string_view) override {}
};

void BM_AbReadOneOutput(benchmark::State& state) {
    const std::vector<std::string> paths{output_file()};
    for (auto _ : state) {
        benchmark::DoNotOptimize(ingest::read_results(paths, std::nullopt));
    }
}
BENCHMARK(BM_AbReadOneOutput)->Unit(benchmark::kMicrosecond);

void BM_AbRoundOverhead(benchmark::State& state) {
    exec::RunPlan plan;
    plan.base_command = "cp " + exec::shell_quote(output_file()) + " {out}";
    plan.head_command = plan.base_command;
    plan.rounds = k_rounds;
    DiscardSink sink;
    for (auto _ : state) {
        const auto result = exec::run_rounds(
            plan,
            [](const exec::OutputFile& file) {
                return ingest::read_results({file.path}, std::nullopt).metrics.size();
            },
            sink);
        double commands = 0;
        for (const exec::RoundRecord& round : result.record.rounds) {
            commands += round.base.seconds + round.head.seconds;
        }
        state.SetIterationTime((result.record.elapsed_seconds - commands) / k_rounds);
    }
}
// A fixed count: the time is per round but each iteration runs k_rounds rounds of two
// processes, so letting Google Benchmark grow the iterations to its minimum time would
// run thousands of processes.
BENCHMARK(BM_AbRoundOverhead)->UseManualTime()->Iterations(10)->Unit(benchmark::kMillisecond);

}  // namespace
