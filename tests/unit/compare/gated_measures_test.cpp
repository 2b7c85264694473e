#include "compare/gated_measures.hpp"

#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "compare/comparator.hpp"

namespace caws::compare {
namespace {

model::Metric metric(const std::string& name, const std::string& measure, double value,
                     model::Direction direction = model::Direction::lower) {
    model::Metric m;
    m.name = name;
    m.measure = measure;
    m.unit = model::seconds();
    m.direction = direction;
    for (int i = 0; i < 10; ++i) m.samples.push_back(value * (1 + 0.001 * i));
    return m;
}

// A Google Benchmark benchmark: both clocks and a rate, `factor` slower in the candidate.
std::vector<model::Metric> google_benchmark(const std::string& name, double factor) {
    model::Metric rate = metric(name, "items_per_second", 1e9 / factor, model::Direction::higher);
    rate.unit = model::per_second();
    return {metric(name, "real_time", 1e-6 * factor), metric(name, "cpu_time", 1e-6 * factor),
            rate};
}

model::Run run_of(const std::vector<std::vector<model::Metric>>& benchmarks) {
    model::Run run;
    for (const auto& metrics : benchmarks) {
        run.metrics.insert(run.metrics.end(), metrics.begin(), metrics.end());
    }
    return run;
}

const model::Comparison& find(const std::vector<model::Comparison>& comparisons,
                              const std::string& name, const std::string& measure) {
    for (const auto& c : comparisons) {
        if (c.metric == name && c.measure == measure) return c;
    }
    throw std::runtime_error("no comparison " + name + " " + measure);
}

TEST(GatedMeasures, GoogleBenchmarkTimesByCpuTimeUnlessTheNameSaysRealOrManualTime) {
    EXPECT_EQ(google_benchmark_clock("BM_Sort/1024"), "cpu_time");
    EXPECT_EQ(google_benchmark_clock("BM_Sort/1024/real_time"), "real_time");
    EXPECT_EQ(google_benchmark_clock("BM_Wait/manual_time"), "real_time");
    EXPECT_EQ(google_benchmark_clock("BM_Wait/real_time/threads:4"), "real_time");
    EXPECT_EQ(google_benchmark_clock("BM_real_time_parser"), "cpu_time");
    EXPECT_EQ(google_benchmark_clock("real_time"), "real_time");
}

TEST(GatedMeasures, DerivedMeasuresAreNotGatedWhenTheirTimeIsThere) {
    model::Run run = run_of({google_benchmark("BM_A", 1), google_benchmark("BM_B/real_time", 1)});
    run.metrics.push_back(metric("crc", "time", 1));
    run.metrics.push_back(metric("crc", "throughput", 1, model::Direction::higher));
    run.metrics.push_back(metric("BenchmarkCopy", "sec/op", 1));
    run.metrics.push_back(metric("BenchmarkCopy", "B/s", 1, model::Direction::higher));
    run.metrics.push_back(metric("BenchmarkCopy", "B/op", 1));
    run.metrics.push_back(metric("only_rate", "throughput", 1, model::Direction::higher));
    const DefaultMeasures defaults(run, model::Run{});
    EXPECT_FALSE(defaults.not_gated("BM_A", "cpu_time"));
    EXPECT_EQ(defaults.not_gated("BM_A", "real_time"),
              "a second clock beside cpu_time: reported, not gated");
    EXPECT_EQ(defaults.not_gated("BM_A", "items_per_second"),
              "a rate derived from cpu_time: reported, not gated");
    EXPECT_FALSE(defaults.not_gated("BM_B/real_time", "real_time"));
    EXPECT_EQ(defaults.not_gated("BM_B/real_time", "cpu_time"),
              "a second clock beside real_time: reported, not gated");
    EXPECT_EQ(defaults.not_gated("BM_B/real_time", "items_per_second"),
              "a rate derived from real_time: reported, not gated");
    EXPECT_FALSE(defaults.not_gated("crc", "time"));
    EXPECT_EQ(defaults.not_gated("crc", "throughput"),
              "a rate derived from time: reported, not gated");
    EXPECT_EQ(defaults.not_gated("BenchmarkCopy", "B/s"),
              "a rate derived from sec/op: reported, not gated");
    EXPECT_FALSE(defaults.not_gated("BenchmarkCopy", "B/op"));  // measured apart from the time
    EXPECT_FALSE(defaults.not_gated("only_rate", "throughput"));  // nothing it derives from
}

TEST(GatedMeasures, OneRegressionIsCountedOnceAndTheFamilyIsTheBenchmarks) {
    const model::Run baseline =
        run_of({google_benchmark("BM_Slow", 1), google_benchmark("BM_Same", 1)});
    const model::Run candidate =
        run_of({google_benchmark("BM_Slow", 1.6), google_benchmark("BM_Same", 1)});
    const auto comparisons = compare_runs(baseline, candidate);
    const model::Comparison& cpu = find(comparisons, "BM_Slow", "cpu_time");
    EXPECT_TRUE(cpu.gated);
    EXPECT_EQ(cpu.change, model::ChangeClass::moderate);
    for (const char* measure : {"real_time", "items_per_second"}) {
        const model::Comparison& c = find(comparisons, "BM_Slow", measure);
        EXPECT_FALSE(c.gated) << measure;
        EXPECT_EQ(c.change, model::ChangeClass::unchanged) << measure;
        EXPECT_FALSE(c.p_adjusted) << measure;
        ASSERT_TRUE(c.p_value) << measure;  // compared and reported
        EXPECT_NEAR(*c.ratio, 1.6, 1e-9) << measure;
        EXPECT_NE(c.notes.back().find("reported, not gated"), std::string::npos) << measure;
    }
    // Two gated metrics: the correction doubles the smaller p-value (BH over m = 2).
    EXPECT_NEAR(*cpu.p_adjusted, std::min(1.0, *cpu.p_value * 2), 1e-12);
}

TEST(GatedMeasures, AGateFileThatNamesMeasuresDecides) {
    const model::Run baseline = run_of({google_benchmark("BM_A", 1)});
    const model::Run candidate = run_of({google_benchmark("BM_A", 1.6)});
    // defaults.measures = ["real_time"]: only wall time.
    const MetricOptions wall = [](const model::Metric& m) {
        MetricGate gate;
        gate.measure_chosen = true;
        if (m.measure == "real_time") gate.options = Options{};
        return gate;
    };
    auto comparisons = compare_runs(baseline, candidate, Options{}, wall);
    EXPECT_TRUE(find(comparisons, "BM_A", "real_time").gated);
    EXPECT_FALSE(find(comparisons, "BM_A", "cpu_time").gated);
    EXPECT_EQ(find(comparisons, "BM_A", "cpu_time").notes.back(),
              "measure not gated by the gate file: reported, not gated");
    // A gate file that does not choose leaves the default measures.
    const MetricOptions silent = [](const model::Metric&) { return MetricGate{Options{}, false}; };
    comparisons = compare_runs(baseline, candidate, Options{}, silent);
    EXPECT_TRUE(find(comparisons, "BM_A", "cpu_time").gated);
    EXPECT_FALSE(find(comparisons, "BM_A", "real_time").gated);
    EXPECT_FALSE(find(comparisons, "BM_A", "items_per_second").gated);
}

TEST(GatedMeasures, AFailedBenchmarkIsOneFailureOfItsGatedClock) {
    const model::Run baseline = run_of({google_benchmark("BM_A", 1)});
    model::Run candidate;
    for (const char* measure : {"real_time", "cpu_time"}) {
        model::Metric m = metric("BM_A", measure, 1);
        m.samples.clear();
        m.status = model::Status::failed;
        candidate.metrics.push_back(m);
    }
    const auto comparisons = compare_runs(baseline, candidate);
    EXPECT_TRUE(find(comparisons, "BM_A", "cpu_time").gated);
    EXPECT_EQ(find(comparisons, "BM_A", "cpu_time").change, model::ChangeClass::failed);
    EXPECT_FALSE(find(comparisons, "BM_A", "real_time").gated);
    // items_per_second is only in the baseline: removed, and not gated either.
    EXPECT_EQ(find(comparisons, "BM_A", "items_per_second").change, model::ChangeClass::removed);
    EXPECT_FALSE(find(comparisons, "BM_A", "items_per_second").gated);
}

}  // namespace
}  // namespace caws::compare
