#include <cstdlib>
#include <filesystem>
#include <memory>
#include <optional>
#include <ostream>

#include "cli/check_trends.hpp"
#include "cli/cli.hpp"
#include "cli/command.hpp"
#include "cli/compare_options.hpp"
#include "cli/inputs.hpp"
#include "cli/outputs.hpp"
#include "compare/comparator.hpp"
#include "compare/geomean.hpp"
#include "gate/gate_check.hpp"
#include "gate/gate_file.hpp"
#include "gate/policy.hpp"
#include "gate/recommendations.hpp"
#include "gate/rules.hpp"
#include "gate/scores.hpp"
#include "gate/waivers.hpp"
#include "ingest/results.hpp"
#include "report/json_report.hpp"
#include "store/baseline_file.hpp"
#include "trend/findings.hpp"
#include "trend/leak.hpp"
#include "util/error.hpp"
#include "util/file_io.hpp"

namespace caws::cli {
namespace {

struct CheckOptions {
    std::vector<std::string> results;
    std::optional<std::string> baseline;
    std::optional<std::string> suite;
    std::string directory = "baselines";
    std::optional<std::string> gate;  // --gate FILE
    InputRequest inputs;
    StatisticsRequest statistics;
    ReportRequest reports;
    gate::ScoreGates score_gates;  // --min-health, --min-trust
    trend::LeakOptions leaks;
    CheckTrendRequest trends;  // --history, --no-trends, --history-last
};

// The gate file: --gate FILE, else gates/default.json when it exists, else none. The
// command line's --test and --correction, when given, replace the file's defaults.
std::optional<gate::Gate> read_gate(const CheckOptions& options, const CLI::App& command) {
    std::string path;
    if (options.gate) {
        path = *options.gate;
    } else if (util::file_exists(std::string(gate::k_default_gate_path))) {
        path = gate::k_default_gate_path;
    } else {
        return std::nullopt;
    }
    gate::Gate gate = gate::load_gate(path);
    const compare::Options given = comparison_options(options.statistics);
    if (command.count("--test") > 0) gate.defaults.settings.test = given.test;
    if (command.count("--correction") > 0) gate.defaults.correction = given.correction;
    return gate;
}

int run_check(const CheckOptions& options, const CLI::App& command, const Io& io) {
    // Read and check every input before anything is written.
    const std::optional<gate::Gate> gate = read_gate(options, command);
    const model::Run candidate =
        ingest::read_results(options.results, options.inputs.format, read_options(options.inputs));
    std::string baseline_path;
    if (options.baseline) {
        baseline_path = *options.baseline;
    } else {
        const std::string suite = options.suite.value_or(default_suite(options.results.front()));
        baseline_path = store::baseline_path(options.directory, suite);
        if (!std::filesystem::exists(baseline_path)) {
            throw util::Error(
                baseline_path, {},
                "no baseline for suite \"" + suite +
                    "\"; create it with: caws-gate baseline update " + options.results.front() +
                    " --suite " + suite +
                    (options.directory == "baselines" ? std::string()
                                                      : " --dir " + options.directory) +
                    " (or name one with --baseline FILE)");
        }
    }
    const store::Baseline baseline = store::load_baseline(baseline_path);

    compare::Options compare_options = comparison_options(options.statistics);
    model::Verdict verdict;
    gate::ScoreGates score_gates;
    if (gate) {
        compare_options = gate::run_options(*gate, compare_options);
        verdict = gate::compare_and_check(*gate, baseline.run, candidate, compare_options,
                                          gate::date_of(io.environment.now()));
        score_gates.min_health = gate->scores.min_health;
        score_gates.min_trust = gate->scores.min_trust;
    } else {
        verdict = gate::evaluate(compare::compare_runs(baseline.run, candidate, compare_options));
    }
    trend::add_leak_findings(verdict, candidate, options.leaks);  // memory time series
    // The suite's history, with this run as its newest point (docs/trends.md).
    const std::optional<CheckTrends> trends = analyse_check_history(
        options.trends, baseline_path, candidate, gate, compare_options, io.environment);
    if (trends) trend::add_trend_findings(verdict, trends->trends, trends->rules);
    // The command line's score limits replace the gate file's.
    if (options.score_gates.min_health) score_gates.min_health = options.score_gates.min_health;
    if (options.score_gates.min_trust) score_gates.min_trust = options.score_gates.min_trust;
    const gate::ScoreInput score_input{
        &baseline.run, &candidate,
        gate::age_in_days(baseline.provenance.created, io.environment.now()),
        compare_options.thresholds.minor, compare_options.alpha};
    gate::apply_scores(verdict, score_input, score_gates);
    verdict.recommendations = gate::recommend(verdict, score_input);

    report::ReportInput input;
    input.command = "check";
    input.gated = true;
    input.verdict = &verdict;
    input.baseline = &baseline.run;
    input.baseline_label = baseline_path;
    input.baseline_provenance = baseline.provenance;
    input.candidate = &candidate;
    input.options = compare_options;
    input.geomean = compare::geometric_mean_of_ratios(verdict.comparisons, compare_options);
    if (trends) input.trends = trends->section;
    emit_reports(report::build_report(input), options.reports, io.out);
    return verdict.level == model::Level::fail ? k_exit_fail : k_exit_pass;
}

}  // namespace

Handler setup_check(CLI::App& command, const Io& io) {
    auto options = std::make_shared<CheckOptions>();
    command.add_option("results", options->results, "Results files of the run to check")
        ->required()
        ->type_name("RESULTS...");
    command.add_option("--baseline", options->baseline, "Baseline file (default: DIR/SUITE.json)");
    command.add_option("--suite", options->suite,
                       "Suite name (default: the first results file's name without extension)");
    command.add_option("--dir", options->directory, "Baselines directory")->capture_default_str();
    command.add_option("--gate", options->gate,
                       "Gate file: rules, budgets, required metrics, waivers (default: "
                       "gates/default.json when it exists)");
    add_input_options(command, options->inputs);
    add_statistics_options(command, options->statistics);
    add_report_options(command, options->reports);
    const CLI::Validator score(
        [](std::string& value) -> std::string {
            char* end = nullptr;
            const double number = std::strtod(value.c_str(), &end);
            if (end == value.c_str() || *end != '\0' || !gate::valid_score_threshold(number))
                return "expected a score from 0 to 100, got \"" + value + "\"";
            return {};
        },
        "N");
    command
        .add_option("--min-health", options->score_gates.min_health,
                    "Fail when the health score (0-100, docs/scoring.md) is below N")
        ->check(score);
    command
        .add_option("--min-trust", options->score_gates.min_trust,
                    "Fail when the trust score (0-100, docs/scoring.md) is below N")
        ->check(score);
    command
        .add_option("--leak-threshold", options->leaks.threshold,
                    "Growth in MB/s above which a memory time series leaks (docs/trends.md)")
        ->capture_default_str();
    add_check_trend_options(command, options->trends);
    enable_ci_outputs(options->reports, io.environment);
    return [options, &command, &io] { return run_check(*options, command, io); };
}

}  // namespace caws::cli
