#include "bench_data.hpp"

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <map>
#include <random>

namespace caws::bench {

namespace {

// The file of google_benchmark_json, with benchmark b's times scaled by factor(b).
template <typename Factor>
std::string google_benchmark_rows(std::size_t benchmarks, std::size_t repetitions,
                                  const Factor& factor, unsigned seed) {
    std::mt19937_64 random(seed);
    std::normal_distribution<double> noise(0.0, 0.02);
    std::string out;
    out.reserve(benchmarks * repetitions * 330);
    out +=
        "{\n  \"context\": {\n    \"date\": \"2026-11-23T07:00:00+00:00\",\n    \"host_name\": "
        "\"bench-host\",\n    \"executable\": \"./perf\",\n    \"num_cpus\": 2,\n    "
        "\"mhz_per_cpu\": 2600,\n    \"cpu_scaling_enabled\": false,\n    \"load_avg\": "
        "[0.1,0.2,0.3],\n    \"library_build_type\": \"release\"\n  },\n  \"benchmarks\": [\n";
    char row[512];
    bool first = true;
    for (std::size_t b = 0; b < benchmarks; ++b) {
        const double base = 1000.0 + static_cast<double>(b % 977);
        for (std::size_t r = 0; r < repetitions; ++r) {
            const double t = base * factor(b) * (1.0 + noise(random));
            std::snprintf(row, sizeof row,
                          "%s    {\n      \"name\": \"BM_Family%zu/%zu\",\n      \"family_index\": "
                          "%zu,\n      \"per_family_instance_index\": %zu,\n      \"run_name\": "
                          "\"BM_Family%zu/%zu\",\n      \"run_type\": \"iteration\",\n      "
                          "\"repetitions\": %zu,\n      \"repetition_index\": %zu,\n      "
                          "\"threads\": 1,\n      \"iterations\": 700000,\n      \"real_time\": "
                          "%.16e,\n      \"cpu_time\": %.16e,\n      \"time_unit\": \"ns\"\n    }",
                          first ? "" : ",\n", b % 100, b, b % 100, b / 100, b % 100, b, repetitions,
                          r, t, t * 0.99);
            out += row;
            first = false;
        }
    }
    out += "\n  ]\n}\n";
    return out;
}

}  // namespace

std::string google_benchmark_json(std::size_t benchmarks, std::size_t repetitions, double factor,
                                  unsigned seed) {
    return google_benchmark_rows(
        benchmarks, repetitions, [factor](std::size_t) { return factor; }, seed);
}

std::string google_benchmark_json_slowed(std::size_t benchmarks, std::size_t repetitions,
                                         std::size_t slow_every, double slow_factor,
                                         unsigned seed) {
    return google_benchmark_rows(
        benchmarks, repetitions,
        [=](std::size_t b) { return slow_every != 0 && b % slow_every == 0 ? slow_factor : 1.0; },
        seed);
}

std::string temporary_file(const std::string& name, const std::string& content) {
    static std::map<std::string, std::string> written;
    if (const auto found = written.find(name); found != written.end()) return found->second;
    const std::string path =
        (std::filesystem::temp_directory_path() / ("caws-gate-bench-" + name)).string();
    std::ofstream(path, std::ios::binary) << content;
    written[name] = path;
    return path;
}

}  // namespace caws::bench
