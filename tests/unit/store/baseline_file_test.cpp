#include "store/baseline_file.hpp"

#include <gtest/gtest.h>

#include "support/fake_environment.hpp"
#include "support/temp_dir.hpp"
#include "util/error.hpp"

namespace caws::store {
namespace {

Baseline sample_baseline() {
    Baseline b;
    b.suite = "perf";
    b.provenance = {"2026-11-23T00:00:00Z", "0123456789abcdef", "main", "caws-gate 0.1.0", {}};
    b.run.sources.push_back({"build/perf.json", "google-benchmark"});
    b.run.context.host = "ci-runner";
    b.run.context.build_type = "release";
    b.run.context.num_cpus = 2;
    b.run.context.cpu_scaling_enabled = false;
    b.run.context.load_avg = {0.5, 0.25, 0.125};
    b.run.context.extra = {{"library_build_type", "debug"}, {"caches", "L1 Data 32 KiB (x2)"}};
    b.run.notes = {"1 complexity row(s) (_BigO, _RMS) ignored"};
    model::Metric time;
    time.name = "BM_Sort/1024";
    time.measure = "cpu_time";
    time.unit = model::seconds();
    time.direction = model::Direction::lower;
    time.samples = {1.2e-6, 1.25e-6, 1.19e-6};
    time.labels = {{"threads", "1"}};
    b.run.metrics.push_back(time);
    model::Metric summary;
    summary.name = "BM_Sort/1024";
    summary.measure = "items_per_second";
    summary.unit = model::per_second();
    summary.direction = model::Direction::higher;
    summary.summary =
        model::Summary{10,           8.1e8,        1e6,          8.0e8,       std::nullopt,
                       std::nullopt, std::nullopt, std::nullopt, std::nullopt};
    b.run.metrics.push_back(summary);
    model::Metric counter;
    counter.name = "BM_Sort/1024";
    counter.measure = "swaps";
    counter.unit = model::count("swaps/iter");
    counter.direction = model::Direction::unknown;
    counter.samples = {3};
    b.run.metrics.push_back(counter);
    model::Metric failed;
    failed.name = "BM_Broken";
    failed.measure = "real_time";
    failed.unit = model::seconds();
    failed.direction = model::Direction::lower;
    failed.status = model::Status::failed;
    failed.message = "out of memory";
    b.run.metrics.push_back(failed);
    return b;
}

std::string error_of(const std::string& text) {
    try {
        parse_baseline(text, "baselines/perf.json");
    } catch (const util::Error& error) {
        return error.what();
    }
    return "no error";
}

TEST(BaselineFile, RoundTripsEverything) {
    const Baseline original = sample_baseline();
    const std::string text = serialize_baseline(original);
    const Baseline read = parse_baseline(text, "perf.json");
    EXPECT_EQ(read.suite, "perf");
    EXPECT_EQ(read.provenance.commit, "0123456789abcdef");
    EXPECT_EQ(read.provenance.branch, "main");
    EXPECT_EQ(read.provenance.created, "2026-11-23T00:00:00Z");
    EXPECT_EQ(read.run.context.host, "ci-runner");
    EXPECT_EQ(read.run.context.num_cpus, 2);
    EXPECT_EQ(read.run.context.cpu_scaling_enabled, false);
    EXPECT_EQ(read.run.context.load_avg, original.run.context.load_avg);
    EXPECT_EQ(read.run.context.extra, original.run.context.extra);
    EXPECT_EQ(read.run.notes, original.run.notes);
    ASSERT_EQ(read.run.sources.size(), 1u);
    EXPECT_EQ(read.run.sources[0].format, "google-benchmark");
    ASSERT_EQ(read.run.metrics.size(), original.run.metrics.size());
    for (std::size_t i = 0; i < read.run.metrics.size(); ++i) {
        const auto& a = original.run.metrics[i];
        const auto& b = read.run.metrics[i];
        EXPECT_EQ(a.name, b.name);
        EXPECT_EQ(a.measure, b.measure);
        EXPECT_EQ(a.unit, b.unit) << a.measure;
        EXPECT_EQ(a.direction, b.direction);
        EXPECT_EQ(a.samples, b.samples);  // exact: doubles round-trip
        EXPECT_EQ(a.summary, b.summary);
        EXPECT_EQ(a.status, b.status);
        EXPECT_EQ(a.message, b.message);
        EXPECT_EQ(a.labels, b.labels);
    }
    // Serialising again gives the same bytes.
    EXPECT_EQ(serialize_baseline(read), text);
}

TEST(BaselineFile, OneMetricPerLineSoDiffsStaySmall) {
    const std::string text = serialize_baseline(sample_baseline());
    EXPECT_NE(
        text.find("\n    {\"name\":\"BM_Sort/1024\",\"measure\":\"cpu_time\",\"unit\":\"s\","
                  "\"dimension\":\"time\",\"direction\":\"lower\",\"samples\":[1.2e-06,1.25e-06,"
                  "1.19e-06],\"labels\":{\"threads\":\"1\"}},\n"),
        std::string::npos)
        << text;
    EXPECT_EQ(text.rfind("{\n  \"schema\": \"caws-gate/baseline@1\",\n", 0), 0u);
}

TEST(BaselineFile, AnOlderGoogleBenchmarkBaselinesBuildTypeIsTheLibrarys) {
    // Written before library_build_type was kept apart: the library's build as the run's.
    const std::string older =
        R"({"schema": "caws-gate/baseline@1", "sources": [{"path": "perf.json", "format": )"
        R"("google-benchmark"}], "context": {"build_type": "debug"}, "metrics": []})";
    const Baseline read = parse_baseline(older, "perf.json");
    EXPECT_EQ(read.run.context.build_type, "");
    ASSERT_EQ(read.run.context.extra.size(), 1u);
    EXPECT_EQ(read.run.context.extra[0],
              (std::pair<std::string, std::string>{"library_build_type", "debug"}));
    // Another format's build type is its code's.
    std::string other = older;
    other.replace(other.find("google-benchmark"), 16, "caws-metrics");
    EXPECT_EQ(parse_baseline(other, "perf.json").run.context.build_type, "debug");
}

TEST(BaselineFile, RejectsOtherSchemaVersions) {
    EXPECT_EQ(error_of(R"({"schema": "caws-gate/baseline@2", "metrics": []})"),
              "baselines/perf.json: /schema: this baseline has schema \"caws-gate/baseline@2\"; "
              "this caws-gate reads \"caws-gate/baseline@1\" (recreate it with caws-gate baseline "
              "update)");
    EXPECT_EQ(error_of(R"({"metrics": []})"),
              "baselines/perf.json: /schema: expected \"schema\": \"caws-gate/baseline@1\" (is "
              "this a caws-gate baseline file?)");
    EXPECT_EQ(error_of(R"({"schema": "something/else", "metrics": []})"),
              "baselines/perf.json: /schema: expected \"caws-gate/baseline@1\", got "
              "\"something/else\"");
}

TEST(BaselineFile, RejectsBrokenMetrics) {
    const std::string head = R"({"schema": "caws-gate/baseline@1", "metrics": [)";
    EXPECT_EQ(
        error_of(
            head +
            R"({"name": "a", "measure": "t", "unit": "s", "direction": "down", "samples": [1]}]})"),
        "baselines/perf.json: /metrics/0/direction: expected \"lower\", \"higher\" or "
        "\"unknown\", got \"down\"");
    EXPECT_EQ(
        error_of(head + R"({"name": "a", "measure": "t", "unit": "s", "direction": "lower"}]})"),
        "baselines/perf.json: /metrics/0: expected \"samples\" or a \"summary\" for \"a\"");
    EXPECT_EQ(
        error_of(
            head +
            R"({"name": "a", "measure": "t", "unit": "s", "direction": "lower", "samples": [1, "x"]}]})"),
        "baselines/perf.json: /metrics/0/samples/1: expected a number, got \"x\"");
    EXPECT_EQ(
        error_of(head + R"({"measure": "t", "unit": "s", "direction": "lower", "samples": [1]}]})"),
        "baselines/perf.json: /metrics/0/name: expected the metric's name");
    EXPECT_EQ(
        error_of(
            head +
            R"({"name": "a", "measure": "t", "unit": "s", "direction": "lower", "samples": [1]},
                               {"name": "a", "measure": "t", "unit": "s", "direction": "lower", "samples": [2]}]})"),
        "baselines/perf.json: /metrics/1: expected each metric once, but \"a\" (t) is also at "
        "/metrics/0");
    EXPECT_EQ(error_of(R"({"schema": "caws-gate/baseline@1"})"),
              "baselines/perf.json: /metrics: expected the \"metrics\" array");
    EXPECT_EQ(error_of("{\"schema\": \"caws-gate/baseline@1\",\n \"metrics\": [}"),
              "baselines/perf.json: line 2, column 14: invalid JSON: syntax error while parsing "
              "value - unexpected '}'; expected '[', '{', or a literal");
}

