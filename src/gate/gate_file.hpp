#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "compare/comparator.hpp"
#include "compare/statistic.hpp"
#include "gate/policy.hpp"
#include "model/metric.hpp"
#include "model/unit.hpp"
#include "trend/leak.hpp"

namespace caws::gate {

// Schema identifier of gate files (docs/gates.md, docs/schema/gate.schema.json).
inline constexpr std::string_view k_gate_schema = "caws-gate/gate@1";

// How each metric is compared and gated: the gate file's `defaults`, then its rules.
struct MetricSettings {
    compare::Statistic statistic = compare::Statistic::median;
    compare::Thresholds thresholds;
    double alpha = 0.05;
    compare::SignificanceTest test = compare::SignificanceTest::automatic;
    // Regressions measured on fewer samples than this on either side warn at most.
    std::size_t min_samples = 1;
    Policy levels;
};

struct Defaults {
    MetricSettings settings;
    std::vector<std::string> measures;  // the measures gated; empty: all of them
    compare::Correction correction = compare::Correction::bh;  // one family per run
};

// A rule of the gate file: settings for the metrics whose name matches `match` (and, when
// set, whose measure is `measure`). Unset fields leave earlier settings alone; thresholds
// and levels are complete, their missing keys filled from the defaults.
struct Rule {
    std::string match;  // a glob (gate/glob.hpp)
    std::string measure;
    std::optional<bool> ignore;
    std::optional<model::Direction> direction;
    std::optional<compare::Statistic> statistic;
    std::optional<compare::Thresholds> thresholds;
    std::optional<double> alpha;
    std::optional<compare::SignificanceTest> test;
    std::optional<std::size_t> min_samples;
    std::optional<Policy> levels;
    std::string pointer;  // "/rules/3", for messages
};

// A value with its unit as written in a budget ("50 ms"), converted to the canonical unit
// of its dimension. A bare number has no dimension and is taken in the metric's unit.
struct Quantity {
    double value = 0;
    std::optional<model::Dimension> dimension;
    std::string text;  // as written
    std::string unit;  // the unit as written ("ms"), empty for a bare number
    double scale = 1;  // canonical value of one `unit`
};

// Whether a budget's limits are maxima (times, memory: the default) or minima (throughput).
enum class Limit { upper, lower };

struct Budget {
    std::string metric;   // a glob
    std::string measure;  // empty: any measure
    compare::Statistic statistic = compare::Statistic::median;
    Limit limit = Limit::upper;
    std::optional<Quantity> warning;
    std::optional<Quantity> critical;
    std::optional<double> max_ratio;  // on the oriented ratio to the baseline
    model::Level ratio_level = model::Level::fail;
    std::string pointer;  // "/budgets/2"
};

struct WaiverRule {
    std::string match;  // a glob
    std::string measure;
    std::string reason;
    std::string owner;    // a person, a team or a link
    std::string expires;  // YYYY-MM-DD, valid through that day (UTC)
    std::string pointer;
};

// The `scores` section, read and checked here, used by the health and trust scores.
struct ScoreLimits {
    std::optional<double> min_health;  // 0-100
    std::optional<double> min_trust;   // 0-100
};

// The `trend` section, read and checked here, used by `caws-gate trend`.
struct TrendSettings {
    model::Level degrading = model::Level::warn;
    model::Level change_point = model::Level::fail;
    std::size_t change_point_within = 5;  // runs
    // Smallest ratio (either way) of a counted change point; smaller ones are shifts.
    // Empty: the minor threshold.
    std::optional<double> min_magnitude;
};

// A parsed, checked gate file.
struct Gate {
    std::string path;    // the file, for messages and the reports
    std::string sha256;  // of the file's bytes, as `sha256sum` prints it: what the reports name
    Defaults defaults;
    std::vector<Rule> rules;
    std::vector<Budget> budgets;
    std::vector<std::string> required;  // globs
    std::vector<WaiverRule> waivers;
    ScoreLimits scores;
    std::optional<TrendSettings> trend;
    // The `leak` section's threshold, used by `caws-gate leak` and `check` unless
    // --leak-threshold is given.
    std::optional<trend::LeakThreshold> leak_threshold;
};

// Reads a gate file's text. Throws util::Error naming `path` and the line and column of a
// syntax error, or the JSON pointer of a value that is wrong, with what was expected; an
// unknown key names the closest valid key.
Gate parse_gate(std::string_view text, const std::string& path);

// Reads and parses a gate file.
Gate load_gate(const std::string& path);

// The gate file used when `check` is given no --gate: "gates/default.json".
inline constexpr std::string_view k_default_gate_path = "gates/default.json";

}  // namespace caws::gate
