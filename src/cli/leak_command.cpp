#include <memory>
#include <ostream>

#include "cli/cli.hpp"
#include "cli/command.hpp"
#include "cli/inputs.hpp"
#include "ingest/results.hpp"
#include "model/quantity_format.hpp"
#include "trend/leak.hpp"

namespace caws::cli {
namespace {

struct LeakCommandOptions {
    std::vector<std::string> inputs;
    InputRequest format;
    trend::LeakOptions leaks;
};

std::string verdict_word(model::Level level) {
    if (level == model::Level::fail) return "leak";
    if (level == model::Level::warn) return "possible leak";
    return "no leak";
}

int run_leak(const LeakCommandOptions& options, const Io& io) {
    // Each file on its own: a time series of one file is not merged with another's.
    std::vector<trend::Leak> leaks;
    for (const std::string& path : options.inputs) {
        const model::Run run =
            ingest::read_results({path}, options.format.format, read_options(options.format));
        for (trend::Leak& leak : trend::find_leaks(run, options.leaks)) leaks.push_back(leak);
    }
    if (leaks.empty()) {
        io.err << "caws-gate: warning: no memory time series (a size unit and a timestamp per "
                  "sample) in the input\n";
        return k_exit_pass;
    }
    model::Level worst = model::Level::pass;
    for (const trend::Leak& leak : leaks) {
        io.out << leak.metric << " (" << leak.measure << "): " << verdict_word(leak.level) << ": "
               << model::format_number(leak.slope, 3) << " MB/s ["
               << model::format_number(leak.low, 3) << ", " << model::format_number(leak.high, 3)
               << "], " << model::format_number(leak.per_hour, 3) << " MB/h, R² "
               << model::format_number(leak.r_squared, 3) << ", " << leak.n << " samples over "
               << model::format_number(leak.duration, 4) << " s\n";
        if (const auto finding = trend::leak_finding(leak, options.leaks)) {
            io.out << "  " << finding->message << "\n";
        }
        worst = std::max(worst, leak.level);
    }
    return worst == model::Level::fail ? k_exit_fail : k_exit_pass;
}

}  // namespace

Handler setup_leak(CLI::App& command, const Io& io) {
    auto options = std::make_shared<LeakCommandOptions>();
    command.add_option("inputs", options->inputs, "Files with memory samples and timestamps")
        ->required()
        ->type_name("FILE...");
    command
        .add_option("--leak-threshold", options->leaks.threshold,
                    "Growth in MB/s that the interval's lower bound must exceed for a leak")
        ->capture_default_str()
        ->check(CLI::NonNegativeNumber);
    add_input_options(command, options->format);
    return [options, &io] { return run_leak(*options, io); };
}

}  // namespace caws::cli
