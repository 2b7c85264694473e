#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "model/unit.hpp"

namespace caws::model {

// Whether smaller or larger values are better. Unknown-direction measures (custom
// counters) are kept and reported but not gated unless a gate file gives a direction.
enum class Direction { lower, higher, unknown };

std::string_view to_string(Direction direction);
std::optional<Direction> direction_from_string(std::string_view text);

// What a tool reported when it did not keep the individual measurements. Values are in
// the metric's canonical unit.
struct Summary {
    std::size_t n = 0;  // number of measurements summarised; 0 when the tool did not say
    std::optional<double> mean;
    std::optional<double> stddev;
    std::optional<double> median;
    std::optional<double> min;
    std::optional<double> max;
    std::optional<double> p90;
    std::optional<double> p95;
    std::optional<double> p99;

    friend bool operator==(const Summary&, const Summary&) = default;
};

enum class Status {
    ok,
    failed,   // the benchmark reported an error; `message` says which
    skipped,  // the benchmark skipped itself on purpose; `message` says why
};

std::string_view to_string(Status status);
std::optional<Status> status_from_string(std::string_view text);

// One measure of one benchmark: "BM_Sort/1024" measured as "cpu_time". The pair
// (name, measure) identifies a metric within a run.
struct Metric {
    std::string name;
    std::string measure;
    Unit unit;
    Direction direction = Direction::unknown;
    // The measurements, in the canonical unit, in the order the tool wrote them. Empty when
    // the tool only wrote a summary, or the benchmark failed or was skipped.
    std::vector<double> samples;
    // When each sample was taken, in Unix seconds, parallel to `samples` (time series such
    // as memory over a run, for leak detection). Empty when the tool did not say.
    std::vector<double> timestamps;
    std::optional<Summary> summary;
    Status status = Status::ok;
    std::string message;
    // Descriptive key/value pairs kept from the input (threads, label, parameters, ...).
    std::vector<std::pair<std::string, std::string>> labels;

    // Number of measurements behind the metric: samples, or the summary's n.
    std::size_t sample_count() const;
};

}  // namespace caws::model
