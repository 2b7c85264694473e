// Reading speed of every JSON reader of ingest/ on a generated ~50 MB file of its format
// (docs/performance.md, "Input formats (JSON)"). Each benchmark reports bytes_per_second;
// the target is at least 100 MB/s. Files are generated once, in memory, before timing.
#include <benchmark/benchmark.h>

#include <cstdint>
#include <cstdio>
#include <string>

#include "ingest/benchmarkdotnet_reader.hpp"
#include "ingest/bmf_reader.hpp"
#include "ingest/caws_metrics_reader.hpp"
#include "ingest/custom_json_reader.hpp"
#include "ingest/hyperfine_reader.hpp"
#include "ingest/jmh_reader.hpp"
#include "ingest/julia_benchmarktools_reader.hpp"
#include "ingest/k6_reader.hpp"
#include "ingest/metric_summary_reader.hpp"
#include "ingest/prometheus_reader.hpp"
#include "ingest/pytest_benchmark_reader.hpp"
#include "ingest/results.hpp"

namespace {

using namespace caws;

constexpr std::size_t k_target_bytes = 50u << 20;

// Deterministic numbers that look like measurements.
class Numbers {
  public:
    double next(double base) {
        state_ = state_ * 6364136223846793005ULL + 1442695040888963407ULL;
        const double jitter = static_cast<double>(state_ >> 11) / 9007199254740992.0;  // [0, 1)
        return base * (0.9 + 0.2 * jitter);
    }

  private:
    std::uint64_t state_ = 42;
};

void append_number(std::string& out, double value) {
    char buffer[32];
    const int length = std::snprintf(buffer, sizeof buffer, "%.9g", value);
    out.append(buffer, static_cast<std::size_t>(length));
}

// Appends `count` numbers around `base`, comma separated.
void append_numbers(std::string& out, Numbers& numbers, std::size_t count, double base) {
    for (std::size_t i = 0; i < count; ++i) {
        if (i > 0) out += ", ";
        append_number(out, numbers.next(base));
    }
}

std::string pytest_benchmark() {
    Numbers numbers;
    std::string out =
        R"({"machine_info": {"node": "bench", "machine": "x86_64", "cpu": {"brand_raw": "CPU"}},
 "commit_info": {"id": "abc", "branch": "main", "dirty": false}, "benchmarks": [)";
    for (std::size_t b = 0; out.size() < k_target_bytes; ++b) {
        if (b > 0) out += ",\n";
        out += R"({"group": "g", "name": "test_)" + std::to_string(b) +
               R"(", "fullname": "bench.py::test_)" + std::to_string(b) + R"(", "params": {"n": )" +
               std::to_string(b % 7) +
               R"(}, "param": "x", "extra_info": {"k": "v"}, "options": {"timer": "perf_counter"},
 "stats": {"min": 1e-06, "max": 2e-06, "mean": 1.5e-06, "stddev": 1e-07, "rounds": 1000, "median": 1.5e-06,
 "iqr": 1e-07, "q1": 1.4e-06, "q3": 1.6e-06, "ops": 666666.6, "total": 0.0015, "iterations": 1, "data": [)";
        append_numbers(out, numbers, 1000, 1.5e-6);
        out += "]}}";
    }
    return out + "], \"datetime\": \"2026-11-23T10:00:00\", \"version\": \"3.2.2\"}";
}

std::string hyperfine() {
    Numbers numbers;
    std::string out = R"({"results": [)";
    for (std::size_t r = 0; out.size() < k_target_bytes; ++r) {
        if (r > 0) out += ",\n";
        out +=
            R"({"command": "cmd )" + std::to_string(r) +
            R"(", "mean": 0.1, "stddev": 0.01, "median": 0.1, "user": 0.05, "system": 0.01, "min": 0.09, "max": 0.12, "times": [)";
        append_numbers(out, numbers, 1000, 0.1);
        out += R"(], "memory_usage_byte": [)";
        append_numbers(out, numbers, 1000, 4e6);
        out += R"(], "exit_codes": [)";
        for (int i = 0; i < 1000; ++i) out += i > 0 ? ", 0" : "0";
        out += R"(], "parameters": {"n": ")" + std::to_string(r) + "\"}}";
    }
    return out + "]}";
}

