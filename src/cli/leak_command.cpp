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
               << model::format_number(leak.duration, 4) << " s, AR(1) ρ "
               << model::format_number(leak.rho, 2) << ", " << model::format_number(leak.df, 3)
               << " df, threshold " << model::format_number(leak.threshold, 3) << " MB/s\n";
        if (finding) io.out << "  " << finding->message << "\n";
    }
    return result.exit_code;
}

}  // namespace

void add_leak_threshold_option(CLI::App& command, std::optional<trend::LeakThreshold>& target) {
    command
        .add_option_function<std::string>(
            "--leak-threshold",
            [&target](const std::string& text) {
                auto parsed = trend::parse_leak_threshold(text);
                if (auto* error = std::get_if<std::string>(&parsed)) {
                    throw CLI::ValidationError("--leak-threshold", *error);
                }
                target = std::get<trend::LeakThreshold>(std::move(parsed));
            },
            "Growth that the slope interval's lower bound must exceed for a leak: MB/s "
            "(default 1, or the gate file's leak.threshold) or relative to the series' "
            "starting level, as 5%/h (%/s, %/min, %/h, %/d)")
        ->type_name("GROWTH");
}

Handler setup_leak(CLI::App& command, const Io& io) {
    auto request = std::make_shared<app::LeakRequest>();
    command.add_option("inputs", request->inputs, "Files with memory samples and timestamps")
        ->required()
        ->type_name("FILE...");
    add_leak_threshold_option(command, request->leak_threshold);
    command.add_option("--gate", request->gate,
                       "Gate file whose leak.threshold applies (default: gates/default.json "
                       "when it exists)");
    add_input_options(command, request->format);
    command
        .add_option("--columns", request->format.columns,
                    "The time and value columns (CSV) or arrays (JSON) of a file with more "
                    "than two, by name: TIME,VALUE")
        ->delimiter(',')
        ->expected(2)
        ->type_name("TIME,VALUE");
    return [request, &io] { return run_leak(*request, io); };
}

}  // namespace caws::cli
