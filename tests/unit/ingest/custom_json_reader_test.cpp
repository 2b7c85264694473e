#include "ingest/custom_json_reader.hpp"

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <map>
#include <optional>

#include "support/fixtures.hpp"
#include "support/run_queries.hpp"

namespace caws::ingest {
namespace {

using test::error_of;
using test::find_metric;
using test::label_of;

model::Run parse(const std::string& text, std::optional<model::Direction> direction,
                 const std::string& path = "custom.json") {
    ReadOptions options;
    options.direction = direction;
    return parse_custom_json(text, model::Source{path, "custom-json"}, options);
}

std::string parse_error(const std::string& text,
                        std::optional<model::Direction> direction = model::Direction::lower) {
    return error_of([&] { parse(text, direction); });
}

TEST(CustomJsonReader, ReadsTheGithubActionBenchmarkFixturesLikeTheirExpectedParse) {
    // github-action-benchmark keeps value and unit as written; we convert units we know.
    struct Case {
        const char* file;
        model::Direction direction;
    };
    const std::map<std::string, std::pair<model::Unit, double>> conversions{
        {"req/s", {model::per_second(), 1.0}},
        {"Megabytes", {model::bytes(), 1e6}},
        {"Percent", {model::fraction(), 0.01}},
        {"ns", {model::seconds(), 1e-9}},
    };
    for (const Case& c : {Case{"customBiggerIsBetter_output.json", model::Direction::higher},
                          Case{"customSmallerIsBetter_output.json", model::Direction::lower},
                          Case{"customSmallerIsBetter_output2.json", model::Direction::lower}}) {
        const std::string dir = "custom-json/github-action-benchmark/";
        const model::Run run = parse(test::read_fixture(dir + c.file), c.direction);
        const auto expected =
            nlohmann::json::parse(test::read_fixture(dir + c.file + ".expected.json"));
        ASSERT_EQ(run.metrics.size(), expected["benches"].size()) << c.file;
        for (const auto& bench : expected["benches"]) {
            const model::Metric& metric = find_metric(run, bench["name"], "value");
            const auto& [unit, scale] = conversions.at(bench["unit"]);
            EXPECT_EQ(metric.unit, unit) << metric.name;
            ASSERT_EQ(metric.samples.size(), 1u);
            EXPECT_DOUBLE_EQ(metric.samples[0], bench["value"].get<double>() * scale)
                << metric.name;
            EXPECT_EQ(metric.direction, c.direction);
            if (bench.contains("range")) {
                EXPECT_EQ(label_of(metric, "range"), bench["range"]);
            }
            if (bench.contains("extra")) {
                EXPECT_EQ(label_of(metric, "extra"), bench["extra"]);
            }
        }
    }
}

TEST(CustomJsonReader, TheDirectionMustBeGiven) {
    const std::string text =
        test::read_fixture("custom-json/github-action-benchmark/customSmallerIsBetter_output.json");
    EXPECT_EQ(parse_error(text, std::nullopt),
              "custom.json: github-action-benchmark custom JSON does not say whether smaller or "
              "bigger is better; pass --direction lower (customSmallerIsBetter) or --direction "
              "higher (customBiggerIsBetter)");
}

TEST(CustomJsonReader, RepeatedNamesAreRepetitionsAndUnknownUnitsAreKept) {
    const model::Run run = parse(R"([{"name": "a", "unit": "ms", "value": 3},
                                     {"name": "score", "unit": "points", "value": -2.5},
                                     {"name": "a", "unit": "ms", "value": 4}])",
                                 model::Direction::lower);
    ASSERT_EQ(run.metrics.size(), 2u);
    EXPECT_EQ(find_metric(run, "a", "value").samples, (std::vector<double>{3e-3, 4e-3}));
    const model::Metric& score = find_metric(run, "score", "value");
    EXPECT_EQ(score.unit, (model::Unit{model::Dimension::other, "points"}));
    EXPECT_EQ(score.samples, std::vector<double>{-2.5});
}

TEST(CustomJsonReader, BrokenInputsNameTheFileThePlaceAndWhatWasExpected) {
    EXPECT_EQ(parse_error(R"([{"name": "a", "unit": "ms", "value": 3}, ])"),
              "custom.json: line 1, column 43: invalid JSON: syntax error while parsing value - "
              "unexpected ']'; expected '[', '{', or a literal");
    EXPECT_EQ(parse_error(R"({"name": "a"})"),
              "custom.json: expected a JSON array of {\"name\", \"unit\", \"value\"} entries "
              "(github-action-benchmark custom JSON)");
    EXPECT_EQ(parse_error("[]"), "custom.json: expected at least one benchmark, got an empty list");
    EXPECT_EQ(parse_error(R"([{"unit": "ms", "value": 3}])"),
              "custom.json: /0/name: expected the benchmark's name");
    EXPECT_EQ(parse_error(R"([{"name": "a", "value": 3}])"),
              "custom.json: /0/unit: expected the unit of \"a\"");
    EXPECT_EQ(parse_error(R"([{"name": "a", "unit": "ms"}])"),
              "custom.json: /0/value: expected the value of \"a\" (a number)");
    EXPECT_EQ(parse_error(R"([{"name": "a", "unit": "ms", "value": "3"}])"),
              "custom.json: /0/value: expected a number, got \"3\"");
    EXPECT_EQ(parse_error(R"([{"name": "a", "unit": "ms", "value": 3}, 7])"),
              "custom.json: /1: expected an object, got 7");
    EXPECT_EQ(parse_error(R"([{"name": "a", "unit": "ms", "value": 3},
                              {"name": "a", "unit": "MB", "value": 4}])"),
              "custom.json: /1/unit: expected the unit of \"a\" at /0 again (a repetition), got "
              "\"MB\"");
}

TEST(CustomJsonReader, TruncatedFilesAreSyntaxErrorsWithTheirPosition) {
    const std::string text = test::read_fixture(
        "custom-json/github-action-benchmark/customSmallerIsBetter_output2.json");
    const std::string message = parse_error(text.substr(0, text.size() / 2));
    EXPECT_EQ(message,
              "custom.json: line 12, column 19: invalid JSON: syntax error while parsing "
              "object - unexpected end of input; expected '}'");
}

TEST(CustomJsonReader, DetectionLooksAtTheContent) {
    for (const char* file :
         {"customBiggerIsBetter_output.json", "customSmallerIsBetter_output.json",
          "customSmallerIsBetter_output2.json"}) {
        EXPECT_TRUE(looks_like_custom_json(
            test::read_fixture(std::string("custom-json/github-action-benchmark/") + file)))
            << file;
    }
    EXPECT_FALSE(
        looks_like_custom_json(test::read_fixture("jmh/github-action-benchmark/jmh_output.json")));
    EXPECT_FALSE(looks_like_custom_json(
        test::read_fixture("julia-benchmarktools/github-action-benchmark/julia_output.json")));
    EXPECT_FALSE(looks_like_custom_json(R"({"name": "a", "value": 1})"));
}

}  // namespace
}  // namespace caws::ingest