std::string custom_json() {
    Numbers numbers;
    std::string out = "[";
    for (std::size_t i = 0; out.size() < k_target_bytes; ++i) {
        if (i > 0) out += ",\n";
        out += R"({"name": "benchmark )" + std::to_string(i) + R"(", "unit": "ms", "value": )";
        append_number(out, numbers.next(12.5));
        out += R"(, "range": "3", "extra": "runs: 10"})";
    }
    return out + "]";
}

std::string jmh() {
    Numbers numbers;
    std::string out = "[";
    for (std::size_t b = 0; out.size() < k_target_bytes; ++b) {
        if (b > 0) out += ",\n";
        out +=
            R"({"jmhVersion": "1.37", "benchmark": "org.bench.B.m)" + std::to_string(b) +
            R"(", "mode": "thrpt", "threads": 1, "forks": 5, "jvm": "/usr/bin/java", "jvmArgs": [],
 "jdkVersion": "17", "vmName": "OpenJDK", "vmVersion": "17", "warmupIterations": 5, "warmupTime": "10 s",
 "measurementIterations": 20, "measurementTime": "10 s", "params": {"size": ")" +
            std::to_string(b % 9) +
            R"("}, "primaryMetric": {"score": 1.5e8, "scoreError": 1e6, "scoreConfidence": [1.49e8, 1.51e8],
 "scorePercentiles": {"0.0": 1.4e8, "50.0": 1.5e8, "90.0": 1.55e8, "95.0": 1.56e8, "99.0": 1.57e8, "100.0": 1.6e8},
 "scoreUnit": "ops/s", "rawData": [)";
        for (int fork = 0; fork < 5; ++fork) {
            out += fork > 0 ? ", [" : "[";
            append_numbers(out, numbers, 20, 1.5e8);
            out += "]";
        }
        out +=
            R"(]}, "secondaryMetrics": {"·gc.alloc.rate.norm": {"score": 48.0, "scoreUnit": "B/op", "rawData": [)";
        for (int fork = 0; fork < 5; ++fork) {
            out += fork > 0 ? ", [" : "[";
            append_numbers(out, numbers, 20, 48.0);
            out += "]";
        }
        out += "]}}}";
    }
    return out + "]";
}

std::string benchmarkdotnet() {
    Numbers numbers;
    std::string out =
        R"({"Title": "Bench", "HostEnvironmentInfo": {"BenchmarkDotNetVersion": "0.13.12",
 "ProcessorName": "CPU", "LogicalCoreCount": 8, "Configuration": "RELEASE"}, "Benchmarks": [)";
    for (std::size_t b = 0; out.size() < k_target_bytes; ++b) {
        if (b > 0) out += ",\n";
        out += R"({"DisplayInfo": "B.M: DefaultJob", "Namespace": "N", "Type": "B", "Method": "M)" +
               std::to_string(b) +
               R"(", "MethodTitle": "M", "Parameters": "", "FullName": "N.B.M)" +
               std::to_string(b) + R"(", "Statistics": {"OriginalValues": [)";
        append_numbers(out, numbers, 100, 24.4);
        out +=
            R"(], "N": 100, "Min": 22.0, "Median": 24.4, "Mean": 24.4, "Max": 27.0, "StandardDeviation": 0.2,
 "Percentiles": {"P0": 22.0, "P50": 24.4, "P90": 25.5, "P95": 26.0, "P100": 27.0}}, "Memory": {"Gen0Collections": 184,
 "Gen1Collections": 0, "Gen2Collections": 0, "TotalOperations": 8388608, "BytesAllocatedPerOperation": 368},
 "Measurements": [)";
        for (int m = 0; m < 100; ++m) {
            if (m > 0) out += ", ";
            out +=
                R"({"IterationMode": "Workload", "IterationStage": "Result", "LaunchIndex": 1, "IterationIndex": )" +
                std::to_string(m + 1) + R"(, "Operations": 8388608, "Nanoseconds": )";
            append_number(out, numbers.next(2.05e8));
            out += "}";
        }
        out += "]}";
    }
    return out + "]}";
}

