#include <algorithm>
#include <filesystem>
#include <memory>
#include <optional>
#include <ostream>

#include "cli/cli.hpp"
#include "cli/command.hpp"
#include "cli/inputs.hpp"
#include "store/history_file.hpp"
#include "store/suite_lock.hpp"
#include "util/environment.hpp"
#include "util/error.hpp"
#include "util/file_io.hpp"

namespace caws::cli {
namespace {

struct ImportOptions {
    std::string results_directory;
    std::string suite;
    std::string directory = "baselines";
    bool force = false;
    double lock_timeout = 60;
    app::InputRequest inputs;
};

struct DatedRun {
    std::int64_t date = 0;
    std::string path;
    model::Run run;
};

// The results files of a directory, by name; hidden files and subdirectories are left out.
std::vector<std::string> results_files(const std::string& directory) {
    namespace fs = std::filesystem;
    std::error_code ec;
    if (!fs::is_directory(directory, ec)) {
        throw util::Error(directory, {}, "expected a directory of results files");
    }
    std::vector<std::string> paths;
    for (const auto& entry : fs::directory_iterator(directory, ec)) {
        const std::string name = entry.path().filename().string();
        if (name.empty() || name.front() == '.' || !entry.is_regular_file(ec)) continue;
        paths.push_back(entry.path().string());
    }
    if (ec) throw util::Error(directory, {}, "cannot list the directory: " + ec.message());
    std::sort(paths.begin(), paths.end());
    if (paths.empty()) throw util::Error(directory, {}, "expected results files, found none");
    return paths;
}

int run_import(const ImportOptions& options, const Io& io) {
    const std::string path = store::history_path(options.directory, options.suite);
    // Read every run before anything is written; a run without a date cannot be placed.
    std::vector<DatedRun> runs;
    for (const std::string& file : results_files(options.results_directory)) {
        model::Run run = app::read_run({file}, options.inputs);
        const auto date = util::parse_date(run.context.date);
        if (!date) {
            throw util::Error(file, {},
                              run.context.date.empty()
                                  ? "the run has no date; history import orders runs by the "
                                    "dates in their contexts (move the file out of the "
                                    "directory, or add the date)"
                                  : "cannot read the run's date \"" + run.context.date +
                                        "\"; expected a date such as 2026-11-23T03:12:00Z");
        }
        runs.push_back({*date, file, std::move(run)});
    }
    std::stable_sort(runs.begin(), runs.end(),
                     [](const DatedRun& a, const DatedRun& b) { return a.date < b.date; });
    std::string text;
    for (const DatedRun& run : runs) {
        text +=
            store::history_line(store::summarize_run(run.run, util::format_utc(run.date), {}, {}));
    }

    const store::SuiteLock lock(store::lock_path(options.directory, options.suite),
                                options.lock_timeout);
    if (util::file_exists(path) && !options.force) {
        throw util::Error(path, {}, "the suite already has a history; pass --force to replace it");
    }
    util::write_file_atomic(path, text);
    io.out << "caws-gate: wrote " << path << ": " << runs.size() << " run(s) from "
           << options.results_directory << ", " << util::format_utc(runs.front().date) << " to "
           << util::format_utc(runs.back().date) << "\n";
    return k_exit_pass;
}

}  // namespace

Handler setup_history(CLI::App& command, const Io& io) {
    command.require_subcommand(1);
    auto import = std::make_shared<ImportOptions>();
    CLI::App* import_command = command.add_subcommand(
        "import", "Build DIR/history/SUITE.jsonl from a directory of results files, by date");
    import_command
        ->add_option("results", import->results_directory,
                     "Directory of results files, one run each")
        ->required()
        ->type_name("RESULTS_DIR");
    import_command->add_option("--suite", import->suite, "Suite name")->required();
    import_command->add_option("--dir", import->directory, "Baselines directory")
        ->capture_default_str();
    import_command->add_flag("--force", import->force, "Replace an existing history");
    import_command
        ->add_option("--lock-timeout", import->lock_timeout,
                     "Seconds to wait for another update of the suite (DIR/SUITE.lock)")
        ->check(CLI::NonNegativeNumber)
        ->capture_default_str();
    add_input_options(*import_command, import->inputs);
    return [import, import_command, &io]() -> int {
        if (import_command->parsed()) return run_import(*import, io);
        throw util::Error("history: expected a subcommand: import");
    };
}

}  // namespace caws::cli
