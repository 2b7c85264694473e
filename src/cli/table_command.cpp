#include <filesystem>
#include <memory>
#include <optional>
#include <ostream>
#include <string>
#include <vector>

#include "cli/cli.hpp"
#include "cli/command.hpp"
#include "cli/compare_options.hpp"
#include "cli/inputs.hpp"
#include "cli/outputs.hpp"
#include "compare/statistic.hpp"
#include "compare/system_table.hpp"
#include "ingest/results.hpp"
#include "report/table_report.hpp"
#include "util/error.hpp"

namespace caws::cli {
namespace {

struct TableOptions {
    std::vector<std::string> runs;
    std::optional<std::string> reference;
    std::string statistic = "median";
    std::optional<std::string> measure;
    std::optional<std::string> markdown_path;
    std::optional<std::string> latex_path;
    std::optional<std::string> json_path;
    std::optional<std::string> templates_dir;
    bool latex_standalone = false;
    bool quiet = false;
    InputRequest inputs;
    StatisticsRequest statistics;
};

// "NAME=PATH", or a path named by its file's stem ("results/gcc.json" is "gcc").
std::pair<std::string, std::string> name_and_path(const std::string& argument) {
    const std::size_t equals = argument.find('=');
    if (equals != std::string::npos && equals > 0) {
        return {argument.substr(0, equals), argument.substr(equals + 1)};
    }
    return {default_suite(argument), argument};
}

int run_table(const TableOptions& options, const Io& io) {
    const auto statistic = compare::statistic_from_string(options.statistic);
    if (!statistic) {
        throw util::Error("--statistic", {}, "unknown statistic \"" + options.statistic + "\"");
    }
    std::vector<compare::SystemRun> systems;
    std::vector<std::string> paths;
    for (const std::string& argument : options.runs) {
        auto [name, path] = name_and_path(argument);
        for (const auto& system : systems) {
            if (system.name == name) {
                throw util::Error(argument, {},
                                  "two runs are named \"" + name + "\"; name them with NAME=PATH");
            }
        }
        systems.push_back(compare::SystemRun{
            name,
            ingest::read_results({path}, options.inputs.format, read_options(options.inputs))});
        paths.push_back(path);
    }
    compare::SystemTableOptions table_options;
    table_options.statistic = *statistic;
    table_options.measure = options.measure;
    table_options.compare = comparison_options(options.statistics);
    if (options.reference) {
        bool found = false;
        for (std::size_t i = 0; i < systems.size(); ++i) {
            if (systems[i].name == *options.reference) {
                table_options.reference = i;
                found = true;
            }
        }
        if (!found) {
            std::string names;
            for (const auto& system : systems) names += (names.empty() ? "" : ", ") + system.name;
            throw util::Error("--reference", {},
                              "no run named \"" + *options.reference + "\"; the runs are " + names);
        }
    }
    const auto table = compare::build_system_table(systems, table_options);
    const nlohmann::ordered_json json =
        report::build_table_report(table, paths, table_options.compare);

    const report::TemplateSet templates = load_templates(options.templates_dir);
    std::string markdown;
    if (!options.quiet || options.markdown_path) {
        markdown = report::render_table_markdown(json, templates);
    }
    std::vector<std::pair<std::string, std::string>> files;
    if (options.markdown_path) files.emplace_back(*options.markdown_path, markdown);
    if (options.latex_path) {
        files.emplace_back(
            *options.latex_path,
            report::render_table_latex(json, templates, {false, options.latex_standalone}));
    }
    if (options.json_path) files.emplace_back(*options.json_path, json.dump(2) + "\n");
    write_files(files);
    if (!options.quiet) io.out << markdown;
    return k_exit_pass;
}

}  // namespace

Handler setup_table(CLI::App& command, const Io& io) {
    auto options = std::make_shared<TableOptions>();
    command
        .add_option("runs", options->runs,
                    "Results files, one per system: PATH (named by its file's stem) or NAME=PATH")
        ->required()
        ->type_name("RUN...");
    command.add_option("--reference", options->reference,
                       "The system the others are compared to (default: the first)");
    command
        .add_option("--statistic", options->statistic,
                    "What each cell shows: median, mean, min, max, p90, p95, p99")
        ->check(CLI::IsMember({"median", "mean", "min", "max", "p90", "p95", "p99"}))
        ->capture_default_str();
    command.add_option("--measure", options->measure,
                       "Only this measure (e.g. cpu_time); default: every measure");
    command.add_option("--md", options->markdown_path, "Write the Markdown table to FILE");
    command.add_option("--latex", options->latex_path, "Write the LaTeX booktabs table to FILE");
    command.add_flag("--latex-standalone", options->latex_standalone,
                     "Write the LaTeX table as a whole document that pdflatex compiles");
    command.add_option("--json", options->json_path,
                       "Write the table as JSON (caws-gate/table@1) to FILE");
    command.add_option("--templates", options->templates_dir,
                       "Use NAME.mustache templates from DIR instead of the built-in ones");
    command.add_flag("-q,--quiet", options->quiet, "Do not print the Markdown table on stdout");
    add_input_options(command, options->inputs);
    add_statistics_options(command, options->statistics);
    return [options, &io] { return run_table(*options, io); };
}

}  // namespace caws::cli
