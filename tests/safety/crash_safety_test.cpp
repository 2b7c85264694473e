// Crash safety of `baseline update`, with the real binary: the process is killed at every
// fault point of an update (CAWS_GATE_FAULT_INJECT=N, util/fault_injection.hpp) and by
// SIGKILL at random moments, and after each kill every file of the suite must be its old
// or its new version, valid JSON, the set consistent in the documented write order
// (docs/baselines.md), and the next update must succeed and clean up. Concurrent updates
// must end as one of the serial orders would.
//
// CAWS_GATE_KILL_RUNS (number of random kills) and CAWS_GATE_KILL_SEED override the
// defaults; a failure prints the seed.
#include <fcntl.h>
#include <signal.h>
#include <sys/file.h>
#include <sys/wait.h>
#include <unistd.h>

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <algorithm>
#include <array>
#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <map>
#include <optional>
#include <random>
#include <set>
#include <sstream>
#include <string>
#include <thread>
#include <vector>

#include "support/process.hpp"
#include "support/temp_dir.hpp"

#ifndef CAWS_GATE_KILL_RUNS_DEFAULT
#define CAWS_GATE_KILL_RUNS_DEFAULT 250
#endif

namespace caws::test {
namespace {

namespace fs = std::filesystem;

// Files of a baselines directory: relative path -> content (the lock file left out: it is
// empty and stays once created).
using Snapshot = std::map<std::string, std::string>;

const std::map<std::string, std::string>& fixed_environment() {
    static const std::map<std::string, std::string> environment = {
        {"SOURCE_DATE_EPOCH", "1795000000"},
        {"GITHUB_SHA", "0123456789abcdef0123456789abcdef01234567"},
        {"GITHUB_REF_NAME", "main"}};
    return environment;
}

std::string results(double ns, int day) {
    std::ostringstream text;
    text << R"({"context": {"date": "2026-11-)" << day << R"(T07:00:00+00:00", )"
         << R"("host_name": "ci"}, "benchmarks": [)";
    for (int i = 0; i < 12; ++i) {
        if (i > 0) text << ",";
        const double t = ns * (1 + 0.001 * i);
        text << R"({"name": "BM_A", "run_name": "BM_A", "run_type": "iteration", )"
             << R"("repetitions": 12, "repetition_index": )" << i
             << R"(, "iterations": 1000, "real_time": )" << t << R"(, "cpu_time": )" << t
             << R"(, "time_unit": "ns"}, )"
             << R"({"name": "BM_B", "run_name": "BM_B", "run_type": "iteration", )"
             << R"("repetitions": 12, "repetition_index": )" << i
             << R"(, "iterations": 500, "real_time": )" << 3 * t << R"(, "cpu_time": )" << 3 * t
             << R"(, "time_unit": "ns"})";
    }
    text << "]}\n";
    return text.str();
}

bool is_temporary(const std::string& path) {
    return path.find(".tmp-") != std::string::npos;
}

Snapshot snapshot(const std::string& directory) {
    Snapshot files;
    std::error_code ec;
    if (!fs::exists(directory)) return files;
    for (const auto& entry : fs::recursive_directory_iterator(directory, ec)) {
        if (!entry.is_regular_file()) continue;
        const std::string relative = fs::relative(entry.path(), directory).string();
        if (relative.ends_with(".lock")) continue;
        files[relative] = read_text(entry.path().string());
    }
    return files;
}

void restore(const std::string& directory, const Snapshot& files) {
    fs::remove_all(directory);
    fs::create_directories(directory);
    for (const auto& [relative, content] : files) {
        const fs::path path = fs::path(directory) / relative;
        fs::create_directories(path.parent_path());
        const int fd = ::open(path.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
        ASSERT_GE(fd, 0) << path;
        ASSERT_EQ(::write(fd, content.data(), content.size()),
                  static_cast<ssize_t>(content.size()));
        ::close(fd);
    }
}

std::string describe(const Snapshot& files) {
    std::string text;
    for (const auto& [relative, content] : files) {
        text += "  " + relative + " (" + std::to_string(content.size()) + " bytes)\n";
    }
    return text;
}

std::vector<std::string> lines_of(const std::string& text) {
    std::vector<std::string> lines;
    std::istringstream in(text);
    for (std::string line; std::getline(in, line);) lines.push_back(line);
    return lines;
}

// A suite "perf" in DIR/b, the results files DIR/r<k>.json, and the update command.
class Suite {
  public:
    explicit Suite(std::string policy) : policy_(std::move(policy)) {
        const std::array<double, 6> ns = {100, 100.4, 100.2, 100.3, 100.1, 100.25};
        for (int k = 0; k < 6; ++k) dir_.write(name(k), results(ns[k], 10 + k));
    }

    std::string baselines() const { return dir_.file("b"); }
    std::string name(int k) const {
        std::string file = "r";  // appended: GCC 12 misreads "r" + ... as -Wrestrict
        file += std::to_string(k);
        file += ".json";
        return file;
    }

    // The update of results k (under `policy` when given, else the suite's).
    std::vector<std::string> command(int k, const std::string& lock_timeout = "60",
                                     const std::string& policy = {}) const {
        return {CAWS_GATE_BINARY, "baseline",   "update",
                "--suite",        "perf",       "--dir",
                baselines(),      "--policy",   policy.empty() ? policy_ : policy,
                "--lock-timeout", lock_timeout, dir_.file(name(k))};
    }

    // Runs the update of results k to its end and returns the files.
    Snapshot update(int k, const std::string& policy = {}) const {
        const ProcessResult r = run_process(command(k, "60", policy), fixed_environment());
        EXPECT_EQ(r.exit_code, 0) << r.err;
        return snapshot(baselines());
    }

  private:
    TempDir dir_;
    std::string policy_;
};

// The files of the update of results k made again after one that was killed between
// writing the baseline and the history: from `after` without the history's newest line
// (the run is then not in the history), so the update runs again and pools the run a
// second time.
Snapshot update_again_without_its_line(const Suite& suite, int k, Snapshot after) {
    const std::string history = "history/perf.jsonl";
    if (after.count(history)) {
        std::vector<std::string> lines = lines_of(after.at(history));
        lines.pop_back();
        std::string text;
        for (const std::string& line : lines) text += line + "\n";
        if (text.empty()) {
            after.erase(history);
        } else {
            after[history] = text;
        }
    }
    restore(suite.baselines(), after);
    return suite.update(k);
}

// Checks the files left by an update from `before` to `after` that was killed: each file
// old or new and valid JSON, temporaries only partial copies of a new file, and the set
// consistent with the write order: new run files, then the baseline, then the history, then
// removals. Returns whether the baseline is the new one.
bool check_killed_state(const Snapshot& now, const Snapshot& before, const Snapshot& after,
                        const std::string& when) {
    SCOPED_TRACE(when + "; files:\n" + describe(now));
    // "old", "new", "same" (both) or "other", a missing file being the version it is in.
    const auto version = [&](const std::string& path) {
        const auto content = [&](const Snapshot& files) {
            const auto it = files.find(path);
            return it == files.end() ? std::optional<std::string>() : it->second;
        };
        const bool old = content(now) == content(before);
        const bool fresh = content(now) == content(after);
        return old && fresh ? std::string("same")
               : old        ? std::string("old")
               : fresh      ? std::string("new")
                            : std::string("other");
    };
    for (const auto& [path, content] : now) {
        if (is_temporary(path)) {
            // A partial copy of the new version of the file it replaces.
            const std::string target = path.substr(0, path.find(".tmp-"));
            EXPECT_TRUE(after.count(target) && after.at(target).starts_with(content)) << path;
            continue;
        }
        const std::string v = version(path);
        EXPECT_TRUE(v == "old" || v == "new" || v == "same") << path << " is " << v;
        if (path.ends_with(".jsonl")) {
            for (const std::string& line : lines_of(content)) {
                EXPECT_TRUE(nlohmann::json::accept(line)) << path << ": " << line;
            }
        } else {
            EXPECT_TRUE(nlohmann::json::accept(content)) << path;
        }
    }

    // The baseline is always there, and every run it pools is there too.
    const std::string baseline = version("perf.json");
    EXPECT_TRUE(baseline == "old" || baseline == "new") << baseline;
    if (now.count("perf.json") && nlohmann::json::accept(now.at("perf.json"))) {
        const auto json = nlohmann::json::parse(now.at("perf.json"));
        if (json["provenance"].contains("runs")) {
            for (const auto& id : json["provenance"]["runs"]) {
                EXPECT_TRUE(now.count("history/perf.runs/" + id.get<std::string>() + ".json"))
                    << "pooled run " << id << " missing";
            }
        }
    }
    const bool baseline_new = baseline == "new";
    // The new run files come before the baseline.
    for (const auto& [path, content] : after) {
        if (path.starts_with("history/perf.runs/") && baseline_new) {
            EXPECT_TRUE(now.count(path)) << path << " missing under the new baseline";
        }
    }
    // The history comes after the baseline.
    const std::string history = version("history/perf.jsonl");
    if (history == "new") {
        EXPECT_TRUE(baseline_new) << "history written before the baseline";
    }
    // Removals come last.
    for (const auto& [path, content] : before) {
        if (!after.count(path) && !now.count(path)) {
            EXPECT_TRUE(baseline_new && history != "old")
                << path << " removed before the baseline and history were written";
        }
    }
    return baseline_new;
}

// After a killed update from `before` to `after`, another update of the same results must
// succeed at once (the lock died with the killed process) and leave no temporaries: the
// files are `after` when the killed update had not taken effect or had written its
// history line (the run is then the history's newest, and the update has nothing left to
// do), else, the baseline written but not the history, those of a second update
// (`twice`) with the history one line short.
void check_next_update(const Suite& suite, int k, bool baseline_new, const Snapshot& now,
                       const Snapshot& after, const Snapshot& twice, const std::string& when) {
    SCOPED_TRACE(when);
    const ProcessResult r = run_process(suite.command(k, "0"), fixed_environment());
    ASSERT_EQ(r.exit_code, 0) << r.err;
    const Snapshot next = snapshot(suite.baselines());
    if (!baseline_new) {
        EXPECT_EQ(next, after) << "got:\n" << describe(next) << "expected:\n" << describe(after);
        return;
    }
    Snapshot expected = twice;
    const std::string history = "history/perf.jsonl";
    const bool history_written = now.count(history) == after.count(history) &&
                                 (!now.count(history) || now.at(history) == after.at(history));
    if (history_written) {
        EXPECT_EQ(next, after) << "got:\n" << describe(next) << "expected:\n" << describe(after);
        return;
    }
    // The killed update's line is missing: the history gets one line, not two.
    expected.erase(history);
    if (after.count(history)) expected[history] = after.at(history);
    EXPECT_EQ(next, expected) << "got:\n" << describe(next) << "expected:\n" << describe(expected);
}

struct Scenario {
    std::string policy;
    int updates_before = 0;     // updates (results 0, 1, ...) that make the old state,
    std::string policy_before;  // under this policy
};

void PrintTo(const Scenario& scenario, std::ostream* out) {
    *out << scenario.policy << " after " << scenario.updates_before << " " << scenario.policy_before
         << " updates";
}

class CrashSafety : public ::testing::TestWithParam<Scenario> {};

// Kills the update at each of its fault points in turn, until an update runs to its end.
TEST_P(CrashSafety, AKillAtEveryWriteStepLeavesOldOrNewFiles) {
    const Scenario scenario = GetParam();
    const Suite suite(scenario.policy);
    for (int k = 0; k < scenario.updates_before; ++k) suite.update(k, scenario.policy_before);
    const int k = scenario.updates_before;
    const Snapshot before = snapshot(suite.baselines());
    const Snapshot after = suite.update(k);
    const Snapshot twice = update_again_without_its_line(suite, k, after);

    int steps = 0;
    bool saw_old = false, saw_new = false;
    for (int step = 1; step < 200; ++step) {
        restore(suite.baselines(), before);
        auto environment = fixed_environment();
        environment["CAWS_GATE_FAULT_INJECT"] = std::to_string(step);
        const ProcessResult r = run_process(suite.command(k), environment);
        if (r.exit_code == 0) {
            EXPECT_EQ(snapshot(suite.baselines()), after) << "a run past its last fault point";
            break;
        }
        ASSERT_EQ(r.exit_code, 128 + SIGKILL) << "fault point " << step << ": " << r.err;
        ++steps;
        const std::string when = "killed at fault point " + std::to_string(step);
        const Snapshot now = snapshot(suite.baselines());
        const bool baseline_new = check_killed_state(now, before, after, when);
        (baseline_new ? saw_new : saw_old) = true;
        check_next_update(suite, k, baseline_new, now, after, twice, when);
        if (HasFatalFailure()) return;
    }
    // Each file written is at least four steps (temporary, half written, fsynced, renamed).
    EXPECT_GE(steps, 8);
    EXPECT_TRUE(saw_old);
    EXPECT_TRUE(saw_new);
    RecordProperty("fault_points", steps);
}

INSTANTIATE_TEST_SUITE_P(
    Policies, CrashSafety,
    ::testing::Values(Scenario{"replace", 0, "replace"}, Scenario{"replace", 2, "replace"},
                      Scenario{"rolling:3", 0, "rolling:3"}, Scenario{"rolling:3", 1, "rolling:3"},
                      Scenario{"rolling:3", 3, "rolling:3"}, Scenario{"rolling:2", 2, "replace"},
                      Scenario{"replace", 3, "rolling:3"}),
    [](const ::testing::TestParamInfo<Scenario>& param) {
        // rolling_3_after_3_rolling_3: the update under test, after the updates that made
        // the old files.
        std::string name = param.param.policy + "_after_" +
                           std::to_string(param.param.updates_before) + "_" +
                           param.param.policy_before;
        std::replace(name.begin(), name.end(), ':', '_');
        return name;
    });

pid_t spawn(const std::vector<std::string>& argv) {
    const pid_t pid = ::fork();
    if (pid == 0) {
        const int null = ::open("/dev/null", O_WRONLY);
        ::dup2(null, STDOUT_FILENO);
        ::dup2(null, STDERR_FILENO);
        ::unsetenv("GITHUB_ACTIONS");
        ::unsetenv("GITHUB_STEP_SUMMARY");
        ::unsetenv("CAWS_GATE_FAULT_INJECT");
        for (const auto& [key, value] : fixed_environment()) {
            ::setenv(key.c_str(), value.c_str(), 1);
        }
        std::vector<char*> args;
        for (const auto& arg : argv) args.push_back(const_cast<char*>(arg.c_str()));
        args.push_back(nullptr);
        ::execv(args[0], args.data());
        ::_exit(127);
    }
    return pid;
}

int wait_for(pid_t pid) {
    int status = 0;
    while (::waitpid(pid, &status, 0) < 0 && errno == EINTR) {
    }
    return WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
}

unsigned long setting(const char* name, unsigned long fallback) {
    const char* value = std::getenv(name);
    return value != nullptr && *value != '\0' ? std::stoul(value) : fallback;
}

// Real SIGKILLs at random moments of a rolling update that writes a run file, the
// baseline and the history and removes the run that left the pool.
TEST(CrashSafetyKill, RandomSigkillsLeaveOldOrNewFiles) {
    const Suite suite("rolling:3");
    for (int k = 0; k < 3; ++k) suite.update(k);
    const Snapshot before = snapshot(suite.baselines());
    const Snapshot after = suite.update(3);
    const Snapshot twice = update_again_without_its_line(suite, 3, after);

    // How long a whole update takes, to spread the kills over it.
    using clock = std::chrono::steady_clock;
    std::vector<double> durations;
    for (int i = 0; i < 3; ++i) {
        restore(suite.baselines(), before);
        const auto start = clock::now();
        EXPECT_EQ(wait_for(spawn(suite.command(3))), 0);
        durations.push_back(std::chrono::duration<double>(clock::now() - start).count());
    }
    std::sort(durations.begin(), durations.end());
    const double duration = durations[1];

    const unsigned long runs = setting("CAWS_GATE_KILL_RUNS", CAWS_GATE_KILL_RUNS_DEFAULT);
    const unsigned long seed = setting("CAWS_GATE_KILL_SEED", 20261123);
    std::mt19937_64 random(seed);
    std::uniform_real_distribution<double> delay(0, 1.2 * duration);
    int killed = 0, finished = 0, old_files = 0, new_files = 0, mixed = 0;
    for (unsigned long i = 0; i < runs; ++i) {
        restore(suite.baselines(), before);
        const double seconds = delay(random);
        const pid_t pid = spawn(suite.command(3));
        std::this_thread::sleep_for(std::chrono::duration<double>(seconds));
        ::kill(pid, SIGKILL);
        const int code = wait_for(pid);
        ASSERT_TRUE(code == 0 || code == 128 + SIGKILL) << code;
        (code == 0 ? finished : killed) += 1;
        const std::string when = "kill " + std::to_string(i) + " after " +
                                 std::to_string(seconds * 1000) + " ms (seed " +
                                 std::to_string(seed) + ")";
        const Snapshot now = snapshot(suite.baselines());
        const bool baseline_new = check_killed_state(now, before, after, when);
        if (now == before) {
            ++old_files;
        } else if (now == after) {
            ++new_files;
        } else {
            ++mixed;
        }
        check_next_update(suite, 3, baseline_new, now, after, twice, when);
        if (HasFailure()) return;
    }
    std::cout << "[          ] " << runs << " random kills over " << duration * 1000
              << " ms updates (seed " << seed << "): " << killed << " killed, " << finished
              << " finished; files old " << old_files << ", new " << new_files << ", between "
              << mixed << "\n";
    EXPECT_GT(killed, 0);
}

// Three updates of one suite started together, many times: the lock serialises them, so
// the files are exactly those of one of the six serial orders.
TEST(CrashSafetyConcurrency, ConcurrentUpdatesEndAsOneSerialOrder) {
    const Suite suite("rolling:3");
    for (int k = 0; k < 3; ++k) suite.update(k);
    const Snapshot before = snapshot(suite.baselines());

    std::vector<std::pair<std::string, Snapshot>> serial;
    std::array<int, 3> order = {3, 4, 5};
    do {
        restore(suite.baselines(), before);
        for (const int k : order) suite.update(k);
        serial.emplace_back(
            std::to_string(order[0]) + std::to_string(order[1]) + std::to_string(order[2]),
            snapshot(suite.baselines()));
    } while (std::next_permutation(order.begin(), order.end()));
    ASSERT_EQ(serial.size(), 6u);

    std::set<std::string> seen;
    const int rounds = static_cast<int>(setting("CAWS_GATE_CONCURRENT_ROUNDS", 20));
    for (int round = 0; round < rounds; ++round) {
        restore(suite.baselines(), before);
        std::vector<pid_t> pids;
        for (int k = 3; k < 6; ++k) pids.push_back(spawn(suite.command(k)));
        for (const pid_t pid : pids) EXPECT_EQ(wait_for(pid), 0);
        const Snapshot now = snapshot(suite.baselines());
        const auto match = std::find_if(serial.begin(), serial.end(),
                                        [&](const auto& entry) { return entry.second == now; });
        ASSERT_NE(match, serial.end())
            << "round " << round << ": not a serial outcome:\n"
            << describe(now) << "history:\n"
            << (now.count("history/perf.jsonl") ? now.at("history/perf.jsonl") : "");
        seen.insert(match->first);
    }
    std::string orders;
    for (const auto& name : seen) orders += " " + name;
    std::cout << "[          ] serial orders seen:" << orders << "\n";
}

// A killed holder never blocks the next update (the kernel drops its flock); a live
// holder makes an update give up after --lock-timeout, exit 2 and write nothing.
TEST(CrashSafetyLock, ALiveHolderTimesOutAndADeadOneDoesNotBlock) {
    const Suite suite("rolling:3");
    suite.update(0);
    const Snapshot before = snapshot(suite.baselines());

    // Killed at its 6th fault point (the baseline's temporary), holding the lock.
    auto environment = fixed_environment();
    environment["CAWS_GATE_FAULT_INJECT"] = "6";
    EXPECT_EQ(run_process(suite.command(1), environment).exit_code, 128 + SIGKILL);
    const ProcessResult next = run_process(suite.command(1, "0"), fixed_environment());
    EXPECT_EQ(next.exit_code, 0) << next.err;

    const Snapshot updated = snapshot(suite.baselines());
    const std::string lock = suite.baselines() + "/perf.lock";
    const int fd = ::open(lock.c_str(), O_RDWR | O_CREAT | O_CLOEXEC, 0644);
    ASSERT_GE(fd, 0);
    ASSERT_EQ(::flock(fd, LOCK_EX), 0);
    const auto start = std::chrono::steady_clock::now();
    const ProcessResult blocked = run_process(suite.command(2, "0.3"), fixed_environment());
    const double waited =
        std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    EXPECT_EQ(blocked.exit_code, 2);
    EXPECT_EQ(blocked.err, "caws-gate: error: " + lock +
                               ": another caws-gate is updating this suite; gave up waiting "
                               "after 0.3 s (raise --lock-timeout, or check for a hung "
                               "process)\n");
    EXPECT_GE(waited, 0.3);
    EXPECT_EQ(snapshot(suite.baselines()), updated);
    ::close(fd);  // releases the lock
    EXPECT_EQ(run_process(suite.command(2, "0"), fixed_environment()).exit_code, 0);
    EXPECT_NE(snapshot(suite.baselines()), before);
}

}  // namespace
}  // namespace caws::test
