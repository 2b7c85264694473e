#pragma once

#include <string>

#include "report/report_document.hpp"
#include "report/templates.hpp"

namespace caws::report {

struct LatexOptions {
    bool siunitx = false;     // align numbers with siunitx S columns (needs \usepackage{siunitx})
    bool standalone = false;  // a whole document that pdflatex compiles, not just the table
};

// A booktabs table of every comparison of a report (medians with units, ratio, interval,
// significance stars on the adjusted p-value, and a note explaining them), rendered with
// the "latex" template: the "latex" row of report_formats.hpp. Throws util::Error for an
// invalid template.
std::string render_latex(const Report& report, const TemplateSet& templates,
                         const LatexOptions& options = {});

}  // namespace caws::report
