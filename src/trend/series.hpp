#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "store/history_file.hpp"
#include "trend/analysis.hpp"

namespace caws::trend {

struct SeriesOptions {
    std::optional<std::string> metric_glob;  // keep metrics whose name matches (--metric)
    std::size_t last = 0;                    // keep the newest `last` runs of each series; 0: all
    std::size_t first_run = 0;  // leave out the runs before this one (index in the history)
};

// Whether `text` matches a shell glob: '*' any run of characters (also '/'),
// '?' one character, everything else itself.
bool matches_glob(std::string_view pattern, std::string_view text);

// One series per metric (name, measure) of a history, in the order of its runs (oldest
// first): the median of each run, or its mean when the run has no median; runs without
// either are left out of that series. Series come sorted by name, then measure, so that
// reports do not depend on the order of metrics in a line. The unit and direction are
// those of the newest run. The series share one table of the runs from `first_run` on.
std::vector<Series> build_series(const store::HistoryTable& history,
                                 const SeriesOptions& options = {});

// The same from history entries.
std::vector<Series> build_series(const std::vector<store::HistoryEntry>& entries,
                                 const SeriesOptions& options = {});

}  // namespace caws::trend
