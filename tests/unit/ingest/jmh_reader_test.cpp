#include "ingest/jmh_reader.hpp"

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "stats/descriptive.hpp"
#include "support/fixtures.hpp"
#include "support/run_queries.hpp"

namespace caws::ingest {
namespace {

using test::error_of;
using test::find_metric;
using test::label_of;

model::Run parse(const std::string& text, const std::string& path = "jmh.json") {
    return parse_jmh(text, model::Source{path, "jmh"});
}

std::string parse_error(const std::string& text) {
    return error_of([&] { parse(text); });
}

// One benchmark of JMH's JSON; `primary` and `secondary` are spliced in.
std::string benchmark(const std::string& name, const std::string& mode, const std::string& primary,
                      const std::string& secondary = "{}", const std::string& params = "") {
    std::string text = R"({"jmhVersion": "1.37", "benchmark": ")";
    text += name;
    text += R"(", "mode": ")";
    text += mode;
    text += R"(", "threads": 1, "forks": 2, )";
    if (!params.empty()) {
        text += R"("params": )";
        text += params;
        text += ", ";
    }
    text += R"("primaryMetric": )";
    text += primary;
    text += R"(, "secondaryMetrics": )";
    text += secondary;
    text += '}';
    return text;
}

// A JSON array of the given elements.
std::string array(std::initializer_list<std::string> elements) {
    std::string text(1, '[');
    for (const std::string& element : elements) {
        if (text.size() > 1) text += ", ";
        text += element;
    }
    text += ']';
    return text;
}

TEST(JmhReader, ReadsTheGithubActionBenchmarkFixturesLikeTheirExpectedParse) {
    for (const char* file : {"jmh_output.json", "jmh_output_2.json"}) {
        const std::string dir = "jmh/github-action-benchmark/";
        const std::string text = test::read_fixture(dir + file);
        const model::Run run = parse(text);
        const auto input = nlohmann::json::parse(text);
        const auto expected =
            nlohmann::json::parse(test::read_fixture(dir + file + ".expected.json"));
        ASSERT_EQ(run.metrics.size(), expected["benches"].size());
        for (std::size_t i = 0; i < expected["benches"].size(); ++i) {
            const auto& bench = expected["benches"][i];
            // github-action-benchmark appends the params as JSON; we write NAME[k=v,...].
            std::string name = input[i]["benchmark"];
            if (input[i].contains("params")) {
                std::string params;
                for (const auto& [key, value] : input[i]["params"].items()) {
                    params += (params.empty() ? "" : ",") + key + "=" + value.get<std::string>();
                }
                name += '[';
                name += params;
                name += ']';
            }
            const model::Metric& metric = find_metric(run, name, "thrpt");
            EXPECT_EQ(bench["unit"], "ops/s");
            EXPECT_EQ(metric.unit, model::per_second());
            EXPECT_EQ(metric.direction, model::Direction::higher);
            ASSERT_EQ(metric.samples.size(), 3u);  // "iterations: 3\nforks: 1"
            EXPECT_NEAR(stats::mean(metric.samples) / bench["value"].get<double>(), 1.0, 1e-12);
            EXPECT_EQ(label_of(metric, "forks"), "1");
            EXPECT_EQ(label_of(metric, "threads"), "1");
            EXPECT_EQ(label_of(metric, "mode"), "thrpt");
        }
    }
    const model::Run run =
        parse(test::read_fixture("jmh/github-action-benchmark/jmh_output_2.json"));
    const model::Metric& metric = run.metrics.at(0);
    EXPECT_EQ(
        metric.name,
        "org.openjdk.jmh.samples.JMHSample_01_HelloWorld.wellHelloThere[paramA=17,paramB=33]");
    EXPECT_EQ(label_of(metric, "params.paramA"), "17");
    EXPECT_EQ(label_of(metric, "params.paramB"), "33");
    const std::vector<std::pair<std::string, std::string>> context{
        {"jmhVersion", "1.29"},
        {"jvm", "/home/mmior/.jabba/jdk/1.8.202/jre/bin/java"},
        {"jdkVersion", "1.8.0_202"},
        {"vmName", "Java HotSpot(TM) 64-Bit Server VM"},
        {"vmVersion", "25.202-b08"}};
    EXPECT_EQ(run.context.extra, context);
}

