#pragma once

// One step in a run's samples, in the order they ran: the machine changing state while a
// benchmark ran (another job starting on a shared runner), which a regression, being in
// the code, never shows within one run (docs/statistics.md, "A level shift within a run").

#include <cstddef>
#include <optional>
#include <span>

namespace caws::stats {

// The most likely single step of a sample in run order: the samples before `at` against
// those from `at` on.
struct LevelShift {
    std::size_t at = 0;  // index of the first sample of the new level (0-based)
    std::size_t n = 0;   // samples in the run
    double before = 0;   // median of the samples before `at`
    double after = 0;    // median of the samples from `at` on
    double p_value = 1;  // of the step, corrected for the splits tried (Bonferroni)
};

// Fewest samples on each side of a step.
inline constexpr std::size_t k_level_shift_min_segment = 2;

// For each split with at least `min_segment` samples on each side, the two-sample t-test
// with pooled variance of the log values before against after (scipy.stats.ttest_ind(
// after, before) on the logs, n - 2 degrees of freedom); the split with the smallest
// p-value, that p-value multiplied by the number of splits tried (at most 1). Empty when
// there are fewer than 2 * min_segment + 1 samples or a value is not positive and finite.
// When every segment is constant the step is exact: p = 0 if the levels differ.
std::optional<LevelShift> find_level_shift(std::span<const double> samples,
                                           std::size_t min_segment = k_level_shift_min_segment);

}  // namespace caws::stats
