#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "model/run.hpp"
#include "model/verdict.hpp"

namespace caws::gate {

// What the scores and recommendations know about a comparison besides its verdict: the
// two runs (for their contexts and metric labels), the baseline's age and the settings
// the comparison used.
struct ScoreInput {
    const model::Run* baseline = nullptr;   // null: nothing known about the baseline's context
    const model::Run* candidate = nullptr;  // null: nothing known about the candidate's context
    // Days between the baseline's creation (its provenance) and now; empty when unknown,
    // e.g. for `compare` of two results files.
    std::optional<double> baseline_age_days;
    double minor_threshold = 1.2;  // compare::Thresholds::minor of the comparison
    double alpha = 0.05;           // compare::Options::alpha of the comparison
    // The comparison paired base and head rounds that ran interleaved (`ab`).
    bool paired_rounds = false;
};

// Health and trust, each 0-100 in whole numbers with its components, computed from the
// verdict (comparisons, budgets, findings) and `input` exactly as docs/scoring.md says.
// Deterministic; never throws.
model::Scores compute_scores(const model::Verdict& verdict, const ScoreInput& input);

// Minimum scores that make the gate fail, from `check --min-health/--min-trust` or the
// "scores" section of a gate file. Each is within 0-100 (see valid_score_threshold).
struct ScoreGates {
    std::optional<double> min_health;
    std::optional<double> min_trust;
};

// Whether `value` is a usable minimum score: finite and within 0-100.
bool valid_score_threshold(double value);

// A `low-health` or `low-trust` failing finding for each score below its minimum, with a
// sentence naming the components that pulled the score down most.
std::vector<model::Finding> score_gate_findings(const model::Scores& scores,
                                                const ScoreGates& gates);

// Computes the scores into `verdict.scores`, appends the score gates' findings and raises
// the verdict's level to fail when one fires.
void apply_scores(model::Verdict& verdict, const ScoreInput& input, const ScoreGates& gates = {});

// Whether a comparison is gated and has a ratio on both sides: the comparisons the
// statistics, the scores and the recommendations speak about.
bool compared(const model::Comparison& c);

// Whole days (fractional) from `created` (an ISO 8601 date as baseline provenance writes
// it) to `now` (Unix seconds); empty when `created` cannot be read. Negative ages (a
// baseline from the future) are 0.
std::optional<double> age_in_days(std::string_view created, std::int64_t now);

// The weighted geometric mean of docs/scoring.md: 100 * prod((max(score, 1) / 100)^weight)
// over the components, weights normalised to sum to 1, rounded to a whole number.
double combine(const std::vector<model::ScoreComponent>& components);

}  // namespace caws::gate
