#include "gate/between_run_advice.hpp"

#include <gtest/gtest.h>

#include <string>

#include "compare/comparator.hpp"
#include "gate/policy.hpp"
#include "gate/scores.hpp"
#include "support/simulated_runs.hpp"

namespace caws::gate {
namespace {

compare::BetweenRunSummary summary(std::size_t runs, std::size_t baseline_runs) {
    compare::BetweenRunSummary s;
    s.runs = runs;
    s.baseline_runs = baseline_runs;
    if (runs > 0) s.history = "b/history/s.jsonl";
    return s;
}

TEST(BetweenRunAdvice, KnownNoiseScoresFullAndSaysHowMuchRunsMove) {
    compare::BetweenRunSummary known = summary(5, 5);
    known.metrics = 12;
    known.median_sd = 0.031;
    const model::ScoreComponent c = between_run_component(known);
    EXPECT_EQ(c.name, "between-run");
    EXPECT_EQ(c.score, 100);
    EXPECT_EQ(c.weight, k_between_run_weight);
    EXPECT_EQ(c.detail,
              "between-run noise known from 5 runs of the history: a run's median varies by "
              "3.1% (median over 12 metrics)");
}

TEST(BetweenRunAdvice, UnknownNoiseScoresTheShareOfTheRunsNeeded) {
    EXPECT_EQ(between_run_component(summary(0, 1)).score, 20);  // the baseline is one run
    EXPECT_EQ(between_run_component(summary(1, 1)).score, 20);
    EXPECT_EQ(between_run_component(summary(3, 3)).score, 60);
    EXPECT_EQ(between_run_component(summary(4, 1)).score, 80);
    EXPECT_EQ(between_run_component(summary(1, 1)).detail,
              "between-run noise unknown: the history has 1 run (5 needed) and the baseline is "
              "one run: the verdict rests on one run of each side");
}

// A confirmation rerun: the regressions rest on two runs of this code, so the component
// scores at least 60 and the sentence no longer says one run of each side.
TEST(BetweenRunAdvice, AConfirmationRerunRaisesTheScoreAndChangesTheReason) {
    compare::BetweenRunSummary rerun = summary(1, 1);
    rerun.rerun = true;
    EXPECT_EQ(between_run_component(rerun).score, k_between_run_rerun_score);
    EXPECT_EQ(between_run_component(rerun).detail,
              "between-run noise unknown: the history has 1 run (5 needed) and the baseline is "
              "one run: the verdict rests on one run of the baseline, and on this run with a "
              "rerun that confirmed its regressions");
    compare::BetweenRunSummary four = summary(4, 1);
    four.rerun = true;
    EXPECT_EQ(between_run_component(four).score, 80);  // the history's share, when higher
    compare::BetweenRunSummary none = summary(0, 1);
    none.rerun = true;
    EXPECT_EQ(compare::unknown_reason(none),
              "there is no history and the baseline is one run: the verdict rests on one run of "
              "the baseline, and on this run with a rerun that confirmed its regressions");
}

TEST(BetweenRunAdvice, TheTrustScoreCountsIt) {
    const auto runs = test::simulate_runs({1.0, 1.0, 1.0}, 10, 10, 0.01, 7);
    const model::Verdict verdict = evaluate(compare::compare_runs(runs.baseline, runs.candidate));
    ScoreInput input{&runs.baseline, &runs.candidate, 1.0, 1.2, 0.05};
    const double without = compute_scores(verdict, input).trust.value;
    input.between_run = summary(1, 1);
    const model::Scores with = compute_scores(verdict, input);
    ASSERT_EQ(with.trust.components.back().name, "between-run");
    EXPECT_LT(with.trust.value, without);
    compare::BetweenRunSummary known = summary(5, 5);
    input.between_run = known;
    EXPECT_EQ(compute_scores(verdict, input).trust.value, without);
}

TEST(BetweenRunAdvice, RecommendsARollingBaselineOrAbWhenUnknown) {
    const auto runs = test::simulate_runs({1.0, 1.0}, 10, 10, 0.01, 7);
    const model::Verdict verdict = evaluate(compare::compare_runs(runs.baseline, runs.candidate));
    ScoreInput input{&runs.baseline, &runs.candidate, 1.0, 1.2, 0.05};
    input.between_run = summary(1, 1);
    std::vector<model::Recommendation> out;
    recommend_between_run(verdict, input, out);
    ASSERT_EQ(out.size(), 1u);
    EXPECT_EQ(out[0].code, "between-run-noise");
    EXPECT_NE(out[0].message.find("caws-gate baseline update RESULTS --policy rolling:5"),
              std::string::npos);
    EXPECT_NE(out[0].message.find("caws-gate ab"), std::string::npos);
    EXPECT_NE(out[0].message.find("ten runs made in separate jobs"), std::string::npos);
    EXPECT_NE(out[0].message.find("the verdict rests on one run of each side"), std::string::npos);

    out.clear();
    input.between_run = summary(5, 5);  // known: nothing to fix
    recommend_between_run(verdict, input, out);
    EXPECT_TRUE(out.empty());
    input.between_run.reset();  // not a check: nothing said
    recommend_between_run(verdict, input, out);
    EXPECT_TRUE(out.empty());
}

}  // namespace
}  // namespace caws::gate
