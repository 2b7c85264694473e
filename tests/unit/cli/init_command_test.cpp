// `caws-gate init` in-process: the files it writes for each tool, with a committed
// baseline and with --ab, detection, never overwriting, and its usage errors.
// tests/ci/check_init_workflows.sh parses the generated workflows as YAML and runs the
// --ab one.
#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <filesystem>
#include <sstream>

#include "cli/cli.hpp"
#include "cli/init_scaffold.hpp"
#include "gate/gate_file.hpp"
#include "support/fake_environment.hpp"
#include "support/temp_dir.hpp"

namespace caws::cli {
namespace {

struct Outcome {
    int exit_code;
    std::string out;
    std::string err;
};

Outcome init(const std::vector<std::string>& extra) {
    test::FakeEnvironment env;
    std::vector<std::string> args{"init"};
    args.insert(args.end(), extra.begin(), extra.end());
    std::ostringstream out;
    std::ostringstream err;
    const int code = run(args, out, err, env);
    return {code, out.str(), err.str()};
}

bool exists(const test::TempDir& dir, const std::string& name) {
    return std::filesystem::exists(dir.file(name));
}

const char* const k_action = "acme/caws-gate/.github/actions/caws-gate@v1.2.0";

TEST(InitCommand, WritesTheGateTheBaselinesReadmeAndTheWorkflowForEachTool) {
    struct Case {
        const char* tool;
        const char* measure;
        const char* command;  // the benchmark command the workflow runs
        const char* results;
    };
    const Case cases[] = {
        {"google-benchmark", "cpu_time",
         "--benchmark_repetitions=10\n          --benchmark_enable_random_interleaving=true\n"
         "          --benchmark_out=perf.json --benchmark_out_format=json",
         "perf.json"},
        {"pytest-benchmark", "time", "python -m pytest --benchmark-only --benchmark-json=perf.json",
         "perf.json"},
        {"hyperfine", "time", "hyperfine --warmup 3 --runs 10 --export-json perf.json",
         "perf.json"},
        {"go", "sec/op",
         "for _ in $(seq 10); do go test -run '^$' -bench . -count 1 -benchmem ./...; done | tee "
         "perf.txt",
         "perf.txt"},
    };
    for (const Case& c : cases) {
        SCOPED_TRACE(c.tool);
        test::TempDir dir;
        const Outcome r = init({"--dir", dir.path(), "--tool", c.tool, "--action", k_action});
        ASSERT_EQ(r.exit_code, 0) << r.err;
        EXPECT_EQ(r.err, "");
        EXPECT_EQ(r.out.rfind(std::string("caws-gate init: ") + c.tool + " (from --tool)\n", 0), 0u)
            << r.out;
        for (const char* name :
             {"gates/default.json", "baselines/README.md", "baselines/.gitignore",
              ".github/workflows/perf.yml", ".github/workflows/perf-baseline.yml"}) {
            EXPECT_NE(r.out.find(std::string("  created  ") + name + "\n"), std::string::npos)
                << r.out;
        }
        const auto gate = nlohmann::json::parse(test::read_text(dir.file("gates/default.json")));
        EXPECT_EQ(gate["schema"], "caws-gate/gate@1");
        EXPECT_EQ(gate["defaults"]["measures"], nlohmann::json::array({c.measure}));
        EXPECT_DOUBLE_EQ(gate["defaults"]["thresholds"]["moderate"].get<double>(), 1.5);
        // The gate file reader that `check --gate` uses accepts it.
        EXPECT_NO_THROW(gate::load_gate(dir.file("gates/default.json")));

        const std::string workflow = test::read_text(dir.file(".github/workflows/perf.yml"));
        EXPECT_NE(workflow.find(c.command), std::string::npos) << workflow;
        if (std::string_view(c.tool) == "google-benchmark") {
            // As many compilers as CPUs: --parallel alone lets make start every job at once.
            EXPECT_NE(workflow.find("cmake --build build --parallel \"$(nproc)\"\n"),
                      std::string::npos)
                << workflow;
        }
        EXPECT_NE(workflow.find(std::string("      - uses: ") + k_action + "\n"), std::string::npos)
            << workflow;
        EXPECT_NE(workflow.find(std::string("          results: ") + c.results + "\n"),
                  std::string::npos);
        EXPECT_NE(workflow.find(std::string("path: ") + c.results + "\n"), std::string::npos);
        // The benchmark job runs the pull request's code with a read-only token; only the
        // gate job, which comments, may write.
        EXPECT_NE(workflow.find("\npermissions:\n  contents: read\n\njobs:\n"), std::string::npos)
            << workflow;
        const std::size_t gate_job = workflow.find("\n  gate:\n");
        ASSERT_NE(gate_job, std::string::npos);
        EXPECT_EQ(workflow.find("pull-requests"), workflow.find("pull-requests", gate_job));
        EXPECT_NE(
            workflow.find("    permissions:\n      contents: read\n      pull-requests: write",
                          gate_job),
            std::string::npos)
            << workflow;
        // No placeholder to replace when --action is given.
        EXPECT_EQ(r.out.find(std::string(k_action_placeholder)), std::string::npos) << r.out;
        // The baseline comes from the baseline workflow's ten seed runs, with a history.
        EXPECT_NE(r.out.find("run the perf baseline workflow by hand once"), std::string::npos)
            << r.out;
        const std::string nightly =
            test::read_text(dir.file(".github/workflows/perf-baseline.yml"));
        EXPECT_NE(nightly.find(c.command), std::string::npos) << nightly;
        EXPECT_NE(nightly.find(std::string("      - uses: ") + k_action + "\n"), std::string::npos)
            << nightly;
        EXPECT_NE(nightly.find("install-only: \"true\""), std::string::npos) << nightly;
        EXPECT_NE(nightly.find(std::string("for results in runs/*/") + c.results + "; do"),
                  std::string::npos)
            << nightly;
        EXPECT_NE(nightly.find("--policy rolling:5"), std::string::npos) << nightly;
        EXPECT_NE(nightly.find("fromJSON('[1, 2, 3, 4, 5, 6, 7, 8, 9, 10]')"), std::string::npos)
            << nightly;
        // Only the job that runs no benchmark code may push and open the pull request.
        const std::size_t baseline_job = nightly.find("\n  baseline:\n");
        ASSERT_NE(baseline_job, std::string::npos);
        EXPECT_NE(nightly.find("\npermissions:\n  contents: read\n"), std::string::npos);
        EXPECT_EQ(nightly.find("contents: write"), nightly.find("contents: write", baseline_job));
        EXPECT_NE(test::read_text(dir.file("baselines/README.md")).find("perf-baseline.yml"),
                  std::string::npos);
        EXPECT_NE(test::read_text(dir.file("baselines/.gitignore")).find("\n*.lock\n"),
                  std::string::npos);
        EXPECT_NE(test::read_text(dir.file("baselines/README.md")).find("baseline update"),
                  std::string::npos);
    }
}

TEST(InitCommand, WithoutActionWritesThePlaceholderAndSaysToReplaceIt) {
    test::TempDir dir;
    const Outcome r = init({"--dir", dir.path(), "--tool", "go"});
    ASSERT_EQ(r.exit_code, 0) << r.err;
    const std::string workflow = test::read_text(dir.file(".github/workflows/perf.yml"));
    EXPECT_NE(workflow.find(std::string("uses: ") + std::string(k_action_placeholder)),
              std::string::npos);
    EXPECT_NE(r.out.find(std::string("1. In .github/workflows/perf.yml and perf-baseline.yml, "
                                     "replace ") +
                         std::string(k_action_placeholder)),
              std::string::npos)
        << r.out;
}

// The lines of `text` that start (after indentation) with `key`, without it.
std::vector<std::string> values_of(const std::string& text, const std::string& key) {
    std::vector<std::string> values;
    std::istringstream lines(text);
    for (std::string line; std::getline(lines, line);) {
        const std::size_t start = line.find_first_not_of(' ');
        if (start != std::string::npos && line.compare(start, key.size(), key) == 0) {
            values.push_back(line.substr(start + key.size()));
        }
    }
    return values;
}

TEST(InitCommand, WithAbWritesOneJobThatBuildsTheMergeBaseBesideThePullRequest) {
    struct Case {
        const char* tool;
        const char* base;  // the base command
        const char* head;
        const char* build;     // a line of the steps that build or set up both trees
        const char* packages;  // what the job installs with apt-get, "" for no such step
    };
    const Case cases[] = {
        {"google-benchmark", "../base/build/benchmarks", "build/benchmarks",
         "cmake --build \"$tree/build\" --parallel \"$(nproc)\"",
         "g++ make cmake libbenchmark-dev"},
        {"pytest-benchmark",
         "cd ../base && python -m pytest --benchmark-only --benchmark-json {out}",
         "python -m pytest --benchmark-only --benchmark-json {out}", "python3 -m venv ../venv",
         "python3 python3-venv"},
        {"hyperfine",
         "cd ../base && hyperfine -N -n my-program --warmup 1 --runs 5 --export-json {out} "
         "'./my-program --my-input'",
         "hyperfine -N -n my-program --warmup 1 --runs 5 --export-json {out} "
         "'./my-program --my-input'",
         "make -C \"$tree\"", "hyperfine make"},
        {"go", "cd ../base && go test -run '^$' -bench . -count 1 -benchmem ./...",
         "go test -run '^$' -bench . -count 1 -benchmem ./...",
         "(cd \"$tree\" && go test -run '^$' ./...)", ""},
    };
    for (const Case& c : cases) {
        SCOPED_TRACE(c.tool);
        test::TempDir dir;
        const Outcome r =
            init({"--dir", dir.path(), "--tool", c.tool, "--action", k_action, "--ab"});
        ASSERT_EQ(r.exit_code, 0) << r.err;
        EXPECT_EQ(r.out.rfind(std::string("caws-gate init: ") + c.tool +
                                  " (from --tool), base and head side by side (caws-gate ab)\n",
                              0),
                  0u)
            << r.out;
        EXPECT_NE(r.out.find("  created  gates/default.json\n"), std::string::npos);
        EXPECT_NE(r.out.find("  created  .github/workflows/perf.yml\n"), std::string::npos);
        // No baseline to record or keep.
        EXPECT_FALSE(exists(dir, "baselines"));
        EXPECT_FALSE(exists(dir, ".github/workflows/perf-baseline.yml"));
        EXPECT_EQ(r.out.find("baseline update"), std::string::npos) << r.out;
        EXPECT_NE(r.out.find("open a pull request: the job compares it with its merge base"),
                  std::string::npos)
            << r.out;
        EXPECT_NO_THROW(gate::load_gate(dir.file("gates/default.json")));

        const std::string workflow = test::read_text(dir.file(".github/workflows/perf.yml"));
        EXPECT_EQ(values_of(workflow, "base-command: "), std::vector<std::string>{c.base})
            << workflow;
        EXPECT_EQ(values_of(workflow, "head-command: "), std::vector<std::string>{c.head});
        EXPECT_EQ(values_of(workflow, "rounds: "), std::vector<std::string>{"10"});
        EXPECT_NE(workflow.find(c.build), std::string::npos) << workflow;
        // One job, on pull requests only: the base is found from the target branch.
        EXPECT_EQ(values_of(workflow, "runs-on: "), std::vector<std::string>{"ubuntu-latest"});
        EXPECT_NE(workflow.find("on:\n  pull_request:\n\n"), std::string::npos);
        EXPECT_EQ(workflow.find("workflow_dispatch"), std::string::npos);
        EXPECT_NE(workflow.find("          fetch-depth: 0"), std::string::npos);
        EXPECT_NE(workflow.find("          BASE_REF: ${{ github.base_ref }}\n"), std::string::npos);
        EXPECT_NE(workflow.find("base=$(git merge-base \"origin/$BASE_REF\" HEAD)\n"),
                  std::string::npos);
        EXPECT_NE(workflow.find("git worktree add --detach ../base \"$base\"\n"),
                  std::string::npos);
        // The pull request's code runs with a read-only checkout; only the comment writes.
        EXPECT_NE(workflow.find("permissions:\n  contents: read\n  pull-requests: write"),
                  std::string::npos);
        EXPECT_NE(workflow.find(std::string("      - uses: ") + k_action + "\n"),
                  std::string::npos);
        EXPECT_EQ(workflow.find("results:"), std::string::npos);
        EXPECT_EQ(workflow.find("artifact"), std::string::npos);
        // The steps build both trees before caws-gate runs.
        EXPECT_LT(workflow.find(c.build), workflow.find(k_action));
        EXPECT_LT(workflow.find("git worktree add"), workflow.find(c.build));
        // On the hosted runner itself, as the job without --ab: no container, the
        // packages through sudo, the checkout the job's own user's.
        EXPECT_EQ(workflow.find("\n    container:"), std::string::npos) << workflow;
        EXPECT_EQ(workflow.find("safe.directory"), std::string::npos) << workflow;
        const std::string install =
            std::string(
                "          sudo apt-get update -qq && sudo apt-get install -y -qq "
                "--no-install-recommends\n          ") +
            c.packages + "\n";
        EXPECT_EQ(workflow.find(install) != std::string::npos, *c.packages != '\0') << workflow;
        EXPECT_EQ(workflow.find("Install the build tools") != std::string::npos,
                  *c.packages != '\0')
            << workflow;
    }
}

TEST(InitCommand, UsesTheGoogleBenchmarkProgramTheCMakeFilesDefine) {
    test::TempDir dir;
    dir.write("CMakeLists.txt",
              "cmake_minimum_required(VERSION 3.16)\nproject(demo CXX)\n"
              "find_package(benchmark REQUIRED)\nadd_subdirectory(bench)\n");
    dir.write("bench/CMakeLists.txt",
              "add_executable(my_bench bench.cpp)\n"
              "target_link_libraries(my_bench PRIVATE benchmark::benchmark)\n");
    const Outcome ab = init({"--dir", dir.path(), "--ab"});
    ASSERT_EQ(ab.exit_code, 0) << ab.err;
    EXPECT_NE(ab.out.find("  found    build/bench/my_bench, the Google Benchmark program of "
                          "bench/CMakeLists.txt\n"),
              std::string::npos)
        << ab.out;
    std::string workflow = test::read_text(dir.file(".github/workflows/perf.yml"));
    EXPECT_EQ(values_of(workflow, "base-command: "),
              std::vector<std::string>{"../base/build/bench/my_bench"});
    EXPECT_EQ(values_of(workflow, "head-command: "),
              std::vector<std::string>{"build/bench/my_bench"});
    EXPECT_EQ(workflow.find("Replace"), std::string::npos) << workflow;
    EXPECT_EQ(ab.out.find("replace build/benchmarks"), std::string::npos) << ab.out;

    // The workflow with a committed baseline runs the same program.
    std::filesystem::remove(dir.file(".github/workflows/perf.yml"));
    const Outcome check = init({"--dir", dir.path()});
    ASSERT_EQ(check.exit_code, 0) << check.err;
    workflow = test::read_text(dir.file(".github/workflows/perf.yml"));
    EXPECT_NE(workflow.find("          build/bench/my_bench --benchmark_repetitions=10\n"
                            "          --benchmark_enable_random_interleaving=true\n"),
              std::string::npos)
        << workflow;
}

TEST(InitCommand, WithoutOneGoogleBenchmarkProgramTheWorkflowSaysWhatToReplace) {
    test::TempDir dir;
    dir.write("CMakeLists.txt",
              "find_package(benchmark REQUIRED)\n"
              "add_executable(sort_bench sort.cpp)\nadd_executable(hash_bench hash.cpp)\n"
              "target_link_libraries(sort_bench benchmark::benchmark_main)\n"
              "target_link_libraries(hash_bench PUBLIC benchmark)\n");
    const Outcome r = init({"--dir", dir.path(), "--ab"});
    ASSERT_EQ(r.exit_code, 0) << r.err;
    EXPECT_NE(r.out.find("  found    several Google Benchmark programs: build/hash_bench, "
                         "build/sort_bench; the workflow runs build/benchmarks\n"),
              std::string::npos)
        << r.out;
    EXPECT_NE(r.out.find(": replace build/benchmarks with your Google Benchmark executable.\n"),
              std::string::npos)
        << r.out;
    const std::string workflow = test::read_text(dir.file(".github/workflows/perf.yml"));
    EXPECT_NE(workflow.find("          # Replace build/benchmarks with your Google Benchmark "
                            "executable, in both commands.\n"
                            "          base-command: ../base/build/benchmarks\n"),
              std::string::npos)
        << workflow;

    // None at all: no "found" line, the same placeholder.
    test::TempDir none;
    none.write("CMakeLists.txt", "find_package(benchmark REQUIRED)\n");
    const Outcome nothing = init({"--dir", none.path()});
    ASSERT_EQ(nothing.exit_code, 0) << nothing.err;
    EXPECT_EQ(nothing.out.find("found"), std::string::npos) << nothing.out;
    EXPECT_NE(nothing.out.find("Check the benchmark command in .github/workflows/perf.yml and "
                               "perf-baseline.yml (replace build/benchmarks); it writes "
                               "perf.json.\n"),
              std::string::npos)
        << nothing.out;
    for (const char* file : {".github/workflows/perf.yml", ".github/workflows/perf-baseline.yml"}) {
        EXPECT_NE(
            test::read_text(none.file(file))
                .find("        # Replace build/benchmarks with your Google Benchmark executable.\n"
                      "        run: >-\n          build/benchmarks --benchmark_repetitions=10"),
            std::string::npos)
            << file;
    }
}

TEST(InitCommand, NeverOverwritesAnExistingFile) {
    test::TempDir dir;
    dir.write("gates/default.json", "mine\n");
    dir.write(".github/workflows/perf.yml", "also mine\n");
    const Outcome r = init({"--dir", dir.path(), "--tool", "hyperfine"});
    ASSERT_EQ(r.exit_code, 0) << r.err;
    EXPECT_EQ(test::read_text(dir.file("gates/default.json")), "mine\n");
    EXPECT_EQ(test::read_text(dir.file(".github/workflows/perf.yml")), "also mine\n");
    EXPECT_NE(r.out.find("  kept     gates/default.json (it exists; not overwritten)\n"),
              std::string::npos)
        << r.out;
    EXPECT_NE(r.out.find("  kept     .github/workflows/perf.yml (it exists; not overwritten)\n"),
              std::string::npos);
    EXPECT_NE(r.out.find("  created  baselines/README.md\n"), std::string::npos);

    // A second run keeps everything, including what the first one created.
    const std::string readme = test::read_text(dir.file("baselines/README.md"));
    const Outcome again = init({"--dir", dir.path(), "--tool", "go"});
    ASSERT_EQ(again.exit_code, 0) << again.err;
    EXPECT_EQ(again.out.find("created"), std::string::npos) << again.out;
    EXPECT_EQ(test::read_text(dir.file("baselines/README.md")), readme);
}

TEST(InitCommand, DetectsTheToolFromTheRepositorysFiles) {
    struct Case {
        const char* file;
        const char* content;
        const char* tool;
    };
    const Case cases[] = {
        {"CMakeLists.txt", "find_package(benchmark REQUIRED)\n", "google-benchmark"},
        {"CMakeLists.txt", "add_subdirectory(Benchmarks)\n", "google-benchmark"},
        {"conftest.py", "import pytest\n", "pytest-benchmark"},
        {"pyproject.toml", "[project.optional-dependencies]\ntest = [\"pytest-benchmark\"]\n",
         "pytest-benchmark"},
        {"requirements-dev.txt", "pytest_benchmark==4.0\n", "pytest-benchmark"},
        {"Makefile", "bench:\n\thyperfine ./build/app\n", "hyperfine"},
        {"bench.sh", "#!/bin/sh\nhyperfine 'sleep 0.1'\n", "hyperfine"},
        {"go.mod", "module example.com/m\n", "go"},
    };
    for (const Case& c : cases) {
        SCOPED_TRACE(c.file);
        test::TempDir dir;
        dir.write(c.file, c.content);
        const Outcome r = init({"--dir", dir.path()});
        ASSERT_EQ(r.exit_code, 0) << r.err;
        EXPECT_EQ(
            r.out.rfind(
                std::string("caws-gate init: ") + c.tool + " (detected from " + c.file + ")\n", 0),
            0u)
            << r.out;
        EXPECT_TRUE(exists(dir, ".github/workflows/perf.yml"));
    }
}

TEST(InitCommand, FilesThatDoNotMentionAToolDetectNothing) {
    test::TempDir dir;
    dir.write("CMakeLists.txt", "project(app)\n");
    dir.write("pyproject.toml", "[project]\nname = \"app\"\n");
    dir.write("Makefile", "all:\n\tcc app.c\n");
    dir.write("sub/go.mod", "module example.com/m\n");  // only the top level is looked at
    const Outcome r = init({"--dir", dir.path()});
    EXPECT_EQ(r.exit_code, 2);
    EXPECT_EQ(r.out, "");
    EXPECT_EQ(r.err, "caws-gate: error: " + dir.path() +
                         ": found no benchmark tool to set up (docs/ci.md, \"caws-gate init\", "
                         "lists what is looked for); name it with --tool google-benchmark, "
                         "pytest-benchmark, hyperfine, go\n");
    EXPECT_FALSE(exists(dir, "gates"));
    EXPECT_FALSE(exists(dir, "baselines"));
}

TEST(InitCommand, SeveralToolsMustBeChosenBetween) {
    test::TempDir dir;
    dir.write("go.mod", "module example.com/m\n");
    dir.write("conftest.py", "\n");
    const Outcome r = init({"--dir", dir.path()});
    EXPECT_EQ(r.exit_code, 2);
    EXPECT_EQ(r.err, "caws-gate: error: " + dir.path() +
                         ": found several benchmark tools: pytest-benchmark (conftest.py), go "
                         "(go.mod); choose one with --tool\n");
    EXPECT_FALSE(exists(dir, "gates"));
    const Outcome chosen = init({"--dir", dir.path(), "--tool", "go"});
    EXPECT_EQ(chosen.exit_code, 0) << chosen.err;
}

TEST(InitCommand, BadOptionsExitTwoAndWriteNothing) {
    test::TempDir dir;
    const Outcome tool = init({"--dir", dir.path(), "--tool", "jmh"});
    EXPECT_EQ(tool.exit_code, 2);
    EXPECT_EQ(tool.err,
              "caws-gate: error: --tool: unknown benchmark tool \"jmh\"; expected one of "
              "google-benchmark, pytest-benchmark, hyperfine, go\n");
    for (const char* action : {"caws-gate", "acme/caws-gate", "acme/caws-gate@", "@v1",
                               "acme/caws-gate@v1 # x", "acme/caws-gate@v1\nrun: x", "/x@v1"}) {
        const Outcome r = init({"--dir", dir.path(), "--tool", "go", "--action", action});
        EXPECT_EQ(r.exit_code, 2) << action;
        EXPECT_EQ(r.err.rfind("caws-gate: error: --action: expected "
                              "OWNER/REPO/.github/actions/caws-gate@REF",
                              0),
                  0u)
            << r.err;
    }
    const Outcome missing = init({"--dir", dir.file("nope"), "--tool", "go"});
    EXPECT_EQ(missing.exit_code, 2);
    EXPECT_EQ(missing.err, "caws-gate: error: " + dir.file("nope") +
                               ": expected a directory (the repository's root)\n");
    const Outcome unknown = init({"--dir", dir.path(), "--frobnicate"});
    EXPECT_EQ(unknown.exit_code, 2);
    EXPECT_TRUE(std::filesystem::is_empty(dir.path()));
}

TEST(InitScaffold, ActionReferences) {
    EXPECT_TRUE(is_action_reference("acme/caws-gate/.github/actions/caws-gate@v1"));
    EXPECT_TRUE(is_action_reference(
        "acme/caws-gate/.github/actions/caws-gate@0123456789abcdef0123456789abcdef01234567"));
    EXPECT_TRUE(is_action_reference("acme/caws-gate@main"));
    EXPECT_TRUE(is_action_reference("./.github/actions/caws-gate"));
    EXPECT_TRUE(is_action_reference(k_action_placeholder));
    EXPECT_FALSE(is_action_reference(""));
    EXPECT_FALSE(is_action_reference("./"));
    EXPECT_FALSE(is_action_reference("acme/@v1"));
    EXPECT_FALSE(is_action_reference("acme/x@v1@v2"));
    EXPECT_FALSE(is_action_reference("acme/x@'v1'"));
}

}  // namespace
}  // namespace caws::cli
