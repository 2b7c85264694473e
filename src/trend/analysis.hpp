#pragma once

#include <cstddef>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "compare/comparator.hpp"
#include "model/comparison.hpp"
#include "model/metric.hpp"
#include "stats/e_divisive.hpp"
#include "stats/mann_kendall.hpp"
#include "stats/theil_sen.hpp"

namespace caws::trend {

// A run of a history, as a series' points name it.
struct RunLabel {
    std::string date;
    std::string commit;
};

// One metric over the runs of a history, oldest first: the value of one statistic per run
// (the median, or the mean when a run has no median), in the metric's canonical unit.
// The series of one history share the table of its runs.
struct Series {
    std::string metric;
    std::string measure;
    std::string unit;                                            // canonical symbol, e.g. "s"
    model::SizePrefixes prefixes = model::SizePrefixes::binary;  // how the input wrote sizes
    model::Direction direction = model::Direction::unknown;
    std::string statistic = "median";  // "median", "mean", or "median/mean" when mixed
    std::vector<double> values;
    std::vector<std::uint32_t> runs;  // index in *labels of each value's run, parallel to values
    std::shared_ptr<const std::vector<RunLabel>> labels;

    // The date and commit of the run of values[i]; empty when unknown.
    std::string_view date(std::size_t i) const;
    std::string_view commit(std::size_t i) const;
};

// Gives each value of a series its own run, labelled with dates[i] and commits[i] (for
// series built by hand rather than from a history).
void label_runs(Series& series, const std::vector<std::string>& dates,
                const std::vector<std::string>& commits);

// Which way a series drifts, for its direction: lower-is-better metrics degrade when they
// rise. `drifting` is a significant trend of a metric whose direction is unknown.
enum class DriftClass { improving, stable, degrading, drifting };

std::string_view to_string(DriftClass drift);

struct Drift {
    stats::MannKendall mann_kendall;
    stats::TheilSen theil_sen;
    // Theil-Sen slope and Sen's interval in percent of the series median per run; empty
    // when the median is not positive.
    std::optional<double> slope_percent;
    std::optional<double> low_percent;
    std::optional<double> high_percent;
    DriftClass drift = DriftClass::stable;
};

// A run where the series changed distribution (its first run on the new level).
struct ChangePoint {
    std::size_t index = 0;  // position in the series
    std::string date;
    std::string commit;
    double before = 0;  // median of the series from the previous change point (or the start)
    double after = 0;   // median up to the next change point (or the end)
    double ratio = 1;   // oriented: above 1 means worse
    model::ChangeClass change = model::ChangeClass::unchanged;
    double p_value = 1;
    double q = 0;  // energy statistic of the split
    // Among the newest GateRules::change_point_within runs of the series.
    bool recent = false;
    model::Level level = model::Level::info;
};

enum class ChangePointMethod { e_divisive, otava };

std::string_view to_string(ChangePointMethod method);
std::optional<ChangePointMethod> change_point_method_from_string(std::string_view text);

struct Options {
    double alpha = 0.05;       // of the Mann-Kendall test
    double confidence = 0.95;  // of Sen's slope interval
    ChangePointMethod method = ChangePointMethod::e_divisive;
    stats::EDivisiveOptions e_divisive;  // p 0.05, 100 permutations, seed 0, 3 per segment
    stats::OtavaOptions otava;           // window 50, p 0.001
    compare::Thresholds thresholds;      // classes of the change points' ratios
};

// What the trend gate fails on; a gate file's trend section fills it. A degrading drift
// gets `degrading`; a change point whose class is a regression (minor or worse) among the
// newest `change_point_within` runs of its series gets `change_point`; older change points
// and improvements are info.
// A change point whose ratio is within `min_magnitude` either way (default: the minor
// threshold of Options::thresholds) is a shift: reported, not counted as a change point.
struct GateRules {
    model::Level degrading = model::Level::warn;
    model::Level change_point = model::Level::fail;
    std::size_t change_point_within = 5;
    std::optional<double> min_magnitude;
};

struct Trend {
    Series series;
    // Of the values since the last change point (from `drift_since`): a step is a change
    // point, not a drift.
    Drift drift;
    std::size_t drift_since = 0;             // index of the first value the drift is measured on
    std::vector<ChangePoint> change_points;  // at least GateRules::min_magnitude either way
    std::vector<ChangePoint> shifts;         // smaller: reported, never counted or gated
    model::Level level = model::Level::pass;
    std::vector<std::string> notes;  // caveats ("3 runs: too few for a trend")
    bool reported_only = false;      // report_only(): no level, no findings
};

// The oriented ratio of `after` to `before` for a direction, and its class under the
// thresholds (significance is the detector's, so the ratio alone decides).
double oriented_ratio(double before, double after, model::Direction direction);
model::ChangeClass classify_ratio(double ratio, const compare::Thresholds& thresholds);

// Drift of a series (Mann-Kendall p <= alpha and a non-zero Theil-Sen slope make a trend).
Drift analyse_drift(const Series& series, const Options& options = {});

// Change points of a series with the chosen method; the permutation seed of E-divisive is
// derived from options.e_divisive.seed and the metric's name and measure, so that a
// metric's result does not depend on the other metrics.
std::vector<ChangePoint> find_change_points(const Series& series, const Options& options = {});

// Drift, change points and levels of one series: the change points smaller than the
// rules' min_magnitude become shifts, and the drift is measured on the values since the
// last change point that remains.
Trend analyse(Series series, const Options& options = {}, const GateRules& rules = {});

// Every series, in order; the work is spread over `threads` threads (0: the hardware's),
// the result is the same whatever the number.
std::vector<Trend> analyse_all(std::vector<Series> series, const Options& options = {},
                               const GateRules& rules = {}, unsigned threads = 0);

// Makes a trend reported only: its level pass, its change points info, with `note`.
void report_only(Trend& trend, std::string note);

// The highest level among the trends: the gate's verdict (pass, warn or fail).
model::Level verdict_of(const std::vector<Trend>& trends);

}  // namespace caws::trend
