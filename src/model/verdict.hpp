#pragma once

#include <optional>
#include <string>
#include <vector>

#include "model/comparison.hpp"

namespace caws::model {

// A waiver from a gate file that matched a finding: the regression is accepted until
// `expires`, for `reason`, by `owner` (a person, team or link).
struct Waiver {
    std::string pattern;
    std::string reason;
    std::string owner;
    std::string expires;  // YYYY-MM-DD
    bool expired = false;
};

// Something the gate wants a person to know or act on.
struct Finding {
    Level level = Level::info;
    std::string code;              // stable identifier: "regression", "failed", "removed", ...
    std::string metric;            // benchmark name, empty for run-wide findings
    std::string measure;           // empty when the finding is about the whole benchmark
    std::string message;           // one sentence a person can act on
    std::optional<Waiver> waiver;  // set when a waiver matched this finding
};

// An absolute or relative budget on one statistic of one metric, as the gate checked it.
// Values are in the metric's canonical unit (`unit`, e.g. "s" or "B").
struct BudgetCheck {
    std::string metric;
    std::string measure;
    std::string statistic;  // "p95", "median", ...
    std::string unit;
    std::optional<double> value;  // the candidate's statistic; empty when the metric is missing
    std::optional<double> warning;
    std::optional<double> critical;
    std::optional<double> max_ratio;  // relative budget on the oriented ratio to the baseline
    std::optional<double> ratio;      // that ratio, when max_ratio is set
    Level level = Level::pass;
    std::string message;  // why the level, one sentence
    // value, warning and critical as `message` shows them, in the unit the gate file wrote
    // the limits in ("1310 MB", "800 MB"); empty where there is no such number.
    std::string value_text;
    std::string warning_text;
    std::string critical_text;
};

// One term of a score: its own 0-100 value, its weight in the total, and why.
struct ScoreComponent {
    std::string name;  // stable identifier: "budgets", "regressions", "samples", ...
    double score = 100;
    double weight = 0;
    std::string detail;
};

struct Score {
    double value = 100;  // 0-100
    std::vector<ScoreComponent> components;
};

// Health: how well the candidate performs against baseline and budgets. Trust: how far
// the measurement itself can be trusted. docs/scoring.md has the formulas.
struct Scores {
    Score health;
    Score trust;
};

// Advice derived deterministically from the findings and the measurement.
struct Recommendation {
    std::string code;    // stable identifier: "add-repetitions", "release-build", ...
    std::string metric;  // empty for run-wide advice
    std::string message;
};

// The gate's decision over all comparisons of a run.
struct Verdict {
    Level level = Level::pass;  // pass, warn or fail (never info)
    std::vector<Comparison> comparisons;
    std::vector<BudgetCheck> budgets;
    std::vector<Finding> findings;
    std::optional<Scores> scores;
    std::vector<Recommendation> recommendations;
};

}  // namespace caws::model
