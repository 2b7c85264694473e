#pragma once

#include <string>
#include <vector>

#include "model/comparison.hpp"

namespace caws::model {

// Something the gate wants a person to know or act on.
struct Finding {
    Level level = Level::info;
    std::string code;     // stable identifier: "regression", "failed", "removed", ...
    std::string metric;   // benchmark name, empty for run-wide findings
    std::string measure;  // empty when the finding is about the whole benchmark
    std::string message;  // one sentence a person can act on
};

// The gate's decision over all comparisons of a run.
struct Verdict {
    Level level = Level::pass;  // pass, warn or fail (never info)
    std::vector<Comparison> comparisons;
    std::vector<Finding> findings;
};

}  // namespace caws::model