std::string julia_benchmarktools() {
    Numbers numbers;
    std::string out =
        R"([{"Julia": "1.10.0", "BenchmarkTools": "1.4.0"}, [["BenchmarkGroup", {"tags": [], "data": {)";
    for (std::size_t t = 0; out.size() < k_target_bytes; ++t) {
        if (t > 0) out += ",\n";
        out +=
            "\"case " + std::to_string(t) +
            R"(": ["Trial", {"allocs": 2, "memory": 160, "params": ["Parameters", {"evals": 10, "samples": 1000}], "times": [)";
        append_numbers(out, numbers, 1000, 250.0);
        out += R"(], "gctimes": [)";
        for (int i = 0; i < 1000; ++i) out += i > 0 ? ", 0.0" : "0.0";
        out += "]}]";
    }
    return out + "}}]]]";
}

std::string bmf() {
    Numbers numbers;
    std::string out = "{";
    for (std::size_t b = 0; out.size() < k_target_bytes; ++b) {
        if (b > 0) out += ",\n";
        out += "\"tests::benchmark_" + std::to_string(b) + R"(": {"latency": {"value": )";
        append_number(out, numbers.next(3300.0));
        out += R"(, "lower_value": 1044.0, "upper_value": 5500.0}, "throughput": {"value": )";
        append_number(out, numbers.next(5.5));
        out += "}}";
    }
    return out + "}";
}

std::string k6() {
    Numbers numbers;
    std::string out =
        R"({"root_group": {"name": "", "path": "", "id": "d41d8", "groups": {}, "checks": {}}, "metrics": {
 "http_reqs": {"count": 180000, "rate": 4369.3}, "http_req_failed": {"passes": 12, "fails": 179988, "value": 0.0000667})";
    for (std::size_t m = 0; out.size() < k_target_bytes; ++m) {
        out += ",\n\"http_req_duration{name:/api/items/" + std::to_string(m) + R"(}": {"avg": )";
        append_number(out, numbers.next(144.5));
        out += R"(, "min": 104.1, "med": )";
        append_number(out, numbers.next(110.4));
        out +=
            R"json(, "max": 1140, "p(90)": 203.5, "p(95)": 215.9, "thresholds": {"p(95)<500": false}})json";
    }
    return out + "}}";
}

std::string prometheus() {
    Numbers numbers;
    std::string out = R"({"status": "success", "data": {"resultType": "matrix", "result": [)";
    for (std::size_t s = 0; out.size() < k_target_bytes; ++s) {
        if (s > 0) out += ",\n";
        out += R"({"metric": {"__name__": "process_resident_memory_bytes", "instance": "host-)" +
               std::to_string(s) + R"(:9100", "job": "node"}, "values": [)";
        for (int p = 0; p < 2000; ++p) {
            if (p > 0) out += ",";
            out += '[';
            out += std::to_string(1795427000 + p * 15);
            out += ".5,\"";
            append_number(out, numbers.next(5.0e7));
            out += "\"]";
        }
        out += "]}";
    }
    return out + "]}}";
}

std::string caws_metrics() {
    Numbers numbers;
    std::string out =
        R"({"schema": "caws-gate/metrics@1", "context": {"host": "loadgen"}, "conditions": {"region": "eu"}, "metrics": [)";
    for (std::size_t m = 0; out.size() < k_target_bytes; ++m) {
        if (m > 0) out += ",\n";
        out +=
            R"({"name": "latency", "unit": "ms", "direction": "lower", "conditions": {"provider": "p)" +
            std::to_string(m) + R"(", "text_length": 120}, "samples": [)";
        append_numbers(out, numbers, 500, 5.5);
        out += R"(], "timestamps": [)";
        for (int i = 0; i < 500; ++i) {
            if (i > 0) out += ", ";
            out += std::to_string(1795427000 + i);
        }
        out +=
            R"(], "phases": {"capture": {"summary": {"count": 500, "p50": 1.1, "p95": 1.4, "p99": 2.0}}}})";
    }
    return out + "]}";
}

std::string metric_summary() {
    Numbers numbers;
    std::string out = "{";
    for (std::size_t m = 0; out.size() < k_target_bytes; ++m) {
        if (m > 0) out += ",\n";
        out += "\"ttfa_" + std::to_string(m) + R"(_ms": {"p50": )";
        append_number(out, numbers.next(5.5));
        out += R"(, "p95": )";
        append_number(out, numbers.next(6.9));
        out += R"(, "p99": )";
        append_number(out, numbers.next(10.0));
        out +=
            R"(, "sample_count": 100, "timestamp": "2026-11-20T10:00:00Z", "conditions": {"provider": "acme", "text_length": "short"}})";
    }
    return out + "}";
}

