#include "ingest/metric_summary_reader.hpp"

#include <gtest/gtest.h>

#include "support/fixtures.hpp"
#include "support/run_queries.hpp"

namespace caws::ingest {
namespace {

using test::error_of;
using test::find_metric;
using test::label_of;

model::Run parse(const std::string& text, const std::string& path = "summary.json") {
    return parse_metric_summary(text, model::Source{path, "metric-summary"});
}

std::string parse_error(const std::string& text) {
    return error_of([&] { parse(text); });
}

TEST(MetricSummaryReader, PercentileBaselinesAreSummaries) {
    const model::Run run = parse(test::read_fixture("metric-summary/percentile-baseline.json"));
    ASSERT_EQ(run.metrics.size(), 2u);
    const model::Metric& ttfa = find_metric(run, "ttfa_ms", "value");
    EXPECT_EQ(ttfa.unit, model::seconds());  // from the name's _ms
    EXPECT_EQ(ttfa.direction, model::Direction::lower);
    EXPECT_TRUE(ttfa.samples.empty());
    ASSERT_TRUE(ttfa.summary);
    EXPECT_EQ(ttfa.summary->n, 100u);
    EXPECT_DOUBLE_EQ(*ttfa.summary->median, 5.5e-3);
    EXPECT_DOUBLE_EQ(*ttfa.summary->p95, 6.9e-3);
    EXPECT_DOUBLE_EQ(*ttfa.summary->p99, 10.0e-3);
    EXPECT_FALSE(ttfa.summary->mean);
    EXPECT_EQ(ttfa.labels, (std::vector<std::pair<std::string, std::string>>{
                               {"timestamp", "2026-11-20T10:00:00Z"},
                               {"provider", "acme"},
                               {"text_length", "short"}}));
    EXPECT_TRUE(run.notes.empty());
}

TEST(MetricSummaryReader, LoadTestSummariesGatherNamedStatistics) {
    const model::Run run = parse(test::read_fixture("metric-summary/load-test-summary.json"));
    ASSERT_EQ(run.metrics.size(), 5u);
    const model::Metric& response = find_metric(run, "response_time_ms", "value");
    EXPECT_EQ(response.unit, model::seconds());
    EXPECT_EQ(response.direction, model::Direction::lower);
    ASSERT_TRUE(response.summary);
    EXPECT_DOUBLE_EQ(*response.summary->mean, 45.2e-3);
    EXPECT_DOUBLE_EQ(*response.summary->p95, 120e-3);
    EXPECT_DOUBLE_EQ(*response.summary->p99, 210.5e-3);
    EXPECT_DOUBLE_EQ(*response.summary->max, 1.32);
    const model::Metric& errors = find_metric(run, "error_rate", "value");
    EXPECT_EQ(errors.unit, model::fraction());
    EXPECT_EQ(errors.direction, model::Direction::lower);
    EXPECT_EQ(errors.samples, std::vector<double>{0.004});
    const model::Metric& rps = find_metric(run, "requests_per_second", "value");
    EXPECT_EQ(rps.unit, model::per_second());
    EXPECT_EQ(rps.direction, model::Direction::higher);
    const model::Metric& total = find_metric(run, "total_requests", "value");
    EXPECT_EQ(total.unit, model::count());
    EXPECT_EQ(total.direction, model::Direction::unknown);
    EXPECT_EQ(total.samples, std::vector<double>{12000});
    EXPECT_EQ(find_metric(run, "failed_requests", "value").direction, model::Direction::lower);
    EXPECT_EQ(run.context.date, "2026-11-20T10:30:00Z");
    EXPECT_EQ(run.context.extra,
              (std::vector<std::pair<std::string, std::string>>{{"test", "checkout-flow"}}));
}

TEST(MetricSummaryReader, ExplicitUnitsDirectionsSamplesAndIgnoredKeys) {
    const model::Run run = parse(R"({
        "conditions": {"build": "release"},
        "latency": {"unit": "us", "direction": "lower", "avg": 250, "med": 240, "std": 12,
                    "n": 500, "histogram": [1, 2, 3]},
        "cache_hit_ratio": {"mean": 0.93, "samples": [0.92, 0.94]},
        "startup_p99_s": 1.5,
        "version": 3,
        "ok": true})");
    const model::Metric& latency = find_metric(run, "latency", "value");
    EXPECT_EQ(latency.unit, model::seconds());
    EXPECT_DOUBLE_EQ(*latency.summary->mean, 250e-6);
    EXPECT_DOUBLE_EQ(*latency.summary->median, 240e-6);
    EXPECT_DOUBLE_EQ(*latency.summary->stddev, 12e-6);
    EXPECT_EQ(latency.summary->n, 500u);
    EXPECT_EQ(label_of(latency, "build"), "release");
    const model::Metric& hits = find_metric(run, "cache_hit_ratio", "value");
    EXPECT_EQ(hits.direction, model::Direction::higher);
    EXPECT_EQ(hits.samples, (std::vector<double>{0.92, 0.94}));
    EXPECT_DOUBLE_EQ(*find_metric(run, "startup_s", "value").summary->p99, 1.5);
    const model::Metric& version = find_metric(run, "version", "value");
    EXPECT_EQ(version.direction, model::Direction::unknown);
    EXPECT_EQ(run.notes,
              std::vector<std::string>{
                  "2 value(s) that are not metrics ignored (first: /latency/histogram)"});
}

TEST(MetricSummaryReader, BrokenInputsNameTheFileThePlaceAndWhatWasExpected) {
    EXPECT_EQ(parse_error(R"({"ttfa_ms": {"p50": 5.5, "p95": }})"),
              "summary.json: line 1, column 33: invalid JSON: syntax error while parsing value - "
              "unexpected '}'; expected '[', '{', or a literal");
    EXPECT_EQ(parse_error(R"({"service": "tts"})"),
              "summary.json: expected at least one metric (a number or an object of statistics)");
    EXPECT_EQ(parse_error(R"({"ttfa_ms": {"timestamp": "x"}})"),
              "summary.json: /ttfa_ms: expected statistics (p50, p95, p99, mean, ...) or "
              "\"samples\" for \"ttfa_ms\"");
    EXPECT_EQ(parse_error(R"({"ttfa_ms": {"p50": "fast"}})"),
              "summary.json: /ttfa_ms/p50: expected a number, got \"fast\"");
    EXPECT_EQ(parse_error(R"({"ttfa_ms": {"p95": 1e999}})"),
              "summary.json: /ttfa_ms/p95: expected a number within the range of a double, got "
              "1e999");
    EXPECT_EQ(parse_error(R"({"ttfa_ms": {"p50": 1, "median": 2}})"),
              "summary.json: /ttfa_ms/median: expected each statistic once, but \"median\" repeats "
              "another");
    EXPECT_EQ(parse_error(R"({"ttfa_ms": {"p50": 1, "sample_count": -4}})"),
              "summary.json: /ttfa_ms/sample_count: expected a count of at least 0");
    EXPECT_EQ(
        parse_error(R"({"ttfa_ms": {"p50": 1, "direction": "smaller"}})"),
        "summary.json: /ttfa_ms/direction: expected \"lower\", \"higher\" or \"unknown\", got "
        "\"smaller\"");
    EXPECT_EQ(parse_error(R"({"p95_latency_ms": 5, "latency_ms_p95": 6})"),
              "summary.json: /latency_ms_p95: expected each statistic of \"latency_ms\" once, but "
              "it is also given at /p95_latency_ms");
    EXPECT_EQ(
        parse_error(R"({"latency_ms": {"p95": 5}, "p99_latency_ms": 6})"),
        "summary.json: /p99_latency_ms: expected \"latency_ms\" once, but it is also given at "
        "/latency_ms");
}

TEST(MetricSummaryReader, TruncatedFilesAreSyntaxErrorsWithTheirPosition) {
    const std::string text = test::read_fixture("metric-summary/percentile-baseline.json");
    const std::string message = parse_error(text.substr(0, text.size() / 2));
    EXPECT_EQ(message,
              "summary.json: line 10, column 2: invalid JSON: syntax error while parsing "
              "object key - unexpected end of input; expected string literal");
}

TEST(MetricSummaryReader, DetectionLooksForStatisticsOrLoadTestNames) {
    EXPECT_TRUE(
        looks_like_metric_summary(test::read_fixture("metric-summary/percentile-baseline.json")));
    EXPECT_TRUE(
        looks_like_metric_summary(test::read_fixture("metric-summary/load-test-summary.json")));
    EXPECT_TRUE(looks_like_metric_summary(R"({"x": {"mean": 1}})"));
    EXPECT_FALSE(looks_like_metric_summary(R"({"version": 3, "name": "x"})"));
    EXPECT_FALSE(looks_like_metric_summary(R"({"a": {"n": 3}})"));
    EXPECT_FALSE(looks_like_metric_summary(test::read_fixture("bmf/bencher/report_latency.json")));
    EXPECT_FALSE(looks_like_metric_summary(R"([{"p50": 1}])"));
}

}  // namespace
}  // namespace caws::ingest
