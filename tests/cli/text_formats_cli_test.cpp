// The built caws-gate binary on the text and XML formats and on Criterion.rs's data
// directory: detection, directories as results, and errors with their location.
#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <filesystem>

#include "support/process.hpp"
#include "support/temp_dir.hpp"

namespace caws::test {
namespace {

const std::string k_fixtures = std::string(CAWS_GATE_SOURCE_DIR) + "/tests/fixtures/";

ProcessResult caws_gate(const std::vector<std::string>& args) {
    std::vector<std::string> argv{CAWS_GATE_BINARY};
    argv.insert(argv.end(), args.begin(), args.end());
    return run_process(argv, {{"SOURCE_DATE_EPOCH", "1795392000"}});
}

const nlohmann::json* comparison(const nlohmann::json& report, const std::string& metric,
                                 const std::string& measure) {
    for (const auto& c : report["comparisons"]) {
        if (c["metric"] == metric && c["measure"] == measure) return &c;
    }
    return nullptr;
}

TEST(TextFormatsCli, GoOutputAgainstItsOwnBaselinePasses) {
    TempDir dir;
    const std::string bench = k_fixtures + "go/sample/bench.txt";
    const ProcessResult update =
        caws_gate({"baseline", "update", bench, "--suite", "go", "--dir", dir.file("baselines")});
    ASSERT_EQ(update.exit_code, 0) << update.err;
    const ProcessResult check = caws_gate({"check", bench, "--suite", "go", "--dir",
                                           dir.file("baselines"), "--json", dir.file("r.json")});
    EXPECT_EQ(check.exit_code, 0) << check.err;
    const auto report = nlohmann::json::parse(read_text(dir.file("r.json")));
    const nlohmann::json* fnv = comparison(report, "BenchmarkFNV/size=64", "sec/op");
    ASSERT_NE(fnv, nullptr);
    EXPECT_EQ((*fnv)["n"], nlohmann::json::array({5, 5}));
    EXPECT_EQ((*fnv)["direction"], "lower");
    const nlohmann::json* rate = comparison(report, "BenchmarkFNV/size=64", "B/s");
    ASSERT_NE(rate, nullptr);
    EXPECT_EQ((*rate)["direction"], "higher");
}

TEST(TextFormatsCli, ACriterionDataDirectoryIsAResultsPath) {
    TempDir dir;
    // A trailing slash, as shells complete directories: the suite is still "criterion".
    const std::string data = k_fixtures + "criterion/sample/target/criterion/";
    const ProcessResult update = caws_gate({"baseline", "update", data, "--dir", dir.file("b")});
    ASSERT_EQ(update.exit_code, 0) << update.err;
    ASSERT_TRUE(std::filesystem::exists(dir.file("b/criterion.json")));
    const ProcessResult check =
        caws_gate({"check", data, "--dir", dir.file("b"), "--json", dir.file("r.json")});
    EXPECT_EQ(check.exit_code, 0) << check.err;
    const auto report = nlohmann::json::parse(read_text(dir.file("r.json")));
    const nlohmann::json* fib = comparison(report, "fib 15", "time");
    ASSERT_NE(fib, nullptr);
    EXPECT_EQ((*fib)["n"], nlohmann::json::array({20, 20}));
}

TEST(TextFormatsCli, EveryFormatIsDetected) {
    for (const char* file : {"catch2/sample/report.xml", "catch2/sample/console.txt",
                             "benchmarkjs/sample/output.txt", "rust-libtest/sample/bench.txt",
                             "criterion/sample/console.txt", "go/benchstat/crc-new.txt"}) {
        TempDir dir;
        const ProcessResult r = caws_gate(
            {"baseline", "update", k_fixtures + file, "--suite", "s", "--dir", dir.path()});
        EXPECT_EQ(r.exit_code, 0) << file << ": " << r.err;
    }
}

TEST(TextFormatsCli, MalformedTextExitsTwoWithTheLocationAndWritesNothing) {
    TempDir dir;
    const std::string bench = dir.write("bench.txt",
                                        "goos: linux\n"
                                        "BenchmarkFib10-8   \t 5000000\t 325 ns/op\n"
                                        "BenchmarkFib20-8   \t   30000\t ns/op\n");
    const ProcessResult r =
        caws_gate({"baseline", "update", bench, "--suite", "s", "--dir", dir.file("b")});
    EXPECT_EQ(r.exit_code, 2);
    EXPECT_EQ(r.err, "caws-gate: error: " + bench +
                         ": line 3, column 31: expected a number before \"ns/op\"\n");
    EXPECT_FALSE(std::filesystem::exists(dir.file("b/s.json")));
}

TEST(TextFormatsCli, ForcedFormatsAndDirectoriesWithoutResults) {
    TempDir dir;
    const ProcessResult xml =
        caws_gate({"baseline", "update", k_fixtures + "catch2/sample/console.txt", "--format",
                   "catch2-xml", "--suite", "s", "--dir", dir.path()});
    EXPECT_EQ(xml.exit_code, 2);
    EXPECT_EQ(xml.err, "caws-gate: error: " + k_fixtures +
                           "catch2/sample/console.txt: line 92, column 1: expected well-formed "
                           "XML: no document element found\n");
    const ProcessResult empty =
        caws_gate({"baseline", "update", dir.path(), "--suite", "s", "--dir", dir.file("b")});
    EXPECT_EQ(empty.exit_code, 2);
    EXPECT_EQ(empty.err, "caws-gate: error: " + dir.path() +
                             ": is a directory, but holds no results that a directory format "
                             "reads; expected one of: criterion\n");
}

}  // namespace
}  // namespace caws::test