using Generator = std::string (*)();
using Parse = model::Run (*)(std::string_view, const model::Source&, const ingest::ReadOptions&);

// Reads the generated file of one format with its reader, as parse_results would. The
// run is freed outside the timed region (range(0) == 0) or inside it (range(0) == 1), so
// that both the reading and the whole round trip are known.
void BM_ReadJson(benchmark::State& state, Generator generate, Parse parse, const char* format) {
    static std::string text;
    static Generator generated = nullptr;
    if (generated != generate) {
        text = generate();
        generated = generate;
    }
    const bool time_the_free = state.range(0) == 1;
    ingest::ReadOptions options;
    options.direction = model::Direction::lower;
    const model::Source source{"generated.json", format};
    std::size_t metrics = 0;
    for (auto _ : state) {
        model::Run run = parse(text, source, options);
        metrics = run.metrics.size();
        benchmark::DoNotOptimize(metrics);
        if (!time_the_free) state.PauseTiming();
        run = model::Run();
        if (!time_the_free) state.ResumeTiming();
    }
    state.SetBytesProcessed(static_cast<std::int64_t>(state.iterations() * text.size()));
    state.counters["file_MB"] = static_cast<double>(text.size()) / 1e6;
    state.counters["metrics"] = static_cast<double>(metrics);
}

}  // namespace

BENCHMARK_CAPTURE(BM_ReadJson, pytest_benchmark, pytest_benchmark, ingest::parse_pytest_benchmark,
                  "pytest-benchmark")
    ->ArgName("free")
    ->Arg(0)
    ->Arg(1)
    ->Unit(benchmark::kMillisecond);
BENCHMARK_CAPTURE(BM_ReadJson, hyperfine, hyperfine, ingest::parse_hyperfine, "hyperfine")
    ->ArgName("free")
    ->Arg(0)
    ->Arg(1)
    ->Unit(benchmark::kMillisecond);
BENCHMARK_CAPTURE(BM_ReadJson, custom_json, custom_json, ingest::parse_custom_json, "custom-json")
    ->ArgName("free")
    ->Arg(0)
    ->Arg(1)
    ->Unit(benchmark::kMillisecond);
BENCHMARK_CAPTURE(BM_ReadJson, jmh, jmh, ingest::parse_jmh, "jmh")
    ->ArgName("free")
    ->Arg(0)
    ->Arg(1)
    ->Unit(benchmark::kMillisecond);
BENCHMARK_CAPTURE(BM_ReadJson, benchmarkdotnet, benchmarkdotnet, ingest::parse_benchmarkdotnet,
                  "benchmarkdotnet")
    ->ArgName("free")
    ->Arg(0)
    ->Arg(1)
    ->Unit(benchmark::kMillisecond);
BENCHMARK_CAPTURE(BM_ReadJson, julia_benchmarktools, julia_benchmarktools,
                  ingest::parse_julia_benchmarktools, "julia-benchmarktools")
    ->ArgName("free")
    ->Arg(0)
    ->Arg(1)
    ->Unit(benchmark::kMillisecond);
BENCHMARK_CAPTURE(BM_ReadJson, bmf, bmf, ingest::parse_bmf, "bmf")
    ->ArgName("free")
    ->Arg(0)
    ->Arg(1)
    ->Unit(benchmark::kMillisecond);
BENCHMARK_CAPTURE(BM_ReadJson, k6, k6, ingest::parse_k6, "k6")
    ->ArgName("free")
    ->Arg(0)
    ->Arg(1)
    ->Unit(benchmark::kMillisecond);
BENCHMARK_CAPTURE(BM_ReadJson, prometheus, prometheus, ingest::parse_prometheus, "prometheus")
    ->ArgName("free")
    ->Arg(0)
    ->Arg(1)
    ->Unit(benchmark::kMillisecond);
BENCHMARK_CAPTURE(BM_ReadJson, caws_metrics, caws_metrics, ingest::parse_caws_metrics,
                  "caws-metrics")
    ->ArgName("free")
    ->Arg(0)
    ->Arg(1)
    ->Unit(benchmark::kMillisecond);
BENCHMARK_CAPTURE(BM_ReadJson, metric_summary, metric_summary, ingest::parse_metric_summary,
                  "metric-summary")
    ->ArgName("free")
    ->Arg(0)
    ->Arg(1)
    ->Unit(benchmark::kMillisecond);
