#pragma once

// Confirming the regressions of a run with an independent rerun (`check --confirm`,
// docs/statistics.md "Confirmation by a rerun"). A burst of load on a shared machine can
// slow every repetition of a benchmark in one run together: no test on that run alone can
// tell it from a regression, but a second run measured at another time settles it, since a
// regression is in the code and shows in every run.

#include <vector>

#include "model/comparison.hpp"
#include "model/run.hpp"
#include "model/verdict.hpp"

namespace caws::gate {

// Whether a comparison of the first run waits for the rerun: a gated regression (class
// minor or worse) that the gate acted on (level warn or fail). A waived one (info) and one
// the gate lets pass are left as they are.
bool needs_confirmation(const model::Comparison& first);

// The metrics of `rerun` that confirm something: those with the metric name and measure of
// a comparison of `first` that needs confirmation, in the rerun's order; the rest of the
// run as it is. Comparing the baseline with this run corrects the rerun's p-values across
// the regressions it is asked about, whether the rerun holds the whole suite or only them.
model::Run metrics_to_confirm(const model::Run& rerun, const std::vector<model::Comparison>& first);

// The rerun's judgement of a regression of the first run, from the rerun's comparison of
// the same metric with the same baseline (null when the rerun has none). Confirmed when
// the rerun's class is a regression too: the same direction, at least the minor threshold
// and significant after the rerun's own correction (or, where its sample sizes cannot be
// tested, by the ratio alone, as the first run was classed). Otherwise the reason is, in
// this order: "not-rerun" (absent or removed), "failed", "skipped", "opposite-direction"
// (ratio below 1), "not-significant", "below-minor".
model::Confirmation confirm(const model::Comparison& first, const model::Comparison* rerun);

// The verdict inputs after the rerun: each comparison of `first` (the baseline against the
// first run) that needs confirmation is matched by metric and measure in `rerun` (the same
// baseline against the rerun, compared with the same gate and options) and carries its
// Confirmation and a note. An unconfirmed one keeps its numbers but is classed unchanged,
// so that the gate, the counts, the scores and the recommendations see no regression; a
// confirmed one keeps the first run's class. Every other comparison is returned as it was.
// The gate sets the levels again.
std::vector<model::Comparison> confirm_regressions(std::vector<model::Comparison> first,
                                                   const std::vector<model::Comparison>& rerun);

// After the gate decided on confirmed comparisons: the finding of each confirmed regression
// says that the rerun confirms it; each regression the rerun measured and did not confirm
// adds an info finding coded "unconfirmed", and each one the rerun did not measure (not
// rerun, failed or skipped there) a warning coded "not-rerun", with the rerun's numbers
// and why it does not count. A warning makes the verdict warn at least.
void add_confirmation_findings(model::Verdict& verdict);

}  // namespace caws::gate
