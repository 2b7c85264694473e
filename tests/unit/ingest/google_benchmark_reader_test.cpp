#include "ingest/google_benchmark_reader.hpp"

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <cmath>
#include <functional>

#include "support/fixtures.hpp"
#include "util/error.hpp"

namespace caws::ingest {
namespace {

model::Run parse(const std::string& text, const std::string& path = "perf.json") {
    return parse_google_benchmark(text, model::Source{path, "google-benchmark"});
}

const model::Metric& metric(const model::Run& run, const std::string& name,
                            const std::string& measure) {
    for (const auto& m : run.metrics) {
        if (m.name == name && m.measure == measure) return m;
    }
    throw std::runtime_error("no metric " + name + " " + measure);
}

bool has_metric(const model::Run& run, const std::string& name, const std::string& measure) {
    for (const auto& m : run.metrics) {
        if (m.name == name && m.measure == measure) return true;
    }
    return false;
}

std::string error_of(const std::string& text) {
    try {
        parse(text);
    } catch (const util::Error& error) {
        return error.what();
    }
    return "no error";
}

// A benchmark row with the fields Google Benchmark 1.7 writes; `extra` is spliced in.
std::string row(const std::string& name, int repetition, double real, double cpu,
                const std::string& extra = "") {
    return R"({"name": ")" + name + R"(", "run_name": ")" + name +
           R"(", "run_type": "iteration", "repetitions": 3, "repetition_index": )" +
           std::to_string(repetition) + R"(, "threads": 1, "iterations": 1000, "real_time": )" +
           std::to_string(real) + R"(, "cpu_time": )" + std::to_string(cpu) +
           R"(, "time_unit": "ns")" + extra + "}";
}

std::string file(const std::vector<std::string>& rows) {
    std::string text = R"({"context": {"date": "2026-11-23T07:00:00+00:00"}, "benchmarks": [)";
    for (std::size_t i = 0; i < rows.size(); ++i) text += (i ? ",\n" : "\n") + rows[i];
    return text + "\n]}";
}

TEST(GoogleBenchmarkReader, ReadsTheGithubActionBenchmarkFixtureLikeItsExpectedParse) {
    const std::string dir = "google-benchmark/github-action-benchmark/";
    const model::Run run = parse(test::read_fixture(dir + "googlecpp_output.json"));
    const auto expected =
        nlohmann::json::parse(test::read_fixture(dir + "googlecpp_output.json.expected.json"));
    // github-action-benchmark reports real_time in the file's unit per iteration; we
    // keep seconds, and cpu_time as a second measure.
    for (const auto& bench : expected["benches"]) {
        const std::string name = bench["name"];
        const model::Metric& real = metric(run, name, "real_time");
        ASSERT_EQ(real.samples.size(), 1u) << name;
        EXPECT_DOUBLE_EQ(real.samples[0], bench["value"].get<double>() / 1e9) << name;
        EXPECT_EQ(real.unit, model::seconds());
        EXPECT_EQ(real.direction, model::Direction::lower);
        const std::string extra = bench["extra"];
        const auto cpu_at = extra.find("cpu: ") + 5;
        const double cpu_ns = std::stod(extra.substr(cpu_at, extra.find(" ns", cpu_at) - cpu_at));
        EXPECT_DOUBLE_EQ(metric(run, name, "cpu_time").samples[0], cpu_ns / 1e9) << name;
    }
    EXPECT_EQ(run.metrics.size(), 2 * expected["benches"].size());
}

TEST(GoogleBenchmarkReader, KeepsTheContext) {
    const model::Run run =
        parse(test::read_fixture("google-benchmark/github-action-benchmark/googlecpp_output.json"));
    const model::Context& c = run.context;
    EXPECT_EQ(c.host, "Corgi.local");
    EXPECT_EQ(c.date, "2019-11-29 21:26:59");
    EXPECT_EQ(c.executable, "./a.out");
    // library_build_type is the library's build, not the code's: kept apart.
    EXPECT_EQ(c.build_type, "");
    EXPECT_EQ(c.num_cpus, 4);
    EXPECT_EQ(c.mhz_per_cpu, 2700);
    EXPECT_EQ(c.cpu_scaling_enabled, false);
    ASSERT_EQ(c.load_avg.size(), 3u);
    EXPECT_DOUBLE_EQ(c.load_avg[0], 1.68408);
    ASSERT_EQ(c.extra.size(), 2u);
    EXPECT_EQ(c.extra[1], (std::pair<std::string, std::string>{"library_build_type", "release"}));
    EXPECT_EQ(c.extra[0].first, "caches");
    EXPECT_EQ(c.extra[0].second,
              "L1 Data 32 KiB (x2), L1 Instruction 32 KiB (x2), L2 Unified 256 KiB (x2), "
              "L3 Unified 3072 KiB (x4)");
}

