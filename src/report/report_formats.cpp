#include "report/report_formats.hpp"

#include <algorithm>
#include <stdexcept>

#include <kainjow/mustache.hpp>

#include "report/escape.hpp"
#include "report/row_list.hpp"
#include "report/template_renderer.hpp"

namespace caws::report {

// The view builders of the formats, each defined in its own file (<format>_view.cpp) and
// used only through this table.
View markdown_view(const Report& report, const RenderOptions& options, RowLists& lists);
std::string fit_markdown(View view, const std::function<std::string(const View&)>& render,
                         const RenderOptions& options);
View latex_view(const Report& report, const RenderOptions& options, RowLists& lists);
View junit_view(const Report& report, const RenderOptions& options, RowLists& lists);

namespace {

constexpr FormatSwitch k_latex_switches[] = {
    {"siunitx", "--latex-siunitx", "Align the LaTeX table's numbers with siunitx S columns"},
    {"standalone", "--latex-standalone",
     "Write the LaTeX table as a whole document that pdflatex compiles"},
};

// id, file option, its help, switches, view, template, escaper, fit, printed.
constexpr ReportFormat k_report_formats[] = {
    // clang-format off
    {"markdown", "--md", "Also write the Markdown report to FILE", {},
     markdown_view, "markdown", escape_markdown, fit_markdown, true},
    {"latex", "--latex", "Write a LaTeX booktabs table of the comparisons to FILE", k_latex_switches,
     latex_view, "latex", escape_latex, nullptr, false},
    {"junit", "--junit", "Write JUnit XML to FILE: a test case per gated metric and per budget", {},
     junit_view, "junit", escape_xml, nullptr, false},
    // clang-format on
};

}  // namespace

bool RenderOptions::on(std::string_view id) const {
    return std::find(switches.begin(), switches.end(), id) != switches.end();
}

std::span<const ReportFormat> report_formats() {
    return k_report_formats;
}

const ReportFormat& report_format(std::string_view id) {
    for (const ReportFormat& format : k_report_formats) {
        if (format.id == id) return format;
    }
    throw std::logic_error("no report format \"" + std::string(id) + "\"");
}

std::string render_format(const ReportFormat& format, const Report& report,
                          const TemplateSet& templates, const RenderOptions& options) {
    RowLists lists;
    RenderOptions view_options = options;
    view_options.trend_rows = names_key(templates.get(format.template_name), "rows");
    View view = format.view(report, view_options, lists);
    lists.place_in(view, false);
    const auto render = [&](const View& v) {
        return render_template(format.template_name, v, templates, format.escape);
    };
    return format.fit != nullptr ? format.fit(std::move(view), render, options) : render(view);
}

}  // namespace caws::report
