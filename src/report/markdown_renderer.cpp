#include "report/markdown_renderer.hpp"

#include "report/report_formats.hpp"

namespace caws::report {

std::string render_markdown(const Report& report, const TemplateSet& templates,
                            const MarkdownOptions& options) {
    return render_format(report_format("markdown"), report, templates,
                         {options.max_length, options.full_report, {}});
}

}  // namespace caws::report
