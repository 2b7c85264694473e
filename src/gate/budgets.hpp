#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "gate/gate_file.hpp"
#include "model/comparison.hpp"
#include "model/run.hpp"
#include "model/verdict.hpp"

namespace caws::gate {

// Reads a budget value as a person writes it: a number and a unit ("50 ms", "800 MB",
// "60 %", "2.5e6 req/s", "1.5 GiB"), converted to the canonical unit of its dimension with
// the units of ingest/units.hpp (MB = 10^6 bytes, MiB = 2^20 bytes; % is a fraction).
// A number without a unit keeps no dimension. On failure returns nullopt and sets `error`.
std::optional<Quantity> parse_quantity(std::string_view text, std::string& error);

// "a time", "a size", "a fraction", ... for messages.
std::string dimension_noun(model::Dimension dimension);

// The budgets of a gate checked against a run and its comparisons with the baseline.
struct BudgetResults {
    std::vector<model::BudgetCheck> checks;  // one per budget and matching metric
    std::vector<model::Finding> findings;    // breaches and budgets that could not be checked
};

// Checks every budget of `gate` on the metrics of `candidate` whose name matches its
// pattern (and measure, when the budget names one): absolute limits on the budget's
// statistic, relative limits on the oriented ratio of the metric's comparison. A budget
// that matches no metric, or whose statistic or ratio is unavailable, gives a
// `budget-missing` warning. Throws util::Error (the gate file and the budget's pointer)
// when a limit's unit does not fit the metric's ("50 ms" on a metric in bytes).
BudgetResults check_budgets(const Gate& gate, const model::Run& candidate,
                            const std::vector<model::Comparison>& comparisons);

}  // namespace caws::gate