TEST(JmhReader, ScoresMatchBenchersAdapterTests) {
    // bencher reports latency in ns/op and throughput in operations per nanosecond.
    const model::Run latency = parse(test::read_fixture("jmh/bencher/latency.json"));
    const model::Metric& time = latency.metrics.at(0);
    EXPECT_EQ(time.unit, model::seconds());
    EXPECT_EQ(time.direction, model::Direction::lower);
    EXPECT_NEAR(stats::mean(time.samples) * 1e9 / 3.3762388731228186e18, 1.0, 1e-12);

    const model::Run throughput = parse(test::read_fixture("jmh/bencher/throughput.json"));
    EXPECT_NEAR(stats::mean(throughput.metrics.at(0).samples) / 1e9 / 3.3762388731228183, 1.0,
                1e-12);

    const model::Run six = parse(test::read_fixture("jmh/bencher/six.json"));
    ASSERT_EQ(six.metrics.size(), 6u);
    const std::vector<std::pair<std::string, double>> expected{
        {"com.github.caffeine.caffeine.cache.ComputeBenchmark.compute_sameKey[computeType="
         "Caffeine]",
         0.15252013234402195},
        {"com.github.guava.caffeine.cache.ComputeBenchmark.compute_sameKey[computeType=Guava]",
         0.02994571861137783},
        {"com.github.hashmap.caffeine.cache.ComputeBenchmark.compute_sameKey[computeType="
         "ConcurrentHashMap]",
         0.007828947712794045},
        {"com.github.caffeine.caffeine.cache.ComputeBenchmark.compute_spread[computeType=Caffeine]",
         0.07581321887869738},
        {"com.github.guava.caffeine.cache.ComputeBenchmark.compute_spread[computeType=Guava]",
         0.03270998476377125},
        {"com.github.hashmap.caffeine.cache.ComputeBenchmark.compute_spread[computeType="
         "ConcurrentHashMap]",
         0.11364091667262992},
    };
    for (const auto& [name, ops_per_ns] : expected) {
        const model::Metric& metric = find_metric(six, name, "thrpt");
        EXPECT_NEAR(stats::mean(metric.samples) / 1e9 / ops_per_ns, 1.0, 1e-12) << name;
        EXPECT_EQ(label_of(metric, "threads"), "32");
    }
}

TEST(JmhReader, ForksSecondaryMetricsAndUnits) {
    const std::string primary = R"({"score": 2.0, "scoreUnit": "us/op",
        "rawData": [[1.0, 2.0, 3.0], [2.0, 2.0]]})";
    const std::string secondary = R"({
        "·gc.alloc.rate.norm": {"score": 48.0, "scoreUnit": "B/op", "rawData": [[48.0], [48.0]]},
        "·gc.alloc.rate": {"score": 12.5, "scoreUnit": "MB/sec", "rawData": [[12.0], [13.0]]},
        "·gc.count": {"score": 3.0, "scoreUnit": "counts", "rawData": [[1.0], [2.0]]}})";
    const model::Run run =
        parse(array({benchmark("b.Bench.run", "avgt", primary, secondary, R"({"size": "10"})")}));
    const model::Metric& time = find_metric(run, "b.Bench.run[size=10]", "avgt");
    EXPECT_EQ(time.samples, (std::vector<double>{1e-6, 2e-6, 3e-6, 2e-6, 2e-6}));
    EXPECT_EQ(time.direction, model::Direction::lower);
    const model::Metric& norm =
        find_metric(run, "b.Bench.run[size=10]", "avgt:·gc.alloc.rate.norm");
    EXPECT_EQ(norm.unit, model::bytes());
    EXPECT_EQ(norm.direction, model::Direction::lower);
    const model::Metric& rate = find_metric(run, "b.Bench.run[size=10]", "avgt:·gc.alloc.rate");
    EXPECT_EQ(rate.unit, model::bytes_per_second());
    EXPECT_EQ(rate.samples, (std::vector<double>{12e6, 13e6}));
    EXPECT_EQ(rate.direction, model::Direction::unknown);
    const model::Metric& count = find_metric(run, "b.Bench.run[size=10]", "avgt:·gc.count");
    EXPECT_EQ(count.unit, (model::Unit{model::Dimension::other, "counts"}));
    EXPECT_EQ(count.direction, model::Direction::unknown);
}

TEST(JmhReader, EveryModeOfOneBenchmarkIsAMeasure) {
    const model::Run run =
        parse(array({benchmark("b.B.run", "thrpt",
                               R"({"score": 5.0, "scoreUnit": "ops/ms", "rawData": [[5.0]]})"),
                     benchmark("b.B.run", "avgt",
                               R"({"score": 0.2, "scoreUnit": "ms/op", "rawData": [[0.2]]})")}));
    EXPECT_EQ(find_metric(run, "b.B.run", "thrpt").samples, std::vector<double>{5000.0});
    EXPECT_EQ(find_metric(run, "b.B.run", "avgt").samples, std::vector<double>{0.2e-3});
}

