#pragma once

#include <cstddef>
#include <optional>
#include <span>

#include "stats/student_t.hpp"

namespace caws::stats {

// What a tool reports about a sample when it did not keep the values.
struct SampleSummary {
    double mean = 0;
    double stddev = 0;  // sample standard deviation (n - 1)
    std::size_t n = 0;
};

// Welch's unequal-variances t-test of y against x (Welch 1947), two-sided, with the
// Welch-Satterthwaite degrees of freedom and Student's t from Boost.Math: the same as
// scipy.stats.ttest_ind(y, x, equal_var=False). Empty when a side has fewer than two
// values. When both variances are zero the difference is exact: p = 0 if the means differ
// (t = +-infinity, df = n1 + n2 - 2) and 1 if they do not.
std::optional<TTestResult> welch_t_test(std::span<const double> x, std::span<const double> y);

// The same from summaries (scipy.stats.ttest_ind_from_stats(..., equal_var=False)); empty
// when a side has n < 2 or a negative or non-finite standard deviation.
std::optional<TTestResult> welch_t_test(const SampleSummary& x, const SampleSummary& y);

// The summary of a sample: mean, sample standard deviation and size.
SampleSummary summarize(std::span<const double> values);

}  // namespace caws::stats
