#include "cli/init_scaffold.hpp"

#include <algorithm>
#include <array>
#include <cctype>
#include <filesystem>
#include <system_error>

#include "util/error.hpp"
#include "util/file_io.hpp"
#include "util/strings.hpp"

namespace caws::cli {
namespace {

constexpr std::array<BenchmarkToolInfo, 4> k_tools{{
    {BenchmarkTool::google_benchmark, "google-benchmark", "cpu_time", "perf.json"},
    {BenchmarkTool::pytest_benchmark, "pytest-benchmark", "time", "perf.json"},
    {BenchmarkTool::hyperfine, "hyperfine", "time", "perf.json"},
    {BenchmarkTool::go, "go", "sec/op", "perf.txt"},
}};

// The text of a top-level file, or "" when it is missing or unreadable: detection only
// looks, it never fails.
std::string peek(const std::filesystem::path& path) {
    std::error_code error;
    if (!std::filesystem::is_regular_file(path, error)) return {};
    try {
        return util::read_file(path.string());
    } catch (const util::Error&) {
        return {};
    }
}

// The top-level regular files of `directory`, sorted so that evidence is deterministic.
std::vector<std::string> top_level_files(const std::string& directory) {
    std::vector<std::string> names;
    std::error_code error;
    for (const auto& entry : std::filesystem::directory_iterator(directory, error)) {
        std::error_code type_error;
        if (entry.is_regular_file(type_error)) names.push_back(entry.path().filename().string());
    }
    std::sort(names.begin(), names.end());
    return names;
}

// The first of `names` that `matches`, or "".
template <typename Predicate>
std::string first_match(const std::vector<std::string>& names, Predicate matches) {
    for (const std::string& name : names) {
        if (matches(name)) return name;
    }
    return {};
}

const char* const k_gate_template = R"({
  "schema": "caws-gate/gate@1",
  "defaults": {
    "statistic": "median",
    "measures": ["@MEASURE@"],
    "thresholds": {"minor": 1.2, "moderate": 1.5, "severe": 2.0},
    "alpha": 0.05
  }
}
)";

const char* const k_baselines_readme = R"(# Baselines

This directory holds the performance baselines that `caws-gate check` compares every
pull request with: one file per suite, `SUITE.json` (the samples of every benchmark,
with the machine and the commit they were measured on). Commit them: a change of
baseline is a reviewed change like any other.

Create or refresh the baseline of suite `perf` from a results file written by the
benchmark step of `.github/workflows/perf.yml` (run it on the kind of machine that CI
uses, or download the `perf-results` artifact of a run):

```sh
caws-gate baseline update @RESULTS@ --suite perf --dir baselines
git add baselines/perf.json
```

A job that refreshes baselines on a schedule also keeps their history in
`history/SUITE.jsonl`, one line per run, which `caws-gate trend` reads.

The gate (thresholds, the measure to gate, budgets, waivers) is `gates/default.json`.
)";

// The steps of the `benchmark` job that write the results file, indented for the job.
std::string benchmark_steps(BenchmarkTool tool) {
    switch (tool) {
        case BenchmarkTool::google_benchmark:
            return R"(      - name: Build the benchmarks
        run: |
          cmake -S . -B build -DCMAKE_BUILD_TYPE=Release
          cmake --build build --parallel
      - name: Run the benchmarks
        # Replace build/benchmarks with your Google Benchmark executable.
        run: >-
          build/benchmarks --benchmark_repetitions=10
          --benchmark_out=perf.json --benchmark_out_format=json
)";
        case BenchmarkTool::pytest_benchmark:
            return R"(      - uses: actions/setup-python@v5
        with:
          python-version: "3.x"
      - name: Install pytest-benchmark
        run: |
          python -m pip install pytest pytest-benchmark
          if [ -f requirements.txt ]; then python -m pip install -r requirements.txt; fi
      - name: Run the benchmarks
        run: python -m pytest --benchmark-only --benchmark-json=perf.json
)";
        case BenchmarkTool::hyperfine:
            return R"(      - name: Install hyperfine
        run: sudo apt-get update -qq && sudo apt-get install -y -qq hyperfine
      - name: Run the benchmarks
        # Replace './my-program --my-input' with the commands to time (one per argument).
        run: hyperfine --warmup 3 --runs 10 --export-json perf.json './my-program --my-input'
)";
        case BenchmarkTool::go:
            return R"(      - uses: actions/setup-go@v5
        with:
          go-version-file: go.mod
      - name: Run the benchmarks
        shell: bash  # with pipefail: a failing benchmark fails the step
        run: go test -run '^$' -bench . -count 10 -benchmem ./... | tee perf.txt
)";
    }
    return {};
}

// Every occurrence of `key` in `text` replaced by `value`.
std::string substitute(std::string text, std::string_view key, std::string_view value) {
    for (std::size_t at = text.find(key); at != std::string::npos;
         at = text.find(key, at + value.size())) {
        text.replace(at, key.size(), value);
    }
    return text;
}

const char* const k_workflow_template =
    R"(# The performance gate, written by `caws-gate init`: on every pull request the
