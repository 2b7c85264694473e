#pragma once

#include <optional>
#include <string>
#include <vector>

#include "model/metric.hpp"

namespace caws::ingest {

// What the command line tells the readers beyond a file's content; passed to every reader.
struct ReadOptions {
    // --direction: whether smaller or larger values are better, for measures whose input
    // does not say. github-action-benchmark custom JSON never says and needs it; for every
    // other format parse_results() gives it to the measures its reader left unknown.
    std::optional<model::Direction> direction;
    // --columns TIME,VALUE: the two columns (CSV) or arrays (JSON) of a memory time series
    // among more; empty: the file must have exactly two.
    std::vector<std::string> columns;
};

}  // namespace caws::ingest
