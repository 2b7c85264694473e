#pragma once

#include <string_view>
#include <vector>

#include "compare/comparator.hpp"
#include "gate/gate_file.hpp"
#include "model/comparison.hpp"
#include "model/run.hpp"
#include "model/verdict.hpp"

namespace caws::gate {

// The verdict of a gate over a run's comparisons with its baseline, from all findings:
// - each comparison's level from the levels of its metric (defaults and rules); a
//   regression measured on fewer samples than the metric's min_samples warns at most;
// - the budgets (budget-warning, budget-critical, budget-ratio, budget-missing);
// - the required metrics missing from `candidate` (required-missing, fail);
// - the waivers, applied last (waived, waiver-expired), dated by `today` (YYYY-MM-DD).
// The verdict is fail if any finding fails, else warn if any warns, else pass.
// `candidate` is the run whose metrics budgets and required patterns look at.
model::Verdict check_gate(const Gate& gate, std::vector<model::Comparison> comparisons,
                          const model::Run& candidate, std::string_view today);

// The whole gate on two runs: rules applied to both, compared with each metric's options
// (`options` giving the run-wide settings), then check_gate.
model::Verdict compare_and_check(const Gate& gate, const model::Run& baseline,
                                 const model::Run& candidate, const compare::Options& options,
                                 std::string_view today);

}  // namespace caws::gate
