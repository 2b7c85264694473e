#pragma once

#include <cstddef>
#include <cstdint>
#include <span>
#include <vector>

namespace caws::stats {

// A split of a series into [0, index) and [index, n), with the divergence between the
// two sides: Matteson & James's (2014) scaled energy statistic
//   q = (L R / (L + R)) * (2/(L R) sum|x_i - y_j| - sum_{i<k}|x_i - x_k| / C(L,2)
//                          - sum_{j<k}|y_j - y_k| / C(R,2))
// with alpha = 1 (absolute differences); a within term is 0 for a side of one value.
struct Split {
    std::size_t index = 0;
    double q = 0;
};

// The split of `values` with the largest q among those leaving at least `min_size` values
// on each side; index 0 when there is none (fewer than 2 * min_size values). O(n log n):
// the sums of absolute differences are updated as the split moves, with a Fenwick tree
// over the values' ranks.
Split best_split(std::span<const double> values, std::size_t min_size = 3);

// A change point: the series changes distribution between index - 1 and index.
struct ChangePointEstimate {
    std::size_t index = 0;
    double q = 0;        // energy statistic of the split that found it
    double p_value = 1;  // of the test that accepted it
};

struct EDivisiveOptions {
    double alpha = 0.05;             // a split is kept when its permutation p-value <= alpha
    std::size_t permutations = 100;  // permutations of the significance test
    std::uint64_t seed = 0;          // of the permutations: the same seed, the same result
    std::size_t min_size = 3;        // fewest values between two change points
};

// E-divisive means (Matteson & James 2014, as in MongoDB's signal processing, Daly et al.
// 2020): split the segment whose best split has the largest q, test that q against the
// same maximum over `permutations` random reorderings within every segment, p = (1 +
// number of permuted maxima >= q) / (permutations + 1); repeat until a split is not
// significant. The test stops early once p can no longer reach alpha; permuted segments of
// up to 4,096 values are decided in fixed point, falling back to the floating-point scan
// near q, so the result is that of the exact computation. Change points come sorted by
// index. Thread-safe.
std::vector<ChangePointEstimate> e_divisive(std::span<const double> values,
                                            const EDivisiveOptions& options = {});

struct OtavaOptions {
    std::size_t window = 50;     // values per window; windows overlap by half
    double max_p_value = 0.001;  // of the t-test that keeps a change point after merging
    double min_magnitude = 0;    // smallest |mean after / mean before - 1| kept
    std::size_t min_size = 3;
};

// The windowed variant of Apache Otava (formerly Hunter; Fleming et al. 2023): E-divisive
// splits inside windows of `window` values, each candidate tested with Student's t-test
// of the two sides (p <= 10 * max_p_value); the next window starts at the last change
// point found or half a window on. Then the change points are merged: the one whose
// t-test against its neighbouring segments has the largest p-value is removed while that
// p-value exceeds max_p_value (or its magnitude is below min_magnitude). Deterministic.
std::vector<ChangePointEstimate> otava_change_points(std::span<const double> values,
                                                     const OtavaOptions& options = {});

// Two-sided p-value of Student's pooled two-sample t-test of values [begin, split) against
// [split, end) (scipy.stats.ttest_ind with equal variances).
double pooled_t_p_value(std::span<const double> values, std::size_t begin, std::size_t split,
                        std::size_t end);

}  // namespace caws::stats
