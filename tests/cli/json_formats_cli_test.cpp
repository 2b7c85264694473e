// The JSON input formats end to end: the built caws-gate run as a process on fresh output
// of the real tools (when installed), on broken files, and with --format / --direction.
#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <algorithm>
#include <filesystem>
#include <string>
#include <vector>

#include "support/process.hpp"
#include "support/schema_check.hpp"
#include "support/temp_dir.hpp"

namespace caws {
namespace {

using test::ProcessResult;
using test::run_process;
using test::TempDir;

std::string source(const std::string& relative) {
    return std::string(CAWS_GATE_SOURCE_DIR) + "/" + relative;
}

ProcessResult caws_gate(std::vector<std::string> args) {
    args.insert(args.begin(), CAWS_GATE_BINARY);
    return run_process(args);
}

bool installed(const std::vector<std::string>& probe) {
    return run_process(probe).exit_code == 0;
}

// A baseline written by `caws-gate baseline update`, parsed.
nlohmann::json baseline_of(const TempDir& dir, const std::string& suite) {
    return nlohmann::json::parse(test::read_text(dir.file("baselines/" + suite + ".json")));
}

TEST(JsonFormatsCli, ReadsFreshPytestBenchmarkOutput) {
    const std::string python = "/usr/bin/python3";
    if (!installed({python, "-c", "import pytest_benchmark"})) {
        GTEST_SKIP() << "python3-pytest-benchmark is not installed (apt-get install "
                        "python3-pytest-benchmark): the real pytest-benchmark run is not tested";
    }
    const TempDir dir;
    const ProcessResult made =
        run_process({source("tests/fixtures/pytest-benchmark/generated/make.sh"), dir.path()},
                    {{"PYTHON", python}});
    ASSERT_EQ(made.exit_code, 0) << made.err;
    const auto fresh = nlohmann::json::parse(test::read_text(dir.file("with_data.json")));

    const ProcessResult update = caws_gate({"baseline", "update", dir.file("with_data.json"),
                                            "--suite", "py", "--dir", dir.file("baselines")});
    ASSERT_EQ(update.exit_code, 0) << update.err;
    const nlohmann::json baseline = baseline_of(dir, "py");
    EXPECT_EQ(baseline["sources"][0]["format"], "pytest-benchmark");
    ASSERT_EQ(baseline["metrics"].size(), fresh["benchmarks"].size());
    for (const auto& metric : baseline["metrics"]) {
        bool found = false;
        for (const auto& bench : fresh["benchmarks"]) {
            if (bench["fullname"] != metric["name"]) continue;
            found = true;
            EXPECT_EQ(metric["samples"].size(), bench["stats"]["rounds"].get<std::size_t>());
            EXPECT_EQ(metric["unit"], "s");
            EXPECT_EQ(metric["direction"], "lower");
        }
        EXPECT_TRUE(found) << metric["name"];
    }

    // The saved run without data compares with the baseline as a summary.
    const ProcessResult check =
        caws_gate({"check", dir.file("stats_only.json"), "--baseline",
                   dir.file("baselines/py.json"), "--json", dir.file("report.json"), "--quiet"});
    EXPECT_TRUE(check.exit_code == 0 || check.exit_code == 1) << check.err;
    const auto report = nlohmann::json::parse(test::read_text(dir.file("report.json")));
    EXPECT_EQ(report["candidate"]["sources"][0]["format"], "pytest-benchmark");
    EXPECT_EQ(report["comparisons"].size(), 3u);
}

TEST(JsonFormatsCli, ReadsFreshHyperfineOutput) {
    if (!installed({"hyperfine", "--version"})) {
        GTEST_SKIP() << "hyperfine is not installed (apt-get install hyperfine): the real "
                        "hyperfine run is not tested";
    }
    const TempDir dir;
    const ProcessResult made =
        run_process({source("tests/fixtures/hyperfine/generated/make.sh"), dir.path()});
    ASSERT_EQ(made.exit_code, 0) << made.err;

    const ProcessResult update =
        caws_gate({"baseline", "update", dir.file("sleep.json"), dir.file("parameters.json"),
                   "--suite", "shell", "--dir", dir.file("baselines")});
    ASSERT_EQ(update.exit_code, 0) << update.err;
    const nlohmann::json baseline = baseline_of(dir, "shell");
    EXPECT_EQ(baseline["sources"][0]["format"], "hyperfine");
    EXPECT_EQ(baseline["sources"][1]["format"], "hyperfine");
    std::size_t times = 0;
    for (const auto& metric : baseline["metrics"]) {
        if (metric["measure"] != "time") continue;
        ++times;
        if (metric["name"] == "sleep 0.01") {
            EXPECT_EQ(metric["samples"].size(), 10u);
        } else if (metric["name"] == "exit 1") {
            EXPECT_EQ(metric["labels"]["failed_runs"], "5 of 5");
        } else if (metric["name"] == "exit 0") {
            EXPECT_EQ(metric["labels"]["parameters.code"], "0");
        }
    }
    EXPECT_EQ(times, 4u);

    const ProcessResult check =
        caws_gate({"check", dir.file("sleep.json"), "--baseline", dir.file("baselines/shell.json"),
                   "--json", dir.file("report.json"), "--quiet"});
    EXPECT_TRUE(check.exit_code == 0 || check.exit_code == 1) << check.err;
    const auto report = nlohmann::json::parse(test::read_text(dir.file("report.json")));
    EXPECT_EQ(report["candidate"]["sources"][0]["format"], "hyperfine");
}

TEST(JsonFormatsCli, BrokenFilesExitTwoWithTheLocationAndWriteNothing) {
    const TempDir dir;
    const std::string broken = dir.write("broken.json", R"({"machine_info": {}, "benchmarks": [
        {"fullname": "a.py::t", "stats": {"median": -1}}]})");
    const ProcessResult result =
        caws_gate({"baseline", "update", broken, "--suite", "s", "--dir", dir.file("baselines")});
    EXPECT_EQ(result.exit_code, 2);
    EXPECT_EQ(result.err, "caws-gate: error: " + broken +
                              ": /benchmarks/0/stats/median: expected a finite, non-negative "
                              "number, got -1\n");
    EXPECT_EQ(test::read_text(dir.file("baselines/s.json")), "");

