// `check --confirm` as a use case: the baseline compared with the run and with a rerun,
// only the regressions the rerun confirms counting; and the reruns it refuses.
#include "app/rerun_confirmation.hpp"

#include <gtest/gtest.h>

#include "app/baseline_update.hpp"
#include "app/check.hpp"
#include "support/fake_environment.hpp"
#include "support/temp_dir.hpp"
#include "unit/app/use_case_inputs.hpp"
#include "util/error.hpp"

namespace caws::app {
namespace {

using model::ChangeClass;

// A suite "perf" whose baseline has four benchmarks at 100 ns, and a check of a run with
// BM_A 1.7x (moderate), BM_B 3x (severe) and BM_C 1.25x (minor) slower.
struct Suite {
    test::TempDir dir;
    test::FakeEnvironment environment;
    CheckRequest request;

    Suite() {
        UpdateRequest update;
        update.results = {test::write_benchmarks(
            dir, "base.json", {{"BM_A", 100}, {"BM_B", 100}, {"BM_C", 100}, {"BM_D", 100}})};
        update.suite = "perf";
        update.directory = dir.file("baselines");
        EXPECT_EQ(run_baseline_update(update, environment).exit_code, k_exit_pass);
        request.results = {test::write_benchmarks(
            dir, "perf.json", {{"BM_A", 170}, {"BM_B", 300}, {"BM_C", 125}, {"BM_D", 100}})};
        request.directory = dir.file("baselines");
        request.trends.disabled = true;
    }