TEST(GoogleBenchmarkReader, TheCodesBuildTypeComesFromItsOwnContextKey) {
    for (const char* key : {"CMAKE_BUILD_TYPE", "build_type", "Cmake_Build_Type"}) {
        const model::Run run =
            parse(std::string(R"({"context": {"library_build_type": "debug", ")") + key +
                  R"(": "Release"}, "benchmarks": [{"name": "BM_A", "run_type": "iteration", )"
                  R"("iterations": 1, "real_time": 1, "cpu_time": 1, "time_unit": "ns"}]})");
        EXPECT_EQ(run.context.build_type, "Release") << key;
        ASSERT_EQ(run.context.extra.size(), 1u) << key;
        EXPECT_EQ(run.context.extra[0].second, "debug");
    }
}

TEST(GoogleBenchmarkReader, OlderFilesWithoutRunTypeAndWithComplexityRows) {
    const model::Run run =
        parse(test::read_fixture("google-benchmark/google-benchmark-tools/test1_run1.json"));
    EXPECT_DOUBLE_EQ(metric(run, "BM_2xSlower", "real_time").samples.at(0), 50e-9);
    EXPECT_DOUBLE_EQ(metric(run, "BM_NotBadTimeUnit", "cpu_time").samples.at(0), 0.5);
    EXPECT_FALSE(has_metric(run, "MyComplexityTest_BigO", "real_time"));
    EXPECT_FALSE(has_metric(run, "MyComplexityTest", "real_time"));
    const auto& labels = metric(run, "BM_hasLabel", "real_time").labels;
    ASSERT_EQ(labels.size(), 1u);
    EXPECT_EQ(labels[0], (std::pair<std::string, std::string>{"label", "a label"}));
    ASSERT_EQ(run.notes.size(), 1u);
    EXPECT_EQ(run.notes[0], "2 complexity row(s) (_BigO, _RMS) ignored");
}

TEST(GoogleBenchmarkReader, RowsWithoutRepetitionIndexAreRepetitions) {
    // test3_run0.json: BM_Two twice without run_type, "medium" as two iteration rows; BM_One
    // and "short" are aggregates without aggregate_name and are ignored.
    const model::Run run =
        parse(test::read_fixture("google-benchmark/google-benchmark-tools/test3_run0.json"));
    EXPECT_EQ(metric(run, "BM_Two", "cpu_time").samples, (std::vector<double>{90e-9, 86e-9}));
    EXPECT_EQ(metric(run, "medium", "real_time").samples.size(), 2u);
    EXPECT_FALSE(has_metric(run, "BM_One", "real_time"));
    EXPECT_FALSE(has_metric(run, "short", "real_time"));
    EXPECT_EQ(run.notes.back(), "3 aggregate row(s) without aggregate_name ignored");
}

TEST(GoogleBenchmarkReader, ManyRepetitionFiles) {
    for (const char* name : {"test5_run0.json", "test5_run1.json", "test2_run.json",
                             "test3_run1.json", "test1_run2.json"}) {
        const model::Run run = parse(
            test::read_fixture(std::string("google-benchmark/google-benchmark-tools/") + name));
        EXPECT_FALSE(run.metrics.empty()) << name;
    }
}

TEST(GoogleBenchmarkReader, FilesWithNothingToCompareAreErrors) {
    // test4_run0.json holds a single user-defined percentage aggregate.
    try {
        parse(test::read_fixture("google-benchmark/google-benchmark-tools/test4_run0.json"),
              "test4_run0.json");
        FAIL();
    } catch (const util::Error& error) {
        EXPECT_EQ(std::string(error.what()),
                  "test4_run0.json: /benchmarks: expected at least one benchmark result, but all 1 "
                  "row(s) were complexity or unsupported aggregate rows");
    }
    // test4_run.json (compare.py's sorting test) has rows without any time at all.
    try {
        parse(test::read_fixture("google-benchmark/google-benchmark-tools/test4_run.json"),
              "test4_run.json");
        FAIL();
    } catch (const util::Error& error) {
        EXPECT_EQ(std::string(error.what()),
                  "test4_run.json: /benchmarks/0/real_time: expected a number (the measured time)");
    }
}

