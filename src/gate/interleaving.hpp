#pragma once

// Whether the repetitions of different benchmarks ran interleaved: the trust score's
// `interleaving` component and the `interleave-repetitions` recommendation
// (docs/scoring.md).

#include <optional>

#include "gate/scores.hpp"
#include "model/verdict.hpp"

namespace caws::gate {

// 100 when the repetitions were interleaved (or `ab` interleaved base and head rounds),
// when there is one repetition per benchmark, or when no run recorded the order; 50 when
// either run's repetitions ran back to back (model::RepetitionOrder).
model::ScoreComponent interleaving_component(const ScoreInput& input, double weight);

// How to interleave the repetitions, when either run's ran back to back; only Google
// Benchmark records the order, and it is the tool with a switch for it.
std::optional<model::Recommendation> interleaving_recommendation(const ScoreInput& input);

}  // namespace caws::gate
