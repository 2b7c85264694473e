#pragma once

#include <string>

#include <nlohmann/json.hpp>

#include "report/templates.hpp"

namespace caws::report {

// The Markdown report (pull-request comment, job summary, terminal) rendered from a JSON
// report with the "markdown" template. Throws util::Error for an invalid template.
std::string render_markdown(const nlohmann::ordered_json& report, const TemplateSet& templates);

}  // namespace caws::report
