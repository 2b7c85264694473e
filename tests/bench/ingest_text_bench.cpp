// Reading speed of the text and XML readers on generated 50 MB inputs shaped like the
// tools' real output (docs/performance.md, "Input formats (text and XML)").
#include <benchmark/benchmark.h>

#include <cstdio>
#include <string>

#include "ingest/catch2_console_reader.hpp"
#include "ingest/catch2_xml_reader.hpp"
#include "ingest/go_bench_reader.hpp"
#include "ingest/rust_libtest_reader.hpp"

namespace {

constexpr std::size_t k_size = 50u << 20;
constexpr int k_benchmarks = 1000;

// A deterministic value in [low, low + spread) for benchmark `b` and repetition `r`.
double value(int b, int r, double low, double spread) {
    const unsigned mix = static_cast<unsigned>(b) * 2654435761u ^ static_cast<unsigned>(r) * 40503u;
    return low + spread * static_cast<double>(mix % 10000) / 10000.0;
}

// go test -bench . -count N -benchmem over 1000 benchmarks in 10 packages.
const std::string& go_text() {
    static const std::string text = [] {
        std::string out;
        out.reserve(k_size + 4096);
        char line[256];
        for (int r = 0; out.size() < k_size; ++r) {
            for (int b = 0; b < k_benchmarks && out.size() < k_size; ++b) {
                if (b % 100 == 0) {
                    std::snprintf(line, sizeof line,
                                  "goos: linux\ngoarch: amd64\npkg: example.com/module/pkg%d\n"
                                  "cpu: Intel(R) Xeon(R) Processor\n",
                                  b / 100);
                    out += line;
                }
                std::snprintf(line, sizeof line,
                              "BenchmarkDecode/size=%d/mode=fast-8   \t%8d\t%12.2f ns/op\t%8.2f "
                              "MB/s\t%8d B/op\t%6d allocs/op\n",
                              b, 1000000 + b, value(b, r, 100, 50), value(b, r, 500, 100), 64 * b,
                              b % 7);
                out += line;
            }
        }
        return out;
    }();
    return text;
}

// cargo bench, libtest's lines.
const std::string& libtest_text() {
    static const std::string text = [] {
        std::string out;
        out.reserve(k_size + 4096);
        char line[256];
        for (int r = 0; out.size() < k_size; ++r) {
            out += "\nrunning 1000 tests\n";
            for (int b = 0; b < k_benchmarks && out.size() < k_size; ++b) {
                std::snprintf(line, sizeof line,
                              "test parser::tests::bench_decode_%04d ... bench:      %9.2f ns/iter "
                              "(+/- %.2f)\n",
                              b, value(b, r, 10000, 5000), value(b, r, 10, 50));
                out += line;
            }
        }
        return out;
    }();
    return text;
}

// Catch2's console tables, one test case per 10 benchmarks.
const std::string& catch2_console_text() {
    static const std::string text = [] {
        std::string out;
        out.reserve(k_size + 4096);
        char line[2048];
        for (int c = 0; out.size() < k_size; ++c) {
            std::snprintf(line, sizeof line,
                          "-----------------------------------------------------------------------"
                          "--------\nCase %d\n----------------------------------------------------"
                          "---------------------------\nbench.cpp:%d\n..........................."
                          "....................................................\n\n"
                          "benchmark name                       samples       iterations    "
                          "estimated\n                                     mean          low mean "
                          "     high mean\n                                     std dev       low "
                          "std dev   high std dev\n---------------------------------------------"
                          "----------------------------------\n",
                          c, c);
            out += line;
            for (int b = 0; b < 10; ++b) {
                std::snprintf(line, sizeof line,
                              "%-48s%2d%14d%11.2f us \n%47.4f ns%11.4f ns%11.4f ns \n%47.4f "
                              "ns%11.4f ns%11.4f ns \n%79s\n",
                              ("case " + std::to_string(c) + " bench " + std::to_string(b)).c_str(),
                              100, 200 + b, value(c, b, 400, 50), value(c, b, 300, 50),
                              value(c, b, 290, 5), value(c, b, 360, 5), value(c, b, 10, 5),
                              value(c, b, 5, 2), value(c, b, 20, 5), "");
                out += line;
            }
            out += "\n";
        }
        return out;
    }();
    return text;
}

// Catch2's XML reporter, one test case per 10 benchmarks.
const std::string& catch2_xml_text() {
    static const std::string text = [] {
        std::string out =
            "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<Catch name=\"bench\">\n"
            "  <Group name=\"bench\">\n";
        out.reserve(k_size + 4096);
        char line[1024];
        for (int c = 0; out.size() < k_size; ++c) {
            std::snprintf(line, sizeof line,
                          "    <TestCase name=\"Case %d\" filename=\"bench.cpp\" line=\"%d\">\n", c,
                          c);
            out += line;
            for (int b = 0; b < 10; ++b) {
                std::snprintf(
                    line, sizeof line,
                    "      <BenchmarkResults name=\"bench %d\" samples=\"100\" "
                    "resamples=\"100000\" "
                    "iterations=\"%d\" clockResolution=\"20.1\" estimatedDuration=\"400000\">\n"
                    "        <!--All values in nano seconds-->\n"
                    "        <mean value=\"%.4f\" lowerBound=\"%.4f\" upperBound=\"%.4f\" "
                    "ci=\"0.95\"/>\n"
                    "        <standardDeviation value=\"%.4f\" lowerBound=\"%.4f\" "
                    "upperBound=\"%.4f\" "
                    "ci=\"0.95\"/>\n"
                    "        <outliers variance=\"0.1\" lowMild=\"0\" lowSevere=\"0\" "
                    "highMild=\"1\" "
                    "highSevere=\"0\"/>\n      </BenchmarkResults>\n",
                    b, 200 + b, value(c, b, 300, 50), value(c, b, 290, 5), value(c, b, 360, 5),
                    value(c, b, 10, 5), value(c, b, 5, 2), value(c, b, 20, 5));
                out += line;
            }
            out += "      <OverallResult success=\"true\"/>\n    </TestCase>\n";
        }
        out += "  </Group>\n</Catch>\n";
        return out;
    }();
    return text;
}

template <typename Parse>
void read(benchmark::State& state, const std::string& text, Parse parse, const char* format) {
    const caws::model::Source source{"bench.txt", format};
    std::size_t metrics = 0;
    for (auto _ : state) {
        caws::model::Run run = parse(text, source, caws::ingest::ReadOptions{});
        metrics = run.metrics.size();
        benchmark::DoNotOptimize(run);
    }
    state.SetBytesProcessed(static_cast<std::int64_t>(state.iterations() * text.size()));
    state.counters["metrics"] = static_cast<double>(metrics);
    state.counters["MB"] = static_cast<double>(text.size()) / 1e6;
}

void BM_ReadGoBench50MB(benchmark::State& state) {
    read(state, go_text(), caws::ingest::parse_go_bench, "go");
}
void BM_ReadRustLibtest50MB(benchmark::State& state) {
    read(state, libtest_text(), caws::ingest::parse_rust_libtest, "rust-libtest");
}
void BM_ReadCatch2Console50MB(benchmark::State& state) {
    read(state, catch2_console_text(), caws::ingest::parse_catch2_console, "catch2-console");
}
void BM_ReadCatch2Xml50MB(benchmark::State& state) {
    read(state, catch2_xml_text(), caws::ingest::parse_catch2_xml, "catch2-xml");
}

BENCHMARK(BM_ReadGoBench50MB)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_ReadRustLibtest50MB)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_ReadCatch2Console50MB)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_ReadCatch2Xml50MB)->Unit(benchmark::kMillisecond);

}  // namespace
