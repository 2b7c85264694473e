// What a killed `baseline update` leaves behind, and how the next update cleans it up.
#include <gtest/gtest.h>

#include <filesystem>
#include <set>
#include <string>

#include "store/suite_update.hpp"
#include "support/temp_dir.hpp"
#include "util/file_io.hpp"

namespace caws::store {
namespace {

model::Run run_of(double sample) {
    model::Run run;
    run.context.host = "ci";
    model::Metric metric;
    metric.name = "BM_A";
    metric.measure = "real_time";
    metric.unit = model::seconds();
    metric.direction = model::Direction::lower;
    metric.samples = {sample, sample * 1.01, sample * 0.99};
    run.metrics.push_back(metric);
    return run;
}

void update(const std::string& dir, double sample, const std::string& policy) {
    const UpdatePolicy parsed = parse_update_policy(policy);
    const SuiteFiles files =
        read_suite_files(dir, "perf", parsed.kind == UpdatePolicy::Kind::rolling, true);
    Provenance provenance;
    provenance.created = "2026-11-23T07:00:00Z";
    provenance.tool = "caws-gate test";
    apply_update(files,
                 plan_update(files, run_of(sample), provenance, parsed, {}, provenance.created));
}

std::set<std::string> names_in(const std::string& directory) {
    std::set<std::string> names;
    for (const auto& entry : std::filesystem::directory_iterator(directory)) {
        names.insert(entry.path().filename().string());
    }
    return names;
}

TEST(SuiteUpdateLeftovers, TemporariesOfTheSuiteAreRemovedOthersKept) {
    test::TempDir dir;
    update(dir.path(), 1.0, "rolling:2");
    // Left by processes killed while writing the baseline, the history and a run file.
    dir.write("perf.json.tmp-123-456", "{\"sch");
    dir.write("history/perf.jsonl.tmp-123-789", "{");
    dir.write("history/perf.runs/20261123T070000Z-00000000.json.tmp-1-2", "");
    // Not temporaries of this suite: another suite's, and a suite named like one.
    dir.write("other.json.tmp-123-456", "{");
    dir.write("perf.json.tmp-1-2.json", "{}");
    update(dir.path(), 1.0, "rolling:2");

    EXPECT_EQ(names_in(dir.path()), (std::set<std::string>{"history", "other.json.tmp-123-456",
                                                           "perf.json", "perf.json.tmp-1-2.json"}));
    EXPECT_EQ(names_in(dir.file("history")), (std::set<std::string>{"perf.jsonl", "perf.runs"}));
    EXPECT_EQ(names_in(dir.file("history/perf.runs")).size(), 2u);
}

}  // namespace
}  // namespace caws::store
