#pragma once

// The files of one suite in a baselines directory, and how `baseline update` changes
// them:
//
//   DIR/SUITE.json                  the baseline (store/baseline_file.hpp)
//   DIR/history/SUITE.jsonl         one line per accepted run (store/history_file.hpp)
//   DIR/history/SUITE.runs/ID.json  under --policy rolling:N, the samples of each run the
//                                   baseline pools, one baseline-format file per run,
//                                   listed (oldest first) in the baseline's provenance
//   DIR/SUITE.lock                  the lock held while they change (store/suite_lock.hpp)
//
// Everything is read and checked first (read_suite_files), the new files are computed in
// memory (plan_update), and only then written (apply_update), each atomically, in an
// order that makes a crash between two writes harmless.

#include <cstddef>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "store/baseline_file.hpp"
#include "store/history_file.hpp"
#include "store/update_policy.hpp"

namespace caws::store {

// "<dir>/history/<suite>.runs" after checking the suite name.
std::string runs_directory(const std::string& directory, const std::string& suite);

// The suite's files as they are on disk, read and checked.
struct SuiteFiles {
    std::string suite;
    std::string baseline_path, history_path, runs_directory;
    std::optional<Baseline> baseline;  // nullopt when the suite has no baseline yet
    // The runs the baseline pools (its provenance's `runs`), oldest first, with their ids.
    std::vector<std::pair<std::string, Baseline>> pooled;
    // The history's lines (each checked), oldest first, without blank lines.
    std::vector<std::string> history_lines;
};

// Reads the baseline, the runs it pools (only when `read_pooled_runs`) and the history
// (only when `read_history_lines`). Throws util::Error for any file that is invalid, and
// for a pooled run whose file is missing.
SuiteFiles read_suite_files(const std::string& directory, const std::string& suite,
                            bool read_pooled_runs, bool read_history_lines);

// How the history changes with an update.
struct HistoryOptions {
    bool write = true;                 // false: --no-history
    std::optional<std::size_t> limit;  // keep only the newest `limit` lines
};

// The new contents of the suite's files.
struct SuiteUpdate {
    Baseline baseline;
    // Run files to create under rolling:N: (id, content), oldest first.
    std::vector<std::pair<std::string, Baseline>> new_runs;
    std::optional<std::string> history_text;  // the whole new history file
    std::size_t history_lines = 0;            // lines in history_text
};

// Computes the update that accepts `run` (measured as `provenance` says; the history
// line is dated `history_date`). Under replace the baseline is the run; under rolling:N
// it pools the run with the newest N-1 runs the current baseline pools (a baseline
// written under replace counts as one such run).
SuiteUpdate plan_update(const SuiteFiles& files, model::Run run, const Provenance& provenance,
                        const UpdatePolicy& policy, const HistoryOptions& history,
                        const std::string& history_date);

// Writes the update, each file atomically, in this order: (1) the new run files, (2) the
// baseline, which lists the runs it pools and so is the point where the update takes
// effect, (3) the history, (4) removal of run files the baseline no longer lists. A
// crash after (1) leaves unlisted run files that the next update removes; after (2), a
// history one line short.
void apply_update(const SuiteFiles& files, const SuiteUpdate& update);

// Step (4) of apply_update alone: removes the temporaries that interrupted writes of the
// baseline and the history left, and the run files of the runs directory that `pooled`
// (run ids) does not list.
void remove_leftovers(const SuiteFiles& files, const std::vector<std::string>& pooled);

// An identifier for an accepted run: its date ("20261123T031200Z") and 8 hex digits of
// a hash of its content.
std::string run_id(const Baseline& run);

// The history as text, keeping the newest `limit` lines when a limit is given.
std::string history_text(std::vector<std::string> lines, std::optional<std::size_t> limit,
                         std::size_t* kept = nullptr);

}  // namespace caws::store
