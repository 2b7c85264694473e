#include "ingest/caws_metrics_reader.hpp"

#include <gtest/gtest.h>

#include "support/fixtures.hpp"
#include "support/run_queries.hpp"

namespace caws::ingest {
namespace {

using test::error_of;
using test::find_metric;
using test::has_metric;
using test::label_of;

model::Run parse(const std::string& text, const std::string& path = "metrics.json") {
    return parse_caws_metrics(text, model::Source{path, "caws-metrics"});
}

std::string parse_error(const std::string& text) {
    return error_of([&] { parse(text); });
}

// A file with the given metrics.
std::string file(const std::string& metrics) {
    std::string text = R"({"schema": "caws-gate/metrics@1", "metrics": [)";
    text += metrics;
    text += "]}";
    return text;
}

TEST(CawsMetricsReader, ConditionsArePartOfTheNameAndPhasesAreMetrics) {
    const model::Run run = parse(test::read_fixture("caws-metrics/tts.json"));
    ASSERT_EQ(run.metrics.size(), 8u);
    const model::Metric& acme = find_metric(run, "ttfa{provider=acme,text_length=120}", "value");
    EXPECT_EQ(acme.unit, model::seconds());
    EXPECT_EQ(acme.direction, model::Direction::lower);
    EXPECT_EQ(acme.samples, (std::vector<double>{5.1 * 1e-3, 5.4 * 1e-3, 5.6 * 1e-3, 5.2 * 1e-3,
                                                 6.9 * 1e-3, 5.5 * 1e-3}));
    EXPECT_EQ(acme.labels,
              (std::vector<std::pair<std::string, std::string>>{
                  {"region", "eu-west-1"}, {"provider", "acme"}, {"text_length", "120"}}));
    const model::Metric& capture =
        find_metric(run, "ttfa.phase.audio_capture{provider=acme,text_length=120}", "value");
    EXPECT_EQ(capture.unit, model::seconds());
    EXPECT_EQ(capture.direction, model::Direction::lower);
    EXPECT_EQ(capture.samples.size(), 6u);
    EXPECT_EQ(label_of(capture, "phase"), "audio_capture");
    EXPECT_EQ(label_of(capture, "provider"), "acme");
    const model::Metric& synthesis =
        find_metric(run, "ttfa.phase.synthesis{provider=acme,text_length=120}", "value");
    ASSERT_TRUE(synthesis.summary);  // its own unit, us
    EXPECT_EQ(synthesis.summary->n, 6u);
    EXPECT_DOUBLE_EQ(*synthesis.summary->median, 3.9e-3);
    EXPECT_DOUBLE_EQ(*synthesis.summary->p95, 5.1e-3);
    EXPECT_DOUBLE_EQ(*synthesis.summary->mean, 4.05e-3);
    const model::Metric& globex =
        find_metric(run, "ttfa{provider=globex,text_length=120}", "value");
    EXPECT_EQ(globex.summary->n, 100u);
    EXPECT_DOUBLE_EQ(*globex.summary->p99, 14e-3);
}

TEST(CawsMetricsReader, UnitsTimeSeriesStatusAndContext) {
    const model::Run run = parse(test::read_fixture("caws-metrics/tts.json"));
    const model::Metric& errors = find_metric(run, "error_rate", "value");
    EXPECT_EQ(errors.unit, model::fraction());
    EXPECT_DOUBLE_EQ(*errors.summary->mean, 0.004);
    EXPECT_EQ(find_metric(run, "throughput", "value").unit, model::per_second());
    EXPECT_EQ(find_metric(run, "throughput", "value").direction, model::Direction::higher);
    const model::Metric& rss = find_metric(run, "rss", "memory");
    EXPECT_EQ(rss.unit, model::bytes());
    EXPECT_EQ(rss.samples.front(), 212.0 * 1048576);
    EXPECT_EQ(rss.timestamps,
              (std::vector<double>{1795427700, 1795427760, 1795427820, 1795427880}));
    EXPECT_EQ(label_of(rss, "process"), "tts-server");
    const model::Metric& warm = find_metric(run, "warm_start", "value");
    EXPECT_EQ(warm.status, model::Status::skipped);
    EXPECT_EQ(warm.message, "cache disabled on this runner");
    EXPECT_EQ(run.context.host, "loadgen-2");
    EXPECT_EQ(run.context.date, "2026-11-20T10:00:00Z");
    EXPECT_EQ(run.context.extra, (std::vector<std::pair<std::string, std::string>>{
                                     {"commit", "4f41dd6"}, {"replicas", "3"}}));
}

TEST(CawsMetricsReader, AMetricMayBeGivenOnlyByItsPhases) {
    const model::Run run = parse(test::read_fixture("caws-metrics/phases-only.json"));
    ASSERT_EQ(run.metrics.size(), 2u);
    EXPECT_FALSE(has_metric(run, "latency", "value"));
    EXPECT_EQ(find_metric(run, "latency.phase.render", "value").samples,
              (std::vector<double>{12.0 * 1e-3, 12.5 * 1e-3, 11.8 * 1e-3}));
}

TEST(CawsMetricsReader, UnknownUnitsAreKeptAsWritten) {
    const model::Run run = parse(file(R"({"name": "quality", "unit": "MOS", "direction": "higher",
                                          "samples": [4.1, 4.3]})"));
    const model::Metric& quality = find_metric(run, "quality", "value");
    EXPECT_EQ(quality.unit, (model::Unit{model::Dimension::other, "MOS"}));
    EXPECT_EQ(quality.samples, (std::vector<double>{4.1, 4.3}));
}

TEST(CawsMetricsReader, BrokenInputsNameTheFileThePlaceAndWhatWasExpected) {
    EXPECT_EQ(
        parse_error(R"({"schema": "caws-gate/metrics@2", "metrics": []})"),
        "metrics.json: /schema: expected \"caws-gate/metrics@1\", got \"caws-gate/metrics@2\"");
    EXPECT_EQ(parse_error(R"({"metrics": [{"name": "a", "unit": "ms", "direction": "lower",
                                            "samples": [1]}]})"),
              "metrics.json: /schema: expected \"schema\": \"caws-gate/metrics@1\"");
    EXPECT_EQ(parse_error(R"({"schema": "caws-gate/metrics@1"})"),
              "metrics.json: /metrics: expected the \"metrics\" array");
    EXPECT_EQ(parse_error(file("")),
              "metrics.json: /metrics: expected at least one metric, got an empty list");
    EXPECT_EQ(parse_error(R"({"schema": "caws-gate/metrics@1", "metric": []})"),
              "metrics.json: /metric: unknown key \"metric\"; expected schema, context, conditions "
              "or metrics");
    EXPECT_EQ(
        parse_error(file(R"({"name": "a", "unit": "ms", "direction": "lower", "sampels": [1]})")),
        "metrics.json: /metrics/0/sampels: unknown key \"sampels\"; expected one of name, "
        "measure, unit, direction, samples, timestamps, summary, conditions, labels, phases, "
        "status, message, description");
    EXPECT_EQ(parse_error(file(R"({"unit": "ms", "direction": "lower", "samples": [1]})")),
              "metrics.json: /metrics/0/name: expected the metric's name");
    EXPECT_EQ(parse_error(file(R"({"name": "a", "direction": "lower", "samples": [1]})")),
              "metrics.json: /metrics/0/unit: expected the metric's \"unit\" (ms, s, B, %, 1/s, "
              "count, ...)");
    EXPECT_EQ(parse_error(file(R"({"name": "a", "unit": "ms", "samples": [1]})")),
              "metrics.json: /metrics/0/direction: expected the metric's \"direction\": \"lower\", "
              "\"higher\" or \"unknown\"");
    EXPECT_EQ(
        parse_error(file(R"({"name": "a", "unit": "ms", "direction": "down", "samples": [1]})")),
        "metrics.json: /metrics/0/direction: expected \"lower\", \"higher\" or \"unknown\", "
        "got \"down\"");
    EXPECT_EQ(parse_error(file(R"({"name": "a", "unit": "ms", "direction": "lower"})")),
              "metrics.json: /metrics/0: expected \"samples\", a \"summary\", \"phases\" or a "
              "\"status\"");
    EXPECT_EQ(
        parse_error(file(R"({"name": "a", "unit": "ms", "direction": "lower", "samples": []})")),
        "metrics.json: /metrics/0/samples: expected at least one sample, or a \"summary\"");
    EXPECT_EQ(
        parse_error(
            file(R"({"name": "a", "unit": "ms", "direction": "lower", "samples": [1, -2]})")),
        "metrics.json: /metrics/0/samples/1: expected a non-negative value for a metric in ms");
    EXPECT_EQ(parse_error(file(
                  R"({"name": "a", "unit": "ms", "direction": "lower", "samples": [1, "2"]})")),
              "metrics.json: /metrics/0/samples/1: expected a number, got \"2\"");
    EXPECT_EQ(
        parse_error(file(R"({"name": "a", "unit": "ms", "direction": "lower", "samples": [1, 2],
                                   "timestamps": [100]})")),
        "metrics.json: /metrics/0/timestamps: expected one timestamp per sample, got 1 "
        "timestamps for 2 samples");
    EXPECT_EQ(parse_error(file(R"({"name": "a", "unit": "ms", "direction": "lower",
                                   "summary": {"p50": 1, "p999": 2}})")),
              "metrics.json: /metrics/0/summary/p999: unknown statistic \"p999\"; expected count, "
              "mean, stddev, min, max, p50, median, p90, p95 or p99");
    EXPECT_EQ(parse_error(file(R"({"name": "a", "unit": "ms", "direction": "lower",
                                   "summary": {"p50": 1, "median": 2}})")),
              "metrics.json: /metrics/0/summary/median: expected each statistic once (p50 and "
              "median are the same)");
    EXPECT_EQ(parse_error(file(
                  R"({"name": "a", "unit": "ms", "direction": "lower", "summary": {"count": 3}})")),
              "metrics.json: /metrics/0/summary: expected at least one statistic (mean, p50, p95, "
              "...)");
    EXPECT_EQ(parse_error(file(R"({"name": "a", "unit": "ms", "direction": "lower", "samples": [1],
                                   "conditions": {"provider": {"name": "x"}}})")),
              "metrics.json: /metrics/0/conditions/provider: expected a string, number or boolean, "
              "got an object");
    EXPECT_EQ(parse_error(file(R"({"name": "a", "unit": "ms", "direction": "lower", "samples": [1],
                                   "phases": {"p": {"name": "b", "samples": [1]}}})")),
              "metrics.json: /metrics/0/phases/p/name: unknown key \"name\"; expected one of unit, "
              "direction, samples, timestamps, summary, labels, status, message, description");
    EXPECT_EQ(parse_error(file(R"({"name": "a", "unit": "ms", "direction": "lower", "samples": [1]},
                               {"name": "a", "unit": "s", "direction": "lower", "samples": [2]})")),
              "metrics.json: /metrics/1: expected each metric once, but \"a\" (value) is also at "
              "/metrics/0");
}

TEST(CawsMetricsReader, TruncatedFilesAreSyntaxErrorsWithTheirPosition) {
    const std::string text = test::read_fixture("caws-metrics/tts.json");
    const std::string message = parse_error(text.substr(0, text.size() / 2));
    EXPECT_EQ(message,
              "metrics.json: line 18, column 31: invalid JSON: syntax error while parsing "
              "object key - invalid string: missing closing quote; last read: '\"provider'; "
              "expected string literal");
}

TEST(CawsMetricsReader, DetectionLooksForTheSchema) {
    EXPECT_TRUE(looks_like_caws_metrics(test::read_fixture("caws-metrics/tts.json")));
    EXPECT_TRUE(looks_like_caws_metrics(test::read_fixture("caws-metrics/phases-only.json")));
    EXPECT_TRUE(looks_like_caws_metrics(R"({"schema": "caws-gate/metrics@2"})"));
    EXPECT_FALSE(looks_like_caws_metrics(R"({"schema": "caws-gate/baseline@1"})"));
    EXPECT_FALSE(
        looks_like_caws_metrics(test::read_fixture("metric-summary/percentile-baseline.json")));
}

}  // namespace
}  // namespace caws::ingest
