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

// The SHA-256 of a file as sha256sum prints it: what a user checks the report with.
std::string sha256sum(const std::string& file) {
    const ProcessResult r = run_process({"sha256sum", file});
    EXPECT_EQ(r.exit_code, 0) << r.err;
    return r.out.substr(0, 64);
}

TEST(GatesProcess, ReportsNameTheGateFileAndItsDigest) {
    TempDir dir;
    std::vector<std::string> args{"check",      source("examples/service/results.json"),
                                  "--baseline", source("examples/service/baselines/service.json"),
                                  "--json",     dir.file("r.json"),
                                  "--md",       dir.file("r.md"),
                                  "--quiet"};
    // No gate file: the built-in defaults.
    ProcessResult r = caws_gate(args, dir.path());
    ASSERT_EQ(r.exit_code, 1) << r.err;
    auto report = nlohmann::json::parse(test::read_text(dir.file("r.json")));
    ASSERT_TRUE(report.contains("gate_file"));
    EXPECT_TRUE(report["gate_file"].is_null());
    EXPECT_NE(test::read_text(dir.file("r.md")).find("\nGate: built-in defaults (no gate file)\n"),
              std::string::npos);

    // gates/default.json of the working directory, named as such.
    const std::string gate_text = R"({"schema": "caws-gate/gate@1"})"
                                  "\n";
    dir.write("gates/default.json", gate_text);
    r = caws_gate(args, dir.path());
    ASSERT_EQ(r.exit_code, 1) << r.err;
    report = nlohmann::json::parse(test::read_text(dir.file("r.json")));
    const std::string digest = sha256sum(dir.file("gates/default.json"));
    EXPECT_EQ(report["gate_file"]["path"], "gates/default.json");
    EXPECT_EQ(report["gate_file"]["sha256"], digest);
    EXPECT_NE(test::read_text(dir.file("r.md"))
                  .find("\nGate: gates/default.json (sha256 " + digest.substr(0, 12) + ")\n"),
              std::string::npos)
        << test::read_text(dir.file("r.md"));

    // --gate FILE: its path as given; another file, another digest.
    args.push_back("--gate");
    args.push_back(source("gates/service.json"));
    r = caws_gate(args, dir.path());
    report = nlohmann::json::parse(test::read_text(dir.file("r.json")));
    EXPECT_EQ(report["gate_file"]["path"], source("gates/service.json"));
    EXPECT_EQ(report["gate_file"]["sha256"], sha256sum(source("gates/service.json")));
    EXPECT_NE(report["gate_file"]["sha256"], digest);

    // `caws-gate report` renders the same line from the JSON report.
    r = caws_gate({"report", dir.file("r.json"), "--md", dir.file("again.md"), "--quiet"},
                  dir.path());
    ASSERT_EQ(r.exit_code, 0) << r.err;
    EXPECT_EQ(test::read_text(dir.file("again.md")), test::read_text(dir.file("r.md")));
}

TEST(GatesProcess, CompareNamesNoGateFile) {
    TempDir dir;
    const ProcessResult r = caws_gate(
        {"compare", source("examples/baselines/demo.json"), source("examples/results/demo.json"),
         "--json", dir.file("r.json"), "--md", dir.file("r.md"), "--quiet"},
        dir.path());
    ASSERT_EQ(r.exit_code, 0) << r.err;
    const auto report = nlohmann::json::parse(test::read_text(dir.file("r.json")));
    EXPECT_TRUE(report["gate_file"].is_null());
    // It gates nothing, so its Markdown names no gate.
    EXPECT_EQ(test::read_text(dir.file("r.md")).find("Gate:"), std::string::npos);
}

TEST(GatesProcess, ValidateNeedsFiles) {
    const ProcessResult r = caws_gate({"validate"});
    EXPECT_EQ(r.exit_code, 2);
    EXPECT_EQ(r.err.rfind("caws-gate: error: ", 0), 0u) << r.err;
}

}  // namespace
}  // namespace caws
