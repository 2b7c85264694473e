#include "report/junit_renderer.hpp"

#include "report/report_formats.hpp"

namespace caws::report {

std::string render_junit(const Report& report, const TemplateSet& templates) {
    return render_format(report_format("junit"), report, templates, {});
}

}  // namespace caws::report
