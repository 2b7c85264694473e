#include <filesystem>
#include <ostream>
#include <string>
#include <system_error>

#include "cli/cli.hpp"
#include "cli/command.hpp"
#include "cli/init_detection.hpp"
#include "cli/init_scaffold.hpp"
#include "util/error.hpp"
#include "util/file_io.hpp"

namespace caws::cli {
namespace {

struct InitOptions {
    std::string directory = ".";
    std::string tool;
    std::string action{k_action_placeholder};
    bool ab = false;
};

std::string tool_list() {
    std::string list;
    for (const BenchmarkToolInfo& info : benchmark_tools()) {
        list += (list.empty() ? "" : ", ") + std::string(info.id);
    }
    return list;
}

// The tool named by --tool, or the one detected in the repository.
BenchmarkTool choose_tool(const InitOptions& options, std::string& reason) {
    if (!options.tool.empty()) {
        const BenchmarkToolInfo* info = find_benchmark_tool(options.tool);
        if (info == nullptr) {
            throw util::Error("--tool: unknown benchmark tool \"" + options.tool +
                              "\"; expected one of " + tool_list());
        }
        reason = "from --tool";
        return info->tool;
    }
    const std::vector<DetectedTool> found = detect_benchmark_tools(options.directory);
    if (found.empty()) {
        throw util::Error(options.directory, {},
                          "found no benchmark tool to set up (docs/ci.md, \"caws-gate init\", "
                          "lists what is looked for); name it with --tool " +
                              tool_list());
    }
    if (found.size() > 1) {
        std::string list;
        for (const DetectedTool& tool : found) {
            list += (list.empty() ? "" : ", ") + std::string(benchmark_tool(tool.tool).id) + " (" +
                    tool.evidence + ")";
        }
        throw util::Error(options.directory, {},
                          "found several benchmark tools: " + list + "; choose one with --tool");
    }
    reason = "detected from " + found.front().evidence;
    return found.front().tool;
}

// google-benchmark: the program the workflow runs, when the CMake files name exactly one;
// says what was found either way.
std::string choose_program(const InitOptions& options, const Io& io) {
    const std::vector<DetectedProgram> found = detect_benchmark_programs(options.directory);
    if (found.size() == 1) {
        io.out << "  found    " << found.front().path << ", the Google Benchmark program of "
               << found.front().evidence << "\n";
        return found.front().path;
    }
    if (found.size() > 1) {
        io.out << "  found    several Google Benchmark programs:";
        for (const DetectedProgram& program : found) {
            io.out << " " << program.path << (&program == &found.back() ? "" : ",");
        }
        io.out << "; the workflow runs " << k_program_placeholder << "\n";
    }
    return {};
}

void print_next_steps(const InitOptions& options, const ScaffoldRequest& request, const Io& io) {
    const BenchmarkToolInfo& info = benchmark_tool(request.tool);
    io.out << "Next:\n";
    int step = 1;
    if (options.action == k_action_placeholder) {
        io.out << "  " << step++ << ". In .github/workflows/perf.yml"
               << (request.ab ? "" : " and perf-baseline.yml") << ", replace " << options.action
               << " with the repository that hosts caws-gate, pinned to a tag or commit SHA (or "
                  "run again with --action in a fresh checkout).\n";
    }
    const bool placeholder =
        request.tool == BenchmarkTool::google_benchmark && request.program.empty();
    if (request.ab) {
        io.out << "  " << step++
               << ". Check the build step and the base and head commands in "
                  ".github/workflows/perf.yml"
               << (placeholder ? ": replace " + std::string(k_program_placeholder) +
                                     " with your Google Benchmark executable"
                               : "")
               << ".\n";
        io.out << "  " << step++
               << ". Commit the files and open a pull request: the job compares it with its merge "
                  "base, and needs no baseline.\n";
        return;
    }
    io.out << "  " << step++
           << ". Check the benchmark command in .github/workflows/perf.yml and perf-baseline.yml"
           << (placeholder ? " (replace " + std::string(k_program_placeholder) + ")" : "")
           << "; it writes " << info.results_file << ".\n";
    io.out << "  " << step++
           << ". Commit the files, run the perf baseline workflow by hand once (ten runs seed the "
              "baseline and its history) and merge its pull request; then it runs every night.\n";
}

int run_init(const InitOptions& options, const Io& io) {
    std::error_code error;
    if (!std::filesystem::is_directory(options.directory, error)) {
        throw util::Error(options.directory, {}, "expected a directory (the repository's root)");
    }
    if (!is_action_reference(options.action)) {
        throw util::Error(
            "--action: expected OWNER/REPO/.github/actions/caws-gate@REF (a tag or "
            "commit SHA) or ./PATH, got \"" +
            options.action + "\"");
    }
    std::string reason;
    ScaffoldRequest request;
    request.tool = choose_tool(options, reason);
    request.action = options.action;
    request.ab = options.ab;
    request.submodules =
        std::filesystem::exists(std::filesystem::path(options.directory) / ".gitmodules", error);

    io.out << "caws-gate init: " << benchmark_tool(request.tool).id << " (" << reason << ")"
           << (request.ab ? ", base and head side by side (caws-gate ab)" : "") << "\n";
    if (request.tool == BenchmarkTool::google_benchmark) {
        request.program = choose_program(options, io);
    }
    const std::filesystem::path root(options.directory);
    for (const ScaffoldFile& file : scaffold_files(request)) {
        const std::filesystem::path path = root / file.path;
        if (std::filesystem::exists(std::filesystem::symlink_status(path, error))) {
            io.out << "  kept     " << file.path << " (it exists; not overwritten)\n";
            continue;
        }
        util::write_file_atomic(path.string(), file.content);
        io.out << "  created  " << file.path << "\n";
    }
    print_next_steps(options, request, io);
    return k_exit_pass;
}

}  // namespace

// `caws-gate init`: scaffolds the gate, the baselines directory and the pull-request
// workflow for a repository, or with --ab the gate and a workflow that builds base and
// head side by side; never overwrites a file.
Handler setup_init(CLI::App& command, const Io& io) {
    auto options = std::make_shared<InitOptions>();
    command.add_option("--dir", options->directory, "The repository's root (default: .)");
    command.add_option("--tool", options->tool,
                       "google-benchmark, pytest-benchmark, hyperfine or go (default: detected "
                       "from the repository's files)");
    command.add_option("--action", options->action,
                       "The composite action to use, OWNER/REPO/.github/actions/caws-gate@REF "
                       "(default: a placeholder to replace)");
    command.add_flag("--ab", options->ab,
                     "Compare each pull request with its merge base, both built in the same "
                     "job (caws-gate ab), instead of with a committed baseline");
    return [options, &io] { return run_init(*options, io); };
}

}  // namespace caws::cli