    CheckResult check_with(const std::vector<std::pair<std::string, double>>& rerun) {
        request.confirm = {test::write_benchmarks(dir, "rerun.json", rerun)};
        return run_check(request, environment);
    }
};

const model::Comparison& comparison_of(const CheckResult& result, const std::string& metric) {
    for (const model::Comparison& c : result.report.comparisons) {
        if (c.metric == metric && c.measure == "cpu_time") return c;
    }
    throw std::runtime_error("no comparison of " + metric);
}

std::vector<std::string> finding_codes(const model::Verdict& verdict) {
    std::vector<std::string> codes;
    for (const model::Finding& f : verdict.findings) {
        codes.push_back(std::string(model::to_string(f.level)) + " " + f.code + " " + f.metric +
                        " " + f.measure);
    }
    return codes;
}

TEST(CheckConfirm, WithoutARerunEveryRegressionCountsAndTheReportGivesTheFilter) {
    Suite suite;
    const CheckResult result = run_check(suite.request, suite.environment);
    EXPECT_EQ(result.exit_code, k_exit_fail);
    ASSERT_TRUE(result.report.rerun.has_value());
    // Failing benchmarks first, then the one that only warns; each once for its measures.
    EXPECT_EQ(result.report.rerun->benchmarks, (std::vector<std::string>{"BM_A", "BM_B", "BM_C"}));
    EXPECT_EQ(result.report.rerun->format, "google-benchmark");
    EXPECT_EQ(result.report.rerun->filter, "--benchmark_filter=^(BM_A|BM_B|BM_C)$");
    EXPECT_FALSE(result.report.confirm.has_value());
}

TEST(CheckConfirm, OnlyTheRegressionsTheRerunConfirmsCount) {
    Suite suite;
    // The rerun holds the filtered benchmarks alone: BM_D is not "removed".
    const CheckResult result = suite.check_with({{"BM_A", 100}, {"BM_B", 250}, {"BM_C", 126}});
    EXPECT_EQ(result.exit_code, k_exit_fail);
    const model::Comparison& a = comparison_of(result, "BM_A");
    EXPECT_EQ(a.change, ChangeClass::unchanged);
    EXPECT_NEAR(*a.ratio, 1.7, 0.01);  // the first run's numbers stay
    ASSERT_TRUE(a.confirmation.has_value());
    EXPECT_EQ(a.confirmation->reason, "not-significant");
    EXPECT_EQ(a.confirmation->first_change, ChangeClass::moderate);
    const model::Comparison& b = comparison_of(result, "BM_B");
    EXPECT_EQ(b.change, ChangeClass::severe);
    EXPECT_TRUE(b.confirmation->confirmed);
    EXPECT_EQ(b.confirmation->change, ChangeClass::severe);
    EXPECT_EQ(b.level, model::Level::fail);
    const model::Comparison& c = comparison_of(result, "BM_C");
    EXPECT_EQ(c.change, ChangeClass::minor);
    EXPECT_TRUE(c.confirmation->confirmed);
    EXPECT_FALSE(comparison_of(result, "BM_D").confirmation.has_value());
    for (const std::string& code : finding_codes(result.verdict)) {
        EXPECT_EQ(code.find("removed"), std::string::npos) << code;
    }
    ASSERT_TRUE(result.report.confirm.has_value());
    EXPECT_EQ(result.report.confirm->confirmed, 2u);  // BM_B and BM_C: benchmarks
    EXPECT_EQ(result.report.confirm->not_confirmed, 1u);
    EXPECT_EQ(result.report.confirm->run.sources.at(0).path, suite.dir.file("rerun.json"));
}

// The baseline is one run and there is no history: without a rerun the verdict rests on one
// run of each side; with one, the report and the trust score say that a rerun confirmed
// the regressions.
TEST(CheckConfirm, TheBetweenRunSentenceAndTrustKnowTheRerun) {
    Suite suite;
    const CheckResult alone = run_check(suite.request, suite.environment);
    ASSERT_TRUE(alone.report.between_run.has_value());
    EXPECT_FALSE(alone.report.between_run->rerun);
    const CheckResult confirmed = suite.check_with({{"BM_A", 170}, {"BM_B", 300}, {"BM_C", 125}});
    ASSERT_TRUE(confirmed.report.between_run.has_value());
    EXPECT_TRUE(confirmed.report.between_run->rerun);
    EXPECT_NE(compare::unknown_reason(*confirmed.report.between_run)
                  .find("a rerun that confirmed its regressions"),
              std::string::npos);
    const auto between_run_score = [](const CheckResult& r) {
        for (const model::ScoreComponent& c : r.report.scores->trust.components) {
            if (c.name == "between-run") return c.score;
        }
        return -1.0;
    };
    EXPECT_EQ(between_run_score(alone), 20);
    EXPECT_EQ(between_run_score(confirmed), 60);
}

TEST(CheckConfirm, ARerunThatConfirmsNothingPasses) {
    Suite suite;
    const CheckResult result =
        suite.check_with({{"BM_A", 100}, {"BM_B", 100}, {"BM_C", 101}, {"BM_D", 100}});
    EXPECT_EQ(result.exit_code, k_exit_pass);
    EXPECT_EQ(result.verdict.level, model::Level::pass);
    EXPECT_EQ(comparison_of(result, "BM_C").confirmation->reason, "below-minor");
    const std::vector<std::string> codes = finding_codes(result.verdict);
    EXPECT_EQ(std::count(codes.begin(), codes.end(), "info unconfirmed BM_A cpu_time"), 1);
    EXPECT_EQ(result.report.confirm->confirmed, 0u);
    EXPECT_FALSE(result.report.rerun.has_value());  // nothing left to rerun
}

TEST(CheckConfirm, ARegressionLeftOutOfTheRerunIsNotConfirmedAndWarns) {
    Suite suite;
    const CheckResult result = suite.check_with({{"BM_A", 170}});
    EXPECT_EQ(result.exit_code, k_exit_fail);  // BM_A is confirmed
    EXPECT_EQ(comparison_of(result, "BM_B").confirmation->reason, "not-rerun");
    EXPECT_EQ(comparison_of(result, "BM_B").change, ChangeClass::unchanged);
    const std::vector<std::string> codes = finding_codes(result.verdict);
    EXPECT_EQ(std::count(codes.begin(), codes.end(), "warn not-rerun BM_B cpu_time"), 1);
    EXPECT_EQ(std::count(codes.begin(), codes.end(), "warn not-rerun BM_C cpu_time"), 1);
}

TEST(CheckConfirm, ARerunLeavingOutEveryRegressionWarns) {
    Suite suite;
    const CheckResult result = suite.check_with({{"BM_D", 100}});
    EXPECT_EQ(result.exit_code, k_exit_pass);
    EXPECT_EQ(result.verdict.level, model::Level::warn);
}

TEST(CheckConfirm, ARegressionOnlyInTheRerunIsNotAFinding) {
    Suite suite;
    // The rerun is slower on BM_D, which the first run did not regress: the verdict is the
    // first run's, confirmed.
    const CheckResult result =
        suite.check_with({{"BM_A", 170}, {"BM_B", 300}, {"BM_C", 125}, {"BM_D", 400}});
    EXPECT_EQ(comparison_of(result, "BM_D").change, ChangeClass::unchanged);
    EXPECT_FALSE(comparison_of(result, "BM_D").confirmation.has_value());
    EXPECT_EQ(result.report.confirm->not_confirmed, 0u);
}

void expect_error(Suite& suite, const std::string& file, const std::string& expected) {
    try {
        run_check(suite.request, suite.environment);
        FAIL() << "expected an error";
    } catch (const util::Error& error) {
        EXPECT_EQ(error.file(), file);
        EXPECT_NE(error.what_expected().find(expected), std::string::npos) << error.what();
    }
}

TEST(CheckConfirm, TheFirstRunItselfIsNoRerun) {
    Suite suite;
    suite.request.confirm = suite.request.results;
    expect_error(suite, suite.request.results[0], "the rerun must be another run");
}

TEST(CheckConfirm, ARerunOfOtherBenchmarksIsRefused) {
    Suite suite;
    suite.request.confirm = {test::write_benchmarks(suite.dir, "other.json", {{"BM_X", 1}})};
    expect_error(suite, suite.dir.file("other.json"),
                 "none of its benchmarks (such as \"BM_X\") is in the results");
}

TEST(CheckConfirm, ABrokenOrMissingRerunNamesItsFile) {
    Suite suite;
    suite.request.confirm = {suite.dir.write("broken.json", "{\"benchmarks\": [")};
    expect_error(suite, suite.dir.file("broken.json"), "");
    suite.request.confirm = {suite.dir.file("absent.json")};
    expect_error(suite, suite.dir.file("absent.json"), "");
}

}  // namespace
}  // namespace caws::app