# benchmarks run, caws-gate compares them with the baseline committed in baselines/
# (gates/default.json sets the thresholds), posts the report as a comment and fails the
# check when they got slower.
name: perf

on:
  pull_request:
  workflow_dispatch:

permissions:
  contents: read
  pull-requests: write  # for the report comment

jobs:
  benchmark:
    runs-on: ubuntu-latest
    steps:
      - uses: actions/checkout@v4
@BENCHMARK_STEPS@      - uses: actions/upload-artifact@v4
        with:
          name: perf-results
          path: @RESULTS@

  gate:
    needs: benchmark
    runs-on: ubuntu-latest
    container: debian:12  # caws-gate builds from Debian 12 packages
    steps:
      - name: Install git
        run: apt-get update -qq && apt-get install -y -qq git ca-certificates
      - uses: actions/checkout@v4
      - uses: actions/download-artifact@v4
        with:
          name: perf-results
      # Pin caws-gate to a release tag or a commit SHA.
      - uses: @ACTION@
        with:
          results: @RESULTS@
          suite: perf
          baseline-dir: baselines
)";

}  // namespace

std::span<const BenchmarkToolInfo> benchmark_tools() {
    return k_tools;
}

const BenchmarkToolInfo& benchmark_tool(BenchmarkTool tool) {
    for (const BenchmarkToolInfo& info : k_tools) {
        if (info.tool == tool) return info;
    }
    return k_tools.front();  // unreachable: every enumerator has a row
}

const BenchmarkToolInfo* find_benchmark_tool(std::string_view id) {
    for (const BenchmarkToolInfo& info : k_tools) {
        if (info.id == id) return &info;
    }
    return nullptr;
}

std::vector<DetectedTool> detect_benchmark_tools(const std::string& directory) {
    const std::filesystem::path root(directory);
    const std::vector<std::string> names = top_level_files(directory);
    const auto mentions = [&](std::string_view needle) {
        return [&root, needle](const std::string& name) {
            return util::lower(peek(root / name)).find(needle) != std::string::npos;
        };
    };
    std::vector<DetectedTool> found;
    const auto add = [&found](BenchmarkTool tool, std::string evidence) {
        if (!evidence.empty()) found.push_back({tool, std::move(evidence)});
    };

    add(BenchmarkTool::google_benchmark, first_match(names, [&](const std::string& name) {
            return name == "CMakeLists.txt" && mentions("benchmark")(name);
        }));

    std::string pytest = first_match(names, [](const std::string& name) {
        return name == "conftest.py" || name == "pytest.ini";
    });
    if (pytest.empty()) {
        pytest = first_match(names, [&](const std::string& name) {
            const bool config = name == "pyproject.toml" || name == "setup.cfg" ||
                                name == "setup.py" || name == "tox.ini" ||
                                (name.starts_with("requirements") && name.ends_with(".txt"));
            return config &&
                   (mentions("pytest-benchmark")(name) || mentions("pytest_benchmark")(name));
        });
    }
    add(BenchmarkTool::pytest_benchmark, pytest);

    add(BenchmarkTool::hyperfine, first_match(names, [&](const std::string& name) {
            const bool script = name == "Makefile" || name == "GNUmakefile" || name == "justfile" ||
                                name == "Justfile" || name.ends_with(".sh");
            return script && mentions("hyperfine")(name);
        }));

    add(BenchmarkTool::go,
        first_match(names, [](const std::string& name) { return name == "go.mod"; }));
    return found;
}

bool is_action_reference(std::string_view reference) {
    if (reference.empty()) return false;
    for (const char c : reference) {
        const bool allowed = std::isalnum(static_cast<unsigned char>(c)) != 0 || c == '.' ||
                             c == '_' || c == '-' || c == '/' || c == '@';
        if (!allowed) return false;
    }
    if (reference.starts_with("./")) {
        return reference.size() > 2 && reference.find('@') == std::string_view::npos;
    }
    const std::size_t at = reference.find('@');
    if (at == std::string_view::npos || reference.find('@', at + 1) != std::string_view::npos) {
        return false;
    }
    const std::string_view path = reference.substr(0, at);
    const std::size_t slash = path.find('/');
    return slash != std::string_view::npos && slash > 0 && slash + 1 < path.size() &&
           path.back() != '/' && at + 1 < reference.size();
}

std::vector<ScaffoldFile> scaffold_files(BenchmarkTool tool, std::string_view action) {
    const BenchmarkToolInfo& info = benchmark_tool(tool);
    std::string workflow =
        substitute(k_workflow_template, "@BENCHMARK_STEPS@", benchmark_steps(tool));
    workflow = substitute(std::move(workflow), "@RESULTS@", info.results_file);
    workflow = substitute(std::move(workflow), "@ACTION@", action);
    return {
        {"gates/default.json", substitute(k_gate_template, "@MEASURE@", info.measure)},
        {"baselines/README.md", substitute(k_baselines_readme, "@RESULTS@", info.results_file)},
        {".github/workflows/perf.yml", std::move(workflow)},
    };
}

}  // namespace caws::cli
