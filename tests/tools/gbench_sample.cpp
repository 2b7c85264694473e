// A small Google Benchmark program built against the system's libbenchmark. The test
// suite runs it to produce real Google Benchmark output in every shape caws-gate reads:
// repetitions, aggregates only, one repetition, errors, skips, counters and threads.
//
// Environment:
//   GBENCH_SAMPLE_SLOWDOWN="BM_Sum=1.3,BM_Hash=1.7"  multiply the work of benchmarks
//   GBENCH_SAMPLE_ERROR="BM_Hash"                     make benchmarks fail (SkipWithError)
#include <benchmark/benchmark.h>

#include <algorithm>
#include <cstdint>
#include <cstdlib>
#include <map>
#include <numeric>
#include <string>
#include <vector>

namespace {

std::map<std::string, std::string> parse_list(const char* variable) {
    std::map<std::string, std::string> out;
    const char* value = std::getenv(variable);
    if (value == nullptr) return out;
    std::string text(value);
    std::size_t start = 0;
    while (start <= text.size()) {
        const std::size_t comma = std::min(text.find(',', start), text.size());
        const std::string item = text.substr(start, comma - start);
        const std::size_t equals = item.find('=');
        if (!item.empty()) {
            out[item.substr(0, equals)] =
                equals == std::string::npos ? "" : item.substr(equals + 1);
        }
        start = comma + 1;
    }
    return out;
}

double slowdown(const std::string& family) {
    static const auto factors = parse_list("GBENCH_SAMPLE_SLOWDOWN");
    const auto found = factors.find(family);
    return found == factors.end() ? 1.0 : std::stod(found->second);
}

bool should_fail(const std::string& family) {
    static const auto failing = parse_list("GBENCH_SAMPLE_ERROR");
    return failing.count(family) > 0;
}

// Work whose cost is proportional to `steps`: a chain of dependent multiply-adds that
// the compiler cannot shorten.
std::uint64_t spin(std::uint64_t seed, std::int64_t steps) {
    std::uint64_t x = seed;
    for (std::int64_t i = 0; i < steps; ++i) {
        x = x * 6364136223846793005ULL + 1442695040888963407ULL;
        benchmark::DoNotOptimize(x);
    }
    return x;
}

std::int64_t scaled(const char* family, std::int64_t steps) {
    return static_cast<std::int64_t>(static_cast<double>(steps) * slowdown(family) + 0.5);
}

void BM_Sum(benchmark::State& state) {
    if (should_fail("BM_Sum")) state.SkipWithError("injected failure");
    const std::int64_t steps = scaled("BM_Sum", state.range(0));
    for (auto _ : state) benchmark::DoNotOptimize(spin(1, steps));
    state.SetItemsProcessed(state.iterations() * state.range(0));
}
BENCHMARK(BM_Sum)->Arg(2000);

void BM_Hash(benchmark::State& state) {
    if (should_fail("BM_Hash")) state.SkipWithError("injected failure");
    const std::int64_t steps = scaled("BM_Hash", state.range(0));
    for (auto _ : state) benchmark::DoNotOptimize(spin(2, steps));
}
BENCHMARK(BM_Hash)->Arg(3000);

void BM_Parse(benchmark::State& state) {
    if (should_fail("BM_Parse")) state.SkipWithError("injected failure");
    const std::int64_t steps = scaled("BM_Parse", state.range(0));
    for (auto _ : state) benchmark::DoNotOptimize(spin(3, steps));
}
BENCHMARK(BM_Parse)->Arg(2500);

void BM_Copy(benchmark::State& state) {
    if (should_fail("BM_Copy")) state.SkipWithError("injected failure");
    std::vector<char> from(static_cast<std::size_t>(state.range(0)), 'x');
    std::vector<char> to(from.size());
    const std::int64_t steps = scaled("BM_Copy", 500);
    for (auto _ : state) {
        std::copy(from.begin(), from.end(), to.begin());
        benchmark::DoNotOptimize(to.data());
        benchmark::DoNotOptimize(spin(4, steps));
    }
    state.SetBytesProcessed(state.iterations() * state.range(0));
}
BENCHMARK(BM_Copy)->Arg(4096);

void BM_Counters(benchmark::State& state) {
    if (should_fail("BM_Counters")) state.SkipWithError("injected failure");
    const std::int64_t steps = scaled("BM_Counters", 1500);
    for (auto _ : state) benchmark::DoNotOptimize(spin(5, steps));
    state.counters["cache_misses"] = 42;
    state.counters["widgets"] = benchmark::Counter(7, benchmark::Counter::kAvgIterations);
}
BENCHMARK(BM_Counters);

void BM_Threads(benchmark::State& state) {
    if (should_fail("BM_Threads")) state.SkipWithError("injected failure");
    const std::int64_t steps = scaled("BM_Threads", 1500);
    for (auto _ : state) benchmark::DoNotOptimize(spin(6, steps));
}
BENCHMARK(BM_Threads)->Threads(2);

}  // namespace

BENCHMARK_MAIN();
