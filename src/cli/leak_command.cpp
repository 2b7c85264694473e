#include <memory>
#include <ostream>

#include "app/leak.hpp"
#include "cli/cli.hpp"
#include "cli/command.hpp"
#include "cli/inputs.hpp"
#include "model/quantity_format.hpp"

namespace caws::cli {
namespace {

std::string verdict_word(model::Level level) {
    if (level == model::Level::fail) return "leak";
    if (level == model::Level::warn) return "possible leak";
    return "no leak";
}

int run_leak(const app::LeakRequest& request, const Io& io) {
    const app::LeakResult result = app::run_leak(request);
    if (result.leaks.empty()) {
        io.err << "caws-gate: warning: no memory time series (a size unit and a timestamp per "
                  "sample) in the input\n";
        return k_exit_pass;
    }
    for (const auto& [leak, finding] : result.leaks) {
        io.out << leak.metric << " (" << leak.measure << "): " << verdict_word(leak.level) << ": "
               << model::format_number(leak.slope, 3) << " MB/s ["
               << model::format_number(leak.low, 3) << ", " << model::format_number(leak.high, 3)
               << "], " << model::format_number(leak.per_hour, 3) << " MB/h, R² "
               << model::format_number(leak.r_squared, 3) << ", " << leak.n << " samples over "
               << model::format_number(leak.duration, 4) << " s\n";
        if (finding) io.out << "  " << finding->message << "\n";
    }
    return result.exit_code;
}

}  // namespace

Handler setup_leak(CLI::App& command, const Io& io) {
    auto request = std::make_shared<app::LeakRequest>();
    command.add_option("inputs", request->inputs, "Files with memory samples and timestamps")
        ->required()
        ->type_name("FILE...");
    command
        .add_option("--leak-threshold", request->leaks.threshold,
                    "Growth in MB/s that the interval's lower bound must exceed for a leak")
        ->capture_default_str()
        ->check(CLI::NonNegativeNumber);
    add_input_options(command, request->format);
    return [request, &io] { return run_leak(*request, io); };
}

}  // namespace caws::cli
