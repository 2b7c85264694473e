#pragma once

#include <span>
#include <vector>

namespace caws::stats {

// Holm's step-down adjustment (Holm 1979): with p sorted ascending, the adjusted value of
// the i-th (1-based) is max over j <= i of min(1, (m - j + 1) p_(j)). Controls the
// family-wise error rate under any dependence. Returned in the input order.
std::vector<double> holm_adjust(std::span<const double> p_values);

// Benjamini-Hochberg step-up adjustment (Benjamini & Hochberg 1995): the adjusted value of
// the i-th smallest is min over j >= i of min(1, m p_(j) / j). Controls the false discovery
// rate for independent or positively dependent tests. Returned in the input order.
std::vector<double> benjamini_hochberg_adjust(std::span<const double> p_values);

}  // namespace caws::stats
