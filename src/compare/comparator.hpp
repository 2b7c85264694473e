#pragma once

#include <vector>

#include "model/comparison.hpp"
#include "model/run.hpp"

namespace caws::compare {

// Oriented-ratio thresholds of the classes of change (DESIGN.md).
struct Thresholds {
    double minor = 1.2;
    double moderate = 1.5;
    double severe = 2.0;
};

struct Options {
    Thresholds thresholds;
    double alpha = 0.05;  // significance level of the two-sided test
};

// Compares every metric of `baseline` with the same (name, measure) in `candidate`.
// Comparisons come in baseline order, then metrics only in the candidate in candidate
// order, so that output is deterministic.
std::vector<model::Comparison> compare_runs(const model::Run& baseline,
                                            const model::Run& candidate,
                                            const Options& options = {});

// One comparison; either side may be null (added / removed).
model::Comparison compare_metric(const model::Metric* baseline, const model::Metric* candidate,
                                 const Options& options = {});

// The class of an oriented ratio. `conclusive` is true when the test was significant or
// could not be run (too few samples): then the ratio alone decides.
model::ChangeClass classify(double ratio, bool conclusive, const Thresholds& thresholds);

}  // namespace caws::compare
