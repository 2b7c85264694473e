#include "store/history_table_builder.hpp"

#include <iterator>
#include <utility>

namespace caws::store {
namespace {

// The key of a metric in a table's index: the name's length first, so that no name and
// measure can make the key of another pair (names may hold any character).
void metric_key(std::string& key, std::string_view name, std::string_view measure) {
    key.assign(std::to_string(name.size()));
    key += ':';
    key += name;
    key += measure;
}

}  // namespace

HistoryRun& TableBuilder::begin() {
    current_.clear();
    return table_.runs.emplace_back();
}

void TableBuilder::add(const HistoryEntry& entry) {
    begin() = static_cast<const HistoryRun&>(entry);
    for (const HistoryMetric& m : entry.metrics) {
        add(m.name, m.measure, m.unit, m.prefixes, m.direction, m.median, m.mean);
    }
    commit();
}

void TableBuilder::rollback() {
    for (const std::size_t i : current_) {
        if (i == k_none) continue;
        table_.metrics[i].values.pop_back();
        table_.metrics[i].runs.pop_back();
    }
    current_.clear();
    table_.runs.pop_back();
}

HistoryTable TableBuilder::take() && {
    std::erase_if(table_.metrics, [](const HistoryValues& m) { return m.values.empty(); });
    return std::move(table_);
}

void TableBuilder::add(std::string_view name, std::string_view measure, std::string_view unit,
                       model::SizePrefixes prefixes, model::Direction direction,
                       const std::optional<double>& median, const std::optional<double>& mean) {
    const std::size_t k = current_.size();
    const std::optional<double>& value = median ? median : mean;
    if (!value) {
        current_.push_back(k_none);
        return;
    }
    // Runs of a suite list their metrics in about the same order: the metric at the same
    // position in the previous line is tried before the hash map.
    std::size_t i = k_none;
    if (k < previous_.size() && previous_[k] != k_none &&
        table_.metrics[previous_[k]].name == name &&
        table_.metrics[previous_[k]].measure == measure) {
        i = previous_[k];
    } else {
        metric_key(key_, name, measure);
        const auto [it, added] = index_.try_emplace(key_, table_.metrics.size());
        if (added) {
            HistoryValues& created = table_.metrics.emplace_back();
            created.name = name;
            created.measure = measure;
        }
        i = it->second;
    }
    current_.push_back(i);
    HistoryValues& metric = table_.metrics[i];
    if (metric.unit != unit) metric.unit = unit;
    metric.prefixes = prefixes;
    metric.direction = direction;
    metric.runs.push_back(static_cast<std::uint32_t>(table_.runs.size() - 1));
    metric.values.push_back(*value);
    (median ? metric.has_median : metric.has_mean) = true;
}

HistoryTable history_table(const std::vector<HistoryEntry>& entries) {
    TableBuilder builder;
    for (const HistoryEntry& entry : entries) builder.add(entry);
    return std::move(builder).take();
}

void append_run(HistoryTable& table, const HistoryEntry& entry) {
    append_table(table, history_table({entry}));
}

void append_table(HistoryTable& table, HistoryTable&& newer) {
    if (table.runs.empty() && table.metrics.empty()) {
        table = std::move(newer);
        return;
    }
    const auto offset = static_cast<std::uint32_t>(table.runs.size());
    std::move(newer.runs.begin(), newer.runs.end(), std::back_inserter(table.runs));
    std::unordered_map<std::string, std::size_t> index;
    index.reserve(table.metrics.size());
    std::string key;
    for (std::size_t i = 0; i < table.metrics.size(); ++i) {
        metric_key(key, table.metrics[i].name, table.metrics[i].measure);
        index.emplace(key, i);
    }
    for (HistoryValues& metric : newer.metrics) {
        metric_key(key, metric.name, metric.measure);
        const auto [it, added] = index.try_emplace(key, table.metrics.size());
        if (added) {
            for (std::uint32_t& run : metric.runs) run += offset;
            table.metrics.push_back(std::move(metric));
            continue;
        }
        HistoryValues& into = table.metrics[it->second];
        for (const std::uint32_t run : metric.runs) into.runs.push_back(run + offset);
        into.values.insert(into.values.end(), metric.values.begin(), metric.values.end());
        if (!metric.values.empty()) {
            into.unit = std::move(metric.unit);
            into.prefixes = metric.prefixes;
            into.direction = metric.direction;
        }
        into.has_median = into.has_median || metric.has_median;
        into.has_mean = into.has_mean || metric.has_mean;
    }
}

}  // namespace caws::store
