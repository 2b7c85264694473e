#include "report/markdown_renderer.hpp"

#include "report/escape.hpp"
#include "report/template_renderer.hpp"
#include "report/view_model.hpp"

namespace caws::report {

std::string render_markdown(const nlohmann::ordered_json& report, const TemplateSet& templates) {
    return render_template("markdown", build_view(report), templates, escape_markdown);
}

}  // namespace caws::report
