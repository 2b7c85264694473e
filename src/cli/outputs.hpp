#pragma once

#include <map>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include <CLI/CLI.hpp>

#include "report/report_document.hpp"
#include "report/templates.hpp"
#include "util/environment.hpp"

namespace caws::cli {

// The report files a command was asked for, written only after every input was read and
// every report rendered, each atomically.
struct ReportRequest {
    // Per template-rendered format (report::report_formats()), by its flag ("--md",
    // "--latex", "--junit"): the file to write it to, when given.
    std::map<std::string, std::optional<std::string>, std::less<>> files;
    // Per format switch, by its flag ("--latex-siunitx"): whether it was given.
    std::map<std::string, bool, std::less<>> switches;
    std::optional<std::string> json_path;      // --json FILE
    std::optional<std::string> templates_dir;  // --templates DIR
    bool quiet = false;                        // --quiet: no Markdown on stdout
    bool annotations = false;                  // --annotations: workflow commands on stdout
    std::optional<std::string> artifact_url;   // --artifact-url: the full report, when shortened
    // Set by commands that gate (enable_ci_outputs): where GITHUB_STEP_SUMMARY and
    // GITHUB_ACTIONS are read from. Null: no job summary, no automatic annotations.
    const util::Environment* environment = nullptr;
    // What a shortened Markdown report points to when --artifact-url is not given (the
    // --json path when empty).
    std::string full_report;
};

// Adds each format's file option and switches (--md, --latex, --latex-siunitx,
// --latex-standalone, --junit: report::report_formats()), then --json, --templates,
// --quiet, --annotations and --artifact-url to a command.
void add_report_options(CLI::App& command, ReportRequest& reports);

// Makes a gating command CI-aware: with GITHUB_STEP_SUMMARY set, the Markdown report is
// appended to that file; with GITHUB_ACTIONS=true, annotations are printed as if
// --annotations were given.
void enable_ci_outputs(ReportRequest& reports, const util::Environment& environment);

// The built-in templates, overridden by every NAME.mustache in `directory` when given.
// Throws util::Error when the directory cannot be read.
report::TemplateSet load_templates(const std::optional<std::string>& directory);

// Renders the report as requested, then writes the files (the JSON report first, then the
// formats in the table's order), appends the job summary, prints the Markdown to `out`
// (unless quiet) and then the annotations (when asked for). Rendering errors throw before
// anything is written.
void emit_reports(const report::Report& report, const ReportRequest& request, std::ostream& out);

// Writes each (path, text) atomically, in order.
void write_files(const std::vector<std::pair<std::string, std::string>>& files);

}  // namespace caws::cli
