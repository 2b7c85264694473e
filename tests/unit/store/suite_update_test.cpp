#include "store/suite_update.hpp"

#include <gtest/gtest.h>

#include <filesystem>

#include "store/suite_lock.hpp"
#include "support/temp_dir.hpp"
#include "util/error.hpp"

namespace caws::store {
namespace {

model::Run run_of(std::vector<double> samples, const std::string& date = {}) {
    model::Run run;
    run.context.host = "ci";
    run.context.date = date;
    model::Metric metric;
    metric.name = "BM_A";
    metric.measure = "real_time";
    metric.unit = model::seconds();
    metric.direction = model::Direction::lower;
    metric.samples = std::move(samples);
    run.metrics.push_back(metric);
    return run;
}

Provenance provenance_at(const std::string& created) {
    Provenance p;
    p.created = created;
    p.commit = "abc";
    p.branch = "main";
    p.tool = "caws-gate test";
    return p;
}

std::string error_of(const std::function<void()>& body) {
    try {
        body();
    } catch (const util::Error& error) {
        return error.what();
    }
    return "no error";
}

// One `baseline update` without the guard.
SuiteUpdate update(const std::string& dir, const model::Run& run, const std::string& created,
                   const std::string& policy, HistoryOptions history = {}) {
    const UpdatePolicy parsed = parse_update_policy(policy);
    const SuiteFiles files =
        read_suite_files(dir, "perf", parsed.kind == UpdatePolicy::Kind::rolling, history.write);
    SuiteUpdate planned = plan_update(files, run, provenance_at(created), parsed, history, created);
    apply_update(files, planned);
    return planned;
}

std::size_t files_in(const std::string& directory) {
    if (!std::filesystem::exists(directory)) return 0;
    std::size_t count = 0;
    for ([[maybe_unused]] const auto& entry : std::filesystem::directory_iterator(directory)) {
        ++count;
    }
    return count;
}

TEST(UpdatePolicy, ParsesReplaceAndRolling) {
    EXPECT_EQ(parse_update_policy("replace").kind, UpdatePolicy::Kind::replace);
    const UpdatePolicy rolling = parse_update_policy("rolling:5");
    EXPECT_EQ(rolling.kind, UpdatePolicy::Kind::rolling);
    EXPECT_EQ(rolling.runs, 5u);
    EXPECT_EQ(to_string(rolling), "rolling:5");
    for (const char* bad : {"rolling:0", "rolling:x", "rolling:", "rolling:-1", "rolling:5x",
                            "rolling:1001", "roll", ""}) {
        EXPECT_EQ(error_of([&] { parse_update_policy(bad); }),
                  std::string("--policy: expected \"replace\" or \"rolling:N\" with N a whole "
                              "number from 1 to 1000, got \"") +
                      bad + "\"");
    }
}

TEST(UpdatePolicy, PoolsSamplesOfTheSameMetricOldestFirst) {
    model::Run a = run_of({1, 2});
    model::Run b = run_of({3});
    model::Run c = run_of({4, 5});
    model::Metric gone = a.metrics[0];
    gone.name = "BM_Gone";
    a.metrics.push_back(gone);
    model::Metric other_unit = a.metrics[0];
    other_unit.measure = "bytes";
    other_unit.unit = model::bytes();
    b.metrics.push_back(other_unit);
    model::Metric new_bytes = other_unit;
    new_bytes.unit = model::seconds();
    new_bytes.samples = {9};
    c.metrics.push_back(new_bytes);
    const model::Run pooled = pool_runs({&a, &b, &c});
    ASSERT_EQ(pooled.metrics.size(), 2u);  // BM_Gone is not in the newest run
    EXPECT_EQ(pooled.metrics[0].samples, (std::vector<double>{1, 2, 3, 4, 5}));
    EXPECT_EQ(pooled.metrics[1].samples, (std::vector<double>{9}));  // units differ
    EXPECT_EQ(pooled.notes.back(), "samples pooled from the last 3 accepted runs");
}

TEST(SuiteUpdate, ReplaceWritesBaselineAndAppendsHistory) {
    test::TempDir dir;
    update(dir.path(), run_of({1, 2}), "2026-11-20T00:00:00Z", "replace");
    update(dir.path(), run_of({3, 4}), "2026-11-21T00:00:00Z", "replace");
    const Baseline baseline = load_baseline(dir.file("perf.json"));
    EXPECT_EQ(baseline.run.metrics[0].samples, (std::vector<double>{3, 4}));
    EXPECT_TRUE(baseline.provenance.runs.empty());
    const auto history = read_history(dir.file("history/perf.jsonl"));
    ASSERT_EQ(history.size(), 2u);
    EXPECT_EQ(history[0].date, "2026-11-20T00:00:00Z");
    EXPECT_EQ(history[1].metrics[0].median, 3.5);
    EXPECT_FALSE(std::filesystem::exists(dir.file("history/perf.runs")));
}

TEST(SuiteUpdate, RollingPoolsTheLastNRunsAndPrunesTheRest) {
    test::TempDir dir;
    update(dir.path(), run_of({1}), "2026-11-20T00:00:00Z", "replace");  // seeds the pool
    SuiteUpdate u = update(dir.path(), run_of({2}), "2026-11-21T00:00:00Z", "rolling:3");
    EXPECT_EQ(u.baseline.provenance.runs.size(), 2u);
    u = update(dir.path(), run_of({3}), "2026-11-22T00:00:00Z", "rolling:3");
    u = update(dir.path(), run_of({4}), "2026-11-23T00:00:00Z", "rolling:3");
    const Baseline baseline = load_baseline(dir.file("perf.json"));
    EXPECT_EQ(baseline.run.metrics[0].samples, (std::vector<double>{2, 3, 4}));
    ASSERT_EQ(baseline.provenance.runs.size(), 3u);
    EXPECT_EQ(baseline.provenance.runs[0].rfind("20261121T000000Z-", 0), 0u);
    EXPECT_EQ(files_in(dir.file("history/perf.runs")), 3u);
    EXPECT_EQ(read_history(dir.file("history/perf.jsonl")).size(), 4u);
    // Going back to replace drops the pooled runs.
    update(dir.path(), run_of({5}), "2026-11-24T00:00:00Z", "replace");
    EXPECT_FALSE(std::filesystem::exists(dir.file("history/perf.runs")));
}

TEST(SuiteUpdate, UnlistedRunFilesOfACrashedUpdateAreIgnoredAndRemoved) {
    test::TempDir dir;
    update(dir.path(), run_of({1}), "2026-11-20T00:00:00Z", "rolling:3");
    // A crash after step (1): a run file the baseline does not list.
    Baseline orphan;
    orphan.suite = "perf";
    orphan.provenance = provenance_at("2026-11-20T12:00:00Z");
    orphan.run = run_of({100});
    save_baseline(dir.file("history/perf.runs/20261120T120000Z-deadbeef.json"), orphan);
    dir.write("history/perf.runs/x.json.tmp-1-2", "{");
    update(dir.path(), run_of({2}), "2026-11-21T00:00:00Z", "rolling:3");
    const Baseline baseline = load_baseline(dir.file("perf.json"));
    EXPECT_EQ(baseline.run.metrics[0].samples, (std::vector<double>{1, 2}));
    EXPECT_EQ(files_in(dir.file("history/perf.runs")), 2u);
}

TEST(SuiteUpdate, AMissingPooledRunIsAnError) {
    test::TempDir dir;
    update(dir.path(), run_of({1}), "2026-11-20T00:00:00Z", "rolling:3");
    const Baseline baseline = load_baseline(dir.file("perf.json"));
    const std::string run = dir.file("history/perf.runs/" + baseline.provenance.runs[0] + ".json");
    std::filesystem::remove(run);
    EXPECT_EQ(error_of([&] { read_suite_files(dir.path(), "perf", true, true); }),
              run + ": the baseline " + dir.file("perf.json") +
                  " pools this run, but the file is missing (restore it, or start afresh with "
                  "--policy replace)");
}

TEST(SuiteUpdate, HistoryLimitKeepsTheNewestLines) {
    test::TempDir dir;
    HistoryOptions history;
    history.limit = 2;
    update(dir.path(), run_of({1}), "2026-11-20T00:00:00Z", "replace", history);
    update(dir.path(), run_of({2}), "2026-11-21T00:00:00Z", "replace", history);
    const SuiteUpdate u =
        update(dir.path(), run_of({3}), "2026-11-22T00:00:00Z", "replace", history);
    EXPECT_EQ(u.history_lines, 2u);
    const auto entries = read_history(dir.file("history/perf.jsonl"));
    ASSERT_EQ(entries.size(), 2u);
    EXPECT_EQ(entries[0].date, "2026-11-21T00:00:00Z");
    EXPECT_EQ(entries[1].date, "2026-11-22T00:00:00Z");
    history.write = false;
    update(dir.path(), run_of({4}), "2026-11-23T00:00:00Z", "replace", history);
    EXPECT_EQ(read_history(dir.file("history/perf.jsonl")).size(), 2u);
}

TEST(SuiteUpdate, ABadHistoryLineStopsTheUpdate) {
    test::TempDir dir;
    update(dir.path(), run_of({1}), "2026-11-20T00:00:00Z", "replace");
    const std::string path = dir.file("history/perf.jsonl");
    dir.write("history/perf.jsonl", test::read_text(path) + "{\"schema\": 3}\n");
    EXPECT_EQ(error_of([&] { read_suite_files(dir.path(), "perf", false, true); }),
              path + ":2: /schema: expected a string, got 3");
}

TEST(SuiteLock, ASecondHolderWaitsAndGivesUp) {
    test::TempDir dir;
    const std::string path = lock_path(dir.path(), "perf");
    EXPECT_EQ(path, dir.file("perf.lock"));
    {
        const SuiteLock first(path, 0);
        EXPECT_EQ(error_of([&] { SuiteLock second(path, 0.05); }),
                  path +
                      ": another caws-gate is updating this suite; gave up waiting after 0.05 s "
                      "(raise --lock-timeout, or check for a hung process)");
    }
    const SuiteLock again(path, 0);  // released with the first
    EXPECT_EQ(again.path(), path);
}

}  // namespace
}  // namespace caws::store
