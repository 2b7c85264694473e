#include "trend/series.hpp"

#include <algorithm>
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
    std::vector<Series> series;
    std::unordered_map<std::string, std::size_t> index;
    std::vector<bool> has_median;
    std::vector<bool> has_mean;
    std::string key;
    for (const store::HistoryEntry& entry : entries) {
        for (const store::HistoryMetric& metric : entry.metrics) {
            const std::optional<double>& value = metric.median ? metric.median : metric.mean;
            if (!value) continue;
            key.assign(metric.name);
            key += '\x1f';
            key += metric.measure;
            auto [it, added] = index.try_emplace(key, series.size());
            if (added) {
                if (options.metric_glob && !matches_glob(*options.metric_glob, metric.name)) {
                    it->second = static_cast<std::size_t>(-1);
                    continue;
                }
                Series s;
                s.metric = metric.name;
                s.measure = metric.measure;
                series.push_back(std::move(s));
                has_median.push_back(false);
                has_mean.push_back(false);
            }
            if (it->second == static_cast<std::size_t>(-1)) continue;
            const std::size_t i = it->second;
            Series& s = series[i];
            s.unit = metric.unit;
            s.direction = metric.direction;
            s.values.push_back(*value);
            s.dates.push_back(entry.date);
            s.commits.push_back(entry.commit);
            if (metric.median) {
                has_median[i] = true;
            } else {
                has_mean[i] = true;
            }
        }
    }
    for (std::size_t i = 0; i < series.size(); ++i) {
        Series& s = series[i];
        s.statistic =
            has_median[i] && has_mean[i] ? "median/mean" : (has_median[i] ? "median" : "mean");
        if (options.last > 0 && s.values.size() > options.last) {
            const auto drop = static_cast<std::ptrdiff_t>(s.values.size() - options.last);
            s.values.erase(s.values.begin(), s.values.begin() + drop);
            s.dates.erase(s.dates.begin(), s.dates.begin() + drop);
            s.commits.erase(s.commits.begin(), s.commits.begin() + drop);
        }
    }
    std::sort(series.begin(), series.end(), [](const Series& a, const Series& b) {
        return a.metric != b.metric ? a.metric < b.metric : a.measure < b.measure;
    });
    return series;
}

}  // namespace caws::trend