    const std::string text =
        test::read_text(source("tests/fixtures/prometheus/matrix_memory.json"));
    const std::string truncated = dir.write("truncated.json", text.substr(0, 300));
    const ProcessResult cut =
        caws_gate({"check", truncated, "--baseline", broken, "--json", dir.file("report.json")});
    EXPECT_EQ(cut.exit_code, 2);
    EXPECT_EQ(cut.err, "caws-gate: error: " + truncated +
                           ": line 1, column 301: invalid JSON: syntax error while parsing array - "
                           "unexpected end of input; expected ']'\n");
    EXPECT_EQ(test::read_text(dir.file("report.json")), "");
}

TEST(JsonFormatsCli, UnknownFilesListTheFormats) {
    const TempDir dir;
    const std::string unknown = dir.write("unknown.json", R"({"hello": "world"})");
    const ProcessResult result = caws_gate({"baseline", "update", unknown, "--dir", dir.path()});
    EXPECT_EQ(result.exit_code, 2);
    EXPECT_EQ(result.err.rfind("caws-gate: error: " + unknown +
                                   ": cannot tell which benchmark tool wrote this file; expected "
                                   "one of: google-benchmark, ",
                               0),
              0u)
        << result.err;
    EXPECT_NE(result.err.find(", caws-metrics, metric-summary"), std::string::npos) << result.err;
}

