#pragma once

// What the trust score and the recommendations make of the between-run noise of a check
// (docs/scoring.md: the `between-run` component and recommendation).

#include <vector>

#include "compare/between_run.hpp"
#include "gate/scores.hpp"
#include "model/verdict.hpp"

namespace caws::gate {

// Weight of the `between-run` trust component.
inline constexpr double k_between_run_weight = 0.10;
// The least the component scores after a confirmation rerun: a regression then rests on
// two runs of the candidate, though the noise of the other metrics is still unknown.
inline constexpr double k_between_run_rerun_score = 60;

// 100 when the between-run noise is known; otherwise 100 * r / min_runs, r the runs of the
// history used (at least 1: the baseline is one run), as a whole number, and at least
// k_between_run_rerun_score when a rerun confirmed the regressions (`check --confirm`).
model::ScoreComponent between_run_component(const compare::BetweenRunSummary& summary);

// A `between-run-noise` recommendation when `input.between_run` is unknown and some gated
// metric was compared: keep a rolling nightly baseline, or use `caws-gate ab`.
void recommend_between_run(const model::Verdict& verdict, const ScoreInput& input,
                           std::vector<model::Recommendation>& out);

}  // namespace caws::gate
