// The between-run noise of a suite's history as `check` and the guard of `baseline update`
// use it: one model for both, and what a check says when it is unknown.
#include <gtest/gtest.h>

#include <algorithm>
#include <cstdio>
#include <string>
#include <vector>

#include "app/baseline_update.hpp"
#include "app/check.hpp"
#include "support/fake_environment.hpp"
#include "support/gbench_json.hpp"
#include "support/temp_dir.hpp"

namespace caws::app {
namespace {

// BM_A's medians in the five runs of the history: they move by about 19% (log sd) from run
// to run, and their log mean is that of 101.5 ns.
const std::vector<double> k_history_ns{100, 130, 80, 115, 90};

class BetweenRunUseCase : public ::testing::Test {
  protected:
    BetweenRunUseCase() { environment_.commands["git rev-parse HEAD"] = "0123456789abcdef0123"; }

    // Google Benchmark JSON measured on day `day` of December 2026: ten repetitions of
    // BM_A around `a_ns` and of BM_B around 100 ns.
    std::string results(const std::string& name, double a_ns, int day) const {
        std::vector<double> a;
        std::vector<double> b;
        for (int i = 0; i < 10; ++i) {
            a.push_back(a_ns * (1 + 0.001 * i));
            b.push_back(100 * (1 + 0.001 * i));
        }
        std::string json = test::google_benchmark_json({{"BM_A", a}, {"BM_B", b}});
        char date[32];
        std::snprintf(date, sizeof date, "2026-12-%02dT07:00:00", day);
        const std::string fixed = "2026-11-23T07:00:00";
        json.replace(json.find(fixed), fixed.size(), date);
        return dir_.write(name, json);
    }

    // A suite `suite` made by `baseline update` of one run per value, one day apart.
    void make_suite(const std::string& suite, const std::vector<double>& ns,
                    const std::string& policy) {
        int day = 1;
        for (const double value : ns) {
            UpdateRequest update;
            update.results = {results(suite + std::to_string(day) + ".json", value, day)};
            update.suite = suite;
            update.directory = dir_.file("b");
            update.policy = policy;
            update.accept_regressions = true;
            ASSERT_EQ(run_baseline_update(update, environment_).exit_code, k_exit_pass);
            ++day;
        }
    }

    CheckRequest check(const std::string& suite, double a_ns) const {
        CheckRequest request;
        request.results = {results("candidate.json", a_ns, 20)};
        request.suite = suite;
        request.directory = dir_.file("b");
        return request;
    }

    UpdateRequest guarded_update(const std::string& suite, double a_ns) const {
        UpdateRequest update;
        update.results = {results("nightly.json", a_ns, 21)};
        update.suite = suite;
        update.directory = dir_.file("b");
        update.policy = "rolling:5";
        return update;
    }

    static const model::Comparison& bm_a(const CheckResult& result) {
        const auto found =
            std::find_if(result.report.comparisons.begin(), result.report.comparisons.end(),
                         [](const model::Comparison& c) {
                             return c.metric == "BM_A" && c.measure == "cpu_time";
                         });
        EXPECT_NE(found, result.report.comparisons.end());
        return *found;
    }

    static const model::ScoreComponent* trust_component(const CheckResult& result,
                                                        const std::string& name) {
        for (const auto& c : result.verdict.scores->trust.components) {
            if (c.name == name) return &c;
        }
        return nullptr;
    }

