#include "report/templates.hpp"

#include "util/error.hpp"

namespace caws::report {

void TemplateSet::override_template(const std::string& name, std::string text) {
    overrides_[name] = std::move(text);
}

std::string_view TemplateSet::get(std::string_view name) const {
    if (const auto found = overrides_.find(name); found != overrides_.end()) return found->second;
    if (const auto text = embedded_template(name)) return *text;
    throw util::Error("no template named \"" + std::string(name) + "\"");
}

std::string TemplateSet::origin(std::string_view name) const {
    if (const auto found = origins_.find(name); found != origins_.end()) return found->second;
    return "built-in " + std::string(name) + " template";
}

void TemplateSet::set_origin(const std::string& name, std::string origin) {
    origins_[name] = std::move(origin);
}

}  // namespace caws::report
