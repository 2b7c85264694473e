#include "trend/series.hpp"

#include <algorithm>
#include <cstdint>
#include <memory>

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

std::vector<Series> build_series(const store::HistoryTable& history, const SeriesOptions& options) {
    const std::size_t first_run = std::min(options.first_run, history.runs.size());
    auto labels = std::make_shared<std::vector<RunLabel>>();
    labels->reserve(history.runs.size() - first_run);
    for (std::size_t r = first_run; r < history.runs.size(); ++r) {
        labels->push_back({history.runs[r].date, history.runs[r].commit});
    }
    std::vector<Series> series;
    for (const store::HistoryValues& metric : history.metrics) {
        if (options.metric_glob && !matches_glob(*options.metric_glob, metric.name)) continue;
        const auto begin = std::lower_bound(metric.runs.begin(), metric.runs.end(), first_run);
        auto from = static_cast<std::size_t>(begin - metric.runs.begin());
        const std::size_t n = metric.runs.size();
        if (from == n) continue;
        if (options.last > 0 && n - from > options.last) from = n - options.last;
        Series& s = series.emplace_back();
        s.metric = metric.name;
        s.measure = metric.measure;
        s.unit = metric.unit;
        s.prefixes = metric.prefixes;
        s.direction = metric.direction;
        s.statistic = metric.has_median && metric.has_mean
                          ? "median/mean"
                          : (metric.has_median ? "median" : "mean");
        s.values.assign(metric.values.begin() + static_cast<std::ptrdiff_t>(from),
                        metric.values.end());
        s.runs.reserve(n - from);
        for (std::size_t v = from; v < n; ++v) {
            s.runs.push_back(static_cast<std::uint32_t>(metric.runs[v] - first_run));
        }
        s.labels = labels;
    }
    std::sort(series.begin(), series.end(), [](const Series& a, const Series& b) {
        return a.metric != b.metric ? a.metric < b.metric : a.measure < b.measure;
    });
    return series;
}

std::vector<Series> build_series(const std::vector<store::HistoryEntry>& entries,
                                 const SeriesOptions& options) {
    return build_series(store::history_table(entries), options);
}

}  // namespace caws::trend
