// Gate files end to end: the built caws-gate run as a process on the example gates, the
// invalid gate fixtures, gates/default.json in the working directory, and the JSON Schema
// of gate files.
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

ProcessResult caws_gate(std::vector<std::string> args, const std::string& directory = {}) {
    args.insert(args.begin(), CAWS_GATE_BINARY);
    return run_process(args, {{"SOURCE_DATE_EPOCH", "1795392000"}}, directory);
}

std::vector<std::string> json_files(const std::string& directory) {
    std::vector<std::string> files;
    for (const auto& entry : std::filesystem::directory_iterator(source(directory))) {
        if (entry.path().extension() == ".json") files.push_back(entry.path().string());
    }
    std::sort(files.begin(), files.end());
    return files;
}

TEST(GatesProcess, TheSchemaAndValidateAgreeOnTheGates) {
    std::vector<std::string> valid = json_files("gates");
    const std::vector<std::string> fixtures = json_files("tests/fixtures/gates");
    valid.insert(valid.end(), fixtures.begin(), fixtures.end());
    const std::vector<std::string> invalid = json_files("tests/fixtures/gates/invalid");
    ASSERT_GE(valid.size(), 3u);
    ASSERT_FALSE(invalid.empty());
    std::vector<std::string> args{"validate"};
    args.insert(args.end(), valid.begin(), valid.end());
    const ProcessResult ok = caws_gate(args);
    EXPECT_EQ(ok.exit_code, 0) << ok.err;
    for (const std::string& file : invalid) {
        const ProcessResult r = caws_gate({"validate", file});
        EXPECT_EQ(r.exit_code, 2) << file;
        EXPECT_EQ(r.out, "") << file;
        EXPECT_EQ(r.err.rfind("caws-gate: error: " + file + ": /", 0), 0u) << r.err;
    }
    if (!test::has_python_jsonschema()) {
        GTEST_SKIP() << "python3-jsonschema is not installed (apt-get install python3-jsonschema): "
                        "docs/schema/gate.schema.json is not validated";
    }
    test::expect_schema_sorts(source("tests/tools/check_metrics_schema.py"),
                              source("docs/schema/gate.schema.json"), valid, invalid);
}

TEST(GatesProcess, CheckUsesGatesDefaultJsonInTheWorkingDirectory) {
    TempDir dir;
    // Without a gate, the two moderate regressions of the example fail and nothing is waived.
    const std::vector<std::string> args{
        "check",      source("examples/service/results.json"),
        "--baseline", source("examples/service/baselines/service.json"),
        "--json",     dir.file("r.json"),
        "--quiet"};
    ProcessResult r = caws_gate(args, dir.path());
    EXPECT_EQ(r.exit_code, 1) << r.err;
    auto report = nlohmann::json::parse(test::read_text(dir.file("r.json")));
    EXPECT_TRUE(report["budgets"].empty());

    // A default gate that waives both regressions and has no budgets: the gate passes.
    dir.write("gates/default.json", R"({"schema": "caws-gate/gate@1", "waivers": [
        {"match": "*_render", "reason": "r", "owner": "@o", "expires": "2026-12-31"},
        {"match": "search_*", "reason": "r", "owner": "@o", "expires": "2026-12-31"}]})");
    r = caws_gate(args, dir.path());
    EXPECT_EQ(r.exit_code, 0) << r.err;
    report = nlohmann::json::parse(test::read_text(dir.file("r.json")));
    EXPECT_EQ(report["verdict"], "pass");
    ASSERT_EQ(report["findings"].size(), 2u);
    EXPECT_EQ(report["findings"][0]["code"], "waived");
    EXPECT_EQ(report["findings"][1]["code"], "waived");

    // --gate wins over the default.
    std::vector<std::string> with_gate = args;
    with_gate.push_back("--gate");
    with_gate.push_back(source("gates/service.json"));
    r = caws_gate(with_gate, dir.path());
    EXPECT_EQ(r.exit_code, 1) << r.err;
}

TEST(GatesProcess, ValidateNeedsFiles) {
    const ProcessResult r = caws_gate({"validate"});
    EXPECT_EQ(r.exit_code, 2);
    EXPECT_EQ(r.err.rfind("caws-gate: error: ", 0), 0u) << r.err;
}

}  // namespace
}  // namespace caws
