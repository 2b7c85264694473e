#include "cli/outputs.hpp"

#include <algorithm>
#include <filesystem>
#include <ostream>

#include "report/json_report.hpp"
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
    std::string markdown;
    if (!request.quiet || request.markdown_path)
        markdown = report::render_markdown(report, templates);
    std::vector<std::pair<std::string, std::string>> files;
    if (request.markdown_path) files.emplace_back(*request.markdown_path, markdown);
    if (request.json_path) files.emplace_back(*request.json_path, report::serialize_report(report));
    write_files(files);
    if (!request.quiet) out << markdown;
}

}  // namespace caws::cli
