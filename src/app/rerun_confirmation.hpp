#pragma once

// The step of `check --confirm`: a regression counts only when an independent rerun
// confirms it (gate/confirmation.hpp, docs/statistics.md "Confirmation by a rerun").

#include <cstdint>
#include <string>
#include <vector>

#include "app/gate_setup.hpp"
#include "app/input_request.hpp"
#include "app/verdict_report.hpp"
#include "model/run.hpp"
#include "model/verdict.hpp"

namespace caws::app {

// The rerun in `paths`, read and merged as results are, and checked against the first
// run (`candidate`, read from `results`): none of its files may be one of the results
// files (the rerun must be another run), and at least one of its benchmarks must be one of
// the first run's (a rerun of another suite confirms nothing). Throws util::Error naming
// the rerun's file otherwise, or for a file that cannot be read.
model::Run read_rerun(const std::vector<std::string>& paths,
                      const std::vector<std::string>& results, const model::Run& candidate,
                      const InputRequest& inputs);

// The verdict on `runs` with each regression of the first run confirmed by `rerun`: the
// baseline is compared with the first run and, independently, with the rerun's metrics
// that confirm something (gate::metrics_to_confirm: the same gate file, rules and options,
// the rerun's p-values corrected across those metrics alone); the comparisons are
// confirmed (gate::confirm_regressions) and gated again, with the first run's budgets,
// required metrics and waivers (dated by `now`); confirmed regressions say so in their
// finding, unconfirmed ones add an "unconfirmed" or "not-rerun" finding.
model::Verdict compare_confirm_and_gate(const ComparedRuns& runs, const model::Run& rerun,
                                        const GateSetup& setup, std::int64_t now);

}  // namespace caws::app
