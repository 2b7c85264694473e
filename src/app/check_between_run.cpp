#include "app/check_between_run.hpp"

#include <algorithm>
#include <optional>
#include <span>
#include <string>
#include <utility>

#include "util/file_io.hpp"
#include "util/string_map.hpp"

namespace caws::app {

std::vector<compare::RunValues> run_values(const store::HistoryTable& table, std::size_t first,
                                           std::size_t end) {
    std::vector<compare::RunValues> out;
    out.reserve(table.metrics.size());
    for (const store::HistoryValues& metric : table.metrics) {
        compare::RunValues values{metric.name, metric.measure, metric.unit, {}};
        // Run indices ascend: the window is one contiguous stretch of each metric's values.
        const auto begin = std::lower_bound(metric.runs.begin(), metric.runs.end(), first);
        const auto stop = std::lower_bound(begin, metric.runs.end(), end);
        const auto from = static_cast<std::size_t>(begin - metric.runs.begin());
        const auto to = static_cast<std::size_t>(stop - metric.runs.begin());
        values.values.assign(metric.values.begin() + static_cast<std::ptrdiff_t>(from),
                             metric.values.begin() + static_cast<std::ptrdiff_t>(to));
        if (!values.values.empty()) out.push_back(std::move(values));
    }
    return out;
}

namespace {

// The statistics besides the median that a history line records, for comparisons gated
// on one of them.
constexpr std::pair<const char*, std::optional<double> store::HistoryMetric::*> k_recorded[] = {
    {"mean", &store::HistoryMetric::mean},
    {"min", &store::HistoryMetric::min},
    {"max", &store::HistoryMetric::max},
    {"p95", &store::HistoryMetric::p95}};

// Each metric's values of those statistics in `entries`, oldest first.
void add_statistic_values(std::span<const store::HistoryEntry> entries,
                          std::vector<compare::RunValues>& out) {
    util::StringMap<std::size_t> index;
    std::string key;
    for (const store::HistoryEntry& entry : entries) {
        for (const store::HistoryMetric& metric : entry.metrics) {
            for (const auto& [statistic, member] : k_recorded) {
                const std::optional<double>& value = metric.*member;
                if (!value) continue;
                key = metric.name + '\x1f' + metric.measure + '\x1f' + statistic;
                const auto [it, added] = index.try_emplace(key, out.size());
                if (added) out.push_back({metric.name, metric.measure, metric.unit, {}, statistic});
                out[it->second].values.push_back(*value);
            }
        }
    }
}

// Each metric's values in the lines [first, end) of the history, oldest first: the medians
// from the table and the other statistics from `lines`, the file's lines [oldest, end)
// when the comparison needs them (empty otherwise).
std::vector<compare::RunValues> window_values(const store::HistoryTable& table,
                                              std::span<const store::HistoryEntry> lines,
                                              std::size_t oldest, std::size_t first,
                                              std::size_t end) {
    std::vector<compare::RunValues> values = run_values(table, first, end);
    if (!lines.empty())
        add_statistic_values(lines.subspan(std::min(first - oldest, lines.size())), values);
    return values;
}

}  // namespace

CheckBetweenRun between_run_noise(const store::HistoryTable* table, std::string history_path,
                                  bool recorded, const store::Provenance& baseline_provenance,
                                  const compare::BetweenRunOptions& options) {
    CheckBetweenRun result;
    compare::BetweenRunSummary& summary = result.summary;
    summary.min_runs = options.min_runs;
    summary.baseline_runs = std::max<std::size_t>(1, baseline_provenance.runs.size());
    result.noise.min_runs = options.min_runs;
    if (table == nullptr) return result;
    summary.history = std::move(history_path);
    const std::size_t end = table->runs.size() - (recorded && !table->runs.empty() ? 1 : 0);
    const std::size_t window =
        compare::between_run_window(baseline_provenance.runs.size(), options);
    const std::size_t first = end > window ? end - window : 0;
    summary.runs = end - first;
    // The history's range looks further back, once it has enough runs.
    const std::size_t range_window =
        compare::history_range_window(baseline_provenance.runs.size(), options);
    const std::size_t range_first = end > range_window ? end - range_window : 0;
    const bool range = end - range_first >= options.range_min_runs;
    const std::size_t oldest = range ? range_first : first;
    std::vector<store::HistoryEntry> lines;
    if (options.other_statistics && summary.runs >= options.min_runs) {
        // The lines in full, read once for both windows: the newest lines of the file but
        // the run being checked when it is recorded already.
        lines = store::read_history_tail(summary.history, table->runs.size() - oldest);
        if (lines.size() > end - oldest) lines.resize(end - oldest);
    }
    result.noise = compare::fit_between_run_noise(window_values(*table, lines, oldest, first, end),
                                                  summary.runs, options.min_runs);
    if (range) {
        compare::add_history_range(result.noise,
                                   window_values(*table, lines, oldest, range_first, end), options);
    }
    return result;
}

CheckBetweenRun guard_between_run(const std::string& history_path,
                                  const store::Provenance& baseline_provenance,
                                  const std::string& date, const std::string& commit,
                                  const compare::BetweenRunOptions& options) {
    if (!util::file_exists(history_path)) {
        return between_run_noise(nullptr, {}, false, baseline_provenance, options);
    }
    const store::HistoryTable table = store::read_history_table(history_path);
    const bool recorded = !table.runs.empty() && !commit.empty() &&
                          table.runs.back().commit == commit && table.runs.back().date == date;
    return between_run_noise(&table, history_path, recorded, baseline_provenance, options);
}

CheckBetweenRun check_between_run(const std::optional<CheckHistory>& history,
                                  const store::Provenance& baseline_provenance,
                                  const compare::BetweenRunOptions& options) {
    if (!history) return between_run_noise(nullptr, {}, false, baseline_provenance, options);
    return between_run_noise(&history->table, history->path, history->recorded, baseline_provenance,
                             options);
}

}  // namespace caws::app
