#include "cli/cli.hpp"

#include <exception>
#include <iostream>

#include "cli/command.hpp"
#include "util/error.hpp"
#include "util/huge_pages.hpp"
#include "util/parallel.hpp"

namespace caws::cli {
namespace {

constexpr Command k_commands[] = {
    {"check", "Compare results with the baseline and gate: exit 0 pass/warn, 1 fail, 2 bad input",
     setup_check},
    {"ab", "Run base and head commands in alternating rounds and gate on the pairs: exit as check",
     setup_ab},
    {"compare", "Compare two runs (results or baseline files) without gating; exit 0",
     setup_compare},
    {"baseline", "Create, refresh and show committed baselines", setup_baseline},
    {"formats", "List the results formats caws-gate reads", setup_formats},
    {"validate", "Check gate files and baseline files; exit 0 when all are valid, 2 otherwise",
     setup_validate},
    {"trend", "Drift and change points over history files: exit 1 when the trend gate fails",
     setup_trend},
    {"leak", "Memory growth of time series (MB/s): exit 1 when a leak is declared", setup_leak},
    {"report", "Render a saved JSON report again: Markdown, LaTeX, JUnit XML", setup_report},
    {"table", "Put several runs side by side in a paper table (Markdown, LaTeX, JSON)",
     setup_table},
    {"history", "Build the history of a suite's runs from results files", setup_history},
    {"init", "Set up a repository: a gate file, baselines/ and a pull-request workflow",
     setup_init},
};

void print_error(std::ostream& err, const std::string& message) {
    err << "caws-gate: error: " << message << "\n";
}

// "caws-gate check": the program and the deepest command parsed, whose help tells the
// usage of the options it got.
std::string command_path(const CLI::App& app) {
    std::string path = "caws-gate";
    for (const CLI::App* command = &app;;) {
        const auto parsed = command->get_subcommands();
        if (parsed.empty()) return path;
        command = parsed.front();
        path += " " + command->get_name();
    }
}

}  // namespace

int run(const std::vector<std::string>& args, std::ostream& out, std::ostream& err,
        const util::Environment& environment) {
    try {
        CLI::App app{"caws-gate: performance as a gate in continuous integration", "caws-gate"};
        app.set_version_flag("--version", std::string("caws-gate ") + CAWS_GATE_VERSION);
        app.require_subcommand(1);
        app.fallthrough(false);
        const Io io{out, err, environment};
        std::vector<std::pair<CLI::App*, Handler>> handlers;
        for (const Command& command : k_commands) {
            CLI::App* sub = app.add_subcommand(command.name, command.help);
            handlers.emplace_back(sub, command.setup(*sub, io));
        }
        // CLI11 wants argv order reversed when given a vector.
        std::vector<std::string> reversed(args.rbegin(), args.rend());
        try {
            app.parse(reversed);
        } catch (const CLI::CallForHelp&) {
            out << app.help();
            return k_exit_pass;
        } catch (const CLI::CallForAllHelp&) {
            out << app.help("", CLI::AppFormatMode::All);
            return k_exit_pass;
        } catch (const CLI::CallForVersion&) {
            out << "caws-gate " << CAWS_GATE_VERSION << "\n";
            return k_exit_pass;
        } catch (const CLI::ParseError& error) {
            print_error(err, error.what());
            err << "Run '" << command_path(app) << " --help' for usage.\n";
            return k_exit_usage;
        }
        for (const auto& [sub, handler] : handlers) {
            if (sub->parsed()) return handler();
        }
        print_error(err, "expected a command");
        return k_exit_usage;
    } catch (const util::Error& error) {
        print_error(err, error.what());
        return k_exit_usage;
    } catch (const std::exception& error) {
        err << "caws-gate: internal error: " << error.what() << "\n";
        return k_exit_internal;
    } catch (...) {
        err << "caws-gate: internal error: unknown exception\n";
        return k_exit_internal;
    }
}

int main(int argc, char** argv) {
    util::prefer_huge_pages(argc, argv);
    util::tune_malloc();
    std::vector<std::string> args;
    for (int i = 1; i < argc; ++i) args.emplace_back(argv[i]);
    std::ios::sync_with_stdio(false);
    return run(args, std::cout, std::cerr);
}

}  // namespace caws::cli
