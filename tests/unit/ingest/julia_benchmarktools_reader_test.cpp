#include "ingest/julia_benchmarktools_reader.hpp"

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "support/fixtures.hpp"
#include "support/run_queries.hpp"

namespace caws::ingest {
namespace {

using test::error_of;
using test::find_metric;
using test::has_metric;
using test::label_of;

model::Run parse(const std::string& text, const std::string& path = "results.json") {
    return parse_julia_benchmarktools(text, model::Source{path, "julia-benchmarktools"});
}

std::string parse_error(const std::string& text) {
    return error_of([&] { parse(text); });
}

// BenchmarkTools.save's [versions, values] around `values`.
std::string saved(const std::string& values) {
    std::string text = R"([{"Julia": "1.10.0", "BenchmarkTools": "1.4.0"}, [)";
    text += values;
    text += "]]";
    return text;
}

const char* const k_trial = R"(["Trial", {"allocs": 2, "gctimes": [0.0, 1500.0, 0.0],
    "memory": 160, "params": ["Parameters", {"evals": 10, "samples": 3}],
    "times": [200.0, 250.0, 220.0]}])";

TEST(JuliaBenchmarkToolsReader, ReadsTheGithubActionBenchmarkFixtureLikeItsExpectedParse) {
    const std::string dir = "julia-benchmarktools/github-action-benchmark/";
    const model::Run run = parse(test::read_fixture(dir + "julia_output.json"));
    const auto expected =
        nlohmann::json::parse(test::read_fixture(dir + "julia_output.json.expected.json"));
    for (const auto& bench : expected["benches"]) {
        // github-action-benchmark reports the TrialEstimate's time in ns and the rest in
        // extra ("gctime=0\nmemory=0\nallocs=0\nparams={...evals...}").
        const model::Metric& time = find_metric(run, bench["name"], "time");
        EXPECT_EQ(time.unit, model::seconds());
        EXPECT_EQ(time.direction, model::Direction::lower);
        ASSERT_EQ(time.samples.size(), 1u);
        EXPECT_DOUBLE_EQ(time.samples[0], bench["value"].get<double>() * 1e-9);
        const std::string extra = bench["extra"];
        const auto params = nlohmann::json::parse(extra.substr(extra.find("params=") + 7));
        EXPECT_EQ(label_of(time, "evals"), std::to_string(params["evals"].get<int>()));
        EXPECT_EQ(find_metric(run, bench["name"], "memory").samples, std::vector<double>{0});
        EXPECT_EQ(find_metric(run, bench["name"], "allocs").samples, std::vector<double>{0});
        EXPECT_EQ(find_metric(run, bench["name"], "gctime").samples, std::vector<double>{0});
        EXPECT_EQ(label_of(time, "tags"), "tag1,tag2");
    }
    EXPECT_EQ(run.metrics.size(), 4 * expected["benches"].size());
    const std::vector<std::pair<std::string, std::string>> context{
        {"julia_version", "1.7.0-rc3"}, {"benchmarktools_version", "1.0.0"}};
    EXPECT_EQ(run.context.extra, context);
}

TEST(JuliaBenchmarkToolsReader, TrialsKeepEverySample) {
    const model::Run run =
        parse(saved(std::string(R"(["BenchmarkTools.BenchmarkGroup", {"tags": ["outer"],
        "data": {"sort": ["BenchmarkGroup", {"tags": ["inner"], "data": {"1000": )") +
                    k_trial + "}}]}}]"));
    const model::Metric& time = find_metric(run, "sort/1000", "time");
    EXPECT_EQ(time.samples, (std::vector<double>{200 * 1e-9, 250 * 1e-9, 220 * 1e-9}));
    EXPECT_EQ(label_of(time, "evals"), "10");
    EXPECT_EQ(label_of(time, "tags"), "inner,outer");
    const model::Metric& gc = find_metric(run, "sort/1000", "gctime");
    EXPECT_EQ(gc.samples, (std::vector<double>{0, 1500 * 1e-9, 0}));
    EXPECT_EQ(gc.direction, model::Direction::unknown);
    EXPECT_EQ(find_metric(run, "sort/1000", "memory").unit, model::bytes());
    EXPECT_EQ(find_metric(run, "sort/1000", "memory").samples, std::vector<double>{160});
    EXPECT_EQ(find_metric(run, "sort/1000", "allocs").direction, model::Direction::lower);
}

TEST(JuliaBenchmarkToolsReader, TrialsSavedOnTheirOwnAreNamedByPosition) {
    std::string values = R"(["Parameters", {"evals": 1}], )";
    values += k_trial;
    const model::Run run = parse(saved(values));
    EXPECT_TRUE(has_metric(run, "#2", "time"));
    ASSERT_EQ(run.notes.size(), 1u);
    EXPECT_EQ(run.notes[0],
              "1 saved value(s) that are not trials skipped (first: Parameters at /1/0)");
}

TEST(JuliaBenchmarkToolsReader, BrokenInputsNameTheFileThePlaceAndWhatWasExpected) {
    EXPECT_EQ(parse_error(R"({"Julia": "1.10"})"),
              "results.json: expected a JSON array [versions, values] (BenchmarkTools.save)");
    EXPECT_EQ(parse_error(R"([{"Julia": "1.10"}])"),
              "results.json: expected [versions, values] (BenchmarkTools.save), got an array of 1 "
              "element(s)");
    EXPECT_EQ(parse_error(saved("")),
              "results.json: /1: expected at least one Trial or TrialEstimate");
    EXPECT_EQ(parse_error(saved(R"(["Trial", {"memory": 0}])")),
              "results.json: /1/0/1/times: expected the trial's times");
    EXPECT_EQ(parse_error(saved(R"(["TrialEstimate", {"time": -3.0}])")),
              "results.json: /1/0/1/time: expected a finite, non-negative number, got -3.0");
    EXPECT_EQ(parse_error(saved(R"(["Trial"])")),
              "results.json: /1/0: expected a [\"TYPE\", {fields}] pair");
    EXPECT_EQ(parse_error(saved(R"({"Trial": {}})")),
              "results.json: /1/0: expected an array, got an object");
    EXPECT_EQ(parse_error(saved(R"(["BenchmarkGroup", {"data": {"a": ["TrialEstimate", {"time": 1}],
        "b": ["BenchmarkGroup", {"data": {}}]}}], ["BenchmarkGroup", {"data":
        {"a": ["TrialEstimate", {"time": 2}]}}])")),
              "results.json: /1/1/1/data/a/1: expected each benchmark once, but \"a\" is also at "
              "/1/0/1/data/a/1");
}

TEST(JuliaBenchmarkToolsReader, TruncatedFilesAreSyntaxErrorsWithTheirPosition) {
    const std::string text =
        test::read_fixture("julia-benchmarktools/github-action-benchmark/julia_output.json");
    const std::string message = parse_error(text.substr(0, text.size() / 2));
    EXPECT_EQ(message,
              "results.json: line 37, column 9: invalid JSON: syntax error while parsing "
              "object key - unexpected end of input; expected string literal");
}

TEST(JuliaBenchmarkToolsReader, DetectionLooksAtTheContent) {
    EXPECT_TRUE(looks_like_julia_benchmarktools(
        test::read_fixture("julia-benchmarktools/github-action-benchmark/julia_output.json")));
    EXPECT_TRUE(looks_like_julia_benchmarktools(saved(k_trial)));
    EXPECT_FALSE(looks_like_julia_benchmarktools(
        test::read_fixture("jmh/github-action-benchmark/jmh_output.json")));
}

}  // namespace
}  // namespace caws::ingest
