// Writes the two Google Benchmark files of the whole-command benchmarks
// (compare_command_bench.cpp), to measure a command or another tool on the same data:
//   google_benchmark_files BENCHMARKS OLD.json NEW.json [SEED]
// BENCHMARKS benchmarks of 10 repetitions each; in NEW every tenth benchmark is 1.5x
// slower. SEED (default 0) draws other noise, for the runs of a history.
// tests/bench/google_benchmark_to_go.py turns them into Go benchmark text.
#include <cstdlib>
#include <fstream>
#include <iostream>
#include <string>

#include "../bench_data.hpp"

int main(int argc, char** argv) {
    if (argc != 4 && argc != 5) {
        std::cerr << "usage: google_benchmark_files BENCHMARKS OLD.json NEW.json [SEED]\n";
        return 2;
    }
    const auto benchmarks = static_cast<std::size_t>(std::strtoull(argv[1], nullptr, 10));
    const auto seed = argc == 5 ? static_cast<unsigned>(std::strtoul(argv[4], nullptr, 10)) : 0U;
    std::ofstream(argv[2], std::ios::binary)
        << caws::bench::google_benchmark_json_slowed(benchmarks, 10, 0, 1.0, 1 + 2 * seed);
    std::ofstream(argv[3], std::ios::binary)
        << caws::bench::google_benchmark_json_slowed(benchmarks, 10, 10, 1.5, 2 + 2 * seed);
    return 0;
}