TEST(GoogleBenchmarkReader, IterationRowsAreSamplesInSeconds) {
    const model::Run run =
        parse(file({row("BM_A", 0, 100, 90), row("BM_A", 1, 110, 95), row("BM_A", 2, 120, 99)}));
    ASSERT_EQ(run.metrics.size(), 2u);
    EXPECT_EQ(run.metrics[0].measure, "real_time");
    EXPECT_EQ(run.metrics[1].measure, "cpu_time");
    EXPECT_EQ(run.metrics[0].samples, (std::vector<double>{100e-9, 110e-9, 120e-9}));
    EXPECT_EQ(run.metrics[1].samples, (std::vector<double>{90e-9, 95e-9, 99e-9}));
    EXPECT_FALSE(run.metrics[0].summary);
}

TEST(GoogleBenchmarkReader, ConvertsEveryTimeUnit) {
    const auto seconds_of = [](const char* unit) {
        std::string r = row("BM_A", 0, 2, 2);
        r.replace(r.find("\"ns\""), 4, std::string("\"") + unit + "\"");
        return parse(file({r})).metrics[0].samples[0];
    };
    EXPECT_DOUBLE_EQ(seconds_of("ns"), 2e-9);
    EXPECT_DOUBLE_EQ(seconds_of("us"), 2e-6);
    EXPECT_DOUBLE_EQ(seconds_of("ms"), 2e-3);
    EXPECT_DOUBLE_EQ(seconds_of("s"), 2);
}

TEST(GoogleBenchmarkReader, AggregatesOnlyBecomeSummaries) {
    const std::string aggregates = R"({"context": {}, "benchmarks": [
      {"name": "BM_A_mean", "run_name": "BM_A", "run_type": "aggregate", "repetitions": 10,
       "threads": 1, "aggregate_name": "mean", "aggregate_unit": "time", "iterations": 10,
       "real_time": 105.0, "cpu_time": 100.0, "time_unit": "ns", "items_per_second": 1e7},
      {"name": "BM_A_median", "run_name": "BM_A", "run_type": "aggregate", "repetitions": 10,
       "threads": 1, "aggregate_name": "median", "aggregate_unit": "time", "iterations": 10,
       "real_time": 104.0, "cpu_time": 99.0, "time_unit": "ns", "items_per_second": 1.01e7},
      {"name": "BM_A_stddev", "run_name": "BM_A", "run_type": "aggregate", "repetitions": 10,
       "threads": 1, "aggregate_name": "stddev", "aggregate_unit": "time", "iterations": 10,
       "real_time": 3.0, "cpu_time": 2.0, "time_unit": "ns", "items_per_second": 2e5},
      {"name": "BM_A_cv", "run_name": "BM_A", "run_type": "aggregate", "repetitions": 10,
       "threads": 1, "aggregate_name": "cv", "aggregate_unit": "percentage", "iterations": 10,
       "real_time": 0.0285, "cpu_time": 0.02, "time_unit": "ns", "items_per_second": 0.02}
    ]})";
    const model::Run run = parse(aggregates);
    const model::Metric& real = metric(run, "BM_A", "real_time");
    EXPECT_TRUE(real.samples.empty());
    ASSERT_TRUE(real.summary);
    EXPECT_EQ(real.summary->n, 10u);
    EXPECT_DOUBLE_EQ(*real.summary->mean, 105e-9);
    EXPECT_DOUBLE_EQ(*real.summary->median, 104e-9);
    EXPECT_DOUBLE_EQ(*real.summary->stddev, 3e-9);
    EXPECT_EQ(real.sample_count(), 10u);
    const model::Metric& items = metric(run, "BM_A", "items_per_second");
    EXPECT_EQ(items.direction, model::Direction::higher);
    EXPECT_DOUBLE_EQ(*items.summary->median, 1.01e7);
    EXPECT_EQ(run.notes.back(),
              "1 benchmark(s) read from aggregates only (mean, median, stddev), without "
              "individual repetitions");
}

