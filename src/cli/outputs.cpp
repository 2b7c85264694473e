#include "cli/outputs.hpp"

#include <algorithm>
#include <filesystem>
#include <ostream>

#include "report/annotation_renderer.hpp"
#include "report/json_report.hpp"
#include "report/junit_renderer.hpp"
#include "report/latex_renderer.hpp"
#include "report/markdown_renderer.hpp"
#include "util/error.hpp"
#include "util/file_io.hpp"

namespace caws::cli {

void add_report_options(CLI::App& command, ReportRequest& reports) {
    command.add_option("--md", reports.markdown_path, "Also write the Markdown report to FILE");
    command.add_option("--json", reports.json_path, "Write the JSON report to FILE");
    command.add_option("--templates", reports.templates_dir,
                       "Use NAME.mustache templates from DIR instead of the built-in ones");
    command.add_flag("-q,--quiet", reports.quiet, "Do not print the Markdown report on stdout");
    command.add_option("--latex", reports.latex_path,
                       "Write a LaTeX booktabs table of the comparisons to FILE");
    command.add_flag("--latex-siunitx", reports.latex_siunitx,
                     "Align the LaTeX table's numbers with siunitx S columns");
    command.add_flag("--latex-standalone", reports.latex_standalone,
                     "Write the LaTeX table as a whole document that pdflatex compiles");
    command.add_option("--junit", reports.junit_path,
                       "Write JUnit XML to FILE: a test case per gated metric and per budget");
    command.add_flag("--annotations", reports.annotations,
                     "Print GitHub Actions ::error/::warning commands for failing and warning "
                     "findings (automatic for check when GITHUB_ACTIONS=true)");
    command.add_option("--artifact-url", reports.artifact_url,
                       "Where the full report is, named when the Markdown is shortened to fit a "
                       "GitHub comment (default: the --json path)");
}

void enable_ci_outputs(ReportRequest& reports, const util::Environment& environment) {
    reports.environment = &environment;
}

report::TemplateSet load_templates(const std::optional<std::string>& directory) {
    report::TemplateSet templates;
    if (!directory) return templates;
    namespace fs = std::filesystem;
    std::error_code ec;
    if (!fs::is_directory(*directory, ec)) {
        throw util::Error(*directory, {}, "expected a directory of .mustache templates");
    }
    std::vector<fs::path> files;
    for (const auto& entry : fs::directory_iterator(*directory, ec)) {
        if (entry.path().extension() == ".mustache") files.push_back(entry.path());
    }
    std::sort(files.begin(), files.end());
    for (const auto& file : files) {
        const std::string name = file.stem().string();
        templates.override_template(name, util::read_file(file.string()));
        templates.set_origin(name, file.string());
    }
    return templates;
}

void write_files(const std::vector<std::pair<std::string, std::string>>& files) {
    for (const auto& [path, text] : files) util::write_file_atomic(path, text);
}

void emit_reports(const nlohmann::ordered_json& report, const ReportRequest& request,
                  std::ostream& out) {
    const report::TemplateSet templates = load_templates(request.templates_dir);
    std::optional<std::string> summary_path;
    bool annotations = request.annotations;
    if (request.environment != nullptr) {
        summary_path = request.environment->variable("GITHUB_STEP_SUMMARY");
        if (summary_path && summary_path->empty()) summary_path.reset();
        if (request.environment->variable("GITHUB_ACTIONS") == std::optional<std::string>("true"))
            annotations = true;
    }
    report::MarkdownOptions markdown_options;
    if (request.artifact_url) {
        markdown_options.full_report = *request.artifact_url;
    } else if (!request.full_report.empty()) {
        markdown_options.full_report = request.full_report;
    } else if (request.json_path) {
        markdown_options.full_report = *request.json_path;
    }
    std::string markdown;
    if (!request.quiet || request.markdown_path || summary_path)
        markdown = report::render_markdown(report, templates, markdown_options);
    std::vector<std::pair<std::string, std::string>> files;
    if (request.markdown_path) files.emplace_back(*request.markdown_path, markdown);
    if (request.json_path) files.emplace_back(*request.json_path, report::serialize_report(report));
    if (request.latex_path) {
        files.emplace_back(*request.latex_path,
                           report::render_latex(report, templates,
                                                {request.latex_siunitx, request.latex_standalone}));
    }
    if (request.junit_path) {
        files.emplace_back(*request.junit_path, report::render_junit(report, templates));
    }
    const std::string workflow_commands = annotations ? report::render_annotations(report) : "";
    write_files(files);
    if (summary_path) util::append_file(*summary_path, markdown);
    if (!request.quiet) out << markdown;
    out << workflow_commands;
}

}  // namespace caws::cli
