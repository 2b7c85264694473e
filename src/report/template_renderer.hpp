#pragma once

// Renders a view model through a named template with a format's escaper. Internal header.

#include <string>
#include <string_view>

#include <kainjow/mustache.hpp>

#include "report/templates.hpp"

namespace caws::report {

using Escaper = std::string (*)(std::string_view);

// Throws util::Error naming the template when it does not parse or fails to render.
std::string render_template(std::string_view name, const kainjow::mustache::data& view,
                            const TemplateSet& templates, Escaper escape);

}  // namespace caws::report
