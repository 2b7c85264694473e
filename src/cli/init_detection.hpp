#pragma once

// What `caws-gate init` finds in a repository: the benchmark tool, and for Google
// Benchmark the program the CMake build makes. Detection only looks: files that cannot
// be read are skipped, and nothing here fails.

#include <string>
#include <vector>

#include "cli/init_scaffold.hpp"

namespace caws::cli {

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

// A Google Benchmark program that a repository's CMake build makes.
struct DetectedProgram {
    std::string path;      // where `cmake -S . -B build` puts it: "build/bench/my_bench"
    std::string evidence;  // the CMakeLists.txt that defines it: "bench/CMakeLists.txt"
};

// The executables linked with Google Benchmark in the CMakeLists.txt files of
// `directory` and its subdirectories, at most 4 levels down: a target named by
// add_executable(NAME ...) that the same file's target_link_libraries(NAME ...) links
// with benchmark::benchmark, benchmark::benchmark_main, benchmark or benchmark_main
// (command names in any case, as CMake reads them). Hidden directories, build trees
// (build*) and vendored code (third_party, 3rdparty, external, extern, vendor, deps,
// _deps, subprojects) are not searched. A name made with a variable (${...}) is skipped;
// so are imported and alias targets, and paths with characters other than letters,
// digits and ._+-/ (the workflow writes them unquoted). Sorted by path.
std::vector<DetectedProgram> detect_benchmark_programs(const std::string& directory);

}  // namespace caws::cli
