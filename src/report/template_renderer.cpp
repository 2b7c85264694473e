#include "report/template_renderer.hpp"

#include "util/error.hpp"

namespace caws::report {

std::string render_template(std::string_view name, const kainjow::mustache::data& view,
                            const TemplateSet& templates, Escaper escape) {
    kainjow::mustache::mustache tmpl{std::string(templates.get(name))};
    if (!tmpl.is_valid()) {
        throw util::Error(templates.origin(name), {}, "invalid template: " + tmpl.error_message());
    }
    tmpl.set_custom_escape([escape](const std::string& text) { return escape(text); });
    std::string out = tmpl.render(view);
    if (!tmpl.is_valid()) {
        throw util::Error(templates.origin(name), {}, "cannot render the template: " + tmpl.error_message());
    }
    return out;
}

}  // namespace caws::report
