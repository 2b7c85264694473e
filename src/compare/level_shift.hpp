#pragma once

// Marking changes whose run moved level while it ran (docs/statistics.md, "A level shift
// within a run"): a regression is in the code and holds in every repetition of a run, so
// a run whose repetitions step from one level to another, in the order they ran, shows the
// machine changing under it, and that run alone cannot tell a regression from the machine.

#include <span>
#include <string>
#include <utility>
#include <vector>

#include "compare/comparator.hpp"
#include "model/comparison.hpp"
#include "model/metric.hpp"

namespace caws::compare {

// Sets `level_shift` and adds a note on each gated regression or improvement where the
// candidate's samples (or the baseline's, with `baseline_in_run_order`) have a step
// (stats::find_level_shift) that is significant at the comparison's alpha and at least
// its minor threshold in size (after / before, either way). The candidate is looked at
// first. `pairs` and `settings` are parallel to `comparisons`.
void find_level_shifts(std::vector<model::Comparison>& comparisons,
                       std::span<const std::pair<const model::Metric*, const model::Metric*>> pairs,
                       std::span<const Options* const> settings, bool baseline_in_run_order);

// "the candidate's repetitions moved from 8.65 µs to 15.7 µs (1.82x) after 4 of 10 in the
// order they ran (p = 4.1e-09): the machine changed while it ran"; values in `unit`.
std::string describe_level_shift(const model::LevelShift& shift, const model::Unit& unit);

}  // namespace caws::compare
