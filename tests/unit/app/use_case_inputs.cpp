#include "unit/app/use_case_inputs.hpp"

#include "support/gbench_json.hpp"

namespace caws::test {

std::string write_benchmarks(const TempDir& dir, const std::string& name,
                             const std::vector<std::pair<std::string, double>>& benchmarks) {
    std::vector<std::pair<std::string, std::vector<double>>> repetitions;
    for (const auto& [benchmark, ns] : benchmarks) {
        std::vector<double> times;
        for (int i = 0; i < 10; ++i) times.push_back(ns * (1 + 0.001 * i));
        repetitions.emplace_back(benchmark, std::move(times));
    }
    return dir.write(name, google_benchmark_json(repetitions));
}

}  // namespace caws::test
