#include <iostream>
#include <memory>
#include <string>

#include "app/ab.hpp"
#include "cli/command.hpp"
#include "cli/compare_options.hpp"
#include "cli/inputs.hpp"
#include "cli/outputs.hpp"
#include "exec/signals.hpp"
#include "util/error.hpp"

namespace caws::cli {
namespace {

struct AbOptions {
    app::AbRequest request;
    ReportRequest reports;
    std::string max_time;  // --max-time as given
};

// Progress into a stream that is not the process's standard error (in-process runs):
// one line per round, as for a log.
class StreamSink final : public exec::ProgressSink {
  public:
    explicit StreamSink(std::ostream& out) : out_(out) {}
    bool is_terminal() const override { return false; }
    void write(std::string_view text) override { out_ << text; }

  private:
    std::ostream& out_;
};

CLI::Validator whole_number(const std::string& what) {
    return CLI::Validator(
        [what](std::string& value) -> std::string {
            // CLI11 would wrap "-3" around to 2^64 - 3.
            if (value.empty() || value.find_first_not_of("0123456789") != std::string::npos) {
                return "expected " + what + ", got \"" + value + "\"";
            }
            return {};
        },
        "N");
}

// ab's statistics options: check's, with --test limited to the paired test and --seed
// seeding the order of the rounds. The interval method and outlier removal of check do
// not apply to pairs.
void add_ab_statistics_options(CLI::App& command, AbOptions& options) {
    add_statistics_options(command, options.request.statistics);
    for (const char* name : {"--test", "--seed", "--ci", "--drop-outliers"}) {
        command.remove_option(command.get_option(name));
    }
    command
        .add_option("--test", options.request.test,
                    "Significance test: auto or wilcoxon, both the Wilcoxon signed-rank test on "
                    "the rounds' pairs (the tests of check compare independent samples)")
        ->check(CLI::Validator(
            [](std::string& value) -> std::string {
                try {
                    app::check_ab_test(value);
                } catch (const util::Error& error) {
                    return error.what_expected();
                }
                return {};
            },
            "{auto,wilcoxon}"))
        ->capture_default_str();
    command
        .add_option("--seed", options.request.run.seed,
                    "Seed of the order of the sides in each round (and of the geometric mean's "
                    "bootstrap); the report names it")
        ->check(whole_number("a non-negative integer"))
        ->capture_default_str();
}

void add_run_options(CLI::App& command, AbOptions& options) {
    exec::RunPlan& run = options.request.run;
    command
        .add_option("--base", run.base_command,
                    "The base command, one string (split like a shell's words; a real shell "
                    "when it needs one); {out} stands for its results file")
        ->type_name("CMD");
    command.add_option("--head", run.head_command, "The head command, as --base")->type_name("CMD");
    command.add_option("--rounds", run.rounds, "Rounds; each runs both commands once")
        ->check(whole_number("a number of rounds"))
        ->capture_default_str();
    command
        .add_option("--max-time", options.max_time,
                    "Start no round after this long: 90s, 10m, 1h, 1m30s or seconds")
        ->check(CLI::Validator(
            [](std::string& value) -> std::string {
                if (app::parse_duration(value)) return {};
                return "expected a duration such as 90s, 10m, 1h or 1m30s (or seconds), got \"" +
                       value + "\"";
            },
            "DURATION"));
    command
        .add_option("--keep", run.keep_directory,
                    "Keep every output and a manifest in DIR (new or empty)")
        ->type_name("DIR");
    command
        .add_option("--from", options.request.from_directory,
                    "Analyse the run kept in DIR again; nothing runs")
        ->type_name("DIR");
    command.add_option("ARGS", run.extra_args, "Arguments after -- are appended to both commands")
        ->type_name("");
}

int run_ab(AbOptions options, const CLI::App& command, const Io& io) {
    app::AbRequest& request = options.request;
    // Flags of a benchmark program are the usual unknown options here. CLI11 also lists
    // the `--` that starts the arguments for the commands.
    std::vector<std::string> unknown = command.remaining();
    std::erase(unknown, "--");
    if (!unknown.empty()) {
        throw util::Error(unknown.front(), {},
                          "not an option of ab; arguments for both commands go after --, as in "
                          "caws-gate ab --base CMD --head CMD -- " +
                              unknown.front());
    }
    if (!request.from_directory) {
        for (const auto& [name, text] : {std::pair{"--base", &request.run.base_command},
                                         {"--head", &request.run.head_command}}) {
            if (text->empty()) {
                throw util::Error(name, {},
                                  "expected a command (or --from DIR to analyse a kept run)");
            }
        }
    }
    if (!options.max_time.empty()) request.run.max_seconds = app::parse_duration(options.max_time);
    request.gate.override_correction = command.count("--correction") > 0;
    StreamSink stream(io.err);
    exec::ProgressSink& progress = &io.err == &std::cerr ? exec::standard_error_sink()
                                                         : static_cast<exec::ProgressSink&>(stream);
    try {
        const app::AbResult result = app::run_ab(request, io.environment, progress);
        emit_reports(result.report, options.reports, io.out);
        return result.exit_code;
    } catch (const exec::Interrupted& interrupted) {
        // Not bad input: the shells' code for a command ended by a signal.
        io.err << "caws-gate: error: " << interrupted.what() << "\n";
        return interrupted.exit_code();
    }
}

}  // namespace

Handler setup_ab(CLI::App& command, const Io& io) {
    auto options = std::make_shared<AbOptions>();
    add_run_options(command, *options);
    command.allow_extras();  // to say where a benchmark's own flags go (run_ab)
    command.add_option("--gate", options->request.gate.path,
                       "Gate file: rules, budgets, required metrics, waivers (default: "
                       "gates/default.json when it exists)");
    add_input_options(command, options->request.inputs);
    add_ab_statistics_options(command, *options);
    add_report_options(command, options->reports);
    add_score_options(command, options->request.gate.score_gates);
    // A kept run has its commands, rounds and order already.
    CLI::Option* from = command.get_option("--from");
    for (const char* name : {"--base", "--head", "--rounds", "--max-time", "--keep", "--seed"}) {
        from->excludes(name);
    }
    enable_ci_outputs(options->reports, io.environment);
    return [options, &command, &io] { return run_ab(*options, command, io); };
}

}  // namespace caws::cli
