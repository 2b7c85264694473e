#include <filesystem>
#include <ostream>
#include <string>
#include <system_error>

#include "cli/cli.hpp"
#include "cli/command.hpp"
#include "cli/init_scaffold.hpp"
#include "util/error.hpp"
#include "util/file_io.hpp"

namespace caws::cli {
namespace {

struct InitOptions {
    std::string directory = ".";
    std::string tool;
    std::string action{k_action_placeholder};
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
    const BenchmarkTool tool = choose_tool(options, reason);
    const BenchmarkToolInfo& info = benchmark_tool(tool);

    io.out << "caws-gate init: " << info.id << " (" << reason << ")\n";
    const std::filesystem::path root(options.directory);
    for (const ScaffoldFile& file : scaffold_files(tool, options.action)) {
        const std::filesystem::path path = root / file.path;
        if (std::filesystem::exists(std::filesystem::symlink_status(path, error))) {
            io.out << "  kept     " << file.path << " (it exists; not overwritten)\n";
            continue;
        }
        util::write_file_atomic(path.string(), file.content);
        io.out << "  created  " << file.path << "\n";
    }

    io.out << "Next:\n";
    int step = 1;
    if (options.action == k_action_placeholder) {
        io.out << "  " << step++ << ". In .github/workflows/perf.yml, replace " << options.action
               << " with the repository that hosts caws-gate, pinned to a tag or commit SHA (or "
                  "run again with --action in a fresh checkout).\n";
    }
    io.out << "  " << step++
           << ". Check the benchmark command in .github/workflows/perf.yml; it writes "
           << info.results_file << ".\n";
    io.out << "  " << step++ << ". Record the baseline and commit it: caws-gate baseline update "
           << info.results_file << " --suite perf --dir baselines\n";
    return k_exit_pass;
}

}  // namespace

// `caws-gate init`: scaffolds the gate, the baselines directory and the pull-request
// workflow for a repository; never overwrites a file.
Handler setup_init(CLI::App& command, const Io& io) {
    auto options = std::make_shared<InitOptions>();
    command.add_option("--dir", options->directory, "The repository's root (default: .)");
    command.add_option("--tool", options->tool,
                       "google-benchmark, pytest-benchmark, hyperfine or go (default: detected "
                       "from the repository's files)");
    command.add_option("--action", options->action,
                       "The composite action to use, OWNER/REPO/.github/actions/caws-gate@REF "
                       "(default: a placeholder to replace)");
    return [options, &io] { return run_init(*options, io); };
}

}  // namespace caws::cli
