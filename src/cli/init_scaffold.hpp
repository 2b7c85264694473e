#pragma once

#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace caws::cli {

// The benchmark tools `caws-gate init` writes a workflow for.
enum class BenchmarkTool { google_benchmark, pytest_benchmark, hyperfine, go };

// One row of the tool table: the --tool value beside what the scaffold needs.
struct BenchmarkToolInfo {
    BenchmarkTool tool;
    std::string_view id;            // --tool value, "google-benchmark"
    std::string_view measure;       // the measure the default gate looks at, "cpu_time"
    std::string_view results_file;  // what the workflow's benchmark step writes, "perf.json"
};

// Every tool, in the order detection reports them.
std::span<const BenchmarkToolInfo> benchmark_tools();

// The row of a tool; `find_benchmark_tool` returns nullptr for an unknown id.
const BenchmarkToolInfo& benchmark_tool(BenchmarkTool tool);
const BenchmarkToolInfo* find_benchmark_tool(std::string_view id);

// The action reference written when none is given; the user replaces it.
inline constexpr std::string_view k_action_placeholder =
    "OWNER/caws-gate/.github/actions/caws-gate@REF";

// True for "owner/repo[/path]@ref" or "./path" made of letters, digits and ._-/@ only, so
// that it can be written into YAML unquoted.
bool is_action_reference(std::string_view reference);

// A file the scaffold writes, its path relative to the repository.
struct ScaffoldFile {
    std::string path;
    std::string content;
};

// The Google Benchmark program a workflow runs when none was found; the user replaces it.
inline constexpr std::string_view k_program_placeholder = "build/benchmarks";

// What `caws-gate init` writes.
struct ScaffoldRequest {
    BenchmarkTool tool = BenchmarkTool::google_benchmark;
    std::string action{k_action_placeholder};  // the composite action, is_action_reference
    // google-benchmark: the program to run, relative to a tree's root ("build/my_bench");
    // empty for k_program_placeholder, with a comment saying to replace it.
    std::string program;
    // false: the benchmarks run in one job and the gate job compares them with the
    // baseline committed in baselines/ (`caws-gate check`). true: one job builds the pull
    // request and its merge base side by side and runs `caws-gate ab` on the two; no
    // baseline.
    bool ab = false;
    // The repository has git submodules (a .gitmodules file): the workflow checks them out
    // with the code it builds.
    bool submodules = false;
};

// The files for `request`: gates/default.json, .github/workflows/perf.yml (using the
// composite action at request.action) and, for a committed baseline, baselines/README.md
// and baselines/.gitignore (the lock files a killed update leaves).
std::vector<ScaffoldFile> scaffold_files(const ScaffoldRequest& request);

}  // namespace caws::cli