    test::TempDir dir_;
    test::FakeEnvironment environment_;
};

TEST_F(BetweenRunUseCase, ACheckInsideTheHistorysNoisePasses) {
    make_suite("rolling", k_history_ns, "rolling:5");
    // 1.58x the pooled baseline: moderate by the test, inside what runs do by the history.
    const CheckResult result = run_check(check("rolling", 160), environment_);
    EXPECT_EQ(result.exit_code, k_exit_pass);
    const model::Comparison& a = bm_a(result);
    EXPECT_EQ(a.change, model::ChangeClass::unchanged);
    ASSERT_TRUE(a.between_run);
    EXPECT_EQ(a.between_run->runs, 5u);
    EXPECT_EQ(a.between_run->reclassified_from, model::ChangeClass::moderate);
    ASSERT_TRUE(result.report.between_run);
    EXPECT_TRUE(result.report.between_run->known());
    EXPECT_EQ(result.report.between_run->baseline_runs, 5u);
    EXPECT_EQ(result.report.between_run->reclassified, 1u);  // BM_A, gated on CPU time
    const model::ScoreComponent* between = trust_component(result, "between-run");
    ASSERT_NE(between, nullptr);
    EXPECT_EQ(between->score, 100);
    for (const auto& r : result.verdict.recommendations) EXPECT_NE(r.code, "between-run-noise");
}

TEST_F(BetweenRunUseCase, ACheckOutsideTheHistorysNoiseFails) {
    make_suite("rolling", k_history_ns, "rolling:5");
    const CheckResult result = run_check(check("rolling", 300), environment_);
    EXPECT_EQ(result.exit_code, k_exit_fail);
    const model::Comparison& a = bm_a(result);
    EXPECT_EQ(a.change, model::ChangeClass::severe);
    ASSERT_TRUE(a.between_run);
    EXPECT_FALSE(a.between_run->within);
}

TEST_F(BetweenRunUseCase, NoTrendsStillUsesTheHistorysNoise) {
    make_suite("rolling", k_history_ns, "rolling:5");
    CheckRequest request = check("rolling", 160);
    request.trends.disabled = true;
    const CheckResult result = run_check(request, environment_);
    EXPECT_EQ(result.exit_code, k_exit_pass);
    EXPECT_EQ(result.history, std::nullopt);  // no trends analysed
    EXPECT_TRUE(result.report.between_run->known());
}

TEST_F(BetweenRunUseCase, TheGuardUsesTheSameNoiseAsCheck) {
    make_suite("rolling", k_history_ns, "rolling:5");
    const UpdateResult inside = run_baseline_update(guarded_update("rolling", 160), environment_);
    EXPECT_EQ(inside.exit_code, k_exit_pass);
    EXPECT_TRUE(inside.failing.empty());

    make_suite("outside", k_history_ns, "rolling:5");
    const UpdateResult outside = run_baseline_update(guarded_update("outside", 300), environment_);
    EXPECT_EQ(outside.exit_code, k_exit_fail);
    ASSERT_FALSE(outside.failing.empty());
    EXPECT_EQ(outside.failing.front().metric, "BM_A");
}

TEST_F(BetweenRunUseCase, WithoutEnoughHistoryTheGuardRefusesWhatTheTestCalls) {
    make_suite("young", {100, 130, 80}, "rolling:5");
    const UpdateResult refused = run_baseline_update(guarded_update("young", 160), environment_);
    EXPECT_EQ(refused.exit_code, k_exit_fail);
}

// Twelve nights, three of them (the oldest) on a machine that ran BM_A at half speed.
const std::vector<double> k_slow_nights_ns{200, 101, 205, 99, 198, 100, 102, 98, 101, 99, 100, 102};

TEST_F(BetweenRunUseCase, ARunAsSlowAsOnesOfTheHistoryPassesWithEitherPolicy) {
    for (const char* policy : {"rolling:5", "replace"}) {
        SCOPED_TRACE(policy);
        const std::string suite = std::string(policy) == "replace" ? "slow-single" : "slow-rolling";
        make_suite(suite, k_slow_nights_ns, policy);
        // About 2x the baseline: far outside the normal interval of the newest five runs.
        const CheckResult result = run_check(check(suite, 203), environment_);
        EXPECT_EQ(result.exit_code, k_exit_pass);
        const model::Comparison& a = bm_a(result);
        EXPECT_EQ(a.change, model::ChangeClass::unchanged);
        ASSERT_TRUE(a.between_run && a.between_run->range);
        EXPECT_FALSE(a.between_run->within);
        EXPECT_TRUE(a.between_run->range->within);
        EXPECT_EQ(a.between_run->range->runs, 12u);
        EXPECT_EQ(result.report.between_run->range_runs, 12u);
        EXPECT_EQ(result.report.between_run->range_reclassified, 1u);

        // Well beyond the slowest night: a regression.
        EXPECT_EQ(run_check(check(suite, 300), environment_).exit_code, k_exit_fail);
    }
    // The guard takes such a night too.
    const UpdateResult night =
        run_baseline_update(guarded_update("slow-rolling", 203), environment_);
    EXPECT_EQ(night.exit_code, k_exit_pass);
}

TEST_F(BetweenRunUseCase, ASingleRunBaselineSaysItsNoiseIsUnknown) {
    make_suite("single", {100}, "replace");
    const CheckResult result = run_check(check("single", 101), environment_);
    ASSERT_TRUE(result.report.between_run);
    EXPECT_FALSE(result.report.between_run->known());
    EXPECT_EQ(result.report.between_run->runs, 1u);
    EXPECT_FALSE(bm_a(result).between_run);
    const model::ScoreComponent* between = trust_component(result, "between-run");
    ASSERT_NE(between, nullptr);
    EXPECT_EQ(between->score, 20);  // 1 run of the 5 needed
    EXPECT_NE(between->detail.find("the verdict rests on one run of each side"), std::string::npos);
    const auto recommendation =
        std::find_if(result.verdict.recommendations.begin(), result.verdict.recommendations.end(),
                     [](const model::Recommendation& r) { return r.code == "between-run-noise"; });
    ASSERT_NE(recommendation, result.verdict.recommendations.end());
    EXPECT_NE(recommendation->message.find("--policy rolling:5"), std::string::npos);
    EXPECT_NE(recommendation->message.find("caws-gate ab"), std::string::npos);
}

}  // namespace
}  // namespace caws::app
