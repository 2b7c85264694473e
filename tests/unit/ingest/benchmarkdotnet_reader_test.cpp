#include "ingest/benchmarkdotnet_reader.hpp"

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "stats/descriptive.hpp"
#include "support/fixtures.hpp"
#include "support/run_queries.hpp"

namespace caws::ingest {
namespace {

using test::error_of;
using test::find_metric;
using test::has_metric;
using test::label_of;

model::Run parse(const std::string& text, const std::string& path = "report.json") {
    return parse_benchmarkdotnet(text, model::Source{path, "benchmarkdotnet"});
}

std::string parse_error(const std::string& text) {
    return error_of([&] { parse(text); });
}

// A file with the given benchmarks.
std::string file(const std::string& benchmarks) {
    std::string text = R"({"Title": "t", "HostEnvironmentInfo": {}, "Benchmarks": [)";
    text += benchmarks;
    text += "]}";
    return text;
}

TEST(BenchmarkDotNetReader, ReadsTheGithubActionBenchmarkFixtureLikeItsExpectedParse) {
    const std::string dir = "benchmarkdotnet/github-action-benchmark/";
    const model::Run run = parse(test::read_fixture(dir + "benchmarkdotnet.json"));
    const auto expected =
        nlohmann::json::parse(test::read_fixture(dir + "benchmarkdotnet.json.expected.json"));
    ASSERT_EQ(run.metrics.size(), expected["benches"].size());
    for (const auto& bench : expected["benches"]) {
        // github-action-benchmark reports Statistics.Mean in ns with the standard deviation
        // as range; we keep the individual values (OriginalValues) in seconds.
        const model::Metric& metric = find_metric(run, bench["name"], "time");
        EXPECT_EQ(metric.unit, model::seconds());
        EXPECT_EQ(metric.direction, model::Direction::lower);
        EXPECT_NEAR(stats::mean(metric.samples) * 1e9 / bench["value"].get<double>(), 1.0, 1e-12);
        const std::string range = bench["range"];
        EXPECT_NEAR(stats::sample_stddev(metric.samples) * 1e9 / std::stod(range.substr(3)), 1.0,
                    1e-9);
        EXPECT_EQ(label_of(metric, "job"), "DefaultJob");
    }
    EXPECT_EQ(find_metric(run, "Sample.Benchmarks.Fib10", "time").samples.size(), 14u);
    EXPECT_EQ(run.context.build_type, "release");
    EXPECT_EQ(run.context.num_cpus, 8);
}

TEST(BenchmarkDotNetReader, MeansAndMediansMatchBenchersAdapterTests) {
    // bencher names benchmarks Namespace.Method; we keep BenchmarkDotNet's FullName.
    const model::Run more = parse(test::read_fixture("benchmarkdotnet/bencher/two_more.json"));
    const model::Metric& fib10 = find_metric(more, "Sample.Benchmarks.Fib10", "time");
    EXPECT_NEAR(stats::mean(fib10.samples) * 1e9, 24.420208500964300, 1e-9);
    EXPECT_NEAR((stats::mean(fib10.samples) - stats::sample_stddev(fib10.samples)) * 1e9,
                24.22208724788593, 1e-9);
    EXPECT_NEAR(stats::median(fib10.samples) * 1e9, 24.419498533010483, 1e-9);
    const model::Metric& fib20 = find_metric(more, "Sample.Benchmarks.Fib20", "time");
    EXPECT_NEAR(stats::mean(fib20.samples) * 1e9, 51.52008151549559, 1e-9);
    EXPECT_NEAR(stats::median(fib20.samples) * 1e9, 51.40195590257645, 1e-9);

    // BenchmarkDotNet 0.9 files have Statistics without the values: a summary.
    const model::Run two = parse(test::read_fixture("benchmarkdotnet/bencher/two.json"));
    const model::Metric& sleep10 =
        find_metric(two, "BenchmarkDotNet.Samples.Intro.IntroJsonExport.Sleep10", "time");
    ASSERT_TRUE(sleep10.summary);
    EXPECT_TRUE(sleep10.samples.empty());
    EXPECT_EQ(sleep10.summary->n, 20u);
    EXPECT_NEAR(*sleep10.summary->mean * 1e9, 10362283.085796878, 1e-6);
    EXPECT_NEAR((*sleep10.summary->mean + *sleep10.summary->stddev) * 1e9, 10407985.204166083,
                1e-6);
    EXPECT_NEAR(*sleep10.summary->median * 1e9, 10360382.6953125, 1e-6);
    EXPECT_NEAR(*sleep10.summary->p95 * 1e9, 10435620.51609375, 1e-6);
    const model::Metric& sleep20 =
        find_metric(two, "BenchmarkDotNet.Samples.Intro.IntroJsonExport.Sleep20", "time");
    EXPECT_NEAR(*sleep20.summary->mean * 1e9, 20360791.931687497, 1e-6);
    EXPECT_NEAR(*sleep20.summary->median * 1e9, 20362636.192500003, 1e-6);
    EXPECT_EQ(two.notes.at(0),
              "2 benchmark(s) read from their Statistics summary, without the individual "
              "measurements (use the full JSON exporter to keep them)");

    const model::Run null_namespace =
        parse(test::read_fixture("benchmarkdotnet/bencher/null_namespace.json"));
    ASSERT_EQ(null_namespace.metrics.size(), 1u);
    EXPECT_EQ(null_namespace.metrics[0].name, "NullNamespaceMethod");
}

TEST(BenchmarkDotNetReader, ResultMeasurementsAndMemoryDiagnoserMetrics) {
    const model::Run run = parse(test::read_fixture("benchmarkdotnet/bencher/memory.json"));
    const std::string name =
        "BenchmarkDotNet.Samples.Memory.AllocEmptyList [ShortRun(IterationCount=3, LaunchCount=1, "
        "WarmupCount=3)]";
    const model::Metric& time = find_metric(run, name, "time");
    // Workload/Result measurements: nanoseconds / operations.
    ASSERT_EQ(time.samples.size(), 3u);
    EXPECT_DOUBLE_EQ(time.samples[0], 640542200.0 / 8388608.0 * 1e-9);
    EXPECT_EQ(label_of(time, "job"), "ShortRun(IterationCount=3, LaunchCount=1, WarmupCount=3)");
    const model::Metric& allocated = find_metric(run, name, "Allocated Memory");
    EXPECT_EQ(allocated.unit, model::bytes());
    EXPECT_EQ(allocated.direction, model::Direction::lower);
    EXPECT_EQ(allocated.samples, std::vector<double>{368});
    EXPECT_EQ(find_metric(run, name, "Gen0Collects").samples,
              std::vector<double>{0.02193450927734375});
    EXPECT_EQ(find_metric(run, name, "Gen2Collects").unit, model::count());
}

TEST(BenchmarkDotNetReader, OlderMemorySectionGivesTheSameMeasures) {
    const model::Run run = parse(file(R"({"FullName": "N.T.M", "DisplayInfo": "T.M: DefaultJob",
        "Statistics": {"N": 1, "Mean": 10, "Median": 10, "OriginalValues": [10]},
        "Memory": {"Gen0Collections": 184, "Gen1Collections": 0, "Gen2Collections": 0,
                   "TotalOperations": 8388608, "BytesAllocatedPerOperation": 368}})"));
    EXPECT_EQ(find_metric(run, "N.T.M", "Allocated Memory").samples, std::vector<double>{368});
    EXPECT_EQ(find_metric(run, "N.T.M", "Gen0Collects").samples,
              std::vector<double>{0.02193450927734375});
    EXPECT_EQ(find_metric(run, "N.T.M", "Gen1Collects").samples, std::vector<double>{0});
}

TEST(BenchmarkDotNetReader, NullStatisticsMeanTheBenchmarkFailed) {
    const model::Run run = parse(file(R"({"FullName": "N.T.Broken", "Statistics": null},
        {"Namespace": "N", "Type": "T", "Method": "Fine", "Parameters": "Size=10",
         "Statistics": {"N": 2, "Mean": 5, "OriginalValues": [4, 6]}})"));
    const model::Metric& broken = find_metric(run, "N.T.Broken", "time");
    EXPECT_EQ(broken.status, model::Status::failed);
    EXPECT_EQ(broken.message, "BenchmarkDotNet wrote no statistics: the benchmark failed");
    const model::Metric& fine = find_metric(run, "N.T.Fine(Size=10)", "time");
    EXPECT_EQ(fine.samples, (std::vector<double>{4 * 1e-9, 6 * 1e-9}));  // ns to s
    EXPECT_EQ(label_of(fine, "parameters"), "Size=10");
    EXPECT_FALSE(has_metric(run, "N.T.Broken", "Allocated Memory"));
}

TEST(BenchmarkDotNetReader, BrokenInputsNameTheFileThePlaceAndWhatWasExpected) {
    EXPECT_EQ(parse_error(R"({"HostEnvironmentInfo": {}})"),
              "report.json: expected a \"Benchmarks\" array (BenchmarkDotNet JSON exporter)");
    EXPECT_EQ(parse_error(file("")),
              "report.json: /Benchmarks: expected at least one benchmark, got an empty list");
    EXPECT_EQ(parse_error(file(R"({"Statistics": {"Mean": 1}})")),
              "report.json: /Benchmarks/0/FullName: expected the benchmark's FullName or Method");
    EXPECT_EQ(parse_error(file(R"({"FullName": "a"})")),
              "report.json: /Benchmarks/0/Statistics: expected the benchmark's Statistics");
    EXPECT_EQ(parse_error(file(R"({"FullName": "a", "Statistics": {"Mean": -1}})")),
              "report.json: /Benchmarks/0/Statistics/Mean: expected a finite, non-negative number, "
              "got -1");
    EXPECT_EQ(parse_error(file(R"({"FullName": "a", "Statistics": {"OriginalValues": [1, "x"]}})")),
              "report.json: /Benchmarks/0/Statistics/OriginalValues/1: expected a number, got "
              "\"x\"");
    EXPECT_EQ(parse_error(file(R"({"FullName": "a", "Statistics": {"Mean": 1}},
                                  {"FullName": "a", "Statistics": {"Mean": 2}})")),
              "report.json: /Benchmarks/1: expected each benchmark once, but \"a\" is also at "
              "/Benchmarks/0");
    EXPECT_EQ(parse_error(file(R"({"FullName": "a", "Statistics": {"Mean": 1}, "Measurements": [
        {"IterationMode": "Workload", "IterationStage": "Result", "Operations": 0,
         "Nanoseconds": 5}]})")),
              "report.json: /Benchmarks/0/Measurements/0/Operations: expected a positive number of "
              "operations");
    EXPECT_EQ(parse_error(file(R"({"FullName": "a", "Statistics": {"Mean": 1},
        "Metrics": [{"Value": 3}]})")),
              "report.json: /Benchmarks/0/Metrics/0/Descriptor: expected the metric's "
              "Descriptor.Id");
}

TEST(BenchmarkDotNetReader, TruncatedFilesAreSyntaxErrorsWithTheirPosition) {
    const std::string text = test::read_fixture("benchmarkdotnet/bencher/memory.json");
    const std::string message = parse_error(text.substr(0, text.size() / 2));
    EXPECT_EQ(message,
              "report.json: line 581, column 108: invalid JSON: syntax error while parsing value "
              "- invalid string: missing closing quote; last read: "
              "'\"AVX2+BMI1+BMI2+F16C+FMA+LZCNT+MOVBE,AVX,SSE3+SSSE3+SSE4.1+SSE4.2+POPCNT,X86Bas'");
}

TEST(BenchmarkDotNetReader, DetectionLooksAtTheContent) {
    for (const char* file :
         {"github-action-benchmark/benchmarkdotnet.json", "bencher/memory.json",
          "bencher/null_namespace.json", "bencher/two.json", "bencher/two_more.json"}) {
        EXPECT_TRUE(
            looks_like_benchmarkdotnet(test::read_fixture(std::string("benchmarkdotnet/") + file)))
            << file;
    }
    EXPECT_FALSE(looks_like_benchmarkdotnet(
        test::read_fixture("google-benchmark/github-action-benchmark/googlecpp_output.json")));
}

}  // namespace
}  // namespace caws::ingest
