#include "ingest/pytest_benchmark_reader.hpp"

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

model::Run parse(const std::string& text, const std::string& path = "perf.json") {
    return parse_pytest_benchmark(text, model::Source{path, "pytest-benchmark"});
}

std::string parse_error(const std::string& text) {
    return error_of([&] { parse(text); });
}

// A file with one benchmark whose stats are `stats`.
std::string with_stats(const std::string& stats) {
    return R"({"machine_info": {}, "benchmarks": [{"name": "t", "fullname": "a.py::t", "stats": )" +
           stats + "}]}";
}

TEST(PytestBenchmarkReader, ReadsTheGithubActionBenchmarkFixturesLikeTheirExpectedParse) {
    for (const char* file : {"pytest_output.json", "pytest_several_units.json"}) {
        const std::string dir = "pytest-benchmark/github-action-benchmark/";
        const model::Run run = parse(test::read_fixture(dir + file));
        const auto expected =
            nlohmann::json::parse(test::read_fixture(dir + file + ".expected.json"));
        ASSERT_EQ(run.metrics.size(), expected["benches"].size()) << file;
        for (const auto& bench : expected["benches"]) {
            // github-action-benchmark reports iter/sec (stats.ops = 1 / mean) with the
            // stddev as range and the rounds in extra; we keep seconds, lower is better.
            const model::Metric& metric = find_metric(run, bench["name"], "time");
            EXPECT_EQ(metric.unit, model::seconds());
            EXPECT_EQ(metric.direction, model::Direction::lower);
            const std::string extra = bench["extra"];
            const std::size_t rounds = std::stoul(extra.substr(extra.find("rounds: ") + 8));
            const double ops = bench["value"];
            if (metric.summary) {
                EXPECT_NEAR(1.0 / *metric.summary->mean / ops, 1.0, 1e-12) << metric.name;
                const std::string range = bench["range"];
                EXPECT_DOUBLE_EQ(*metric.summary->stddev, std::stod(range.substr(8)));
                EXPECT_EQ(metric.summary->n, rounds);
            } else {
                // test_sleep_2 kept all its 5 rounds.
                EXPECT_EQ(metric.samples.size(), rounds);
                EXPECT_NEAR(1.0 / stats::mean(metric.samples) / ops, 1.0, 1e-12);
            }
        }
    }
}

TEST(PytestBenchmarkReader, DataThatIsNotOneNumberPerRoundFallsBackToTheStats) {
    const model::Run run = parse(
        test::read_fixture("pytest-benchmark/github-action-benchmark/pytest_several_units.json"));
    EXPECT_TRUE(find_metric(run, "bench.py::test_fib_1", "time").samples.empty());
    EXPECT_EQ(find_metric(run, "bench.py::test_sleep_2", "time").samples,
              (std::vector<double>{2.005173128, 2.0051284989999996, 2.005124842999999,
                                   2.0027438879999995, 2.001044877}));
    ASSERT_EQ(run.notes.size(), 1u);
    EXPECT_EQ(run.notes[0],
              "3 benchmark(s) read from their stats summary because their data is not one "
              "number per round (first: \"... omitted to keep this file small\" at "
              "/benchmarks/0/stats/data/4)");
}

TEST(PytestBenchmarkReader, MedianMatchesBenchersAdapterTests) {
    // bencher's pytest adapter reports the median in nanoseconds.
    const model::Run two = parse(test::read_fixture("pytest-benchmark/bencher/two.json"));
    EXPECT_NEAR(*find_metric(two, "bench.py::test_fib_10", "time").summary->median * 1e9,
                22300.000000363696, 1e-6);
    EXPECT_NEAR(*find_metric(two, "bench.py::test_fib_20", "time").summary->median * 1e9,
                2960582.5000003083, 1e-6);
    const model::Run four = parse(test::read_fixture("pytest-benchmark/bencher/four.json"));
    EXPECT_EQ(four.metrics.size(), 4u);
    EXPECT_NEAR(*find_metric(four, "bench.py::test_fib_1", "time").summary->median * 1e9,
                143.7600000020467, 1e-9);
    EXPECT_NEAR(*find_metric(four, "bench.py::test_fib_10", "time").summary->median * 1e9,
                28052.999999861328, 1e-6);
    EXPECT_NEAR(*find_metric(four, "bench.py::test_fib_20", "time").summary->median * 1e9,
                3471104.000000169, 1e-6);
    EXPECT_NEAR(stats::median(find_metric(four, "bench.py::test_sleep_2", "time").samples) * 1e9,
                2005124842.999999, 1e-3);
}

