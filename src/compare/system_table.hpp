#pragma once

#include <cstddef>
#include <optional>
#include <span>
#include <string>
#include <vector>

#include "compare/comparator.hpp"
#include "compare/geomean.hpp"
#include "compare/statistic.hpp"
#include "model/comparison.hpp"
#include "model/run.hpp"

namespace caws::compare {

// One system (or configuration) of a paper table: a name and its run.
struct SystemRun {
    std::string name;
    model::Run run;
};

struct SystemTableOptions {
    Statistic statistic = Statistic::median;  // what each cell shows
    std::optional<std::string> measure;       // only this measure ("cpu_time"); all when empty
    std::size_t reference = 0;                // index of the system the others are compared to
    Options compare;                          // tests, correction, confidence, seed
};

// One cell: a system's statistic of one metric, and how it compares with the reference.
struct SystemCell {
    std::optional<double> value;              // the statistic, canonical unit; empty if missing
    std::optional<model::Interval> interval;  // of the statistic (quantile or t interval)
    std::optional<double> ratio;              // oriented, value against the reference's
    std::optional<model::Interval> ratio_ci;  // the comparator's, of the chosen statistic
    std::optional<double> p_adjusted;         // the comparator's test against the reference
    // The best value of its row, and significantly better than every other value of the
    // row (each difference tested at the comparator's alpha); ties are never best.
    bool best = false;
};

struct SystemRow {
    std::string metric;
    std::string measure;
    model::Unit unit;
    model::Direction direction = model::Direction::unknown;
    std::vector<SystemCell> cells;  // one per system, in the systems' order
};

struct SystemTable {
    std::vector<std::string> systems;
    std::size_t reference = 0;
    std::string statistic;
    std::optional<std::string> measure;  // the one measure of every row; empty: all measures
    std::vector<SystemRow> rows;         // metrics of the reference in its order, then the others'
    // Per system, the geometric mean of its ratios to the reference (empty for the
    // reference itself and when no metric qualifies).
    std::vector<std::optional<Geomean>> geomeans;
};

// Compares the reference with every other system (compare_runs with every measure gated,
// so p-values are adjusted across all the metrics of each pair, on the chosen statistic)
// and tabulates the statistic of every metric with a known direction. The ratio is the
// oriented ratio of the chosen statistic; its interval and p-value are the comparator's
// for that statistic (Hodges-Lehmann and a rank test for the median, the statistic's own
// bootstrap and permutation test otherwise; none when the statistic came from summaries).
// The statistic's own interval is
// distribution-free for quantiles (median, p90, p95, p99), Student t for the mean, and
// absent for min and max or when the sample is too small. A row's best value is marked
// only when it differs significantly from each other system's: the tests against the
// reference, and for two other systems a comparison of the two in the same way.
SystemTable build_system_table(std::span<const SystemRun> systems,
                               const SystemTableOptions& options);

}  // namespace caws::compare
