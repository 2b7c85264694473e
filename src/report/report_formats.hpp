#pragma once

// The report formats rendered from templates (Markdown, LaTeX, JUnit XML): one row each in
// a table (report_formats.cpp) with everything the command line and the rendering need.
// The JSON report (json_report.hpp) and the workflow annotations (annotation_renderer.hpp)
// are not templates and are written apart.
//
// A new format is three files: its row in k_report_formats (report_formats.cpp, with the
// declaration of its view builder), its view builder (report/<format>_view.cpp) and its
// template (templates/<format>.mustache). The command line's options and emit_reports
// follow the table.

#include <cstddef>
#include <functional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "report/escape.hpp"
#include "report/report_document.hpp"
#include "report/templates.hpp"

namespace kainjow::mustache {
template <typename string_type>
class basic_data;
}  // namespace kainjow::mustache

namespace caws::report {

class RowLists;
using View = kainjow::mustache::basic_data<std::string>;

// A command-line flag that switches on an option of one format ("--latex-siunitx").
struct FormatSwitch {
    std::string_view id;  // what the format's view asks RenderOptions::on for: "siunitx"
    std::string_view flag;
    std::string_view help;
};

// What one rendering was asked for, beyond the report and the templates.
struct RenderOptions {
    // Longest output, counted by utf16_length (escape.hpp), of a format that shortens
    // itself to fit (ReportFormat::fit); 0 for no limit.
    std::size_t max_length = 0;
    // Where the full report is (a URL or a path), named by a shortened one; empty for the
    // template's default.
    std::string full_report;
    std::vector<std::string_view> switches;  // ids of the format's switches given
    // Whether the view needs the trend section's table `rows`: render_format sets it from
    // the template (names_key): no built-in report template shows them, and for a check
    // of 20,000 benchmarks they were 60 MB of view.
    bool trend_rows = true;

    bool on(std::string_view id) const;
};

using ViewBuilder = View (*)(const Report& report, const RenderOptions& options, RowLists& lists);
using Fitter = std::string (*)(View view, const std::function<std::string(const View&)>& render,
                               const RenderOptions& options);

struct ReportFormat {
    std::string_view id;    // "markdown"
    std::string_view flag;  // the option naming the file to write it to: "--md"
    std::string_view help;
    std::span<const FormatSwitch> switches;
    // The view its template renders: the keys every format shares (report_view.hpp) and its
    // own. Long lists may go into `lists` (row_list.hpp), which live while it renders.
    ViewBuilder view;
    std::string_view template_name;  // templates/<name>.mustache, or --templates DIR
    Escaper escape;                  // applied to every {{value}} (escape.hpp)
    // Renders the view when one rendering may not do (Markdown shortens itself to
    // max_length); nullptr: the template renders the view once.
    Fitter fit;
    // Also printed on standard output (unless --quiet) and appended to the job summary.
    bool printed;
};

// Every template-rendered format, in the order of the command line's options.
std::span<const ReportFormat> report_formats();

// The format with this id; throws std::logic_error for an id that is not in the table.
const ReportFormat& report_format(std::string_view id);

// `report` in `format`. Throws util::Error for a template that does not parse or render.
std::string render_format(const ReportFormat& format, const Report& report,
                          const TemplateSet& templates, const RenderOptions& options);

}  // namespace caws::report