TEST(GoogleBenchmarkReader, SamplesWinOverAggregatesWithoutDoubleCounting) {
    const std::string aggregate =
        R"({"name": "BM_A_mean", "run_name": "BM_A", "run_type": "aggregate", "repetitions": 3,
            "threads": 1, "aggregate_name": "mean", "aggregate_unit": "time", "iterations": 3,
            "real_time": 110.0, "cpu_time": 94.0, "time_unit": "ns"})";
    const model::Run run = parse(file(
        {row("BM_A", 0, 100, 90), row("BM_A", 1, 110, 95), row("BM_A", 2, 120, 99), aggregate}));
    const model::Metric& real = metric(run, "BM_A", "real_time");
    EXPECT_EQ(real.samples.size(), 3u);
    EXPECT_FALSE(real.summary);
    EXPECT_EQ(run.metrics.size(), 2u);
}

TEST(GoogleBenchmarkReader, CountersRatesAndMemory) {
    const model::Run run =
        parse(file({row("BM_A", 0, 100, 90,
                        R"(, "bytes_per_second": 1.5e9, "items_per_second": 2e6, "cache_misses": 42,
           "max_bytes_used": 4096, "allocs_per_iter": 3, "label": "fast path")")}));
    const model::Metric& bytes = metric(run, "BM_A", "bytes_per_second");
    EXPECT_EQ(bytes.unit, model::bytes_per_second());
    EXPECT_EQ(bytes.direction, model::Direction::higher);
    EXPECT_EQ(metric(run, "BM_A", "items_per_second").unit, model::per_second());
    const model::Metric& misses = metric(run, "BM_A", "cache_misses");
    EXPECT_EQ(misses.direction, model::Direction::unknown);
    EXPECT_EQ(misses.samples, std::vector<double>{42});
    EXPECT_EQ(metric(run, "BM_A", "max_bytes_used").unit, model::bytes());
    EXPECT_EQ(metric(run, "BM_A", "max_bytes_used").direction, model::Direction::lower);
    EXPECT_EQ(metric(run, "BM_A", "allocs_per_iter").direction, model::Direction::lower);
    const auto& labels = metric(run, "BM_A", "real_time").labels;
    ASSERT_EQ(labels.size(), 2u);
    EXPECT_EQ(labels[0].second, "1");  // threads
    EXPECT_EQ(labels[1].second, "fast path");
}

TEST(GoogleBenchmarkReader, NaNAndInfinityTokensInCountersAreAcceptedAndSkipped) {
    const model::Run run =
        parse(file({row("BM_A", 0, 100, 90, R"(, "ratio": NaN, "rate": -Infinity)"),
                    row("BM_A", 1, 100, 90, R"(, "ratio": 0.5, "rate": 2)")}));
    EXPECT_EQ(metric(run, "BM_A", "ratio").samples, std::vector<double>{0.5});
    EXPECT_EQ(metric(run, "BM_A", "rate").samples, std::vector<double>{2});
    EXPECT_EQ(run.notes.back(), "2 non-finite counter value(s) ignored");
}

TEST(GoogleBenchmarkReader, ErrorsMarkTheBenchmarkFailed) {
    const std::string failed =
        R"({"name": "BM_B", "run_name": "BM_B", "run_type": "iteration", "repetitions": 1,
            "repetition_index": 0, "threads": 1, "error_occurred": true,
            "error_message": "injected failure", "iterations": 0, "real_time": 0,
            "cpu_time": 0, "time_unit": "ns"})";
    const model::Run run = parse(file({row("BM_A", 0, 100, 90), failed}));
    const model::Metric& b = metric(run, "BM_B", "cpu_time");
    EXPECT_EQ(b.status, model::Status::failed);
    EXPECT_EQ(b.message, "injected failure");
    EXPECT_TRUE(b.samples.empty());
}

TEST(GoogleBenchmarkReader, SkippedBenchmarksAreSkipped) {
    const std::string skipped =
        R"({"name": "BM_B", "run_name": "BM_B", "run_type": "iteration", "repetitions": 1,
            "repetition_index": 0, "threads": 1, "skipped": true,
            "skip_message": "needs a GPU", "iterations": 0, "real_time": 0,
            "cpu_time": 0, "time_unit": "ns"})";
    const model::Run run = parse(file({row("BM_A", 0, 100, 90), skipped}));
    EXPECT_EQ(metric(run, "BM_B", "real_time").status, model::Status::skipped);
    EXPECT_EQ(metric(run, "BM_B", "real_time").message, "needs a GPU");
}

