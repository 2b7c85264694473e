#include "ingest/prometheus_reader.hpp"

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "support/fixtures.hpp"
#include "support/run_queries.hpp"

namespace caws::ingest {
namespace {

using test::error_of;
using test::find_metric;
using test::label_of;

model::Run parse(const std::string& text, const std::string& path = "query.json") {
    return parse_prometheus(text, model::Source{path, "prometheus"});
}

std::string parse_error(const std::string& text) {
    return error_of([&] { parse(text); });
}

const char* const k_memory =
    R"(process_resident_memory_bytes{instance="127.0.0.1:19090",job="prometheus"})";

TEST(PrometheusReader, AMatrixIsATimeSeries) {
    const std::string text = test::read_fixture("prometheus/matrix_memory.json");
    const model::Run run = parse(text);
    const auto json = nlohmann::json::parse(text);
    ASSERT_EQ(run.metrics.size(), 1u);
    const model::Metric& memory = find_metric(run, k_memory, "value");
    EXPECT_EQ(memory.unit, model::bytes());
    EXPECT_EQ(memory.direction, model::Direction::unknown);
    const auto& values = json["data"]["result"][0]["values"];
    ASSERT_EQ(memory.samples.size(), values.size());
    ASSERT_EQ(memory.timestamps.size(), values.size());
    for (std::size_t i = 0; i < values.size(); ++i) {
        EXPECT_EQ(memory.timestamps[i], values[i][0].get<double>());
        EXPECT_EQ(memory.samples[i], std::stod(values[i][1].get<std::string>()));
    }
    EXPECT_GT(memory.samples.back(), memory.samples.front());  // the server grew
    EXPECT_EQ(label_of(memory, "instance"), "127.0.0.1:19090");
    EXPECT_EQ(label_of(memory, "job"), "prometheus");
    EXPECT_EQ(label_of(memory, "__name__"), "<no label __name__>");
}

TEST(PrometheusReader, AVectorIsOneSamplePerSeries) {
    const model::Run run = parse(test::read_fixture("prometheus/vector_memory.json"));
    const model::Metric& memory = find_metric(run, k_memory, "value");
    EXPECT_EQ(memory.samples, std::vector<double>{50573312});
    EXPECT_EQ(memory.timestamps, std::vector<double>{1795427782.622});

    const model::Run up = parse(test::read_fixture("prometheus/vector_up.json"));
    const model::Metric& target =
        find_metric(up, R"(up{instance="127.0.0.1:19090",job="prometheus"})", "value");
    EXPECT_EQ(target.unit, (model::Unit{model::Dimension::other, ""}));

    const model::Run rate = parse(test::read_fixture("prometheus/vector_rate_without_name.json"));
    const model::Metric& by_code = find_metric(rate, R"({code="200"})", "value");
    EXPECT_EQ(by_code.samples, std::vector<double>{1});
    EXPECT_EQ(label_of(by_code, "code"), "200");
}

TEST(PrometheusReader, ScalarsAndUnitsFromNamingConventions) {
    const model::Run scalar = parse(test::read_fixture("prometheus/scalar_time.json"));
    const model::Metric& time = find_metric(scalar, "scalar", "value");
    EXPECT_EQ(time.samples, std::vector<double>{1795427782.649});
    EXPECT_EQ(time.timestamps, std::vector<double>{1795427782.649});

    const model::Run run =
        parse(R"({"status": "success", "data": {"resultType": "vector", "result": [
        {"metric": {"__name__": "http_request_duration_seconds_sum"}, "value": [10, "4.5"]},
        {"metric": {"__name__": "process_cpu_seconds_total"}, "value": [10, "+Inf"]},
        {"metric": {"__name__": "node_memory_MemAvailable_bytes"}, "value": [10, "1e9"]},
        {"metric": {"__name__": "cache_hit_ratio"}, "value": [10, "0.93"]},
        {"metric": {"__name__": "http_requests_total", "path": "/a\"b"}, "value": [10, "12"]},
        {"metric": {"__name__": "http_request_duration_seconds_count"}, "value": [10, "NaN"]},
        {"metric": {"__name__": "build_info"}, "value": [10, "1"]}],
        "warnings": ["PromQL info: metric might not be a counter"]},
        "warnings": ["partial response"]})");
    EXPECT_EQ(find_metric(run, "http_request_duration_seconds_sum", "value").unit,
              model::seconds());
    EXPECT_EQ(find_metric(run, "node_memory_MemAvailable_bytes", "value").unit, model::bytes());
    EXPECT_EQ(find_metric(run, "cache_hit_ratio", "value").unit, model::fraction());
    EXPECT_EQ(find_metric(run, R"(http_requests_total{path="/a\"b"})", "value").unit,
              model::count());
    EXPECT_EQ(run.metrics.size(), 5u);  // +Inf and NaN are skipped
    EXPECT_EQ(run.notes, (std::vector<std::string>{"Prometheus warning: partial response",
                                                   "2 NaN or infinite sample(s) skipped"}));
}

