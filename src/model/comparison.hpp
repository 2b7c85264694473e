#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "model/metric.hpp"
#include "model/unit.hpp"

namespace caws::model {

// The classes of change of DESIGN.md, from the oriented ratio and the test.
enum class ChangeClass {
    severe,
    moderate,
    minor,
    unchanged,
    improved,
    added,    // only in the candidate
    removed,  // only in the baseline
    failed,   // the candidate benchmark reported an error
    skipped,  // the candidate benchmark skipped itself; not compared
};

std::string_view to_string(ChangeClass change);
std::optional<ChangeClass> change_class_from_string(std::string_view text);
// Whether the class is a slowdown (minor, moderate or severe).
bool is_regression(ChangeClass change);

// How much a finding or a comparison matters to the gate; ordered by severity.
enum class Level { pass, info, warn, fail };

std::string_view to_string(Level level);
std::optional<Level> level_from_string(std::string_view text);

struct Interval {
    double low = 0;
    double high = 0;
};

// Baseline against candidate for one metric.
struct Comparison {
    std::string metric;   // benchmark name
    std::string measure;  // "cpu_time", "real_time", "items_per_second", ...
    Unit unit;
    Direction direction = Direction::unknown;
    std::string statistic = "median";
    std::optional<double> baseline;   // the statistic, canonical unit
    std::optional<double> candidate;  // the statistic, canonical unit
    // Oriented ratio: above 1 means worse whatever the direction (candidate / baseline for
    // lower-is-better, baseline / candidate for higher-is-better). For unknown direction,
    // candidate / baseline.
    std::optional<double> ratio;
    std::optional<Interval> ci;       // confidence interval of the ratio, when computed
    std::optional<double> p_value;    // two-sided, of the test named in `test`
    std::size_t n_baseline = 0;
    std::size_t n_candidate = 0;
    // The statistical test used ("mann-whitney-exact", "mann-whitney-asymptotic"), or
    // "none" when the comparison is classified by its ratio alone (see `tested`).
    std::string test = "none";
    // False when the sample sizes cannot reach significance (e.g. 3 vs 3) or a side has no
    // samples: the class then follows the ratio alone.
    bool tested = false;
    ChangeClass change = ChangeClass::unchanged;
    // False for measures whose direction is unknown: reported, never a regression.
    bool gated = true;
    Level level = Level::pass;  // decided by the gate
    // Caveats attached to the result ("too few samples to test: 3 vs 3").
    std::vector<std::string> notes;
    std::string message;  // the benchmark's own error or skip message
};

}  // namespace caws::model
