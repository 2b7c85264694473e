#pragma once

// The directory the files of a run of rounds go to: a kept one (`--keep DIR`) or a fresh
// temporary one that disappears with the object, whether the run succeeded or not.

#include <cstddef>
#include <optional>
#include <string>

#include "exec/run_record.hpp"

namespace caws::exec {

class RunDirectory {
  public:
    // With `keep`: that directory, created with its parents when missing. Throws
    // util::Error naming it when it is not a directory, is not empty (the files of two
    // runs must not mix) or cannot be created. Without: a new directory
    // "caws-gate-ab-XXXXXX" under `temp_root` (empty: $TMPDIR, else /tmp).
    RunDirectory(const std::optional<std::string>& keep, const std::string& temp_root);
    // Removes a temporary directory and everything in it; a kept one stays.
    ~RunDirectory();
    RunDirectory(const RunDirectory&) = delete;
    RunDirectory& operator=(const RunDirectory&) = delete;

    const std::string& path() const { return path_; }
    bool kept() const { return kept_; }
    // path() + "/" + name
    std::string file(const std::string& name) const { return path_ + "/" + name; }

  private:
    std::string path_;
    bool kept_ = false;
};

// The stem of a side's files in round `index` (from 0) of `total`: "base-00", "head-07";
// at least two digits, more when `total` needs them (of 101 rounds: "base-000" to
// "base-100"), so that the names sort in round order.
std::string round_stem(Side side, std::size_t index, std::size_t total);

// The extension for a results file by its first non-blank byte: ".json" for '{' or '[',
// ".xml" for '<', ".txt" otherwise (and for an empty or unreadable file).
std::string extension_for_content(const std::string& path);

}  // namespace caws::exec
