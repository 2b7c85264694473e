// merge_runs with runs built in memory that name no file (a baseline's run may have no
// "sources"): duplicates are still errors, and the message says which run had none.
#include <gtest/gtest.h>

#include <vector>

#include "ingest/results.hpp"
#include "model/unit.hpp"
#include "util/error.hpp"

namespace caws::ingest {
namespace {

model::Run run_of(double value, bool with_source) {
    model::Run run;
    if (with_source) run.sources.push_back({"b.json", "google-benchmark"});
    model::Metric metric;
    metric.name = "BM_A";
    metric.measure = "cpu_time";
    metric.unit = model::seconds();
    metric.summary = model::Summary{};
    metric.summary->mean = value;
    run.metrics.push_back(metric);
    return run;
}

std::string merge_error(std::vector<model::Run> runs) {
    try {
        merge_runs(std::move(runs));
    } catch (const util::Error& error) {
        return error.what();
    }
    return "no error";
}

TEST(MergeRuns, RunsWithoutFilesNameThemselvesInErrors) {
    std::vector<model::Run> none;
    none.push_back(run_of(1, false));
    none.push_back(run_of(2, false));
    EXPECT_EQ(merge_error(std::move(none)),
              "a run without a file: benchmark \"BM_A\" (cpu_time) is also in a run without a "
              "file; expected each benchmark once, or repetitions with samples of the same unit "
              "in both files");
    std::vector<model::Run> first_without;
    first_without.push_back(run_of(1, false));
    first_without.push_back(run_of(2, true));
    EXPECT_EQ(merge_error(std::move(first_without)),
              "b.json: benchmark \"BM_A\" (cpu_time) is also in a run without a file; expected "
              "each benchmark once, or repetitions with samples of the same unit in both files");
}

TEST(MergeRuns, RunsWithoutFilesPoolTheirSamples) {
    std::vector<model::Run> runs(2);
    for (auto& run : runs) {
        model::Metric metric;
        metric.name = "BM_A";
        metric.measure = "cpu_time";
        metric.unit = model::seconds();
        metric.samples = {1.0};
        run.metrics.push_back(metric);
    }
    const model::Run merged = merge_runs(std::move(runs));
    ASSERT_EQ(merged.metrics.size(), 1U);
    EXPECT_EQ(merged.metrics[0].samples, (std::vector<double>{1.0, 1.0}));
}

// Two files with the same benchmarks pool their samples, and the run says so in a note:
// a report that shows n = 20 against 10 then tells why.
TEST(MergeRuns, MergedSamplesAreNoted) {
    std::vector<model::Run> runs(2);
    const char* files[] = {"shard-1.json", "shard-2.json"};
    for (std::size_t r = 0; r < 2; ++r) {
        runs[r].sources.push_back({files[r], "google-benchmark"});
        for (const char* name : {"BM_A", "BM_B", "BM_C", "BM_D"}) {
            for (const char* measure : {"cpu_time", "real_time"}) {
                model::Metric metric;
                metric.name = name;
                metric.measure = measure;
                metric.unit = model::seconds();
                metric.samples = {1.0, 1.1};
                runs[r].metrics.push_back(metric);
            }
        }
    }
    const model::Run merged = merge_runs(std::move(runs));
    EXPECT_EQ(merged.metrics[0].samples.size(), 4U);
    ASSERT_EQ(merged.notes.size(), 1U);
    EXPECT_EQ(merged.notes[0],
              "shard-2.json repeats 4 benchmarks of shard-1.json (BM_A, BM_B, BM_C, ...): their "
              "samples are merged, as repetitions of one run");
}

}  // namespace
}  // namespace caws::ingest