TEST(PytestBenchmarkReader, RealOutputWithDataKeepsEveryRoundAndTheLabels) {
    const std::string text = test::read_fixture("pytest-benchmark/generated/with_data.json");
    const model::Run run = parse(text);
    const auto json = nlohmann::json::parse(text);
    ASSERT_EQ(run.metrics.size(), 3u);
    for (const auto& bench : json["benchmarks"]) {
        const model::Metric& metric = find_metric(run, bench["fullname"], "time");
        const auto& stats = bench["stats"];
        ASSERT_EQ(metric.samples.size(), stats["rounds"].get<std::size_t>()) << metric.name;
        EXPECT_NEAR(stats::mean(metric.samples), stats["mean"].get<double>(),
                    1e-9 * stats["mean"].get<double>());
        EXPECT_DOUBLE_EQ(stats::minimum(metric.samples), stats["min"].get<double>());
        EXPECT_FALSE(metric.summary);
    }
    const model::Metric& fib = find_metric(run, "bench_sample.py::test_fib[10]", "time");
    EXPECT_EQ(label_of(fib, "group"), "fib");
    EXPECT_EQ(label_of(fib, "param"), "10");
    EXPECT_EQ(label_of(fib, "params.n"), "10");
    EXPECT_EQ(label_of(fib, "extra_info.algorithm"), "recursive");
    EXPECT_EQ(label_of(fib, "iterations"), "1");
    const model::Metric& sorted = find_metric(run, "bench_sample.py::test_sorted", "time");
    EXPECT_EQ(sorted.samples.size(), 7u);
    EXPECT_EQ(label_of(sorted, "iterations"), "3");
    EXPECT_EQ(label_of(sorted, "group"), "<no label group>");
    EXPECT_TRUE(run.notes.empty());
    EXPECT_FALSE(run.context.host.empty());
}

TEST(PytestBenchmarkReader, RealSavedRunWithoutDataIsASummary) {
    const std::string text = test::read_fixture("pytest-benchmark/generated/stats_only.json");
    const model::Run run = parse(text);
    const auto json = nlohmann::json::parse(text);
    for (const auto& bench : json["benchmarks"]) {
        const model::Metric& metric = find_metric(run, bench["fullname"], "time");
        ASSERT_TRUE(metric.summary) << metric.name;
        EXPECT_TRUE(metric.samples.empty());
        const auto& stats = bench["stats"];
        EXPECT_EQ(metric.summary->n, stats["rounds"].get<std::size_t>());
        EXPECT_EQ(*metric.summary->median, stats["median"].get<double>());
        EXPECT_EQ(*metric.summary->mean, stats["mean"].get<double>());
        EXPECT_EQ(*metric.summary->stddev, stats["stddev"].get<double>());
        EXPECT_EQ(*metric.summary->min, stats["min"].get<double>());
        EXPECT_EQ(*metric.summary->max, stats["max"].get<double>());
    }
    ASSERT_EQ(run.notes.size(), 1u);
    EXPECT_EQ(run.notes[0],
              "3 benchmark(s) without raw data read from their stats summary (runs saved "
              "without --benchmark-save-data)");
}

TEST(PytestBenchmarkReader, KeepsMachineAndCommitInfoAsContext) {
    const model::Run run =
        parse(test::read_fixture("pytest-benchmark/github-action-benchmark/pytest_output.json"));
    EXPECT_EQ(run.context.host, "Corgi.local");
    EXPECT_EQ(run.context.date, "2019-11-17T02:22:16.817862");
    const std::vector<std::pair<std::string, std::string>> expected{
        {"machine", "x86_64"},
        {"python_implementation", "CPython"},
        {"python_version", "3.7.5"},
        {"release", "18.7.0"},
        {"system", "Darwin"},
        {"cpu", "Intel(R) Core(TM) i7-4771 CPU @ 3.50GHz"},
        {"commit", "9d55ab0434c9088746ae2d134702d782bf088644"},
        {"dirty", "true"},
        {"branch", "pytest"},
        {"pytest_benchmark_version", "3.2.2"}};
    EXPECT_EQ(run.context.extra, expected);
}

