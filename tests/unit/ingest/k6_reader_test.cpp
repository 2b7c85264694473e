#include "ingest/k6_reader.hpp"

#include <gtest/gtest.h>

#include "support/fixtures.hpp"
#include "support/run_queries.hpp"

namespace caws::ingest {
namespace {

using test::error_of;
using test::find_metric;
using test::has_metric;

model::Run parse(const std::string& text, const std::string& path = "summary.json") {
    return parse_k6(text, model::Source{path, "k6"});
}

std::string parse_error(const std::string& text) {
    return error_of([&] { parse(text); });
}

TEST(K6Reader, SummaryExportTrendsAreSummariesInSeconds) {
    const model::Run run = parse(test::read_fixture("k6/summary-export.json"));
    const model::Metric& duration = find_metric(run, "http_req_duration", "value");
    EXPECT_EQ(duration.unit, model::seconds());
    EXPECT_EQ(duration.direction, model::Direction::lower);
    ASSERT_TRUE(duration.summary);
    const model::Summary& s = *duration.summary;
    EXPECT_DOUBLE_EQ(*s.mean, 144.56e-3);
    EXPECT_DOUBLE_EQ(*s.min, 104.11e-3);
    EXPECT_DOUBLE_EQ(*s.median, 110.47e-3);
    EXPECT_DOUBLE_EQ(*s.max, 1140e-3);
    EXPECT_DOUBLE_EQ(*s.p90, 203.54e-3);
    EXPECT_DOUBLE_EQ(*s.p95, 215.95e-3);
    EXPECT_FALSE(s.p99);
    EXPECT_EQ(s.n, 180u);  // http_reqs' count
    EXPECT_EQ(find_metric(run, "iteration_duration", "value").summary->n, 45u);
    EXPECT_DOUBLE_EQ(*find_metric(run, "group_duration", "value").summary->median, 6.78);
    EXPECT_EQ(find_metric(run, "group_duration", "value").summary->n, 0u);
    const model::Metric& expected =
        find_metric(run, "http_req_duration{expected_response:true}", "value");
    EXPECT_EQ(expected.unit, model::seconds());
    EXPECT_DOUBLE_EQ(*expected.summary->p95, 215.95e-3);
}

TEST(K6Reader, SummaryExportErrorRateThroughputAndCounters) {
    const model::Run run = parse(test::read_fixture("k6/summary-export.json"));
    const model::Metric& failed = find_metric(run, "http_req_failed", "value");
    EXPECT_EQ(failed.unit, model::fraction());
    EXPECT_EQ(failed.direction, model::Direction::lower);
    EXPECT_EQ(*failed.summary->mean, 0.0);
    EXPECT_EQ(failed.summary->n, 180u);
    const model::Metric& checks = find_metric(run, "checks", "value");
    EXPECT_EQ(checks.direction, model::Direction::higher);
    EXPECT_EQ(*checks.summary->mean, 0.5);
    EXPECT_EQ(checks.summary->n, 90u);
    const model::Metric& throughput = find_metric(run, "http_reqs", "rate");
    EXPECT_EQ(throughput.unit, model::per_second());
    EXPECT_EQ(throughput.direction, model::Direction::higher);
    EXPECT_EQ(throughput.samples, std::vector<double>{4.36938});
    const model::Metric& requests = find_metric(run, "http_reqs", "count");
    EXPECT_EQ(requests.samples, std::vector<double>{180});
    EXPECT_EQ(requests.direction, model::Direction::unknown);
    EXPECT_EQ(find_metric(run, "iterations", "rate").direction, model::Direction::higher);
    EXPECT_EQ(find_metric(run, "data_received", "count").unit, model::bytes());
    EXPECT_EQ(find_metric(run, "data_received", "rate").unit, model::bytes_per_second());
    EXPECT_EQ(find_metric(run, "data_received", "rate").direction, model::Direction::unknown);
    const model::Metric& vus = find_metric(run, "vus", "value");
    EXPECT_EQ(vus.samples, std::vector<double>{1});
    EXPECT_EQ(vus.direction, model::Direction::unknown);
    EXPECT_EQ(run.metrics.size(), 17u);
}

TEST(K6Reader, HandleSummaryDataSaysTypeAndContents) {
    const model::Run run = parse(test::read_fixture("k6/handle-summary.json"));
    const model::Metric& duration = find_metric(run, "http_req_duration", "value");
    EXPECT_DOUBLE_EQ(*duration.summary->p99, 230.9e-3);
    EXPECT_EQ(duration.summary->n, 2400u);  // its own count
    const model::Metric& failed = find_metric(run, "http_req_failed", "value");
    EXPECT_EQ(*failed.summary->mean, 0.0125);
    EXPECT_EQ(failed.summary->n, 2400u);
    const model::Metric& ttfa = find_metric(run, "ttfa", "value");  // a custom Trend(isTime)
    EXPECT_EQ(ttfa.unit, model::seconds());
    EXPECT_EQ(ttfa.direction, model::Direction::lower);
    EXPECT_DOUBLE_EQ(*ttfa.summary->p95, 6.9e-3);
    const model::Metric& depth = find_metric(run, "queue_depth", "value");
    EXPECT_EQ(depth.unit, model::count());
    EXPECT_EQ(depth.direction, model::Direction::unknown);
    EXPECT_EQ(*depth.summary->p99, 9.0);
    EXPECT_EQ(find_metric(run, "data_received", "count").samples, std::vector<double>{5242880});
    const std::vector<std::pair<std::string, std::string>> context{
        {"test_run_duration_ms", "30046.2"}};
    EXPECT_EQ(run.context.extra, context);
    EXPECT_FALSE(has_metric(run, "root_group", "value"));
}

TEST(K6Reader, BrokenInputsNameTheFileThePlaceAndWhatWasExpected) {
    EXPECT_EQ(parse_error(R"({"root_group": {}})"),
              "summary.json: expected a \"metrics\" object (k6 --summary-export)");
    EXPECT_EQ(parse_error(R"({"metrics": {}})"),
              "summary.json: /metrics: expected at least one metric, got an empty object");
    EXPECT_EQ(parse_error(R"({"metrics": {"x": {"thresholds": {}}}})"),
              "summary.json: /metrics/x: expected k6's statistics of a trend, rate, counter or "
              "gauge");
    EXPECT_EQ(parse_error(R"({"metrics": {"x": {"type": "histogram", "values": {"a": 1}}}})"),
              "summary.json: /metrics/x/type: expected \"trend\", \"rate\", \"counter\" or "
              "\"gauge\", got \"histogram\"");
    EXPECT_EQ(parse_error(R"({"metrics": {"x": {"type": "trend", "values": {"max": 1}}}})"),
              "summary.json: /metrics/x: expected the trend's \"avg\" or \"med\"");
    EXPECT_EQ(parse_error(R"({"metrics": {"http_reqs": {"count": "many", "rate": 1}}})"),
              "summary.json: /metrics/http_reqs/count: expected a number, got \"many\"");
    EXPECT_EQ(parse_error(R"({"metrics": {"http_req_duration": {"avg": NaN, "med": 1}}})"),
              "summary.json: /metrics/http_req_duration/avg: expected a finite number, got NaN");
}

TEST(K6Reader, TruncatedFilesAreSyntaxErrorsWithTheirPosition) {
    const std::string text = test::read_fixture("k6/summary-export.json");
    const std::string message = parse_error(text.substr(0, text.size() / 2));
    EXPECT_EQ(message,
              "summary.json: line 48, column 16: invalid JSON: syntax error while parsing "
              "object key - invalid string: missing closing quote; last read: '\"av'; "
              "expected string literal");
}

TEST(K6Reader, DetectionLooksAtTheContent) {
    EXPECT_TRUE(looks_like_k6(test::read_fixture("k6/summary-export.json")));
    EXPECT_TRUE(looks_like_k6(test::read_fixture("k6/handle-summary.json")));
    EXPECT_TRUE(looks_like_k6(R"({"metrics": {"http_req_duration": {"avg": 1, "med": 1}}})"));
    EXPECT_FALSE(looks_like_k6(R"({"metrics": [{"name": "latency"}]})"));
    EXPECT_FALSE(looks_like_k6(
        test::read_fixture("google-benchmark/github-action-benchmark/googlecpp_output.json")));
}

}  // namespace
}  // namespace caws::ingest
