#pragma once

// The history of a suite: one line per accepted run, oldest first, in
// `DIR/history/SUITE.jsonl`. Each line is a compact JSON object of schema
// "caws-gate/history@1" with the run's date, commit, branch, host and, per metric, the
// number of measurements and their summary statistics (no samples), so that a year of
// nightly runs stays small and a trend can be read without the baselines' samples.

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "model/run.hpp"

namespace caws::store {

inline constexpr const char* k_history_schema = "caws-gate/history@1";

// One metric of one run, summarised. Statistics are nullopt when unknown (a summary-only
// metric whose tool did not report a p95, a standard deviation of one sample).
struct HistoryMetric {
    std::string name, measure, unit;  // unit: the canonical unit's symbol ("s", "B", "1/s")
    // How the input wrote a size or byte rate (kB or KiB), to show it in the same family;
    // written as "unit_prefixes": "decimal" after the unit, binary when absent.
    model::SizePrefixes prefixes = model::SizePrefixes::binary;
    model::Direction direction = model::Direction::unknown;
    std::size_t n = 0;
    std::optional<double> median, mean, stddev, min, max, p95;
};

// A run of a history: who and when, without its metrics.
struct HistoryRun {
    std::string date;                  // UTC, ISO 8601
    std::string commit, branch, host;  // empty when unknown
};

// One line of a history file.
struct HistoryEntry : HistoryRun {
    std::vector<HistoryMetric> metrics;
};

// One metric of a history as a trend reads it: for each run that has a median or a mean,
// that value (the median when there is one) and the run's index.
struct HistoryValues {
    std::string name, measure;
    std::string unit;                                            // of the newest run with a value
    model::SizePrefixes prefixes = model::SizePrefixes::binary;  // likewise
    model::Direction direction = model::Direction::unknown;      // of the newest run with a value
    std::vector<std::uint32_t> runs;  // index in HistoryTable::runs of each value, oldest first
    std::vector<double> values;
    bool has_median = false;  // some values are medians
    bool has_mean = false;    // some values are means (of runs without a median)
};

// A history read for its trends: the runs, oldest first, and per metric its values. About
// 12 bytes per value instead of the entries' hundreds, for histories of millions of values.
struct HistoryTable {
    std::vector<HistoryRun> runs;
    std::vector<HistoryValues> metrics;  // in the order of their first value
};

// "<dir>/history/<suite>.jsonl" after checking the suite name.
std::string history_path(const std::string& directory, const std::string& suite);

// The summary of a run for its history line; the host comes from the run's context.
// Metrics that failed or were skipped have no statistics and are left out. From samples:
// median and p95 by linear interpolation, mean, sample standard deviation (null for
// fewer than two samples), min and max; from a summary: whatever the tool reported.
HistoryEntry summarize_run(const model::Run& run, std::string date, std::string commit,
                           std::string branch);

// The entry as one compact JSON line (keys in a fixed order, numbers with the shortest
// text that reads back to the same double, null for unknown statistics), ending with
// '\n'.
std::string history_line(const HistoryEntry& entry);

// Reads a history file's text: one entry per non-blank line, in file order. Throws
// util::Error located as "path:LINE:COLUMN" for a line that is not JSON, and as
// "path:LINE" with a JSON pointer for a line of the wrong schema, a missing key or a
// value of the wrong type.
std::vector<HistoryEntry> parse_history(std::string_view text, const std::string& path);

// Reads and parses a history file.
std::vector<HistoryEntry> read_history(const std::string& path);

// The newest `lines` non-blank lines of a history file as entries, oldest first (all of
// them when it has fewer), with the errors of parse_history (whose line numbers then count
// from the first line read).
std::vector<HistoryEntry> read_history_tail(const std::string& path, std::size_t lines);

// The same as parse_history and read_history, with the same checks and errors, read into
// a table: what `trend` and `check` analyse.
HistoryTable parse_history_table(std::string_view text, const std::string& path);
HistoryTable read_history_table(const std::string& path);

// The table of history entries, oldest first.
HistoryTable history_table(const std::vector<HistoryEntry>& entries);

// Adds an entry as the newest run of a table.
void append_run(HistoryTable& table, const HistoryEntry& entry);

// Adds the runs of `newer` after those of `table`.
void append_table(HistoryTable& table, HistoryTable&& newer);

}  // namespace caws::store
