#include "ingest/benchmarkjs_reader.hpp"

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <cmath>

#include "ingest/results.hpp"
#include "support/fixtures.hpp"
#include "util/error.hpp"

namespace caws::ingest {
namespace {

model::Run parse(const std::string& text, const std::string& path = "bench.txt") {
    return parse_benchmarkjs(text, model::Source{path, "benchmarkjs"});
}

model::Run parse_fixture(const std::string& relative) {
    return parse(test::read_fixture("benchmarkjs/" + relative), relative);
}

const model::Metric& metric(const model::Run& run, const std::string& name) {
    for (const auto& m : run.metrics) {
        if (m.name == name && m.measure == "throughput") return m;
    }
    throw std::runtime_error("no metric " + name);
}

std::string error_of(const std::string& text) {
    try {
        parse(text);
    } catch (const util::Error& error) {
        return error.what();
    }
    return "no error";
}

TEST(BenchmarkjsReader, ReadsTheGithubActionBenchmarkFixtureLikeItsExpectedParse) {
    const model::Run run = parse_fixture("github-action-benchmark/benchmarkjs_output.txt");
    const auto expected = nlohmann::json::parse(test::read_fixture(
        "benchmarkjs/github-action-benchmark/benchmarkjs_output.txt.expected.json"));
    ASSERT_EQ(run.metrics.size(), expected["benches"].size());
    for (const auto& bench : expected["benches"]) {
        const model::Metric& m = metric(run, bench["name"]);
        EXPECT_EQ(m.unit, model::per_second());
        EXPECT_EQ(m.direction, model::Direction::higher);
        ASSERT_TRUE(m.summary.has_value());
        EXPECT_DOUBLE_EQ(*m.summary->mean, bench["value"].get<double>());
        const std::string extra = bench["extra"];  // "93 samples"
        EXPECT_EQ(m.summary->n, std::stoul(extra));
        EXPECT_TRUE(m.samples.empty());
    }
}

TEST(BenchmarkjsReader, ReadsBencherAdapterFixtures) {
    // bencher's adapter test: the same values, and a name containing " x ".
    const model::Run four = parse_fixture("bencher/four.txt");
    ASSERT_EQ(four.metrics.size(), 4u);
    EXPECT_DOUBLE_EQ(*metric(four, "fib(10)").summary->mean, 1431759);
    EXPECT_DOUBLE_EQ(*metric(four, "fib(20)").summary->mean, 12146);
    EXPECT_DOUBLE_EQ(*metric(four, "benchmark with x 2 many things").summary->mean, 50);
    EXPECT_DOUBLE_EQ(*metric(four, "createObjectBuffer with 200 comments").summary->mean, 81.61);
    const model::Run issue_506 = parse_fixture("bencher/issue_506.txt");
    ASSERT_EQ(issue_506.metrics.size(), 6u);
    EXPECT_DOUBLE_EQ(*metric(issue_506, "text encoder utf16").summary->mean, 55.25);
    EXPECT_EQ(metric(issue_506, "sha512 wasm from string utf8").summary->n, 7u);
}

TEST(BenchmarkjsReader, StandardDeviationFromTheMarginOfError) {
    // rme = t(n - 1) * sd / sqrt(n) / mean * 100, with Benchmark.js's t table: for
    // fib(10), 0.74 % of 1,431,759 over 93 runs (df 92 > 30: t = 1.96).
    const model::Run run = parse_fixture("github-action-benchmark/benchmarkjs_output.txt");
    EXPECT_DOUBLE_EQ(*metric(run, "fib(10)").summary->stddev,
                     1431759 * 0.0074 * std::sqrt(93.0) / 1.96);
    // 7 runs: t(6) = 2.447.
    const model::Run small = parse_fixture("bencher/issue_506.txt");
    EXPECT_DOUBLE_EQ(*metric(small, "sha512 wasm from string utf8").summary->stddev,
                     15.20 * 0.088 * std::sqrt(7.0) / 2.447);
    // One run: no spread.
    const model::Run one = parse("once x 12 ops/sec ±0.00% (1 run sampled)\n");
    EXPECT_FALSE(metric(one, "once").summary->stddev.has_value());
    EXPECT_EQ(metric(one, "once").summary->n, 1u);
}

TEST(BenchmarkjsReader, RealRunMatchesBenchmarkjsOwnStatistics) {
    // tests/fixtures/benchmarkjs/sample/make.sh: output.txt and, from the same run,
    // Benchmark.js's own statistics of the time per run.
    const model::Run run = parse_fixture("sample/output.txt");
    const auto stats = nlohmann::json::parse(test::read_fixture("benchmarkjs/sample/stats.json"));
    ASSERT_EQ(run.metrics.size(), stats.size());  // "throws: " is not a result
    for (const auto& bench : stats) {
        const model::Metric& m = metric(run, bench["name"]);
        EXPECT_EQ(m.summary->n, bench["size"].get<std::size_t>());
        EXPECT_NEAR(*m.summary->mean, bench["hz"].get<double>(), 0.5);  // printed rounded
        // The printed rme has two decimals.
        const double relative = bench["deviation"].get<double>() / bench["mean"].get<double>();
        EXPECT_NEAR(*m.summary->stddev / *m.summary->mean, relative, 1e-3 * relative)
            << bench["name"];
    }
    EXPECT_DOUBLE_EQ(*metric(run, "join x 3 strings").summary->mean, 11613252);
}

TEST(BenchmarkjsReader, MalformedAndTruncatedLinesAreErrors) {
    EXPECT_EQ(error_of("fib(10) x 1,431,759 ops/sec ~0.74% (93 runs sampled)\n"),
              "bench.txt: line 1, column 29: expected the relative margin of error (\"±0.74%\") "
              "after \"ops/sec\"");
    EXPECT_EQ(
        error_of(
            "a x 1 ops/sec ±1.00% (1 run sampled)\nfib(10) x 1,431,759 ops/sec ±0.74% (93 runs\n"),
        "bench.txt: line 2, column 37: expected \"(N runs sampled)\" after the margin of error");
    const std::string text = test::read_fixture("benchmarkjs/sample/output.txt");
    EXPECT_EQ(error_of(text.substr(0, text.find("±6.39%") + 4)),
              "bench.txt: line 2, column 27: expected the relative margin of error (\"±0.74%\") "
              "after \"ops/sec\"");
    EXPECT_EQ(
        error_of("a x 1 ops/sec ±1.00% (1 run sampled)\na x 2 ops/sec ±1.00% (1 run sampled)\n"),
        "bench.txt: line 2, column 1: expected each benchmark once, but \"a\" was already "
        "reported on line 1");
    EXPECT_EQ(error_of("this x line should be ignored\n"),
              "bench.txt: expected at least one Benchmark.js result line (\"name x 1,234 ops/sec "
              "±0.74% (93 runs sampled)\"), found none");
}

TEST(BenchmarkjsReader, Detection) {
    for (const char* file : {"github-action-benchmark/benchmarkjs_output.txt", "bencher/four.txt",
                             "bencher/issue_506.txt", "sample/output.txt"}) {
        const std::string text = test::read_fixture(std::string("benchmarkjs/") + file);
        EXPECT_TRUE(looks_like_benchmarkjs(text)) << file;
        EXPECT_EQ(parse_results(text, file, std::nullopt).sources.at(0).format, "benchmarkjs")
            << file;
    }
    EXPECT_FALSE(looks_like_benchmarkjs("this x line should be ignored\n"));
    EXPECT_FALSE(looks_like_benchmarkjs("BenchmarkA-8 100 5 ns/op\n"));
    EXPECT_TRUE(looks_like_benchmarkjs("fib(10) x 1,431,759 ops/sec ±0.7"));  // its error
}

}  // namespace
}  // namespace caws::ingest
