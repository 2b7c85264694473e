#include "cli/outputs.hpp"

#include <algorithm>
#include <exception>
#include <filesystem>
#include <future>
#include <ostream>
#include <thread>

#include "report/annotation_renderer.hpp"
#include "report/json_report.hpp"
#include "report/markdown_renderer.hpp"
#include "report/report_formats.hpp"
#include "util/error.hpp"
#include "util/file_io.hpp"

namespace caws::cli {
namespace {

// Where a shortened report says the full one is.
std::string full_report_of(const ReportRequest& request) {
    if (request.artifact_url) return *request.artifact_url;
    if (!request.full_report.empty()) return request.full_report;
    if (request.json_path) return *request.json_path;
    return {};
}

// The job summary file, when a gating command runs where GITHUB_STEP_SUMMARY is set.
std::optional<std::string> summary_path_of(const ReportRequest& request) {
    if (request.environment == nullptr) return std::nullopt;
    auto path = request.environment->variable("GITHUB_STEP_SUMMARY");
    if (path && path->empty()) path.reset();
    return path;
}

bool annotations_of(const ReportRequest& request) {
    return request.annotations ||
           (request.environment != nullptr &&
            request.environment->variable("GITHUB_ACTIONS") == std::optional<std::string>("true"));
}

report::RenderOptions render_options_of(const report::ReportFormat& format,
                                        const ReportRequest& request) {
    report::RenderOptions options;
    options.max_length = report::k_github_comment_limit;
    options.full_report = full_report_of(request);
    for (const report::FormatSwitch& option : format.switches) {
        const auto given = request.switches.find(option.flag);
        if (given != request.switches.end() && given->second) options.switches.push_back(option.id);
    }
    return options;
}

// Comparisons from which the JSON report is written on a thread of its own while the
// other formats are rendered: below, a thread costs more than it saves (a 20-benchmark
// check).
constexpr std::size_t k_render_beside_json_from = 1000;

}  // namespace

void add_report_options(CLI::App& command, ReportRequest& reports) {
    for (const report::ReportFormat& format : report::report_formats()) {
        command.add_option(std::string(format.flag), reports.files[std::string(format.flag)],
                           std::string(format.help));
        for (const report::FormatSwitch& option : format.switches) {
            command.add_flag(std::string(option.flag), reports.switches[std::string(option.flag)],
                             std::string(option.help));
        }
    }
    command.add_option("--json", reports.json_path, "Write the JSON report to FILE");
    command.add_option("--templates", reports.templates_dir,
                       "Use NAME.mustache templates from DIR instead of the built-in ones");
    command.add_flag("-q,--quiet", reports.quiet, "Do not print the Markdown report on stdout");
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

namespace {

// What emit_reports does once the JSON report is written: the rendered files, the job
// summary, stdout.
void write_rendered(const std::vector<std::pair<std::string, std::string>>& files,
                    const std::optional<std::string>& summary_path, const std::string& printed,
                    const std::string& workflow_commands, const ReportRequest& request,
                    std::ostream& out) {
    write_files(files);
    if (summary_path) util::append_file(*summary_path, printed);
    if (!request.quiet) out << printed;
    out << workflow_commands;
}

}  // namespace

void emit_reports(const report::Report& report, const ReportRequest& request, std::ostream& out) {
    const report::TemplateSet templates = load_templates(request.templates_dir);
    const std::optional<std::string> summary_path = summary_path_of(request);
    std::vector<std::pair<std::string, std::string>> files;
    std::string printed;  // the format shown on stdout and in the job summary
    std::string workflow_commands;
    const auto render = [&] {
        for (const report::ReportFormat& format : report::report_formats()) {
            const auto file = request.files.find(format.flag);
            const bool to_file = file != request.files.end() && file->second.has_value();
            const bool shown = format.printed && (!request.quiet || summary_path);
            if (!to_file && !shown) continue;
            std::string text = report::render_format(format, report, templates,
                                                     render_options_of(format, request));
            if (to_file) files.emplace_back(*file->second, text);
            if (format.printed) printed = std::move(text);
        }
        if (annotations_of(request)) workflow_commands = report::render_annotations(report);
    };
    // Everything is rendered before anything is written; the JSON report, which can be over
    // 100 MB, is written first, in pieces as it is serialized. For a large report it is
    // serialized on a second thread while the other formats are rendered, and its file only
    // takes its name once they were: a template that fails still leaves every file as it
    // was, and its error is the one reported, as when they were rendered first.
    if (request.json_path && report.comparisons.size() >= k_render_beside_json_from) {
        std::promise<void> rendered;
        std::future<void> rendered_future = rendered.get_future();
        std::exception_ptr json_error;
        std::thread writer([&] {
            try {
                util::write_file_atomic(*request.json_path, [&](const util::TextSink& write) {
                    report::serialize_report(report, write);
                    rendered_future.get();  // rethrows the rendering's error
                });
            } catch (...) {
                json_error = std::current_exception();
            }
        });
        try {
            render();
            rendered.set_value();
        } catch (...) {
            rendered.set_exception(std::current_exception());
            writer.join();
            throw;
        }
        writer.join();
        if (json_error) std::rethrow_exception(json_error);
        write_rendered(files, summary_path, printed, workflow_commands, request, out);
        return;
    }
    render();
    if (request.json_path) {
        util::write_file_atomic(*request.json_path, [&report](const util::TextSink& write) {
            report::serialize_report(report, write);
        });
    }
    write_rendered(files, summary_path, printed, workflow_commands, request, out);
}

}  // namespace caws::cli
