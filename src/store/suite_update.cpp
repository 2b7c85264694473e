#include "store/suite_update.hpp"

#include <algorithm>
#include <cstdint>
#include <cstdio>
#include <filesystem>
#include <set>

#include "util/environment.hpp"
#include "util/error.hpp"
#include "util/fault_injection.hpp"
#include "util/file_io.hpp"
#include "util/hash.hpp"

namespace caws::store {
namespace {

namespace fs = std::filesystem;

bool valid_run_id(const std::string& id) {
    if (id.empty() || id.size() > 100 || id.front() == '.') return false;
    return std::all_of(id.begin(), id.end(), [](char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
               c == '-' || c == '_' || c == '.';
    });
}

std::string run_file(const std::string& runs_directory, const std::string& id) {
    return runs_directory + "/" + id + ".json";
}

std::vector<std::string> non_blank_lines(std::string_view text) {
    std::vector<std::string> lines;
    while (!text.empty()) {
        const std::size_t end = text.find('\n');
        const std::string_view line = text.substr(0, end);
        text.remove_prefix(end == std::string_view::npos ? text.size() : end + 1);
        if (line.find_first_not_of(" \t\r") != std::string_view::npos) lines.emplace_back(line);
    }
    return lines;
}

// Removes what write_file_atomic left of `path` when a process was killed while writing
// it: "<path>.tmp-<pid>-<random>" files. Only called under the suite's lock, when no
// other process writes `path`.
void remove_temporaries_of(const std::string& path) {
    const fs::path target(path);
    const fs::path directory = target.parent_path().empty() ? fs::path(".") : target.parent_path();
    const std::string name = target.filename().string();
    std::error_code ec;
    std::vector<fs::path> leftovers;
    for (const auto& entry : fs::directory_iterator(directory, ec)) {
        if (util::is_temporary_for(entry.path().filename().string(), name) &&
            entry.is_regular_file(ec)) {
            leftovers.push_back(entry.path());
        }
    }
    for (const fs::path& leftover : leftovers) {
        util::fault_point("before-remove", leftover.string());
        fs::remove(leftover, ec);
    }
    if (!leftovers.empty()) util::sync_directory(directory.string());
}

}  // namespace

std::string runs_directory(const std::string& directory, const std::string& suite) {
    check_suite_name(suite);
    std::string path = directory.empty() ? std::string(".") : directory;
    if (path.back() != '/') path += '/';
    return path + "history/" + suite + ".runs";
}

std::string run_id(const Baseline& run) {
    std::string date;
    const auto seconds = util::parse_date(run.provenance.created);
    for (const char c : seconds ? util::format_utc(*seconds) : std::string("00000000T000000Z")) {
        if (c != '-' && c != ':') date += c;
    }
    char hash[17];
    std::snprintf(hash, sizeof hash, "%016llx",
                  static_cast<unsigned long long>(util::fnv1a(serialize_baseline(run))));
    return date + "-" + std::string(hash, 8);
}

SuiteFiles read_suite_files(const std::string& directory, const std::string& suite,
                            bool read_pooled_runs, bool read_history_lines) {
    SuiteFiles files;
    files.suite = suite;
    files.baseline_path = baseline_path(directory, suite);
    files.history_path = history_path(directory, suite);
    files.runs_directory = runs_directory(directory, suite);
    if (fs::exists(files.baseline_path)) {
        files.baseline = load_baseline(files.baseline_path);
        if (read_pooled_runs) {
            const std::vector<std::string>& ids = files.baseline->provenance.runs;
            for (std::size_t i = 0; i < ids.size(); ++i) {
                if (!valid_run_id(ids[i])) {
                    throw util::Error(files.baseline_path, "/provenance/runs/" + std::to_string(i),
                                      "expected a run identifier of letters, digits, '-', '_' "
                                      "and '.', got \"" +
                                          ids[i] + "\"");
                }
                const std::string path = run_file(files.runs_directory, ids[i]);
                if (!util::file_exists(path)) {
                    throw util::Error(path, {},
                                      "the baseline " + files.baseline_path +
                                          " pools this run, but the file is missing (restore "
                                          "it, or start afresh with --policy replace)");
                }
                files.pooled.emplace_back(ids[i], load_baseline(path));
            }
        }
    }
    if (read_history_lines && fs::exists(files.history_path)) {
        const std::string text = util::read_file(files.history_path);
        parse_history(text, files.history_path);  // checks every line
        files.history_lines = non_blank_lines(text);
    }
    return files;
}

std::string history_text(std::vector<std::string> lines, std::optional<std::size_t> limit,
                         std::size_t* kept) {
    std::size_t first = 0;
    if (limit && lines.size() > *limit) first = lines.size() - *limit;
    std::string text;
    std::size_t size = 0;
    for (std::size_t i = first; i < lines.size(); ++i) size += lines[i].size() + 1;
    text.reserve(size);
    for (std::size_t i = first; i < lines.size(); ++i) {
        text += lines[i];
        if (text.back() != '\n') text += '\n';
    }
    if (kept != nullptr) *kept = lines.size() - first;
    return text;
}

SuiteUpdate plan_update(const SuiteFiles& files, model::Run run, const Provenance& provenance,
                        const UpdatePolicy& policy, const HistoryOptions& history,
                        const std::string& history_date) {
    SuiteUpdate update;
    if (history.write) {
        std::vector<std::string> lines = files.history_lines;
        lines.push_back(
            history_line(summarize_run(run, history_date, provenance.commit, provenance.branch)));
        update.history_text = history_text(std::move(lines), history.limit, &update.history_lines);
    }
    update.baseline.suite = files.suite;
    update.baseline.provenance = provenance;
    update.baseline.provenance.runs.clear();
    if (policy.kind == UpdatePolicy::Kind::replace) {
        update.baseline.run = std::move(run);
        return update;
    }

    // The runs pooled so far, oldest first; a baseline of one run counts as one.
    std::vector<std::pair<std::string, Baseline>> previous = files.pooled;
    if (files.baseline && files.baseline->provenance.runs.empty()) {
        Baseline seed = *files.baseline;
        previous.emplace_back(run_id(seed), std::move(seed));
        update.new_runs.push_back(previous.back());
    }
    const std::size_t keep = std::min(previous.size(), policy.runs - 1);
    previous.erase(previous.begin(),
                   previous.begin() + static_cast<std::ptrdiff_t>(previous.size() - keep));

    Baseline accepted;
    accepted.suite = files.suite;
    accepted.provenance = provenance;
    accepted.provenance.runs.clear();
    accepted.run = std::move(run);
    std::string id = run_id(accepted);
    for (int suffix = 2; std::any_of(previous.begin(), previous.end(),
                                     [&id](const auto& entry) { return entry.first == id; });
         ++suffix) {
        id = run_id(accepted) + "-" + std::to_string(suffix);
    }

    std::vector<const model::Run*> pool;
    for (const auto& [previous_id, baseline] : previous) {
        pool.push_back(&baseline.run);
        update.baseline.provenance.runs.push_back(previous_id);
    }
    pool.push_back(&accepted.run);
    update.baseline.provenance.runs.push_back(id);
    update.baseline.run = pool_runs(pool);
    // A seed that fell out of the pool (rolling:1) need not be written.
    std::erase_if(update.new_runs, [&](const auto& entry) {
        return std::find(update.baseline.provenance.runs.begin(),
                         update.baseline.provenance.runs.end(),
                         entry.first) == update.baseline.provenance.runs.end();
    });
    update.new_runs.emplace_back(std::move(id), std::move(accepted));
    return update;
}

void apply_update(const SuiteFiles& files, const SuiteUpdate& update) {
    // (1) Run files the new baseline will pool: unlisted until (2).
    for (const auto& [id, run] : update.new_runs) {
        save_baseline(run_file(files.runs_directory, id), run);
    }
    // (2) The baseline: the update takes effect here.
    save_baseline(files.baseline_path, update.baseline);
    // (3) The history.
    if (update.history_text) util::write_file_atomic(files.history_path, *update.history_text);
    // (4) Run files the baseline no longer pools, and leftovers of interrupted updates.
    remove_leftovers(files, update.baseline.provenance.runs);
}

void remove_leftovers(const SuiteFiles& files, const std::vector<std::string>& pooled) {
    remove_temporaries_of(files.baseline_path);
    remove_temporaries_of(files.history_path);
    std::error_code ec;
    if (!fs::is_directory(files.runs_directory, ec)) return;
    const std::set<std::string> listed(pooled.begin(), pooled.end());
    bool removed = false;
    for (const auto& entry : fs::directory_iterator(files.runs_directory, ec)) {
        const std::string name = entry.path().filename().string();
        const bool keep = name.size() > 5 && name.ends_with(".json") &&
                          listed.count(name.substr(0, name.size() - 5)) != 0;
        if (!keep && entry.is_regular_file(ec)) {
            util::fault_point("before-remove", entry.path().string());
            fs::remove(entry.path(), ec);
            removed = true;
        }
    }
    if (removed) util::sync_directory(files.runs_directory);
    if (fs::is_empty(files.runs_directory, ec)) {
        util::fault_point("before-remove", files.runs_directory);
        if (fs::remove(files.runs_directory, ec)) {
            util::sync_directory(fs::path(files.runs_directory).parent_path().string());
        }
    }
}

}  // namespace caws::store