TEST(PrometheusReader, ErrorResponsesAreErrors) {
    EXPECT_EQ(parse_error(test::read_fixture("prometheus/error_bad_data.json")),
              "query.json: /error: the Prometheus query failed (bad_data): invalid parameter "
              "\"query\": 1:16: parse error: unclosed left parenthesis");
}

TEST(PrometheusReader, BrokenInputsNameTheFileThePlaceAndWhatWasExpected) {
    EXPECT_EQ(
        parse_error(R"({"status": "success", "data": {"resultType": "vector", "result": []}})"),
        "query.json: /data/result: expected at least one series with samples; the query "
        "matched nothing");
    EXPECT_EQ(parse_error(
                  R"({"status": "success", "data": {"resultType": "string", "result": [1, "a"]}})"),
              "query.json: /data/resultType: expected a vector, matrix or scalar result, got a "
              "string");
    EXPECT_EQ(parse_error(R"({"status": "success", "data": {"resultType": "vector"}})"),
              "query.json: /data: expected the query's \"result\"");
    EXPECT_EQ(parse_error(R"({"status": "pending"})"),
              "query.json: /status: expected \"success\" (a Prometheus API response), got "
              "\"pending\"");
    EXPECT_EQ(parse_error(R"({"status": "success", "data": {"resultType": "matrix", "result": [
        {"metric": {}, "values": [[1, "2"], [2, "fast"]]}]}})"),
              "query.json: /data/result/0/values/1/1: expected a sample value (a number in a "
              "string), got \"fast\"");
    EXPECT_EQ(parse_error(R"({"status": "success", "data": {"resultType": "matrix", "result": [
        {"metric": {}, "values": [[1, 2]]}]}})"),
              "query.json: /data/result/0/values/0/1: expected a string, got 2");
    EXPECT_EQ(parse_error(R"({"status": "success", "data": {"resultType": "matrix", "result": [
        {"metric": {}, "values": [[1]]}]}})"),
              "query.json: /data/result/0/values/0: expected a sample [timestamp, \"value\"]");
    EXPECT_EQ(parse_error(R"({"status": "success", "data": {"resultType": "vector", "result": [
        {"metric": {"a": "1"}, "value": [1, "2"]}, {"metric": {"a": "1"}, "value": [1, "3"]}]}})"),
              "query.json: /data/result/1: expected each series once, but {a=\"1\"} is also at "
              "/data/result/0");
}

TEST(PrometheusReader, TruncatedFilesAreSyntaxErrorsWithTheirPosition) {
    const std::string text = test::read_fixture("prometheus/matrix_memory.json");
    const std::string message = parse_error(text.substr(0, 100));
    EXPECT_EQ(message,
              "query.json: line 1, column 101: invalid JSON: syntax error while parsing value "
              "- invalid string: missing closing quote; last read: '\"process_resident_'");
}

TEST(PrometheusReader, DetectionLooksAtTheContent) {
    for (const char* file :
         {"vector_memory.json", "matrix_memory.json", "vector_rate_without_name.json",
          "vector_up.json", "scalar_time.json", "error_bad_data.json"}) {
        EXPECT_TRUE(looks_like_prometheus(test::read_fixture(std::string("prometheus/") + file)))
            << file;
    }
    EXPECT_FALSE(looks_like_prometheus(R"({"status": "ok", "data": {}})"));
}

}  // namespace
}  // namespace caws::ingest
