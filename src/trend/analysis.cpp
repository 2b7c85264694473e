#include "trend/analysis.hpp"

#include <algorithm>
#include <cmath>
#include <limits>

#include "stats/descriptive.hpp"
#include "stats/random.hpp"
#include "util/hash.hpp"
#include "util/parallel.hpp"

namespace caws::trend {
namespace {

// A metric's identity, hashed: its own permutation stream.
std::uint64_t identity_hash(const Series& series) {
    return util::fnv1a(series.measure, util::fnv1a("\x1f", util::fnv1a(series.metric)));
}

double median_of(const std::vector<double>& values, std::size_t begin, std::size_t end) {
    return stats::median(std::span<const double>(values).subspan(begin, end - begin));
}

}  // namespace

namespace {

bool is_shift(const ChangePoint& point, double min_magnitude) {
    return std::max(point.ratio, 1 / point.ratio) < min_magnitude;
}

// The change points within `min_magnitude` either way move to the shifts. Each keeps the
// medians of the levels found on either side of it: a step's size is that of the step,
// whatever smaller shifts came before it.
void separate_shifts(Trend& trend, double min_magnitude) {
    std::vector<ChangePoint> kept;
    for (ChangePoint& point : trend.change_points) {
        (is_shift(point, min_magnitude) ? trend.shifts : kept).push_back(std::move(point));
    }
    trend.change_points = std::move(kept);
}

// The series from `first` on (the whole series for 0).
Series values_from(const Series& series, std::size_t first) {
    if (first == 0) return series;
    Series out = series;
    out.values.erase(out.values.begin(), out.values.begin() + static_cast<std::ptrdiff_t>(first));
    if (out.runs.size() >= first) {
        out.runs.erase(out.runs.begin(), out.runs.begin() + static_cast<std::ptrdiff_t>(first));
    }
    return out;
}

const RunLabel* label_of(const Series& series, std::size_t i) {
    const auto& labels = series.labels;
    if (!labels || i >= series.runs.size() || series.runs[i] >= labels->size()) return nullptr;
    return &(*labels)[series.runs[i]];
}

}  // namespace

std::string_view Series::date(std::size_t i) const {
    const RunLabel* label = label_of(*this, i);
    return label != nullptr ? std::string_view(label->date) : std::string_view();
}

std::string_view Series::commit(std::size_t i) const {
    const RunLabel* label = label_of(*this, i);
    return label != nullptr ? std::string_view(label->commit) : std::string_view();
}

void label_runs(Series& series, const std::vector<std::string>& dates,
                const std::vector<std::string>& commits) {
    auto labels = std::make_shared<std::vector<RunLabel>>();
    const std::size_t n = std::max(dates.size(), commits.size());
    series.runs.clear();
    for (std::size_t i = 0; i < n; ++i) {
        labels->push_back({i < dates.size() ? dates[i] : std::string(),
                           i < commits.size() ? commits[i] : std::string()});
        series.runs.push_back(static_cast<std::uint32_t>(i));
    }
    series.labels = std::move(labels);
}

std::string_view to_string(DriftClass drift) {
    switch (drift) {
        case DriftClass::improving:
            return "improving";
        case DriftClass::stable:
            return "stable";
        case DriftClass::degrading:
            return "degrading";
        case DriftClass::drifting:
            return "drifting";
    }
    return "stable";
}

std::string_view to_string(ChangePointMethod method) {
    return method == ChangePointMethod::otava ? "otava" : "e-divisive";
}

std::optional<ChangePointMethod> change_point_method_from_string(std::string_view text) {
    if (text == "e-divisive") return ChangePointMethod::e_divisive;
    if (text == "otava") return ChangePointMethod::otava;
    return std::nullopt;
}

double oriented_ratio(double before, double after, model::Direction direction) {
    if (direction == model::Direction::higher)
        return after == 0 ? std::numeric_limits<double>::infinity() : before / after;
    return before == 0 ? std::numeric_limits<double>::infinity() : after / before;
}

model::ChangeClass classify_ratio(double ratio, const compare::Thresholds& thresholds) {
    if (ratio >= thresholds.severe) return model::ChangeClass::severe;
    if (ratio >= thresholds.moderate) return model::ChangeClass::moderate;
    if (ratio >= thresholds.minor) return model::ChangeClass::minor;
    if (ratio <= 1 / thresholds.minor) return model::ChangeClass::improved;
    return model::ChangeClass::unchanged;
}

Drift analyse_drift(const Series& series, const Options& options) {
    Drift drift;
    drift.mann_kendall = stats::mann_kendall(series.values);
    drift.theil_sen = stats::theil_sen(series.values, options.confidence, drift.mann_kendall);
    const double centre = stats::median(series.values);
    if (centre > 0 && std::isfinite(centre)) {
        drift.slope_percent = 100 * drift.theil_sen.slope / centre;
        drift.low_percent = 100 * drift.theil_sen.low / centre;
        drift.high_percent = 100 * drift.theil_sen.high / centre;
    }
    const double slope = drift.theil_sen.slope;
    if (drift.mann_kendall.p_value > options.alpha || slope == 0) return drift;
    switch (series.direction) {
        case model::Direction::lower:
            drift.drift = slope > 0 ? DriftClass::degrading : DriftClass::improving;
            break;
        case model::Direction::higher:
            drift.drift = slope < 0 ? DriftClass::degrading : DriftClass::improving;
            break;
        case model::Direction::unknown:
            drift.drift = DriftClass::drifting;
            break;
    }
    return drift;
}

std::vector<ChangePoint> find_change_points(const Series& series, const Options& options) {
    std::vector<stats::ChangePointEstimate> found;
    if (options.method == ChangePointMethod::otava) {
        found = stats::otava_change_points(series.values, options.otava);
    } else {
        stats::EDivisiveOptions e = options.e_divisive;
        e.seed = stats::derive_seed(e.seed, identity_hash(series));
        found = stats::e_divisive(series.values, e);
    }
    std::vector<ChangePoint> points;
    for (std::size_t i = 0; i < found.size(); ++i) {
        const std::size_t begin = i == 0 ? 0 : found[i - 1].index;
        const std::size_t end = i + 1 == found.size() ? series.values.size() : found[i + 1].index;
        ChangePoint point;
        point.index = found[i].index;
        point.date = series.date(point.index);
        point.commit = series.commit(point.index);
        point.before = median_of(series.values, begin, point.index);
        point.after = median_of(series.values, point.index, end);
        point.ratio = oriented_ratio(point.before, point.after, series.direction);
        point.change = classify_ratio(point.ratio, options.thresholds);
        point.p_value = found[i].p_value;
        point.q = found[i].q;
        points.push_back(std::move(point));
    }
    return points;
}

Trend analyse(Series series, const Options& options, const GateRules& rules) {
    Trend trend;
    trend.series = std::move(series);
    const Series& s = trend.series;
    const std::size_t n = s.values.size();
    trend.change_points = find_change_points(s, options);
    separate_shifts(trend, rules.min_magnitude.value_or(options.thresholds.minor));
    trend.drift_since = trend.change_points.empty() ? 0 : trend.change_points.back().index;
    trend.drift = analyse_drift(values_from(s, trend.drift_since), options);
    if (trend.drift_since > 0) {
        trend.notes.push_back("drift measured on the " + std::to_string(n - trend.drift_since) +
                              " runs since the change point at run " +
                              std::to_string(trend.drift_since + 1) +
                              ": a step is a change point, not a drift");
    }
    if (n < 3) trend.notes.push_back(std::to_string(n) + " runs: too few for a trend");
    if (s.direction == model::Direction::unknown) {
        trend.notes.push_back("direction unknown: reported, not gated");
    }
    const bool gated = s.direction != model::Direction::unknown;
    if (gated && trend.drift.drift == DriftClass::degrading) trend.level = rules.degrading;
    for (ChangePoint& point : trend.change_points) {
        point.recent = point.index + rules.change_point_within >= n;
        point.level = gated && point.recent && model::is_regression(point.change)
                          ? rules.change_point
                          : model::Level::info;
        trend.level = std::max(trend.level, point.level);
    }
    if (trend.level == model::Level::info) trend.level = model::Level::pass;
    return trend;
}

// The values below which analyse_all keeps to the calling thread.
constexpr std::size_t k_points_per_thread = 2048;

std::vector<Trend> analyse_all(std::vector<Series> series, const Options& options,
                               const GateRules& rules, unsigned threads) {
    std::vector<Trend> trends(series.size());
    // A few short series (a check of a small suite with a young history) cost less than
    // starting a thread.
    std::size_t points = 0;
    for (const Series& s : series) points += s.values.size();
    if (points < k_points_per_thread) threads = 1;
    util::parallel_for(series.size(), threads, [&](std::size_t i) {
        trends[i] = analyse(std::move(series[i]), options, rules);
    });
    return trends;
}

void report_only(Trend& trend, std::string note) {
    trend.reported_only = true;
    trend.level = model::Level::pass;
    for (ChangePoint& point : trend.change_points) point.level = model::Level::info;
    trend.notes.push_back(std::move(note));
}

model::Level verdict_of(const std::vector<Trend>& trends) {
    model::Level level = model::Level::pass;
    for (const Trend& trend : trends) level = std::max(level, trend.level);
    return level == model::Level::info ? model::Level::pass : level;
}

}  // namespace caws::trend
