#include "ingest/hyperfine_reader.hpp"

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

model::Run parse(const std::string& text, const std::string& path = "hyperfine.json") {
    return parse_hyperfine(text, model::Source{path, "hyperfine"});
}

std::string parse_error(const std::string& text) {
    return error_of([&] { parse(text); });
}

TEST(HyperfineReader, TimesAreSamplesMatchingBenchersAdapterTests) {
    // bencher reports the mean (or the median, with min and max) in nanoseconds.
    const model::Run two = parse(test::read_fixture("hyperfine/bencher/two.json"));
    const model::Metric& fast = find_metric(two, "sleep 0.1", "time");
    EXPECT_EQ(fast.unit, model::seconds());
    EXPECT_EQ(fast.direction, model::Direction::lower);
    ASSERT_EQ(fast.samples.size(), 27u);
    EXPECT_NEAR(stats::mean(fast.samples) * 1e9, 107534464.42370372, 1e-3);
    EXPECT_NEAR(stats::median(fast.samples) * 1e9, 106525351.72, 1e-3);
    EXPECT_NEAR(stats::minimum(fast.samples) * 1e9, 102474685.72, 1e-3);
    EXPECT_NEAR(stats::maximum(fast.samples) * 1e9, 115336892.72, 1e-3);
    const model::Metric& slow = find_metric(two, "sleep 0.2", "time");
    EXPECT_NEAR(stats::mean(slow.samples) * 1e9, 208513999.10461543, 1e-3);
    EXPECT_NEAR(stats::median(slow.samples) * 1e9, 208661518.72, 1e-3);

    const model::Run one = parse(test::read_fixture("hyperfine/bencher/one.json"));
    const model::Metric& tiny = find_metric(one, "sleep 0.01", "time");
    EXPECT_NEAR(stats::mean(tiny.samples) * 1e9, 13317239.025420565, 1e-3);
    EXPECT_NEAR(stats::median(tiny.samples) * 1e9, 13251329.96, 1e-3);
    EXPECT_NEAR(stats::minimum(tiny.samples) * 1e9, 10165892.459999999, 1e-3);
    EXPECT_NEAR(stats::maximum(tiny.samples) * 1e9, 21347058.459999997, 1e-3);
}

TEST(HyperfineReader, UserAndSystemAreReportedMeansWithoutADirection) {
    const model::Run run = parse(test::read_fixture("hyperfine/bencher/two.json"));
    ASSERT_EQ(run.metrics.size(), 6u);
    const model::Metric& user = find_metric(run, "sleep 0.1", "user");
    EXPECT_EQ(user.direction, model::Direction::unknown);
    EXPECT_TRUE(user.samples.empty());
    ASSERT_TRUE(user.summary);
    EXPECT_EQ(user.summary->n, 27u);
    EXPECT_DOUBLE_EQ(*user.summary->mean, 0.0007174962962962964);
    EXPECT_DOUBLE_EQ(*find_metric(run, "sleep 0.2", "system").summary->mean, 0.0020861323076923075);
    EXPECT_TRUE(run.notes.empty());
}

TEST(HyperfineReader, RealExportsFromDebiansHyperfine) {
    const std::string text = test::read_fixture("hyperfine/generated/sleep.json");
    const model::Run run = parse(text);
    const auto json = nlohmann::json::parse(text);
    for (const auto& result : json["results"]) {
        const model::Metric& time = find_metric(run, result["command"], "time");
        EXPECT_EQ(time.samples, result["times"].get<std::vector<double>>());
        EXPECT_NEAR(stats::mean(time.samples), result["mean"].get<double>(), 1e-12);
    }
    EXPECT_EQ(find_metric(run, "sleep 0.01", "time").samples.size(), 10u);
}

TEST(HyperfineReader, ParametersAreLabelsAndNonZeroExitCodesAreCounted) {
    const model::Run run = parse(test::read_fixture("hyperfine/generated/parameters.json"));
    const model::Metric& ok = find_metric(run, "exit 0", "time");
    EXPECT_EQ(label_of(ok, "parameters.code"), "0");
    EXPECT_EQ(label_of(ok, "failed_runs"), "<no label failed_runs>");
    const model::Metric& failing = find_metric(run, "exit 1", "time");
    EXPECT_EQ(label_of(failing, "parameters.code"), "1");
    EXPECT_EQ(label_of(failing, "failed_runs"), "5 of 5");
    EXPECT_EQ(failing.status, model::Status::ok);
    EXPECT_EQ(failing.samples.size(), 5u);
    ASSERT_EQ(run.notes.size(), 1u);
    EXPECT_EQ(run.notes[0],
              "1 command(s) had runs with a non-zero exit code (see the \"failed_runs\" label); "
              "hyperfine kept them because of -i");
}

