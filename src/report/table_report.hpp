#pragma once

#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "compare/system_table.hpp"
#include "report/latex_renderer.hpp"
#include "report/templates.hpp"

namespace caws::report {

// Schema identifier of the JSON form of a paper table (`caws-gate table --json`).
inline constexpr const char* k_table_schema = "caws-gate/table@1";

// The paper table as JSON, from which its Markdown and LaTeX are rendered. `paths` holds
// each system's results files, in the systems' order. Deterministic.
nlohmann::ordered_json build_table_report(const compare::SystemTable& table,
                                          const std::vector<std::string>& paths,
                                          const compare::Options& options);

// The table in Markdown ("table_markdown" template) and LaTeX ("table_latex" template,
// booktabs; `options.standalone` for a whole document). Throw util::Error for an invalid
// template.
std::string render_table_markdown(const nlohmann::ordered_json& table,
                                  const TemplateSet& templates);
std::string render_table_latex(const nlohmann::ordered_json& table, const TemplateSet& templates,
                               const LatexOptions& options);

}  // namespace caws::report
