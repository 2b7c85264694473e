#include <memory>
#include <string>

#include "cli/cli.hpp"
#include "cli/command.hpp"
#include "cli/outputs.hpp"
#include "report/report_reader.hpp"
#include "util/error.hpp"
#include "util/file_io.hpp"

namespace caws::cli {
namespace {

struct ReportCommandOptions {
    std::string report_path;
    ReportRequest reports;
};

// Reads the JSON report into the report document (checking everything the formats
// render) and renders it again, as check and compare render theirs.
int run_report(ReportCommandOptions options, const Io& io) {
    const report::Report report =
        report::parse_report(util::read_file(options.report_path), options.report_path);
    // A shortened Markdown report points where `check --json` put this file, so that the
    // re-rendering has the same bytes as the original.
    options.reports.full_report = options.report_path;
    emit_reports(report, options.reports, io.out);
    return k_exit_pass;
}

}  // namespace

Handler setup_report(CLI::App& command, const Io& io) {
    auto options = std::make_shared<ReportCommandOptions>();
    command.add_option("report", options->report_path, "A JSON report written by --json")
        ->required()
        ->type_name("REPORT.json");
    add_report_options(command, options->reports);
    return [options, &io] { return run_report(*options, io); };
}

}  // namespace caws::cli
