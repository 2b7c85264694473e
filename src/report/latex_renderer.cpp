#include "report/latex_renderer.hpp"

#include "report/report_formats.hpp"

namespace caws::report {

std::string render_latex(const Report& report, const TemplateSet& templates,
                         const LatexOptions& options) {
    RenderOptions render_options;
    if (options.siunitx) render_options.switches.push_back("siunitx");
    if (options.standalone) render_options.switches.push_back("standalone");
    return render_format(report_format("latex"), report, templates, render_options);
}

}  // namespace caws::report