TEST(JmhReader, SampleModeWithoutRawDataIsASummaryOfItsPercentiles) {
    const std::string primary = R"({"score": 25.0, "scoreUnit": "ns/op",
        "scorePercentiles": {"0.0": 10.0, "50.0": 20.0, "90.0": 40.0, "95.0": 50.0,
                             "99.0": 90.0, "99.9": 120.0, "100.0": 400.0},
        "rawDataHistogram": [[[[10.0, 3], [20.0, 5]], [[40.0, 2]]], [[[400.0, 1]]]]})";
    const model::Run run = parse(array({benchmark("b.B.run", "sample", primary)}));
    const model::Metric& metric = find_metric(run, "b.B.run", "sample");
    EXPECT_TRUE(metric.samples.empty());
    ASSERT_TRUE(metric.summary);
    EXPECT_EQ(metric.summary->n, 11u);
    EXPECT_DOUBLE_EQ(*metric.summary->mean, 25e-9);
    EXPECT_DOUBLE_EQ(*metric.summary->median, 20e-9);
    EXPECT_DOUBLE_EQ(*metric.summary->p90, 40e-9);
    EXPECT_DOUBLE_EQ(*metric.summary->p95, 50e-9);
    EXPECT_DOUBLE_EQ(*metric.summary->p99, 90e-9);
    EXPECT_DOUBLE_EQ(*metric.summary->min, 10e-9);
    EXPECT_DOUBLE_EQ(*metric.summary->max, 400e-9);
    EXPECT_EQ(run.notes.at(0),
              "1 JMH score(s) without rawData read as summaries of their percentiles");
}

TEST(JmhReader, BrokenInputsNameTheFileThePlaceAndWhatWasExpected) {
    EXPECT_EQ(parse_error(R"({"benchmark": "x"})"),
              "jmh.json: expected a JSON array of benchmarks (JMH -rf json)");
    EXPECT_EQ(parse_error("[]"), "jmh.json: expected at least one benchmark, got an empty list");
    EXPECT_EQ(
        parse_error(R"([{"mode": "thrpt", "primaryMetric": {"score": 1, "scoreUnit": "ops/s"}}])"),
        "jmh.json: /0/benchmark: expected the benchmark's name");
    EXPECT_EQ(parse_error(R"([{"benchmark": "b", "mode": "thrpt"}])"),
              "jmh.json: /0/primaryMetric: expected the benchmark's primaryMetric");
    EXPECT_EQ(parse_error(R"([{"benchmark": "b", "primaryMetric": {"score": 1}}])"),
              "jmh.json: /0/primaryMetric/scoreUnit: expected the score's unit");
    EXPECT_EQ(parse_error(array({benchmark("b", "avgt", R"({"score": 1, "scoreUnit": "s/op",
                                                             "rawData": [[1.0, -2.0]]})")})),
              "jmh.json: /0/primaryMetric/rawData/0/1: expected a finite, non-negative number, "
              "got -2.0");
    EXPECT_EQ(parse_error(array({benchmark("b", "avgt", R"({"scoreUnit": "s/op"})")})),
              "jmh.json: /0/primaryMetric: expected a \"score\" or \"rawData\"");
    const std::string one = benchmark("b", "avgt", R"({"score": 1, "scoreUnit": "s/op"})");
    EXPECT_EQ(parse_error(array({one, one})),
              "jmh.json: /1: expected each benchmark, mode and parameters once, but \"b\" (avgt) "
              "is also at /0");
    EXPECT_EQ(parse_error(R"([{"benchmark": "b", "threads": "many"}])"),
              "jmh.json: /0/threads: expected a number, got \"many\"");
}

TEST(JmhReader, TruncatedFilesAreSyntaxErrorsWithTheirPosition) {
    const std::string text = test::read_fixture("jmh/bencher/six.json");
    const std::string message = parse_error(text.substr(0, text.size() / 2));
    EXPECT_EQ(message,
              "jmh.json: line 159, column 1: invalid JSON: syntax error while parsing object "
              "key - unexpected end of input; expected string literal");
}

TEST(JmhReader, DetectionLooksAtTheContent) {
    for (const char* file :
         {"github-action-benchmark/jmh_output.json", "github-action-benchmark/jmh_output_2.json",
          "bencher/latency.json", "bencher/throughput.json", "bencher/six.json"}) {
        EXPECT_TRUE(looks_like_jmh(test::read_fixture(std::string("jmh/") + file))) << file;
    }
    EXPECT_FALSE(looks_like_jmh(test::read_fixture(
        "custom-json/github-action-benchmark/customSmallerIsBetter_output.json")));
}

}  // namespace
}  // namespace caws::ingest