TEST(JsonFormatsCli, CustomJsonNeedsADirection) {
    const TempDir dir;
    const std::string custom = source(
        "tests/fixtures/custom-json/github-action-benchmark/customBiggerIsBetter_output.json");
    const ProcessResult without = caws_gate({"baseline", "update", custom, "--dir", dir.path()});
    EXPECT_EQ(without.exit_code, 2);
    EXPECT_EQ(without.err, "caws-gate: error: " + custom +
                               ": github-action-benchmark custom JSON does not say whether "
                               "smaller or bigger is better; pass --direction lower "
                               "(customSmallerIsBetter) or --direction higher "
                               "(customBiggerIsBetter)\n");
    const ProcessResult wrong =
        caws_gate({"baseline", "update", custom, "--dir", dir.path(), "--direction", "up"});
    EXPECT_EQ(wrong.exit_code, 2);
    EXPECT_NE(wrong.err.find("--direction"), std::string::npos) << wrong.err;

    const ProcessResult with = caws_gate({"baseline", "update", custom, "--suite", "custom",
                                          "--dir", dir.file("baselines"), "--direction", "higher"});
    ASSERT_EQ(with.exit_code, 0) << with.err;
    const nlohmann::json custom_baseline = baseline_of(dir, "custom");
    for (const auto& metric : custom_baseline["metrics"]) {
        EXPECT_EQ(metric["direction"], "higher");
    }
    const ProcessResult compare = caws_gate({"compare", custom, custom, "--direction", "higher",
                                             "--json", dir.file("report.json"), "--quiet"});
    EXPECT_EQ(compare.exit_code, 0) << compare.err;
}

TEST(JsonFormatsCli, FormatForcesAReader) {
    const TempDir dir;
    const std::string file = source("tests/fixtures/k6/summary-export.json");
    const ProcessResult forced =
        caws_gate({"baseline", "update", file, "--format", "bmf", "--dir", dir.path()});
    EXPECT_EQ(forced.exit_code, 2);
    EXPECT_EQ(forced.err,
              "caws-gate: error: " + file + ": /root_group/name: expected an object, got \"\"\n");
    const ProcessResult detected =
        caws_gate({"baseline", "update", file, "--suite", "k6", "--dir", dir.file("baselines")});
    ASSERT_EQ(detected.exit_code, 0) << detected.err;
    EXPECT_EQ(baseline_of(dir, "k6")["sources"][0]["format"], "k6");
}

// The .json files of a fixture directory, sorted.
std::vector<std::string> json_files(const std::string& directory) {
    std::vector<std::string> files;
    for (const auto& entry : std::filesystem::directory_iterator(source(directory))) {
        if (entry.path().extension() == ".json") files.push_back(entry.path().string());
    }
    std::sort(files.begin(), files.end());
    return files;
}

TEST(JsonFormatsCli, TheMetricsSchemaAndTheReaderAgreeOnTheExamples) {
    const std::vector<std::string> valid = json_files("tests/fixtures/caws-metrics");
    const std::vector<std::string> invalid = json_files("tests/fixtures/caws-metrics/invalid");
    ASSERT_FALSE(valid.empty());
    ASSERT_FALSE(invalid.empty());
    const TempDir dir;
    for (const std::string& file : valid) {
        const ProcessResult result = caws_gate({"baseline", "update", file, "--dir", dir.path()});
        EXPECT_EQ(result.exit_code, 0) << file << ": " << result.err;
    }
    for (const std::string& file : invalid) {
        const ProcessResult result = caws_gate({"baseline", "update", file, "--dir", dir.path()});
        EXPECT_EQ(result.exit_code, 2) << file;
        EXPECT_EQ(result.err.rfind("caws-gate: error: " + file + ": /", 0), 0u) << result.err;
    }
    if (!test::has_python_jsonschema()) {
        GTEST_SKIP() << "python3-jsonschema is not installed (apt-get install python3-jsonschema): "
                        "docs/schema/metrics.schema.json is not validated";
    }
    test::expect_schema_sorts(source("tests/tools/check_metrics_schema.py"),
                              source("docs/schema/metrics.schema.json"), valid, invalid);
}

}  // namespace
}  // namespace caws
