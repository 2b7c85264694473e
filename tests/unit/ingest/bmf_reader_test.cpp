#include "ingest/bmf_reader.hpp"

#include <gtest/gtest.h>

#include "support/fixtures.hpp"
#include "support/run_queries.hpp"

namespace caws::ingest {
namespace {

using test::error_of;
using test::find_metric;
using test::label_of;

model::Run parse(const std::string& text, const std::string& path = "bmf.json") {
    return parse_bmf(text, model::Source{path, "bmf"});
}

std::string parse_error(const std::string& text) {
    return error_of([&] { parse(text); });
}

TEST(BmfReader, LatencyMatchesBenchersAdapterTests) {
    const model::Run run = parse(test::read_fixture("bmf/bencher/report_latency.json"));
    ASSERT_EQ(run.metrics.size(), 3u);
    const std::vector<std::tuple<std::string, double, std::string>> expected{
        {"tests::benchmark_a", 3247.0, "1044.0"},
        {"tests::benchmark_b", 3443.0, "2275.0"},
        {"tests::benchmark_c", 3361.0, "1093.0"}};
    for (const auto& [name, nanoseconds, bound] : expected) {
        const model::Metric& metric = find_metric(run, name, "latency");
        EXPECT_EQ(metric.unit, model::seconds());
        EXPECT_EQ(metric.direction, model::Direction::lower);
        EXPECT_EQ(metric.samples, std::vector<double>{nanoseconds * 1e-9});
        EXPECT_EQ(label_of(metric, "lower_value"), bound);
        EXPECT_EQ(label_of(metric, "upper_value"), bound);
    }
    const model::Run mixed = parse(test::read_fixture("bmf/bencher/report_bmf_mixed.json"));
    EXPECT_EQ(find_metric(mixed, "31aba8a9-977a-47d1-9fb6-e6b94b428471", "latency").samples,
              std::vector<double>{3247.0 * 1e-9});
    EXPECT_EQ(find_metric(mixed, "benchmark-b", "latency").samples,
              std::vector<double>{3443.0 * 1e-9});
}

TEST(BmfReader, DhatMeasuresMatchBenchersAdapterTests) {
    const model::Run run = parse(test::read_fixture("bmf/bencher/report_dhat.json"));
    ASSERT_EQ(run.metrics.size(), 6u);
    for (const auto& [measure, value] :
         std::vector<std::pair<std::string, double>>{{"Final Blocks", 0.0},
                                                     {"Final Bytes", 0.0},
                                                     {"Max Blocks", 1.0},
                                                     {"Max Bytes", 9.0},
                                                     {"Total Blocks", 100.0},
                                                     {"Total Bytes", 662.0}}) {
        const model::Metric& metric = find_metric(run, "bench_play_game", measure);
        EXPECT_EQ(metric.samples, std::vector<double>{value}) << measure;
        EXPECT_EQ(metric.direction, model::Direction::lower);
        EXPECT_TRUE(metric.labels.empty());
    }
    EXPECT_EQ(find_metric(run, "bench_play_game", "Max Bytes").unit, model::bytes());
    EXPECT_EQ(find_metric(run, "bench_play_game", "Max Blocks").unit, model::count());
}

TEST(BmfReader, BuiltInMeasuresHaveUnitsAndOthersAreKeptAsWritten) {
    const model::Run run = parse(R"({
        "my_binary": {"file-size": {"value": 42.0}},
        "/bin/sh -c ./build.sh": {"build-time": {"value": 87.0}},
        "bench": {"throughput": {"value": 5.55, "lower_value": 3.14, "upper_value": 6.30},
                  "instructions": {"value": 1200},
                  "score": {"value": -4.5}}})");
    EXPECT_EQ(find_metric(run, "my_binary", "file-size").unit, model::bytes());
    const model::Metric& build = find_metric(run, "/bin/sh -c ./build.sh", "build-time");
    EXPECT_EQ(build.unit, model::seconds());
    EXPECT_EQ(build.samples, std::vector<double>{87.0});
    const model::Metric& throughput = find_metric(run, "bench", "throughput");
    EXPECT_EQ(throughput.unit, model::per_second());
    EXPECT_EQ(throughput.direction, model::Direction::higher);
    EXPECT_EQ(label_of(throughput, "upper_value"), "6.30");
    EXPECT_EQ(find_metric(run, "bench", "instructions").unit, model::count());
    const model::Metric& score = find_metric(run, "bench", "score");
    EXPECT_EQ(score.direction, model::Direction::unknown);
    EXPECT_EQ(score.unit, (model::Unit{model::Dimension::other, ""}));
    EXPECT_EQ(score.samples, std::vector<double>{-4.5});
}

TEST(BmfReader, BrokenInputsNameTheFileThePlaceAndWhatWasExpected) {
    EXPECT_EQ(parse_error(R"({"a": {"latency": {"value": 1.0,}}})"),
              "bmf.json: line 1, column 33: invalid JSON: syntax error while parsing object key - "
              "unexpected '}'; expected string literal");
    EXPECT_EQ(parse_error("{}"), "bmf.json: expected at least one benchmark, got an empty object");
    EXPECT_EQ(parse_error(R"({"a": {}})"),
              "bmf.json: /a: expected at least one measure ({\"latency\": {\"value\": ...}}), got "
              "an empty object");
    EXPECT_EQ(parse_error(R"({"a": {"latency": {"lower_value": 1}}})"),
              "bmf.json: /a/latency/value: expected the measure's \"value\"");
    EXPECT_EQ(parse_error(R"({"a": {"latency": {"value": "1"}}})"),
              "bmf.json: /a/latency/value: expected a number, got \"1\"");
    EXPECT_EQ(parse_error(R"({"a": {"latency": 12}})"),
              "bmf.json: /a/latency: expected an object, got 12");
    EXPECT_EQ(parse_error(R"({"a/b~c": {"latency": {"value": NaN}}})"),
              "bmf.json: /a~1b~0c/latency/value: expected a finite number, got NaN");
    EXPECT_EQ(parse_error("[]"), "bmf.json: expected a JSON object at the top level");
}

TEST(BmfReader, TruncatedFilesAreSyntaxErrorsWithTheirPosition) {
    const std::string text = test::read_fixture("bmf/bencher/report_latency.json");
    const std::string message = parse_error(text.substr(0, text.size() / 2));
    EXPECT_EQ(message,
              "bmf.json: line 12, column 4: invalid JSON: syntax error while parsing object "
              "key - unexpected end of input; expected string literal");
}

TEST(BmfReader, DetectionLooksAtTheContent) {
    for (const char* file : {"report_bmf_mixed.json", "report_dhat.json", "report_latency.json"}) {
        EXPECT_TRUE(looks_like_bmf(test::read_fixture(std::string("bmf/bencher/") + file))) << file;
    }
    EXPECT_FALSE(looks_like_bmf(R"({"ttfa_ms": {"p50": 5.5, "p95": 6.9}})"));
    EXPECT_FALSE(looks_like_bmf(R"({"a": {"b": 1}})"));
}

}  // namespace
}  // namespace caws::ingest
