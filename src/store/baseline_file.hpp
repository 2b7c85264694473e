#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "model/run.hpp"
#include "util/environment.hpp"

namespace caws::store {

// Schema identifier written into every baseline file; files of another version are
// rejected with a clear error.
inline constexpr std::string_view k_baseline_schema = "caws-gate/baseline@1";

// Where a baseline came from.
struct Provenance {
    std::string created;  // UTC, ISO 8601
    std::string commit;   // empty when unknown
    std::string branch;   // empty when unknown
    std::string tool;     // "caws-gate 0.1.0"
    // Under `baseline update --policy rolling:N`: the identifiers of the accepted runs whose
    // samples the baseline pools, oldest first, each kept in DIR/history/SUITE.runs/ID.json.
    // Empty for a baseline of one run.
    std::vector<std::string> runs;
};

// A committed baseline: the samples of one accepted run of a suite.
struct Baseline {
    std::string suite;
    Provenance provenance;
    model::Run run;
};

// Provenance of a run made now: the date (SOURCE_DATE_EPOCH when set), and the commit and
// branch from GITHUB_SHA / GITHUB_REF_NAME, or else from the git checkout in the current
// directory.
Provenance collect_provenance(const util::Environment& environment);

// The same without the branch, which takes a git process of its own where GITHUB_REF_NAME
// is not set: for a run that is not recorded (check's newest point of the history).
Provenance collect_provenance_without_branch(const util::Environment& environment);

// Checks a suite name (letters, digits, '.', '_', '-'; not starting with '.'), so that
// a suite can never name a path outside the baselines directory. Throws util::Error.
void check_suite_name(std::string_view suite);

// "<dir>/<suite>.json" after checking the suite name.
std::string baseline_path(const std::string& directory, std::string_view suite);

// The baseline file's text: schema, suite, provenance, sources, context, then one
// metric per line, so that diffs of a refreshed baseline show one line per benchmark.
std::string serialize_baseline(const Baseline& baseline);

// Reads a baseline file's text. Throws util::Error with the JSON pointer of anything
// invalid, and for a file of another schema version.
Baseline parse_baseline(std::string_view text, const std::string& path);

// Reads and parses a baseline file.
Baseline load_baseline(const std::string& path);

// When the suite inside a baseline file is not the file's name (a baseline copied or
// renamed by hand): the warning to give, naming the place ("/suite: ..."); else nullopt.
// A check by suite never picks such a file for the suite it holds.
std::optional<std::string> suite_name_mismatch(const std::string& path, const Baseline& baseline);

// Writes a baseline atomically (temporary file, fsync, rename).
void save_baseline(const std::string& path, const Baseline& baseline);

// Whether the file at `path` starts like a caws-gate baseline (reads its first bytes).
bool looks_like_baseline_file(const std::string& path);

// The suites that have a baseline in `directory`: the names of its `*.json` files that look
// like baselines, sorted. Empty when the directory does not exist.
std::vector<std::string> list_suites(const std::string& directory);

}  // namespace caws::store
