// The Google Benchmark harness of caws-gate's hot paths. Run it from a Release build:
//   build/tests/bench/caws_gate_bench --benchmark_repetitions=5
// Figures and the commands that produced them are in docs/performance.md.
#include <benchmark/benchmark.h>

BENCHMARK_MAIN();
