// Real Google Benchmark runs: the sample program built against the system's libbenchmark
// produces every output shape, and caws-gate reads and gates them. These tests time real
// code, so CTest runs them one at a time (RUN_SERIAL).
#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "support/process.hpp"
#include "support/temp_dir.hpp"

namespace caws::test {
namespace {

// The families whose work is a plain CPU loop: stable enough to gate on a busy machine.
const std::string k_filter = "--benchmark_filter=BM_(Sum|Hash|Parse|Copy|Counters)";

// Runs the sample benchmark program; returns the JSON file it wrote.
std::string run_sample(const TempDir& dir, const std::string& name,
                       const std::vector<std::string>& flags,
                       const std::map<std::string, std::string>& environment = {}) {
    const std::string out = dir.file(name);
    std::vector<std::string> argv{GBENCH_SAMPLE_BINARY, "--benchmark_min_time=0.01",
                                  "--benchmark_out_format=json", "--benchmark_out=" + out};
    argv.insert(argv.end(), flags.begin(), flags.end());
    const ProcessResult r = run_process(argv, environment);
    EXPECT_EQ(r.exit_code, 0) << r.err;
    return out;
}

ProcessResult caws_gate(const std::vector<std::string>& args) {
    std::vector<std::string> argv{CAWS_GATE_BINARY};
    argv.insert(argv.end(), args.begin(), args.end());
    return run_process(argv, {{"SOURCE_DATE_EPOCH", "1795392000"}});
}

nlohmann::json baseline_of(const TempDir& dir, const std::string& results) {
    const ProcessResult r = caws_gate(
        {"baseline", "update", results, "--suite", "sample", "--dir", dir.file("baselines")});
    EXPECT_EQ(r.exit_code, 0) << r.err;
    return nlohmann::json::parse(read_text(dir.file("baselines/sample.json")));
}

const nlohmann::json* find_metric(const nlohmann::json& metrics, const std::string& name,
                                  const std::string& measure) {
    for (const auto& m : metrics) {
        if (m["name"] == name && m["measure"] == measure) return &m;
    }
    return nullptr;
}

std::string class_of(const nlohmann::json& report, const std::string& metric,
                     const std::string& measure) {
    for (const auto& c : report["comparisons"]) {
        if (c["metric"] == metric && c["measure"] == measure) return c["class"];
    }
    return "missing";
}

// Real timings on a shared machine: a run disturbed by other work can shift a class, so
// the experiment is repeated up to three times and must come out right once; a broken
// classifier fails all three.
TEST(GoogleBenchmarkRuns, InjectedSlowdownsAreClassifiedAndFailTheGate) {
    std::string last;
    for (int attempt = 1; attempt <= 3; ++attempt) {
        TempDir dir;
        const std::string base =
            run_sample(dir, "base.json", {k_filter, "--benchmark_repetitions=10"});
        baseline_of(dir, base);
        const std::string slow =
            run_sample(dir, "slow.json", {k_filter, "--benchmark_repetitions=10"},
                       {{"GBENCH_SAMPLE_SLOWDOWN", "BM_Sum=1.3,BM_Hash=1.7,BM_Parse=2.5"}});
        const ProcessResult r =
            caws_gate({"check", slow, "--baseline", dir.file("baselines/sample.json"), "--json",
                       dir.file("report.json")});
        ASSERT_NE(r.exit_code, 2) << r.err;
        const auto report = nlohmann::json::parse(read_text(dir.file("report.json")));
        // An unchanged rerun passes.
        const std::string again =
            run_sample(dir, "again.json", {k_filter, "--benchmark_repetitions=10"});
        const ProcessResult rerun =
            caws_gate({"check", again, "--baseline", dir.file("baselines/sample.json")});
        const bool right = r.exit_code == 1 && report["verdict"] == "fail" &&
                           class_of(report, "BM_Sum/2000", "cpu_time") == "minor" &&
                           class_of(report, "BM_Hash/3000", "cpu_time") == "moderate" &&
                           class_of(report, "BM_Parse/2500", "cpu_time") == "severe" &&
                           class_of(report, "BM_Copy/4096", "cpu_time") == "unchanged" &&
                           rerun.exit_code == 0;
        if (right) return;
        last = "attempt " + std::to_string(attempt) + ":\n" + r.out + "\nrerun:\n" + rerun.out;
    }
    ADD_FAILURE() << "the injected slowdowns were misclassified in three runs; the last:\n" << last;
}

TEST(GoogleBenchmarkRuns, RepetitionsBecomeSamplesWithCountersAndThreads) {
    TempDir dir;
    const std::string results = run_sample(dir, "reps.json", {"--benchmark_repetitions=4"});
    const auto baseline = baseline_of(dir, results);
    const auto& metrics = baseline["metrics"];
    const auto* sum = find_metric(metrics, "BM_Sum/2000", "cpu_time");
    ASSERT_TRUE(sum);
    EXPECT_EQ((*sum)["samples"].size(), 4u);
    EXPECT_FALSE(sum->contains("summary"));
    const auto* items = find_metric(metrics, "BM_Sum/2000", "items_per_second");
    ASSERT_TRUE(items);
    EXPECT_EQ((*items)["direction"], "higher");
    EXPECT_EQ((*items)["unit"], "1/s");
    const auto* bytes = find_metric(metrics, "BM_Copy/4096", "bytes_per_second");
    ASSERT_TRUE(bytes);
    EXPECT_EQ((*bytes)["unit"], "B/s");
    const auto* misses = find_metric(metrics, "BM_Counters", "cache_misses");
    ASSERT_TRUE(misses);
    EXPECT_EQ((*misses)["direction"], "unknown");
    EXPECT_EQ((*misses)["samples"][0], 42);
    EXPECT_TRUE(find_metric(metrics, "BM_Counters", "widgets"));
    const auto* threads = find_metric(metrics, "BM_Threads/threads:2", "real_time");
    ASSERT_TRUE(threads);
    EXPECT_EQ((*threads)["labels"]["threads"], "2");
    EXPECT_EQ((*threads)["samples"].size(), 4u);
    // The library's build type, kept apart from the code's, which this run does not give.
    EXPECT_TRUE(baseline["context"]["extra"]["library_build_type"].is_string());
    EXPECT_FALSE(baseline["context"].contains("build_type"));
}

TEST(GoogleBenchmarkRuns, AggregatesOnlyBecomeSummaries) {
    TempDir dir;
    const std::string results = run_sample(
        dir, "aggregates.json",
        {k_filter, "--benchmark_repetitions=5", "--benchmark_report_aggregates_only=true"});
    const auto baseline = baseline_of(dir, results);
    const auto* sum = find_metric(baseline["metrics"], "BM_Sum/2000", "real_time");
    ASSERT_TRUE(sum);
    EXPECT_FALSE(sum->contains("samples"));
    EXPECT_EQ((*sum)["summary"]["n"], 5);
    EXPECT_TRUE((*sum)["summary"].contains("median"));
    EXPECT_TRUE((*sum)["summary"].contains("mean"));
    EXPECT_TRUE((*sum)["summary"].contains("stddev"));
    // A candidate with samples compares against the summary by its median, with Welch's
    // test from the summary's mean, stddev and n.
    const std::string candidate =
        run_sample(dir, "candidate.json", {k_filter, "--benchmark_repetitions=3"});
    const ProcessResult r =
        caws_gate({"check", candidate, "--baseline", dir.file("baselines/sample.json"), "--json",
                   dir.file("r.json")});
    EXPECT_NE(r.exit_code, 2) << r.err;
    const auto report = nlohmann::json::parse(read_text(dir.file("r.json")));
    for (const auto& c : report["comparisons"]) {
        if (c["metric"] == "BM_Sum/2000" && c["measure"] == "cpu_time") {
            EXPECT_EQ(c["tested"], true);
            EXPECT_EQ(c["test"], "welch");
            EXPECT_EQ(c["n"], nlohmann::json::array({5, 3}));
        }
    }
}

TEST(GoogleBenchmarkRuns, OneRepetitionIsOneSample) {
    TempDir dir;
    const std::string results = run_sample(dir, "one.json", {k_filter});
    const auto baseline = baseline_of(dir, results);
    const auto* hash = find_metric(baseline["metrics"], "BM_Hash/3000", "cpu_time");
    ASSERT_TRUE(hash);
    EXPECT_EQ((*hash)["samples"].size(), 1u);
}

// The order of the repetitions, as this machine's Google Benchmark writes it. An
// interleaved run of five benchmarks comes out in registration order by chance (about one
// time in 120), so the interleaved side is tried up to three times.
TEST(GoogleBenchmarkRuns, RandomInterleavingIsReadFromTheOrderOfTheRows) {
    TempDir dir;
    const auto order_of = [&](const std::string& results) {
        const ProcessResult r =
            caws_gate({"compare", results, results, "--json", dir.file("order.json"), "--quiet"});
        EXPECT_EQ(r.exit_code, 0) << r.err;
        const auto report = nlohmann::json::parse(read_text(dir.file("order.json")));
        return report["candidate"]["context"].value("repetitions", "absent");
    };
    const std::string plain =
        run_sample(dir, "plain.json", {k_filter, "--benchmark_repetitions=3"});
    EXPECT_EQ(order_of(plain), "back-to-back");
    std::string interleaved_order;
    for (int attempt = 1; attempt <= 3 && interleaved_order != "interleaved"; ++attempt) {
        const std::string interleaved = run_sample(
            dir, "interleaved.json",
            {k_filter, "--benchmark_repetitions=3", "--benchmark_enable_random_interleaving=true"});
        interleaved_order = order_of(interleaved);
    }
    EXPECT_EQ(interleaved_order, "interleaved");
    EXPECT_EQ(order_of(run_sample(dir, "single.json", {k_filter})), "single");
}

TEST(GoogleBenchmarkRuns, AnErroringBenchmarkFailsTheGate) {
    TempDir dir;
    const std::string base = run_sample(dir, "base.json", {k_filter, "--benchmark_repetitions=3"});
    baseline_of(dir, base);
    const std::string broken =
        run_sample(dir, "broken.json", {k_filter, "--benchmark_repetitions=3"},
                   {{"GBENCH_SAMPLE_ERROR", "BM_Hash"}});
    const ProcessResult r =
        caws_gate({"check", broken, "--baseline", dir.file("baselines/sample.json"), "--json",
                   dir.file("r.json")});
    EXPECT_EQ(r.exit_code, 1) << r.out;
    const auto report = nlohmann::json::parse(read_text(dir.file("r.json")));
    EXPECT_EQ(class_of(report, "BM_Hash/3000", "cpu_time"), "failed");
    bool found = false;
    for (const auto& f : report["findings"]) {
        if (f["code"] == "failed") {
            found = true;
            EXPECT_EQ(f["metric"], "BM_Hash/3000");
            EXPECT_NE(f["message"].get<std::string>().find("injected failure"), std::string::npos);
        }
    }
    EXPECT_TRUE(found);
}

}  // namespace
}  // namespace caws::test
