#include <memory>
#include <optional>
#include <ostream>

#include "cli/cli.hpp"
#include "cli/command.hpp"
#include "cli/outputs.hpp"
#include "cli/trend_rules.hpp"
#include "gate/gate_file.hpp"
#include "report/trend_report.hpp"
#include "store/history_file.hpp"
#include "trend/analysis.hpp"
#include "trend/series.hpp"
#include "util/error.hpp"
#include "util/file_io.hpp"

namespace caws::cli {
namespace {

struct TrendCommandOptions {
    std::vector<std::string> histories;
    std::optional<std::string> markdown_path;
    std::optional<std::string> json_path;
    std::optional<std::string> latex_path;
    std::optional<std::string> templates_dir;
    bool quiet = false;
    std::optional<std::string> metric;
    std::optional<std::size_t> last;
    std::string method = "e-divisive";
    std::optional<std::string> gate;
    std::vector<std::string> fail_on;
    std::size_t recent = trend::GateRules{}.change_point_within;
    trend::Options analysis;
};

// The rules start from the defaults (a change point fails, a drift warns), then the gate
// file's "trend" section (--gate FILE, else gates/default.json when it exists), then the
// command line: --recent K, and --fail-on, where the kinds listed fail the gate, the
// others only warn, and "none" fails nothing.
trend::GateRules gate_rules(const TrendCommandOptions& options, const CLI::App& command) {
    trend::GateRules rules;
    std::optional<std::string> gate_path = options.gate;
    if (!gate_path && util::file_exists(std::string(gate::k_default_gate_path))) {
        gate_path = std::string(gate::k_default_gate_path);
    }
    if (gate_path) {
        const gate::Gate gate = gate::load_gate(*gate_path);
        if (gate.trend) rules = trend_rules_of(*gate.trend);
    }
    if (command.count("--recent") > 0) rules.change_point_within = options.recent;
    if (options.fail_on.empty()) return rules;
    rules.degrading = model::Level::warn;
    rules.change_point = model::Level::warn;
    for (const std::string& kind : options.fail_on) {
        if (kind == "degrading") rules.degrading = model::Level::fail;
        if (kind == "change-point") rules.change_point = model::Level::fail;
    }
    return rules;
}

int run_trend(TrendCommandOptions options, const CLI::App& command, const Io& io) {
    options.analysis.method = *trend::change_point_method_from_string(options.method);
    const trend::GateRules rules = gate_rules(options, command);
    // Read every history before anything is written.
    store::HistoryTable history;
    for (const std::string& path : options.histories) {
        store::append_table(history, store::read_history_table(path));
    }
    trend::SeriesOptions series_options;
    series_options.metric_glob = options.metric;
    series_options.last = options.last.value_or(0);
    std::vector<trend::Series> series = trend::build_series(history, series_options);
    history = {};
    const std::vector<trend::Trend> trends =
        trend::analyse_all(std::move(series), options.analysis, rules);

    report::TrendReportInput input;
    input.histories = options.histories;
    input.trends = &trends;
    input.options = options.analysis;
    input.rules = rules;
    input.last = options.last;
    input.metric = options.metric;
    const nlohmann::ordered_json report = report::build_trend_report(input);

    const report::TemplateSet templates = load_templates(options.templates_dir);
    const std::string markdown = report::render_trend_markdown(report, templates);
    std::vector<std::pair<std::string, std::string>> files;
    if (options.json_path) files.emplace_back(*options.json_path, report.dump(2) + "\n");
    if (options.markdown_path) files.emplace_back(*options.markdown_path, markdown);
    if (options.latex_path) {
        files.emplace_back(*options.latex_path, report::render_trend_latex(report, templates));
    }
    write_files(files);
    if (!options.quiet) io.out << markdown;
    return trend::verdict_of(trends) == model::Level::fail ? k_exit_fail : k_exit_pass;
}

}  // namespace

Handler setup_trend(CLI::App& command, const Io& io) {
    auto options = std::make_shared<TrendCommandOptions>();
    command.add_option("histories", options->histories, "History files (JSON lines), oldest first")
        ->required()
        ->type_name("HISTORY...");
    command.add_option("--md", options->markdown_path, "Write the Markdown report to FILE");
    command.add_option("--json", options->json_path, "Write the JSON report to FILE");
    command.add_option("--latex", options->latex_path,
                       "Write a LaTeX table of the change points to FILE");
    command.add_option("--templates", options->templates_dir,
                       "Directory of templates replacing the built-in ones");
    command.add_flag("--quiet", options->quiet, "Do not print the Markdown report");
    command.add_option("--metric", options->metric,
                       "Only metrics whose name matches this glob ('*', '?')");
    command.add_option("--last", options->last, "Only the newest N runs of each metric")
        ->check(CLI::PositiveNumber);
    command.add_option("--method", options->method, "Change-point method")
        ->check(CLI::IsMember({"e-divisive", "otava"}))
        ->capture_default_str();
    command.add_option("--gate", options->gate,
                       "Gate file whose \"trend\" section sets the levels (default: "
                       "gates/default.json when it exists)");
    command
        .add_option("--fail-on", options->fail_on,
                    "What fails the gate: degrading, change-point or none (repeatable; "
                    "default: a change point fails, a degrading drift warns)")
        ->check(CLI::IsMember({"degrading", "change-point", "none"}))
        ->take_all();
    command
        .add_option("--recent", options->recent,
                    "A change point gates when it is among the newest K runs")
        ->capture_default_str();
    command
        .add_option("--seed", options->analysis.e_divisive.seed,
                    "Seed of the permutation test (e-divisive)")
        ->capture_default_str();
    command
        .add_option("--permutations", options->analysis.e_divisive.permutations,
                    "Permutations of the significance test (e-divisive)")
        ->check(CLI::PositiveNumber)
        ->capture_default_str();
    command
        .add_option("--p-value", options->analysis.e_divisive.alpha,
                    "Largest permutation p-value of a change point (e-divisive)")
        ->check(CLI::Range(0.0, 1.0))
        ->capture_default_str();
    command.add_option("--window", options->analysis.otava.window, "Window length (otava)")
        ->check(CLI::Range(std::size_t{6}, std::size_t{1} << 30))
        ->capture_default_str();
    return [options, &command, &io] { return run_trend(*options, command, io); };
}

}  // namespace caws::cli
