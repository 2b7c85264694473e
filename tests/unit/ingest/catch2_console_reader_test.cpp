#include "ingest/catch2_console_reader.hpp"

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "ingest/results.hpp"
#include "support/fixtures.hpp"
#include "util/error.hpp"

namespace caws::ingest {
namespace {

model::Run parse(const std::string& text, const std::string& path = "bench.txt") {
    return parse_catch2_console(text, model::Source{path, "catch2-console"});
}

model::Run parse_fixture(const std::string& relative) {
    return parse(test::read_fixture("catch2/" + relative), relative);
}

const model::Metric& metric(const model::Run& run, const std::string& name) {
    for (const auto& m : run.metrics) {
        if (m.name == name && m.measure == "time") return m;
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

double seconds(double value, const std::string& unit) {
    if (unit == "ns") return value * 1e-9;
    if (unit == "us") return value * 1e-6;
    if (unit == "ms") return value * 1e-3;
    return value;
}

const std::string k_header =
    "benchmark name                       samples       iterations    estimated\n"
    "                                     mean          low mean      high mean\n"
    "                                     std dev       low std dev   high std dev\n"
    "-------------------------------------------------------------------------------\n";

TEST(Catch2ConsoleReader, ReadsGithubActionBenchmarkFixturesLikeTheirExpectedParse) {
    for (const std::string file :
         {"catch2_output_v2.txt", "catch2_output_v3.txt", "issue16_output.txt"}) {
        const model::Run run = parse_fixture("github-action-benchmark/" + file);
        const auto expected = nlohmann::json::parse(
            test::read_fixture("catch2/github-action-benchmark/" + file + ".expected.json"));
        ASSERT_EQ(run.metrics.size(), expected["benches"].size()) << file;
        for (const auto& bench : expected["benches"]) {
            const model::Metric& m = metric(run, bench["name"]);
            EXPECT_EQ(m.unit, model::seconds());
            EXPECT_EQ(m.direction, model::Direction::lower);
            ASSERT_TRUE(m.summary.has_value());
            EXPECT_DOUBLE_EQ(*m.summary->mean, seconds(bench["value"], bench["unit"]))
                << file << " " << bench["name"];
            const std::string extra = bench["extra"];  // "100 samples\n208 iterations"
            EXPECT_EQ(m.summary->n, std::stoul(extra)) << file;
            ASSERT_TRUE(m.summary->stddev.has_value());
        }
    }
}

TEST(Catch2ConsoleReader, StandardDeviationInItsOwnUnit) {
    // github-action-benchmark gives "± 362" in the mean's unit (us); the row says 362 ns.
    const model::Run run = parse_fixture("github-action-benchmark/catch2_output_v2.txt");
    EXPECT_DOUBLE_EQ(*metric(run, "Fibonacci-15_bench").summary->stddev, 362e-9);
    EXPECT_DOUBLE_EQ(*metric(run, "Fibonacci 20").summary->stddev, 3.256e-6);
    EXPECT_EQ(run.context.executable, "Catch2_bench");
    EXPECT_EQ(run.context.extra.at(0),
              (std::pair<std::string, std::string>{"catch2_version", "2.11.0"}));
}

TEST(Catch2ConsoleReader, ZeroNanosecondsIsAValue) {
    // issue16: a benchmark faster than the clock's resolution prints "0 ns".
    const model::Run run = parse_fixture("github-action-benchmark/issue16_output.txt");
    const model::Metric& fast = metric(run, "Fibonacci 10");
    EXPECT_EQ(*fast.summary->mean, 0.0);
    EXPECT_EQ(*fast.summary->stddev, 0.0);
    EXPECT_EQ(fast.summary->n, 100u);
    EXPECT_DOUBLE_EQ(*metric(run, "Fibonacci 20").summary->mean, 1e-9);
}

TEST(Catch2ConsoleReader, ReadsBencherAdapterFixtures) {
    // bencher's adapter test: four.txt has four benchmarks, two.txt two ("0 ns").
    const model::Run four = parse_fixture("bencher/four.txt");
    ASSERT_EQ(four.metrics.size(), 4u);
    EXPECT_DOUBLE_EQ(*metric(four, "Fibonacci 10").summary->mean, 344e-9);
    EXPECT_DOUBLE_EQ(*metric(four, "Fibonacci 20").summary->mean, 41.731e-6);
    EXPECT_DOUBLE_EQ(*metric(four, "Fibonacci~ 5!").summary->mean, 36e-9);
    EXPECT_DOUBLE_EQ(*metric(four, "Fibonacci-15_bench").summary->mean, 3.789e-6);
    const model::Run two = parse_fixture("bencher/two.txt");  // Windows line endings
    ASSERT_EQ(two.metrics.size(), 2u);
    EXPECT_DOUBLE_EQ(*metric(two, "Fibonacci 20").summary->mean, 1e-9);
}

TEST(Catch2ConsoleReader, NamesEndingOnTheMeanRowSectionsAndSharedNames) {
    // issue_351: a wrapped name whose end starts the mean row, sections, a narrower table,
    // and "Fibonacci 20" in two test cases.
    const model::Run run = parse_fixture("bencher/issue_351.txt");
    ASSERT_EQ(run.metrics.size(), 6u);
    const model::Metric& wrapped = metric(run, "Fibonacci 10 with a long name");
    EXPECT_DOUBLE_EQ(*wrapped.summary->mean, 344e-9);
    const std::vector<std::pair<std::string, std::string>> labels{
        {"test_case", "Even More Fibonacci"}, {"section", "With a long name"}};
    EXPECT_EQ(wrapped.labels, labels);
    EXPECT_DOUBLE_EQ(*metric(run, "Fibonacci 20 (Unit_assignment / Construction)").summary->mean,
                     41.731e-6);
    EXPECT_DOUBLE_EQ(
        *metric(run, "Fibonacci 20 (Even More Fibonacci / With a long name)").summary->stddev,
        3.256e-6);
    EXPECT_DOUBLE_EQ(*metric(run, "Fibonacci-15_bench").summary->stddev, 362e-9);
}

TEST(Catch2ConsoleReader, RealCatch2Output) {
    // tests/fixtures/catch2/sample/make.sh, Catch2 2.13.10.
    const model::Run run = parse_fixture("sample/console.txt");
    ASSERT_EQ(run.metrics.size(), 6u);
    const model::Metric& fib = metric(run, "fibonacci 10");
    EXPECT_EQ(fib.summary->n, 20u);
    EXPECT_DOUBLE_EQ(*fib.summary->mean, 50.4173e-9);
    EXPECT_DOUBLE_EQ(*fib.summary->stddev, 2.40899e-9);
    // Catch2 wraps a long name over rows of its own before the numbers.
    EXPECT_DOUBLE_EQ(
        *metric(run,
                "fibonacci 15, a benchmark with a name long enough to wrap in the console table")
             .summary->mean,
        618.858e-9);
    // The same benchmark name in two test cases.
    EXPECT_DOUBLE_EQ(*metric(run, "insert 100 (std::map)").summary->mean, 2.41223e-6);
    EXPECT_DOUBLE_EQ(*metric(run, "insert 100 (std::unordered_map)").summary->mean, 1.8345e-6);
    EXPECT_DOUBLE_EQ(*metric(run, "insert 100 (std::unordered_map)").summary->stddev, 330e-9);
    const model::Metric& find = metric(run, "find 50");
    EXPECT_DOUBLE_EQ(*find.summary->stddev, 0.00482053e-9);  // columns run into each other
    EXPECT_EQ(find.labels, (std::vector<std::pair<std::string, std::string>>{
                               {"test_case", "std::unordered_map"}, {"section", "lookups"}}));
    EXPECT_EQ(run.context.executable, "sample");
}

TEST(Catch2ConsoleReader, NoAnalysisTableHasOnlyTheMean) {
    const model::Run run = parse_fixture("sample/console_no_analysis.txt");
    ASSERT_EQ(run.metrics.size(), 6u);
    const model::Metric& fib = metric(run, "fibonacci 10");
    EXPECT_DOUBLE_EQ(*fib.summary->mean, 48.6054e-9);
    EXPECT_EQ(fib.summary->n, 20u);
    EXPECT_FALSE(fib.summary->stddev.has_value());
    EXPECT_DOUBLE_EQ(
        *metric(run,
                "fibonacci 15, a benchmark with a name long enough to wrap in the console table")
             .summary->mean,
        632.219e-9);
}

TEST(Catch2ConsoleReader, FailedBenchmark) {
    const model::Run run = parse_fixture("sample/console_failed.txt");
    ASSERT_EQ(run.metrics.size(), 1u);
    const model::Metric& m = metric(run, "throws");
    EXPECT_EQ(m.status, model::Status::failed);
    EXPECT_EQ(m.message, "explicit failure");
    EXPECT_FALSE(m.summary.has_value());
    // Failing after the first row (while sampling): the message stands on its own row.
    const model::Run late =
        parse(k_header +
              "late                                            20           407     431.42 us \n"
              "Benchmark failed (timeout) \n\n");
    EXPECT_EQ(metric(late, "late").status, model::Status::failed);
    EXPECT_EQ(metric(late, "late").message, "timeout");
}

TEST(Catch2ConsoleReader, ABenchmarkRunOncePerSectionKeepsItsFirstResult) {
    const std::string table =
        k_header +
        "shared                                          20           407     431.42 us \n"
        "                                        56.9829 ns     53.672 ns    69.8367 ns \n"
        "                                        13.6172 ns    0.94075 ns    27.0786 ns \n\n";
    const std::string second =
        k_header +
        "shared                                          20           407     431.42 us \n"
        "                                        99.0000 ns     53.672 ns    69.8367 ns \n"
        "                                        13.6172 ns    0.94075 ns    27.0786 ns \n\n";
    const std::string test_case =
        "-------------------------------------------------------------------------------\n"
        "Case\n"
        "  first\n"
        "-------------------------------------------------------------------------------\n"
        "x.cpp:3\n"
        "...............................................................................\n\n";
    const model::Run run = parse(test_case + table + test_case + second);
    ASSERT_EQ(run.metrics.size(), 1u);
    EXPECT_DOUBLE_EQ(*metric(run, "shared").summary->mean, 56.9829e-9);
    ASSERT_EQ(run.notes.size(), 1u);
    EXPECT_EQ(
        run.notes[0],
        "benchmark \"shared\" of test case \"Case\" ran 2 times (Catch2 runs a test case once "
        "per section); its first result was kept");
}

TEST(Catch2ConsoleReader, MalformedRowsAreErrorsWithLineAndColumn) {
    const std::string first =
        "fib                                             20           407     431.42 us \n";
    EXPECT_EQ(
        error_of(
            k_header + first +
            "                                        56.9829 xs     53.672 ns    69.8367 ns \n"),
        "bench.txt: line 6, column 49: expected a time unit (ns, us, ms, s), got \"xs\"");
    EXPECT_EQ(
        error_of(
            k_header + first +
            "                                        56.9829 ns     53.6x2 ns    69.8367 ns \n"),
        "bench.txt: line 6, column 56: expected a number, got \"53.6x2\"");
    EXPECT_EQ(error_of(k_header + first + "\n"),
              "bench.txt: line 6, column 1: expected the mean, low mean and high mean: three times "
              "with units");
    EXPECT_EQ(
        error_of(k_header + first +
                 "                                        56.9829 ns     53.672 ns    69.8367 ns \n"
                 "                                        13.6172 ns \n"),
        "bench.txt: line 7, column 52: expected the standard deviation, low std dev and high "
        "std dev: three times with units");
    EXPECT_EQ(error_of("no table here\n"),
              "bench.txt: expected at least one Catch2 benchmark table (\"benchmark name  samples  "
              "iterations  estimated\"), found none");
}

TEST(Catch2ConsoleReader, TruncatedFilesAreErrors) {
    const std::string text = test::read_fixture("catch2/sample/console.txt");
    // Cut inside a mean row.
    const std::size_t in_mean = text.find("50.4173 ns") + 5;
    EXPECT_EQ(error_of(text.substr(0, in_mean)),
              "bench.txt: line 17, column 41: expected the mean, low mean and high mean: three "
              "times with units");
    // Cut after a benchmark's first row.
    const std::size_t after_first = text.find("441.6 us \n") + 10;
    EXPECT_EQ(error_of(text.substr(0, after_first)),
              "bench.txt: line 17, column 1: expected the mean, low mean and high mean: three "
              "times with units");
    // Cut inside the first row.
    const std::size_t in_first = text.find("441.6 us");
    EXPECT_EQ(error_of(text.substr(0, in_first)),
              "bench.txt: line 16, column 71: expected the samples, iterations and estimated time "
              "at the end of the row");
}

TEST(Catch2ConsoleReader, TextAfterATableIsNotAName) {
    // Output of the tests themselves (a failed assertion) after the table ends it.
    const std::string text =
        k_header +
        "fib                                             20           407     431.42 us \n"
        "                                        56.9829 ns     53.672 ns    69.8367 ns \n"
        "                                        13.6172 ns    0.94075 ns    27.0786 ns \n"
        "                                                                               \n"
        "x.cpp:12: FAILED:\n"
        "  REQUIRE( 1 == 2 )\n\n"
        "===============================================================================\n";
    const model::Run run = parse(text);
    ASSERT_EQ(run.metrics.size(), 1u);
}

TEST(Catch2ConsoleReader, Detection) {
    for (const char* file : {"github-action-benchmark/catch2_output_v2.txt",
                             "github-action-benchmark/catch2_output_v3.txt",
                             "github-action-benchmark/issue16_output.txt", "bencher/four.txt",
                             "bencher/issue_351.txt", "bencher/two.txt", "sample/console.txt",
                             "sample/console_no_analysis.txt", "sample/console_failed.txt"}) {
        const std::string text = test::read_fixture(std::string("catch2/") + file);
        EXPECT_TRUE(looks_like_catch2_console(text)) << file;
        EXPECT_EQ(parse_results(text, file, std::nullopt).sources.at(0).format, "catch2-console")
            << file;
    }
    EXPECT_FALSE(looks_like_catch2_console(test::read_fixture("catch2/sample/report.xml")));
}

}  // namespace
}  // namespace caws::ingest