TEST(GoogleBenchmarkReader, BrokenInputsNameTheFileThePlaceAndWhatWasExpected) {
    EXPECT_EQ(error_of("not json"),
              "perf.json: line 1, column 2: invalid JSON: syntax error while parsing value - "
              "invalid literal; last read: 'no'");
    EXPECT_EQ(error_of(R"({"context": {}, "benchmarks": []})"),
              "perf.json: /benchmarks: expected at least one benchmark, got an empty list");
    EXPECT_EQ(error_of(R"({"context": {}})"),
              "perf.json: expected a \"benchmarks\" array (Google Benchmark JSON)");
    EXPECT_EQ(error_of(R"({"benchmarks": {"a": 1}})"),
              "perf.json: /benchmarks: expected an array, got an object");
    EXPECT_EQ(error_of(file(
                  {R"({"name": "BM_A", "real_time": "fast", "cpu_time": 1, "time_unit": "ns"})"})),
              "perf.json: /benchmarks/0/real_time: expected a number, got \"fast\"");
    EXPECT_EQ(error_of(file({R"({"real_time": 1, "cpu_time": 1, "time_unit": "ns"})"})),
              "perf.json: /benchmarks/0/name: expected the benchmark's name");
    EXPECT_EQ(error_of(file({R"({"name": "BM_A", "cpu_time": 1, "time_unit": "ns"})"})),
              "perf.json: /benchmarks/0/real_time: expected a number (the measured time)");
    EXPECT_EQ(error_of(file({row("BM_A", 0, -5, 1)})),
              "perf.json: /benchmarks/0/real_time: expected a finite, non-negative time, got "
              "-5.000000");
    EXPECT_EQ(
        error_of(
            file({R"({"name": "BM_A", "real_time": Infinity, "cpu_time": 1, "time_unit": "ns"})"})),
        "perf.json: /benchmarks/0/real_time: expected a finite, non-negative time, got inf");
    EXPECT_EQ(
        error_of(file(
            {R"({"name": "BM_A", "real_time": 1, "cpu_time": 1, "time_unit": "fortnights"})"})),
        "perf.json: /benchmarks/0/time_unit: expected a time unit (ns, us, ms or s), got "
        "\"fortnights\"");
    EXPECT_EQ(error_of(file({row("BM_A", 0, 1, 1), row("BM_A", 1, 1, 1), row("BM_A", 1, 1, 1)})),
              "perf.json: /benchmarks/2/repetition_index: expected each repetition once, but "
              "repetition 1 of \"BM_A\" is also at /benchmarks/1");
    EXPECT_EQ(error_of(file({R"({"name": "BM_A", "run_type": "warmup", "real_time": 1})"})),
              "perf.json: /benchmarks/0/run_type: expected \"iteration\" or \"aggregate\", got "
              "\"warmup\"");
    EXPECT_EQ(error_of(R"({"context": {"num_cpus": "four"}, "benchmarks": []})"),
              "perf.json: /context/num_cpus: expected a number, got \"four\"");
}

TEST(GoogleBenchmarkReader, TruncatedFilesAreSyntaxErrors) {
    const std::string text =
        test::read_fixture("google-benchmark/github-action-benchmark/googlecpp_output.json");
    const std::string message = error_of(text.substr(0, text.size() / 2));
    EXPECT_EQ(message.rfind("perf.json: line ", 0), 0u) << message;
    EXPECT_NE(message.find("invalid JSON: syntax error"), std::string::npos) << message;
}

TEST(GoogleBenchmarkReader, DetectionLooksAtTheContent) {
    EXPECT_TRUE(looks_like_google_benchmark(
        test::read_fixture("google-benchmark/github-action-benchmark/googlecpp_output.json")));
    EXPECT_FALSE(looks_like_google_benchmark(R"({"benchmarks": [{"name": "x", "stats": {}}]})"));
    EXPECT_FALSE(looks_like_google_benchmark("goos: linux\nBenchmarkX 100 20 ns/op\n"));
}

}  // namespace
}  // namespace caws::ingest
