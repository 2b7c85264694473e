#pragma once

#include <optional>
#include <string>
#include <utility>
#include <vector>

#include <CLI/CLI.hpp>
#include <nlohmann/json.hpp>

#include "report/templates.hpp"

namespace caws::cli {

// The report files a command was asked for, written only after every input was read and
// every report rendered, each atomically.
struct ReportRequest {
    std::optional<std::string> markdown_path;  // --md FILE
    std::optional<std::string> json_path;      // --json FILE
    std::optional<std::string> templates_dir;  // --templates DIR
    bool quiet = false;                        // --quiet: no Markdown on stdout
};

// Adds --md, --json, --templates and --quiet to a command.
void add_report_options(CLI::App& command, ReportRequest& reports);

// The built-in templates, overridden by every NAME.mustache in `directory` when given.
// Throws util::Error when the directory cannot be read.
report::TemplateSet load_templates(const std::optional<std::string>& directory);

// Renders the report as requested, then writes the files and prints the Markdown to
// `out` (unless quiet). Rendering errors throw before anything is written.
void emit_reports(const nlohmann::ordered_json& report, const ReportRequest& request,
                  std::ostream& out);

// Writes each (path, text) atomically, in order.
void write_files(const std::vector<std::pair<std::string, std::string>>& files);

}  // namespace caws::cli
