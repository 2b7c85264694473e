#pragma once

// Building a HistoryTable line by line, for the history reader (history_reader.cpp) and
// history_table(). Not part of the store's API: store/history_file.hpp is.

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "store/history_file.hpp"
#include "store/history_line.hpp"

namespace caws::store {

// Keeps the runs of a history and, per metric, the value a trend reads. A line is begun,
// its metrics added, and it is then committed, or rolled back when the reader's fast
// path gives up on it.
class TableBuilder {
  public:
    HistoryRun& begin();
    void add(const MetricView& view) {
        add(view.name, view.measure, view.unit, view.prefixes, view.direction,
            view.statistics[k_median], view.statistics[k_mean]);
    }
    // A whole entry: begin, add each metric, commit.
    void add(const HistoryEntry& entry);
    void commit() { previous_.swap(current_); }
    void rollback();
    // The table, without the metrics whose every value was rolled back.
    HistoryTable take() &&;

  private:
    static constexpr std::size_t k_none = static_cast<std::size_t>(-1);

    void add(std::string_view name, std::string_view measure, std::string_view unit,
             model::SizePrefixes prefixes, model::Direction direction,
             const std::optional<double>& median, const std::optional<double>& mean);

    HistoryTable table_;
    std::unordered_map<std::string, std::size_t> index_;
    std::string key_;
    std::vector<std::size_t> previous_;  // metric of each position of the previous line
    std::vector<std::size_t> current_;   // ... and of this line; k_none without a value
};

}  // namespace caws::store
