#pragma once

#include <cstddef>
#include <string>

#include "report/report_document.hpp"
#include "report/templates.hpp"

namespace caws::report {

// GitHub's limit on the body of a pull-request comment, in characters.
inline constexpr std::size_t k_github_comment_limit = 65536;

struct MarkdownOptions {
    // Longest output, counted by utf16_length (escape.hpp); 0 for no limit. A longer
    // report is shortened: rows are dropped from the end of its lists (the worst findings
    // stay), and a notice says how many rows are left out and where the full report is.
    std::size_t max_length = k_github_comment_limit;
    // Where the full report is, for that notice: a URL or a path. Empty: "the JSON report".
    std::string full_report;
};

// The Markdown report (pull-request comment, job summary, terminal) rendered with the
// "markdown" template: the "markdown" row of report_formats.hpp. Throws util::Error for an
// invalid template.
std::string render_markdown(const Report& report, const TemplateSet& templates,
                            const MarkdownOptions& options = {});

}  // namespace caws::report
