#pragma once

#include <limits>

namespace caws::stats {

// The outcome of a two-sample t-test of y against x.
struct TTestResult {
    double t = 0;           // difference / standard_error; +-infinity when the error is 0
    double df = 0;          // degrees of freedom; +infinity for a normal reference
    double p_value = 1;     // two-sided
    double difference = 0;  // mean(y) - mean(x)
    double standard_error = 0;
};

// Two-sided p-value 2 P(T >= |t|) of Student's t with `df` degrees of freedom (Boost.Math;
// df = +infinity gives the standard normal). 0 for infinite t, 1 for t = 0.
double student_t_two_sided_p(double t, double df);

// Quantile of Student's t with `df` degrees of freedom (+infinity: standard normal) at
// probability p in (0, 1). Memoised per thread: a run asks for the same few (p, df) pairs
// for thousands of metrics.
double student_t_quantile(double p, double df);

// The standard normal's quantile at p in (0, 1) (student_t_quantile with infinite df) and
// its distribution function.
inline double normal_quantile(double p) {
    return student_t_quantile(p, std::numeric_limits<double>::infinity());
}
double normal_cdf(double z);

}  // namespace caws::stats
