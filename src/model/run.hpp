#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "model/metric.hpp"

namespace caws::model {

// In which order a tool ran the repetitions of its benchmarks. Back to back, a machine
// that slows down for a while slows one benchmark's whole sample; interleaved, the slowdown
// spreads over every benchmark and shows as noise instead of a shift.
enum class RepetitionOrder {
    single,        // one repetition per benchmark: there is no order to judge
    back_to_back,  // each benchmark's repetitions ran one after another
    interleaved,   // repetitions of different benchmarks ran in a shuffled order
    undetermined,  // repeated, but what the tool wrote cannot tell the order
};

// The identifiers of the report's JSON: "single", "back-to-back", "interleaved",
// "undetermined".
std::string_view to_string(RepetitionOrder order);
std::optional<RepetitionOrder> repetition_order_from_string(std::string_view text);

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
    // How the repetitions were ordered; empty when the tool does not say (only Google
    // Benchmark's output tells, by the order of its benchmarks).
    std::optional<RepetitionOrder> repetitions;
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
