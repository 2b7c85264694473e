#pragma once

// The runner's between-run noise as `check` and the guard of `baseline update` learn it
// from the suite's history (docs/statistics.md, "Between-run noise").

#include <cstddef>

#include "app/check_trends.hpp"
#include "compare/between_run.hpp"
#include "store/baseline_file.hpp"
#include "store/history_file.hpp"

namespace caws::app {

// The noise the comparison uses, and what the report says about it.
struct CheckBetweenRun {
    compare::BetweenRunNoise noise;
    compare::BetweenRunSummary summary;  // counts of the comparisons: count_between_run
};

// The values of each metric of `table` in its runs [first, end), oldest first.
std::vector<compare::RunValues> run_values(const store::HistoryTable& table, std::size_t first,
                                           std::size_t end);

// The between-run noise of `table` for a baseline of `baseline_provenance`: its newest
// compare::between_run_window runs, leaving out the newest line when `recorded` (the
// run being compared is in it already). No history (`table` null): unknown.
CheckBetweenRun between_run_noise(const store::HistoryTable* table, std::string history_path,
                                  bool recorded, const store::Provenance& baseline_provenance,
                                  const compare::BetweenRunOptions& options);

// The same for the guard of `baseline update`: the history at `history_path` when it
// exists, leaving out its newest line when it records the run being guarded (same `date`
// and a known `commit`). Throws util::Error for an invalid history.
CheckBetweenRun guard_between_run(const std::string& history_path,
                                  const store::Provenance& baseline_provenance,
                                  const std::string& date, const std::string& commit,
                                  const compare::BetweenRunOptions& options);

// The same for a check, from the history it read (none: unknown).
CheckBetweenRun check_between_run(const std::optional<CheckHistory>& history,
                                  const store::Provenance& baseline_provenance,
                                  const compare::BetweenRunOptions& options);

}  // namespace caws::app
