#pragma once

#include <optional>
#include <string>
#include <vector>

#include "ingest/read_options.hpp"
#include "model/run.hpp"

namespace caws::app {

// How a use case reads results files.
struct InputRequest {
    std::optional<std::string> format;     // force a reader instead of detecting the format
    std::optional<std::string> direction;  // "lower" or "higher" where the results do not say
    // "release" or "debug": how the measured code was built, which replaces what the results
    // say (Google Benchmark's library_build_type is its library's, never this).
    std::optional<std::string> build_type;
    // --columns TIME,VALUE of `leak`: the two columns of a memory time series among more.
    std::vector<std::string> columns;
};

// The reader options of a request.
ingest::ReadOptions read_options(const InputRequest& inputs);

// The results files read and merged into one run (ingest::read_results), with the build
// type of `inputs` when it gives one. Throws
// util::Error for a file that cannot be read or is not valid in its format.
model::Run read_run(const std::vector<std::string>& paths, const InputRequest& inputs);

// The suite a results path stands for when no suite is named: the file's name without
// its extension, or the directory's name ("target/criterion/" gives "criterion").
std::string default_suite(const std::string& results_path);

}  // namespace caws::app
