#pragma once

#include <cstddef>
#include <vector>

#include "gate/scores.hpp"
#include "model/verdict.hpp"

namespace caws::gate {

// At most this many recommendations are kept; when the rules give more, the last one kept
// is a "more-recommendations" entry that counts the rest by code.
inline constexpr std::size_t k_max_recommendations = 8;
// Metrics named in one recommendation before "and N more".
inline constexpr std::size_t k_max_named_metrics = 5;
// A baseline older than this many days should be refreshed.
inline constexpr double k_refresh_baseline_days = 30;
// Noise is high when the median coefficient of variation of the compared metrics is
// above this (a fraction).
inline constexpr double k_high_noise_cv = 0.05;

// Advice from the rules of docs/scoring.md ("Recommendations"), in the order of those
// rules, one per code and metric, capped at k_max_recommendations. Deterministic: the
// same verdict and input give the same list. Uses the findings already in `verdict`
// (e.g. `leak` findings of the trend analysis).
std::vector<model::Recommendation> recommend(const model::Verdict& verdict,
                                             const ScoreInput& input);

}  // namespace caws::gate
