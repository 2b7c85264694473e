#include "app/leak.hpp"

#include <algorithm>
#include <filesystem>

#include "app/gate_setup.hpp"

namespace caws::app {

trend::LeakOptions leak_options(trend::LeakOptions options,
                                const std::optional<trend::LeakThreshold>& given,
                                const std::optional<gate::Gate>& gate) {
    if (given) {
        options.threshold = *given;
    } else if (gate && gate->leak_threshold) {
        options.threshold = *gate->leak_threshold;
    }
    return options;
}

namespace {

// A .csv file is a memory time series here (the only CSV format), so that a file with more
// than two columns hears about --columns rather than that no format matched; with
// --columns a .json file is series-json and any other series-csv. --format overrides.
InputRequest series_input(const InputRequest& inputs, const std::string& path) {
    InputRequest chosen = inputs;
    if (inputs.format) return chosen;
    const std::filesystem::path extension = std::filesystem::path(path).extension();
    if (extension == ".csv" || (!inputs.columns.empty() && extension != ".json")) {
        chosen.format = "series-csv";
    } else if (!inputs.columns.empty()) {
        chosen.format = "series-json";
    }
    return chosen;
}

}  // namespace

LeakResult run_leak(const LeakRequest& request) {
    // Every input is read and checked before anything is analysed.
    const trend::LeakOptions options =
        leak_options(request.leaks, request.leak_threshold, read_gate_file(request.gate));
    std::vector<model::Run> runs;
    for (const std::string& path : request.inputs) {
        runs.push_back(read_run({path}, series_input(request.format, path)));
    }
    LeakResult result;
    for (const model::Run& run : runs) {
        for (trend::Leak& leak : trend::find_leaks(run, options)) {
            std::optional<model::Finding> finding = trend::leak_finding(leak, options);
            result.level = std::max(result.level, leak.level);
            result.leaks.push_back(FoundLeak{std::move(leak), std::move(finding)});
        }
    }
    result.exit_code = exit_code_of(result.level);
    return result;
}

}  // namespace caws::app
