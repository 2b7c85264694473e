#include <memory>
#include <optional>
#include <ostream>
#include <string>
#include <vector>

#include "app/table.hpp"
#include "cli/cli.hpp"
#include "cli/command.hpp"
#include "cli/compare_options.hpp"
#include "cli/inputs.hpp"
#include "cli/outputs.hpp"
#include "report/table_report.hpp"

namespace caws::cli {
namespace {

struct TableOptions {
    app::TableRequest request;
    std::optional<std::string> markdown_path;
    std::optional<std::string> latex_path;
    std::optional<std::string> json_path;
    std::optional<std::string> templates_dir;
    bool latex_standalone = false;
    bool quiet = false;
};

int run_table(const TableOptions& options, const Io& io) {
    const app::TableResult result = app::run_table(options.request);
    const report::TemplateSet templates = load_templates(options.templates_dir);
    std::string markdown;
    if (!options.quiet || options.markdown_path) {
        markdown = report::render_table_markdown(result.report, templates);
    }
    std::vector<std::pair<std::string, std::string>> files;
    if (options.markdown_path) files.emplace_back(*options.markdown_path, markdown);
    if (options.latex_path) {
        files.emplace_back(*options.latex_path,
                           report::render_table_latex(result.report, templates,
                                                      {false, options.latex_standalone}));
    }
    if (options.json_path) files.emplace_back(*options.json_path, result.report.dump(2) + "\n");
    write_files(files);
    if (!options.quiet) io.out << markdown;
    return k_exit_pass;
}

}  // namespace

Handler setup_table(CLI::App& command, const Io& io) {
    auto options = std::make_shared<TableOptions>();
    app::TableRequest& request = options->request;
    command
        .add_option("runs", request.runs,
                    "Results files, one per system: PATH (named by its file's stem) or NAME=PATH")
        ->required()
        ->type_name("RUN...");
    command.add_option("--reference", request.reference,
                       "The system the others are compared to (default: the first)");
    command
        .add_option("--statistic", request.statistic,
                    "What each cell shows: median, mean, min, max, p90, p95, p99")
        ->check(CLI::IsMember({"median", "mean", "min", "max", "p90", "p95", "p99"}))
        ->capture_default_str();
    command.add_option("--measure", request.measure,
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
    add_input_options(command, request.inputs);
    add_statistics_options(command, request.statistics);
    return [options, &io] { return run_table(*options, io); };
}

}  // namespace caws::cli