TEST(BaselineFile, SuiteNamesCannotLeaveTheDirectory) {
    EXPECT_EQ(baseline_path("baselines", "perf"), "baselines/perf.json");
    EXPECT_EQ(baseline_path("out/", "my-suite_2.x"), "out/my-suite_2.x.json");
    for (const char* bad : {"../etc/passwd", "a/b", "", ".hidden", "..", "a b", "a\\b"}) {
        EXPECT_THROW(baseline_path("baselines", bad), util::Error) << bad;
    }
}

TEST(BaselineFile, SaveIsAtomicAndLoadReadsItBack) {
    test::TempDir dir;
    const std::string path = baseline_path(dir.file("baselines"), "perf");
    save_baseline(path, sample_baseline());
    EXPECT_TRUE(looks_like_baseline_file(path));
    EXPECT_EQ(load_baseline(path).run.metrics.size(), 4u);
    EXPECT_FALSE(looks_like_baseline_file(dir.file("missing.json")));
}

TEST(Provenance, PrefersGithubVariables) {
    test::FakeEnvironment env;
    env.variables["GITHUB_SHA"] = "abc123";
    env.variables["GITHUB_REF_NAME"] = "feature/x";
    env.commands["git rev-parse HEAD"] = "ignored";
    const Provenance p = collect_provenance(env);
    EXPECT_EQ(p.commit, "abc123");
    EXPECT_EQ(p.branch, "feature/x");
    EXPECT_EQ(p.created, "2026-11-23T00:00:00Z");
    EXPECT_EQ(p.tool, std::string("caws-gate ") + CAWS_GATE_VERSION);
}

