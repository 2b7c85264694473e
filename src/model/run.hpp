#pragma once

#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "model/metric.hpp"

namespace caws::model {

// Where and how a run was measured, as far as the tool recorded it. Used to judge whether
// two runs can be compared (same host, release build, CPU scaling off).
struct Context {
    std::string host;
    std::string date;  // as the tool wrote it
    std::string executable;
    std::string build_type;  // "release", "debug", ...
    std::optional<int> num_cpus;
    std::optional<double> mhz_per_cpu;
    std::optional<bool> cpu_scaling_enabled;
    std::vector<double> load_avg;
    // Everything else the tool recorded, flattened to strings, in the tool's order.
    std::vector<std::pair<std::string, std::string>> extra;
};

// One input file that contributed to a run, and the reader that read it.
struct Source {
    std::string path;
    std::string format;  // reader identifier, e.g. "google-benchmark"
};

// The metrics of one run of a benchmark suite, from one or more result files.
struct Run {
    Context context;
    std::vector<Source> sources;
    std::vector<Metric> metrics;
    // Things the reader skipped or interpreted, for the report ("2 complexity rows ignored").
    std::vector<std::string> notes;
};

}  // namespace caws::model