TEST(HyperfineReader, MemoryUsageAndSignalledRuns) {
    // Newer hyperfine versions add memory_usage_byte; a run killed by a signal has a null
    // exit code.
    const model::Run run = parse(R"({"results": [{"command": "gzip -k big", "mean": 0.2,
        "stddev": null, "median": 0.2, "user": 0.15, "system": 0.05, "min": 0.1, "max": 0.3,
        "times": [0.1, 0.2, 0.3], "memory_usage_byte": [4194304, 4198400, 4190208],
        "exit_codes": [0, null, 0]}]})");
    const model::Metric& memory = find_metric(run, "gzip -k big", "memory");
    EXPECT_EQ(memory.unit, model::bytes());
    EXPECT_EQ(memory.direction, model::Direction::lower);
    EXPECT_EQ(memory.samples, (std::vector<double>{4194304, 4198400, 4190208}));
    EXPECT_EQ(label_of(memory, "failed_runs"), "1 of 3");
}

TEST(HyperfineReader, OldExportsWithoutTimesAreSummaries) {
    const model::Run run = parse(R"({"results": [{"command": "make", "mean": 2.5,
        "stddev": 0.1, "median": 2.4, "user": 2.0, "system": 0.4, "min": 2.3, "max": 2.8}]})");
    const model::Metric& time = find_metric(run, "make", "time");
    EXPECT_TRUE(time.samples.empty());
    ASSERT_TRUE(time.summary);
    EXPECT_EQ(*time.summary->mean, 2.5);
    EXPECT_EQ(*time.summary->stddev, 0.1);
    EXPECT_EQ(*time.summary->median, 2.4);
    EXPECT_EQ(*time.summary->min, 2.3);
    EXPECT_EQ(*time.summary->max, 2.8);
    EXPECT_FALSE(has_metric(run, "make", "memory"));
}

TEST(HyperfineReader, BrokenInputsNameTheFileThePlaceAndWhatWasExpected) {
    EXPECT_EQ(parse_error(R"({"results": [{"command": "a", "times": [0.1,]}]})"),
              "hyperfine.json: line 1, column 45: invalid JSON: syntax error while parsing "
              "value - unexpected ']'; expected '[', '{', or a literal");
    EXPECT_EQ(parse_error(R"({"benchmarks": []})"),
              "hyperfine.json: expected a \"results\" array (hyperfine --export-json)");
    EXPECT_EQ(parse_error(R"({"results": []})"),
              "hyperfine.json: /results: expected at least one result, got an empty list");
    EXPECT_EQ(parse_error(R"({"results": [{"times": [0.1]}]})"),
              "hyperfine.json: /results/0/command: expected the command");
    EXPECT_EQ(parse_error(R"({"results": [{"command": "a", "times": [0.1, -0.5]}]})"),
              "hyperfine.json: /results/0/times/1: expected a finite, non-negative number, got "
              "-0.5");
    EXPECT_EQ(parse_error(R"({"results": [{"command": "a", "times": "fast"}]})"),
              "hyperfine.json: /results/0/times: expected an array, got \"fast\"");
    EXPECT_EQ(parse_error(R"({"results": [{"command": "a"}]})"),
              "hyperfine.json: /results/0/times: expected the \"times\" of the runs, or their "
              "\"mean\"");
    EXPECT_EQ(parse_error(R"({"results": [{"command": "a", "times": [1]},
                                          {"command": "a", "times": [2]}]})"),
              "hyperfine.json: /results/1/command: expected each command once, but \"a\" is also "
              "at /results/0 (name them with hyperfine --command-name)");
    EXPECT_EQ(parse_error(R"({"results": [{"command": "a", "times": [1], "exit_codes": [0.5]}]})"),
              "hyperfine.json: /results/0/exit_codes/0: expected an integer, got 0.5");
}

TEST(HyperfineReader, TruncatedFilesAreSyntaxErrorsWithTheirPosition) {
    const std::string text = test::read_fixture("hyperfine/bencher/two.json");
    const std::string message = parse_error(text.substr(0, text.size() / 3));
    EXPECT_EQ(message,
              "hyperfine.json: line 30, column 3: invalid JSON: syntax error while parsing "
              "value - unexpected end of input; expected '[', '{', or a literal");
}

TEST(HyperfineReader, DetectionLooksAtTheContent) {
    for (const char* file : {"bencher/one.json", "bencher/two.json", "generated/sleep.json",
                             "generated/parameters.json"}) {
        EXPECT_TRUE(looks_like_hyperfine(test::read_fixture(std::string("hyperfine/") + file)))
            << file;
    }
    EXPECT_FALSE(looks_like_hyperfine(R"({"results": [{"name": "x"}]})"));
    EXPECT_FALSE(looks_like_hyperfine(
        test::read_fixture("pytest-benchmark/github-action-benchmark/pytest_output.json")));
}

}  // namespace
}  // namespace caws::ingest
