#include "support/gbench_json.hpp"

#include <cstdio>

namespace caws::test {

std::string google_benchmark_json(
    const std::vector<std::pair<std::string, std::vector<double>>>& benchmarks,
    GbenchOrder order) {
    std::string text =
        R"({"context": {"date": "2026-11-23T07:00:00+00:00", "host_name": "ci", "num_cpus": 2,)"
        R"( "library_build_type": "release"}, "benchmarks": [)";
    bool first = true;
    std::size_t family = benchmarks.size();
    for (const auto& [name, times] : benchmarks) {
        --family;
        for (std::size_t i = 0; i < times.size(); ++i) {
            char time[32];
            std::snprintf(time, sizeof time, "%.17g", times[i]);
            if (!first) text += ",";
            first = false;
            text += R"({"name": ")" + name + R"(", "run_name": ")" + name + R"(", )";
            if (order == GbenchOrder::interleaved) {
                text += R"("family_index": )" + std::to_string(family) +
                        R"(, "per_family_instance_index": 0, )";
            }
            text += R"("run_type": "iteration", "repetitions": )" +
                    std::to_string(times.size()) + R"(, "repetition_index": )" + std::to_string(i) +
                    R"(, "threads": 1, "iterations": 1000, "real_time": )" + time +
                    R"(, "cpu_time": )" + time + R"(, "time_unit": "ns"})";
        }
    }
    return text + "]}\n";
}

}  // namespace caws::test
