#pragma once

#include <optional>

#include "model/metric.hpp"

namespace caws::ingest {

// What the command line tells the readers beyond a file's content; passed to every reader.
struct ReadOptions {
    // --direction: whether smaller or larger values are better, for measures whose input
    // does not say. github-action-benchmark custom JSON never says and needs it; for every
    // other format parse_results() gives it to the measures its reader left unknown.
    std::optional<model::Direction> direction;
};

}  // namespace caws::ingest
