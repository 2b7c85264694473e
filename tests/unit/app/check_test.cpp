// The check use case called directly: the bundled examples, a suite with a history, and
// the errors that stop it before anything is compared.
#include "app/check.hpp"

#include <gtest/gtest.h>

#include <algorithm>

#include "app/baseline_update.hpp"
#include "support/fake_environment.hpp"
#include "support/fixtures.hpp"
#include "support/temp_dir.hpp"
#include "unit/app/use_case_inputs.hpp"
#include "util/error.hpp"

namespace caws::app {
namespace {

// The demo suite of examples/: its baseline and a pull request's run.
CheckRequest demo_check(const std::string& results) {
    CheckRequest request;
    request.results = {test::source_path(results)};
    request.suite = "demo";
    request.directory = test::source_path("examples/baselines");
    return request;
}

const model::Comparison* find_comparison(const std::vector<model::Comparison>& comparisons,
                                         const std::string& metric, const std::string& measure) {
    for (const model::Comparison& c : comparisons) {
        if (c.metric == metric && c.measure == measure) return &c;
    }
    return nullptr;
}

// "level code" of each finding, in order.
std::vector<std::string> finding_codes(const model::Verdict& verdict) {
    std::vector<std::string> codes;
    for (const model::Finding& finding : verdict.findings) {
        codes.push_back(std::string(model::to_string(finding.level)) + " " + finding.code);
    }
    return codes;
}

TEST(RunCheck, TheDemoPullRequestFailsOnItsSlowerHash) {
    const test::FakeEnvironment environment;
    const CheckResult result = run_check(demo_check("examples/results/demo.json"), environment);
    EXPECT_EQ(result.exit_code, k_exit_fail);
    EXPECT_EQ(result.verdict.level, model::Level::fail);
    EXPECT_EQ(result.baseline_path, test::source_path("examples/baselines") + "/demo.json");
    EXPECT_EQ(result.history, std::nullopt);  // examples/baselines has no history
    // cpu_time is gated, real_time reported beside it.
    const model::Comparison* hash =
        find_comparison(result.report.comparisons, "BM_Hash/3000", "cpu_time");
    ASSERT_NE(hash, nullptr);
    const model::Comparison* wall =
        find_comparison(result.report.comparisons, "BM_Hash/3000", "real_time");
    ASSERT_NE(wall, nullptr);
    EXPECT_FALSE(wall->gated);
    EXPECT_EQ(wall->level, model::Level::pass);
    EXPECT_TRUE(model::is_regression(hash->change));
    EXPECT_EQ(hash->level, model::Level::fail);
    EXPECT_GT(*hash->ratio, 1.5);
    const model::Comparison* copy =
        find_comparison(result.report.comparisons, "BM_Copy/4096", "cpu_time");
    ASSERT_NE(copy, nullptr);
    EXPECT_EQ(copy->change, model::ChangeClass::improved);
    ASSERT_TRUE(result.verdict.scores.has_value());
    EXPECT_LT(result.verdict.scores->health.value, 100);
    EXPECT_FALSE(result.verdict.recommendations.empty());
}

TEST(RunCheck, TheRunTheBaselineWasMadeOfPasses) {
    const test::FakeEnvironment environment;
    const CheckResult result =
        run_check(demo_check("examples/results/demo-baseline-run.json"), environment);
    EXPECT_EQ(result.exit_code, k_exit_pass);
    EXPECT_NE(result.verdict.level, model::Level::fail);
    EXPECT_FALSE(result.report.comparisons.empty());
    for (const model::Comparison& c : result.report.comparisons) {
        EXPECT_EQ(c.change, model::ChangeClass::unchanged) << c.metric << " " << c.measure;
    }
}

// The example of docs/gates.md: budgets at warning and critical, a waived regression and
// one whose waiver has expired, and the gate file's minimum health.
TEST(RunCheck, TheServiceExampleFailsWithTheGateFilesFindings) {
    CheckRequest request;
    request.results = {test::source_path("examples/service/results.json")};
    request.baseline = test::source_path("examples/service/baselines/service.json");
    request.gate.path = test::source_path("gates/service.json");
    const test::FakeEnvironment environment;
    const CheckResult result = run_check(request, environment);
    EXPECT_EQ(result.exit_code, k_exit_fail);
    EXPECT_EQ(finding_codes(result.verdict),
              (std::vector<std::string>{"info waived", "fail regression", "warn budget-warning",
                                        "fail budget-critical", "warn waiver-expired",
                                        "fail low-health"}));
    EXPECT_EQ(result.verdict.scores->health.value, 50);
    // A lower minimum given with the request replaces the gate file's 70.
    request.gate.score_gates.min_health = 40;
    const std::vector<std::string> codes = finding_codes(run_check(request, environment).verdict);
    EXPECT_EQ(std::count(codes.begin(), codes.end(), "fail low-health"), 0);
}

std::string results(const test::TempDir& dir, const std::string& name) {
    return test::write_benchmarks(dir, name, {{"BM_A", 100}, {"BM_B", 100}});
}

TEST(RunCheck, TheHistoryNextToTheBaselineGetsTheRunAsItsNewestPoint) {
    test::TempDir dir;
    test::FakeEnvironment environment;
    for (int day = 0; day < 3; ++day) {
        environment.commands["git rev-parse HEAD"] = "commit" + std::to_string(day);
        UpdateRequest update;
        update.results = {results(dir, "night" + std::to_string(day) + ".json")};
        update.suite = "perf";
        update.directory = dir.file("baselines");
        ASSERT_EQ(run_baseline_update(update, environment).exit_code, k_exit_pass);
        environment.time += 86400;
    }
    CheckRequest request;
    request.results = {results(dir, "perf.json")};
    request.directory = dir.file("baselines");
    environment.asked.clear();
    const CheckResult result = run_check(request, environment);
    EXPECT_EQ(result.exit_code, k_exit_pass);
    EXPECT_EQ(result.baseline_path, dir.file("baselines") + "/perf.json");
    EXPECT_EQ(result.history, dir.file("baselines") + "/history/perf.jsonl");
    // The newest point needs the commit (a run already recorded is not counted twice), not
    // the branch: no git process for it.
    EXPECT_EQ(environment.asked, std::vector<std::string>{"git rev-parse HEAD"});

    request.trends.disabled = true;
    EXPECT_EQ(run_check(request, environment).history, std::nullopt);
}

TEST(RunCheck, AMissingBaselineNamesTheUpdateThatCreatesIt) {
    test::TempDir dir;
    CheckRequest request;
    request.results = {results(dir, "perf.json")};
    request.directory = dir.file("none");
    const test::FakeEnvironment environment;
    try {
        run_check(request, environment);
        FAIL() << "expected an error";
    } catch (const util::Error& error) {
        EXPECT_EQ(std::string(error.what()),
                  dir.file("none") + "/perf.json: no baseline for suite \"perf\"; create it " +
                      "with: caws-gate baseline update " + dir.file("perf.json") +
                      " --suite perf --dir " + dir.file("none") +
                      " (or name one with --baseline FILE)");
    }
}

TEST(RunCheck, ABrokenResultsFileIsReportedBeforeAMissingBaseline) {
    // The results and the baseline are read at once; the error is the one reading them in
    // turn would meet first.
    test::TempDir dir;
    CheckRequest request;
    request.results = {dir.write("perf.json", R"({"context": {}, "benchmarks": [{"name": 1}]})")};
    request.directory = dir.file("none");
    const test::FakeEnvironment environment;
    for (int attempt = 0; attempt < 20; ++attempt) {
        try {
            run_check(request, environment);
            FAIL() << "expected an error";
        } catch (const util::Error& error) {
            EXPECT_EQ(
                std::string(error.what()).rfind(dir.file("perf.json") + ": /benchmarks/0/name", 0),
                0u)
                << error.what();
        }
    }
}

TEST(RunCheck, AMissingBaselineNamesTheSuitesTheDirectoryHas) {
    test::TempDir dir;
    const test::FakeEnvironment environment;
    for (const std::string suite : {"snappy", "zstd"}) {
        UpdateRequest update;
        update.results = {results(dir, "night.json")};
        update.suite = suite;
        update.directory = dir.file("baselines");
        ASSERT_EQ(run_baseline_update(update, environment).exit_code, k_exit_pass);
    }
    dir.write("baselines/notes.json", "{}");  // not a baseline
    CheckRequest request;
    request.results = {results(dir, "perf.json")};
    request.directory = dir.file("baselines");
    try {
        run_check(request, environment);
        FAIL() << "expected an error";
    } catch (const util::Error& error) {
        EXPECT_EQ(std::string(error.what()),
                  dir.file("baselines") + "/perf.json: no baseline for suite \"perf\"; " +
                      dir.file("baselines") +
                      "/ has: snappy, zstd; pass one of them with --suite (or create it with: "
                      "caws-gate baseline update " +
                      dir.file("perf.json") + " --suite perf --dir " + dir.file("baselines") +
                      ", or name one with --baseline FILE)");
    }
}

}  // namespace
}  // namespace caws::app
