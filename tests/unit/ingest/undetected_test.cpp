// Files no reader recognises get an error that says what they are: an empty file, JSON cut
// off before its end, Google Benchmark's CSV or console output (real outputs of the sample
// program, tests/fixtures/google-benchmark/README.md).
#include "ingest/undetected.hpp"

#include <gtest/gtest.h>

#include <string>

#include "ingest/results.hpp"
#include "support/fixtures.hpp"
#include "util/error.hpp"

namespace caws::ingest {
namespace {

std::string error_of(const std::string& text) {
    try {
        (void)parse_results(text, "perf.json", std::nullopt, {});
    } catch (const util::Error& e) {
        return e.what();
    }
    return "no error";
}

TEST(Undetected, AnEmptyFileSaysSo) {
    EXPECT_EQ(error_of(""), "perf.json: empty file: expected the results of a benchmark tool");
    EXPECT_EQ(error_of("\n  \n"),
              "perf.json: empty file: expected the results of a benchmark tool");
}

TEST(Undetected, JsonCutOffSaysTruncatedAndWhere) {
    // A real Google Benchmark file cut at 300 bytes: inside its context, before "benchmarks".
    const std::string whole = test::read_fixture("google-benchmark/sample/back-to-back.json");
    const std::string cut = whole.substr(0, 300);
    EXPECT_EQ(error_of(cut),
              "perf.json: line 13, column 5: truncated JSON: the file ends inside an unfinished "
              "value (cut off while it was written or copied?)");
    const Undetected broken = explain_undetected("{\"context\": {\"a\": 1,, }}");
    EXPECT_EQ(broken.where, "line 1, column 21");
    EXPECT_NE(broken.what.find("invalid JSON"), std::string::npos);
    // Valid JSON that no tool writes: nothing more to say than the usual message.
    EXPECT_TRUE(explain_undetected("{\"a\": 1}").what.empty());
    EXPECT_NE(error_of("{\"a\": 1}").find("cannot tell which benchmark tool wrote this file"),
              std::string::npos);
}

TEST(Undetected, GoogleBenchmarkCsvAndConsoleOutputAskForJson) {
    const std::string advice =
        "caws-gate reads Google Benchmark's JSON: run the benchmark with --benchmark_out=FILE "
        "--benchmark_out_format=json (or --benchmark_format=json on standard output)";
    EXPECT_EQ(error_of(test::read_fixture("google-benchmark/sample/output.csv")),
              "perf.json: line 1: Google Benchmark CSV output: " + advice);
    EXPECT_EQ(error_of(test::read_fixture("google-benchmark/sample/console.txt")),
              "perf.json: Google Benchmark console output: " + advice);
}

}  // namespace
}  // namespace caws::ingest