TEST(PytestBenchmarkReader, BrokenInputsNameTheFileThePlaceAndWhatWasExpected) {
    EXPECT_EQ(parse_error("{\"machine_info\": {}, \"benchmarks\": [}"),
              "perf.json: line 1, column 37: invalid JSON: syntax error while parsing value - "
              "unexpected '}'; expected '[', '{', or a literal");
    EXPECT_EQ(parse_error(R"({"machine_info": {}})"),
              "perf.json: expected a \"benchmarks\" array (pytest-benchmark JSON)");
    EXPECT_EQ(parse_error(R"({"benchmarks": []})"),
              "perf.json: /benchmarks: expected at least one benchmark, got an empty list");
    EXPECT_EQ(parse_error(R"({"benchmarks": [{"fullname": "a.py::t"}]})"),
              "perf.json: /benchmarks/0/stats: expected the benchmark's \"stats\"");
    EXPECT_EQ(parse_error(R"({"benchmarks": [{"stats": {"median": 1}}]})"),
              "perf.json: /benchmarks/0/fullname: expected the benchmark's name");
    EXPECT_EQ(parse_error(with_stats(R"({"median": -1, "rounds": 3})")),
              "perf.json: /benchmarks/0/stats/median: expected a finite, non-negative number, "
              "got -1");
    EXPECT_EQ(parse_error(with_stats(R"({"median": "fast"})")),
              "perf.json: /benchmarks/0/stats/median: expected a number, got \"fast\"");
    EXPECT_EQ(parse_error(with_stats(R"({"rounds": 2, "data": [1e-6, -2e-6]})")),
              "perf.json: /benchmarks/0/stats/data/1: expected a finite, non-negative number, "
              "got -2e-6");
    EXPECT_EQ(parse_error(with_stats(R"({"rounds": 0, "median": 1})")),
              "perf.json: /benchmarks/0/stats/rounds: expected a count of at least 1");
    EXPECT_EQ(parse_error(with_stats(R"({"rounds": 3, "min": 1})")),
              "perf.json: /benchmarks/0/stats: expected \"median\" or \"mean\" (or the raw "
              "\"data\") in the stats");
    EXPECT_EQ(parse_error(R"({"benchmarks": [{"fullname": "a.py::t", "stats": {"median": 1}},
                                             {"fullname": "a.py::t", "stats": {"median": 2}}]})"),
              "perf.json: /benchmarks/1/fullname: expected each benchmark once, but \"a.py::t\" "
              "is also at /benchmarks/0");
}

TEST(PytestBenchmarkReader, TruncatedFilesAreSyntaxErrorsWithTheirPosition) {
    const std::string text =
        test::read_fixture("pytest-benchmark/github-action-benchmark/pytest_output.json");
    const std::string message = parse_error(text.substr(0, text.size() / 2));
    EXPECT_EQ(message,
              "perf.json: line 60, column 34: invalid JSON: syntax error while parsing object "
              "- unexpected end of input; expected '}'");
}

TEST(PytestBenchmarkReader, DetectionLooksAtTheContent) {
    for (const char* file :
         {"github-action-benchmark/pytest_output.json",
          "github-action-benchmark/pytest_several_units.json", "bencher/two.json",
          "bencher/four.json", "generated/with_data.json", "generated/stats_only.json"}) {
        EXPECT_TRUE(looks_like_pytest_benchmark(
            test::read_fixture(std::string("pytest-benchmark/") + file)))
            << file;
    }
    EXPECT_FALSE(looks_like_pytest_benchmark(
        test::read_fixture("google-benchmark/github-action-benchmark/googlecpp_output.json")));
    EXPECT_FALSE(looks_like_pytest_benchmark(R"({"benchmarks": [{"name": "x"}]})"));
}

}  // namespace
}  // namespace caws::ingest
