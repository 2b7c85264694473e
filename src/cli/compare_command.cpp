#include <memory>

#include "app/compare.hpp"
#include "cli/cli.hpp"
#include "cli/command.hpp"
#include "cli/compare_options.hpp"
#include "cli/inputs.hpp"
#include "cli/outputs.hpp"

namespace caws::cli {
namespace {

struct CompareOptions {
    app::CompareRequest request;
    ReportRequest reports;
};

int run_compare(const CompareOptions& options, const Io& io) {
    const app::CompareResult result = app::run_compare(options.request, io.environment);
    emit_reports(result.report, options.reports, io.out);
    return k_exit_pass;
}

}  // namespace

Handler setup_compare(CLI::App& command, const Io& io) {
    auto options = std::make_shared<CompareOptions>();
    app::CompareRequest& request = options->request;
    command.add_option("old", request.old_path, "The older run: results or a baseline file")
        ->required();
    command.add_option("new", request.new_path, "The newer run: results or a baseline file")
        ->required();
    add_input_options(command, request.inputs);
    add_statistics_options(command, request.statistics);
    add_report_options(command, options->reports);
    return [options, &io] { return run_compare(*options, io); };
}

}  // namespace caws::cli
