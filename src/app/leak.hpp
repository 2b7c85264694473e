#pragma once

#include <optional>
#include <string>
#include <vector>

#include "app/exit_code.hpp"
#include "app/input_request.hpp"
#include "gate/gate_file.hpp"
#include "model/verdict.hpp"
#include "trend/leak.hpp"

namespace caws::app {

// A search for memory growth in the time series of some files.
struct LeakRequest {
    std::vector<std::string> inputs;  // files with memory samples and timestamps
    InputRequest format;
    trend::LeakOptions leaks;
    // --leak-threshold; none: the gate file's `leak.threshold`, else leaks.threshold.
    std::optional<trend::LeakThreshold> leak_threshold;
    std::optional<std::string> gate;  // the gate file (read_gate_file)
};

// One memory time series' growth, with its finding at warn or fail.
struct FoundLeak {
    trend::Leak leak;
    std::optional<model::Finding> finding;
};

// The memory time series of every file, in the files' order.
struct LeakResult {
    std::vector<FoundLeak> leaks;             // empty: no memory time series in the input
    model::Level level = model::Level::pass;  // the highest level among the leaks
    ExitCode exit_code = k_exit_pass;         // k_exit_fail when a leak is declared
};

// The leak options with the threshold settled: `given` (the command line) first, else the
// gate file's, else the one of `options`.
trend::LeakOptions leak_options(trend::LeakOptions options,
                                const std::optional<trend::LeakThreshold>& given,
                                const std::optional<gate::Gate>& gate);

// Reads each file on its own (a time series of one file is not merged with another's)
// and analyses its memory time series. Throws util::Error for a file that cannot be read.
LeakResult run_leak(const LeakRequest& request);

}  // namespace caws::app
