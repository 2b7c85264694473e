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

// A tool found in a repository, with the file that gave it away.
struct DetectedTool {
    BenchmarkTool tool;
    std::string evidence;  // a file name relative to the repository, "go.mod"
};

// The tools whose marks are among the top-level files of `directory` (docs/ci.md, "caws-gate
// init"): go.mod (go); conftest.py or pytest.ini, or pytest-benchmark named in
// pyproject.toml, setup.cfg, setup.py, tox.ini or requirements*.txt (pytest-benchmark);
// "benchmark" in CMakeLists.txt, any case (google-benchmark); hyperfine named in a
// Makefile, justfile or *.sh (hyperfine). At most one entry per tool; unreadable files
// are skipped.
std::vector<DetectedTool> detect_benchmark_tools(const std::string& directory);

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

// gates/default.json, baselines/README.md and .github/workflows/perf.yml for `tool`, the
// workflow using the composite action at `action`.
std::vector<ScaffoldFile> scaffold_files(BenchmarkTool tool, std::string_view action);

}  // namespace caws::cli
