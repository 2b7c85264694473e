#include <memory>
#include <optional>
#include <ostream>

#include "app/trend.hpp"
#include "cli/command.hpp"
#include "cli/outputs.hpp"
#include "report/trend_report.hpp"

namespace caws::cli {
namespace {

struct TrendCommandOptions {
    app::TrendRequest request;
    std::string method = "e-divisive";
    std::size_t recent = trend::GateRules{}.change_point_within;
    std::optional<std::string> markdown_path;
    std::optional<std::string> json_path;
    std::optional<std::string> latex_path;
    std::optional<std::string> templates_dir;
    bool quiet = false;
};

int run_trend(TrendCommandOptions options, const CLI::App& command, const Io& io) {
    options.request.analysis.method = *trend::change_point_method_from_string(options.method);
    if (command.count("--recent") > 0) options.request.recent = options.recent;
    const app::TrendResult result = app::run_trend(options.request);

    const report::TemplateSet templates = load_templates(options.templates_dir);
    const std::string markdown = report::render_trend_markdown(result.report, templates);
    std::vector<std::pair<std::string, std::string>> files;
    if (options.json_path)
        files.emplace_back(*options.json_path, report::serialize_trend_report(result.report));
    if (options.markdown_path) files.emplace_back(*options.markdown_path, markdown);
    if (options.latex_path) {
        files.emplace_back(*options.latex_path,
                           report::render_trend_latex(result.report, templates));
    }
    write_files(files);
    if (!options.quiet) io.out << markdown;
    return result.exit_code;
}

}  // namespace

Handler setup_trend(CLI::App& command, const Io& io) {
    auto options = std::make_shared<TrendCommandOptions>();
    app::TrendRequest& request = options->request;
    command.add_option("histories", request.histories, "History files (JSON lines), oldest first")
        ->required()
        ->type_name("HISTORY...");
    command.add_option("--md", options->markdown_path, "Write the Markdown report to FILE");
    command.add_option("--json", options->json_path, "Write the JSON report to FILE");
    command.add_option("--latex", options->latex_path,
                       "Write a LaTeX table of the change points to FILE");
    command.add_option("--templates", options->templates_dir,
                       "Directory of templates replacing the built-in ones");
    command.add_flag("--quiet", options->quiet, "Do not print the Markdown report");
    command.add_option("--metric", request.metric,
                       "Only metrics whose name matches this glob ('*', '?')");
    command.add_option("--last", request.last, "Only the newest N runs of each metric")
        ->check(CLI::PositiveNumber);
    command.add_option("--method", options->method, "Change-point method")
        ->check(CLI::IsMember({"e-divisive", "otava"}))
        ->capture_default_str();
    command.add_option("--gate", request.gate,
                       "Gate file whose \"trend\" section sets the levels (default: "
                       "gates/default.json when it exists)");
    command
        .add_option("--fail-on", request.fail_on,
                    "What fails the gate: degrading, change-point or none (repeatable; "
                    "default: a change point fails, a degrading drift warns)")
        ->check(CLI::IsMember({"degrading", "change-point", "none"}))
        ->take_all();
    command
        .add_option("--recent", options->recent,
                    "A change point gates when it is among the newest K runs")
        ->capture_default_str();
    command
        .add_option("--seed", request.analysis.e_divisive.seed,
                    "Seed of the permutation test (e-divisive)")
        ->capture_default_str();
    command
        .add_option("--permutations", request.analysis.e_divisive.permutations,
                    "Permutations of the significance test (e-divisive)")
        ->check(CLI::PositiveNumber)
        ->capture_default_str();
    command
        .add_option("--p-value", request.analysis.e_divisive.alpha,
                    "Largest permutation p-value of a change point (e-divisive)")
        ->check(CLI::Range(0.0, 1.0))
        ->capture_default_str();
    command.add_option("--window", request.analysis.otava.window, "Window length (otava)")
        ->check(CLI::Range(std::size_t{6}, std::size_t{1} << 30))
        ->capture_default_str();
    return [options, &command, &io] { return run_trend(*options, command, io); };
}

}  // namespace caws::cli