TEST(Provenance, FallsBackToGitAndSkipsDetachedHead) {
    test::FakeEnvironment env;
    env.commands["git rev-parse HEAD"] = "deadbeef";
    env.commands["git rev-parse --abbrev-ref HEAD"] = "HEAD";
    const Provenance p = collect_provenance(env);
    EXPECT_EQ(p.commit, "deadbeef");
    EXPECT_EQ(p.branch, "");
    test::FakeEnvironment no_git;
    EXPECT_EQ(collect_provenance(no_git).commit, "");
}

TEST(Provenance, WithoutTheBranchRunsNoGitProcessForIt) {
    test::FakeEnvironment env;
    env.commands["git rev-parse HEAD"] = "deadbeef";
    env.commands["git rev-parse --abbrev-ref HEAD"] = "main";
    const Provenance p = collect_provenance_without_branch(env);
    EXPECT_EQ(p.commit, "deadbeef");
    EXPECT_EQ(p.branch, "");
    EXPECT_EQ(p.created, "2026-11-23T00:00:00Z");
    EXPECT_EQ(env.asked, std::vector<std::string>{"git rev-parse HEAD"});
    env.variables["GITHUB_SHA"] = "abc123";
    env.asked.clear();
    EXPECT_EQ(collect_provenance_without_branch(env).commit, "abc123");
    EXPECT_TRUE(env.asked.empty());
    EXPECT_EQ(collect_provenance(env).branch, "main");  // the full provenance still asks
}

}  // namespace
}  // namespace caws::store
