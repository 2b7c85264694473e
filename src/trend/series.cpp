#include "trend/series.hpp"

#include <algorithm>
#include <cstdint>
#include <thread>
#include <unordered_map>

namespace caws::trend {

bool matches_glob(std::string_view pattern, std::string_view text) {
    // Iterative matching with one backtrack point for the last '*'.
    std::size_t p = 0;
    std::size_t t = 0;
    std::size_t star = std::string_view::npos;
    std::size_t resume = 0;
    while (t < text.size()) {
        if (p < pattern.size() && (pattern[p] == '?' || pattern[p] == text[t])) {
            ++p;
            ++t;
        } else if (p < pattern.size() && pattern[p] == '*') {
            star = p++;
            resume = t;
        } else if (star != std::string_view::npos) {
            p = star + 1;
            t = ++resume;
        } else {
            return false;
        }
    }
    while (p < pattern.size() && pattern[p] == '*') ++p;
    return p == pattern.size();
}

std::vector<Series> build_series(const std::vector<store::HistoryEntry>& entries,
                                 const SeriesOptions& options) {
    constexpr std::size_t k_left_out = static_cast<std::size_t>(-1);
    struct Column {
        const store::HistoryMetric* newest = nullptr;  // gives the unit and direction
        std::vector<std::uint32_t> runs;               // entry of each value
        bool has_median = false;
        bool has_mean = false;
    };
    std::vector<Series> series;
    std::vector<Column> columns;
    std::unordered_map<std::string, std::size_t> index;
    std::string key;
    // Runs of a suite list their metrics in about the same order: the series of the
    // metric at the same position in the previous entry is tried before the hash map.
    struct Seen {
        const store::HistoryMetric* metric = nullptr;
        std::size_t series = k_left_out;
    };
    std::vector<Seen> previous;
    std::vector<Seen> current;
    for (std::size_t e = 0; e < entries.size(); ++e) {
        const store::HistoryEntry& entry = entries[e];
        current.assign(entry.metrics.size(), Seen{});
        for (std::size_t k = 0; k < entry.metrics.size(); ++k) {
            const store::HistoryMetric& metric = entry.metrics[k];
            const std::optional<double>& value = metric.median ? metric.median : metric.mean;
            if (!value) continue;
            std::size_t i = k_left_out;
            if (k < previous.size() && previous[k].metric != nullptr &&
                previous[k].metric->name == metric.name &&
                previous[k].metric->measure == metric.measure) {
                i = previous[k].series;
            } else {
                key.assign(metric.name);
                key += '\x1f';
                key += metric.measure;
                auto [it, added] = index.try_emplace(key, series.size());
                if (added) {
                    if (options.metric_glob && !matches_glob(*options.metric_glob, metric.name)) {
                        it->second = k_left_out;
                    } else {
                        Series s;
                        s.metric = metric.name;
                        s.measure = metric.measure;
                        series.push_back(std::move(s));
                        columns.emplace_back();
                    }
                }
                i = it->second;
            }
            current[k] = {&metric, i};
            if (i == k_left_out) continue;
            Column& column = columns[i];
            column.newest = &metric;
            series[i].values.push_back(*value);
            column.runs.push_back(static_cast<std::uint32_t>(e));
            if (metric.median) {
                column.has_median = true;
            } else {
                column.has_mean = true;
            }
        }
        previous.swap(current);
    }
    // Dates, commits, unit and the newest runs: per series, on the machine's cores.
    const auto finish = [&](std::size_t from, std::size_t to) {
        for (std::size_t i = from; i < to; ++i) {
            Series& s = series[i];
            Column& column = columns[i];
            s.unit = column.newest->unit;
            s.direction = column.newest->direction;
            s.statistic = column.has_median && column.has_mean
                              ? "median/mean"
                              : (column.has_median ? "median" : "mean");
            std::size_t drop = 0;
            if (options.last > 0 && s.values.size() > options.last) {
                drop = s.values.size() - options.last;
                s.values.erase(s.values.begin(),
                               s.values.begin() + static_cast<std::ptrdiff_t>(drop));
            }
            s.dates.reserve(column.runs.size() - drop);
            s.commits.reserve(column.runs.size() - drop);
            for (std::size_t v = drop; v < column.runs.size(); ++v) {
                const store::HistoryEntry& entry = entries[column.runs[v]];
                s.dates.push_back(entry.date);
                s.commits.push_back(entry.commit);
            }
            std::vector<std::uint32_t>().swap(column.runs);
        }
    };
    const std::size_t threads =
        series.size() < 64 ? 1 : std::clamp<std::size_t>(std::thread::hardware_concurrency(), 1, 8);
    std::vector<std::thread> workers;
    const std::size_t per_thread = (series.size() + threads - 1) / threads;
    for (std::size_t t = 1; t < threads; ++t) {
        workers.emplace_back(finish, std::min(series.size(), t * per_thread),
                             std::min(series.size(), (t + 1) * per_thread));
    }
    finish(0, std::min(series.size(), per_thread));
    for (std::thread& worker : workers) worker.join();
    std::sort(series.begin(), series.end(), [](const Series& a, const Series& b) {
        return a.metric != b.metric ? a.metric < b.metric : a.measure < b.measure;
    });
    return series;
}

}  // namespace caws::trend
