#include "gate/scores.hpp"

#include <gtest/gtest.h>

#include <cmath>

#include "compare/comparator.hpp"
#include "gate/policy.hpp"

namespace caws::gate {
namespace {

using model::ChangeClass;
using model::Level;

// A gated, tested comparison of 10 vs 10 samples that can detect a 1.2x slowdown, with
// 2% noise and no outliers: the comparison a trust score of 100 is made of.
model::Comparison comparison(const std::string& metric, ChangeClass change = ChangeClass::unchanged,
                             double ratio = 1.0) {
    model::Comparison c;
    c.metric = metric;
    c.measure = "cpu_time";
    c.unit = model::seconds();
    c.direction = model::Direction::lower;
    c.change = change;
    c.ratio = ratio;
    c.baseline = 1e-6;
    c.candidate = 1e-6 * ratio;
    c.tested = true;
    c.test = "mann-whitney";
    c.p_value = 0.001;
    c.n_baseline = 10;
    c.n_candidate = 10;
    c.noise_baseline = model::SideNoise{0.02, 1e-8, 0};
    c.noise_candidate = model::SideNoise{0.02, 1e-8, 0};
    c.power = model::Power{0.02, 1.1, 8, false, std::nullopt, std::nullopt, std::nullopt};
    return c;
}

model::Run run_on(const std::string& host, const std::string& build = "release") {
    model::Run run;
    run.context.host = host;
    run.context.build_type = build;
    run.context.num_cpus = 4;
    run.context.mhz_per_cpu = 3000;
    run.context.cpu_scaling_enabled = false;
    run.context.load_avg = {1.0, 1.0, 1.0};
    return run;
}

// A copy: `score` is often part of a temporary.
model::ScoreComponent component(const model::Score& score, const std::string& name) {
    for (const auto& c : score.components) {
        if (c.name == name) return c;
    }
    throw std::runtime_error("no component " + name);
}

struct Case {
    model::Verdict verdict;
    model::Run baseline = run_on("ci-1");
    model::Run candidate = run_on("ci-1");
    std::optional<double> age_days = 3.0;

    model::Scores scores() const {
        return compute_scores(verdict, ScoreInput{&baseline, &candidate, age_days, 1.2, 0.05});
    }
};

Case clean_case(std::size_t benchmarks = 10) {
    Case c;
    for (std::size_t i = 0; i < benchmarks; ++i)
        c.verdict.comparisons.push_back(comparison("BM_" + std::to_string(i)));
    return c;
}

model::BudgetCheck budget(Level level) {
    model::BudgetCheck b;
    b.metric = "ttfa";
    b.statistic = "p95";
    b.unit = "s";
    b.value = 0.05;
    b.warning = 0.04;
    b.critical = 0.1;
    b.level = level;
    return b;
}

TEST(Scores, CleanComparisonScoresFullMarks) {
    const model::Scores s = clean_case().scores();
    EXPECT_EQ(s.health.value, 100);
    EXPECT_EQ(s.trust.value, 100);
    for (const auto* score : {&s.health, &s.trust}) {
        double weights = 0;
        for (const auto& c : score->components) {
            EXPECT_EQ(c.score, 100) << c.name << ": " << c.detail;
            EXPECT_FALSE(c.detail.empty()) << c.name;
            weights += c.weight;
        }
        EXPECT_NEAR(weights, 1.0, 1e-12);
    }
    EXPECT_EQ(component(s.trust, "machine").detail, "both runs on host ci-1");
}

// docs/scoring.md, "Worked example": the same numbers, recomputed.
TEST(Scores, WorkedExampleOfTheDocs) {
    Case w;
    w.baseline = run_on("ci-runner-7");
    w.candidate = run_on("ci-runner-3");
    w.age_days = 44;
    w.candidate.context.repetitions = model::RepetitionOrder::back_to_back;
    // 40 benchmarks: 1 severe and 1 minor regression, 3 improvements, 35 unchanged.
    for (int i = 0; i < 40; ++i) {
        ChangeClass change = ChangeClass::unchanged;
        double ratio = 1.0;
        if (i == 0) change = ChangeClass::severe, ratio = 2.3;
        if (i == 1) change = ChangeClass::minor, ratio = 1.25;
        if (i >= 2 && i < 5) change = ChangeClass::improved, ratio = 0.7;
        model::Comparison c = comparison("BM_" + std::to_string(i), change, ratio);
        // 8 metrics can only detect a 1.44x change; 16 have 4% noise; 24 outliers in all.
        if (i >= 32) c.power->min_detectable_ratio = 1.44, c.power->needs_repetitions = true;
        if (i < 16) c.noise_candidate->cv = 0.04;
        if (i < 12) c.noise_candidate->outliers = 2;
        w.verdict.comparisons.push_back(c);
    }
    w.verdict.budgets = {budget(Level::pass), budget(Level::pass), budget(Level::pass),
                         budget(Level::warn)};
    const model::Scores s = w.scores();

    EXPECT_EQ(component(s.health, "changes").score, 51);  // 100 * 0.5 * 0.9 + 3 * 2
    EXPECT_EQ(component(s.health, "budgets").score, 85);
    EXPECT_EQ(component(s.health, "failures").score, 100);
    EXPECT_EQ(component(s.health, "findings").score, 100);
    // 100 * 0.51^0.5 * 0.85^0.3 = 68.02
    EXPECT_EQ(s.health.value, 68);
    EXPECT_NEAR(100 * std::pow(0.51, 0.5) * std::pow(0.85, 0.3), 68.02, 0.005);

    EXPECT_EQ(component(s.trust, "samples").score, 90);   // (32 + 8 * 0.5) / 40
    EXPECT_EQ(component(s.trust, "noise").score, 90);     // (24 * 100 + 16 * 75) / 40
    EXPECT_EQ(component(s.trust, "outliers").score, 90);  // 24 / 800 = 3%
    EXPECT_EQ(component(s.trust, "machine").score, 50);
    EXPECT_EQ(component(s.trust, "build").score, 100);
    EXPECT_EQ(component(s.trust, "cpu-scaling").score, 100);
    EXPECT_EQ(component(s.trust, "load").score, 100);
    EXPECT_EQ(component(s.trust, "baseline-age").score, 50);  // 30 days past 14: one half-life
    EXPECT_EQ(component(s.trust, "interference").score, 100);
    EXPECT_EQ(component(s.trust, "interleaving").score, 50);  // back to back
    // 100 * 0.9^(0.2 + 0.15 + 0.05) * 0.5^(0.15 + 0.1 + 0.05) = 77.87
    EXPECT_EQ(s.trust.value, 78);
    EXPECT_NEAR(100 * std::pow(0.9, 0.4) * std::pow(0.5, 0.3), 77.87, 0.005);
    EXPECT_EQ(component(s.trust, "machine").detail,
              "baseline on host ci-runner-7, candidate on host ci-runner-3");
    EXPECT_EQ(component(s.trust, "samples").detail,
              "8 of 40 compared metrics cannot detect a 1.2x slowdown with their samples"
              "; the smallest detectable ratio is up to 1.44x");
    EXPECT_EQ(component(s.trust, "outliers").detail,
              "24 of 800 samples outside Tukey's fences: 3.0%");
    EXPECT_EQ(component(s.health, "changes").detail,
              "2 regressed benchmarks of 40: 1 severe, 0 moderate, 1 minor; 3 improvements "
              "credited 6 points, at most 10");

    // The same example from a debug build: the docs give 55.
    w.candidate.context.build_type = "debug";
    EXPECT_EQ(w.scores().trust.value, 55);
}

TEST(Scores, DebugBuildLowersTrustAndSaysWhy) {
    Case c = clean_case();
    const double before = c.scores().trust.value;
    c.candidate.context.build_type = "Debug";
    const model::Scores s = c.scores();
    EXPECT_LT(s.trust.value, before - 20);
    const auto& build = component(s.trust, "build");
    EXPECT_EQ(build.score, 10);
    EXPECT_EQ(build.detail.rfind("the candidate was built as debug", 0), 0u) << build.detail;
    c.baseline.context.build_type = "debug";
    EXPECT_EQ(component(c.scores().trust, "build").detail.rfind("both runs were built as debug", 0),
              0u);
}

TEST(Scores, GoogleBenchmarksLibraryBuildTypeLeavesTheBuildUnknown) {
    Case c = clean_case();
    c.baseline.context.build_type.clear();
    c.candidate.context.build_type.clear();
    EXPECT_EQ(component(c.scores().trust, "build").detail, "build type unknown");
    c.candidate.context.extra.emplace_back("library_build_type", "debug");
    const auto& build = component(c.scores().trust, "build");
    EXPECT_EQ(build.score, 100);
    EXPECT_EQ(build.detail,
              "build type unknown: Google Benchmark's library_build_type is its library's, not "
              "the measured code's (give --build-type or a CMAKE_BUILD_TYPE context key)");
}

TEST(Scores, DifferentBuildTypesLowerTrust) {
    Case c = clean_case();
    c.candidate.context.build_type = "relwithdebinfo";
    const auto& build = component(c.scores().trust, "build");
    EXPECT_EQ(build.score, 50);
    EXPECT_EQ(build.detail, "baseline built as release, candidate as relwithdebinfo");
}

TEST(Scores, DifferentHostLowersTrustAndNamesBothHosts) {
    Case c = clean_case();
    c.candidate.context.host = "b";
    c.baseline.context.host = "a";
    model::Scores s = c.scores();
    EXPECT_LT(s.trust.value, 100);
    EXPECT_EQ(component(s.trust, "machine").score, 50);  // same CPU count and clock
    EXPECT_EQ(component(s.trust, "machine").detail, "baseline on host a, candidate on host b");
    // A different CPU too costs more.
    c.candidate.context.num_cpus = 8;
    s = c.scores();
    EXPECT_EQ(component(s.trust, "machine").score, 25);
    EXPECT_EQ(component(s.trust, "machine").detail,
              "baseline on host a, candidate on host b; 4 CPUs in the baseline, 8 in the "
              "candidate");
}

TEST(Scores, DifferentClockOnTheSameHostLowersTrust) {
    Case c = clean_case();
    c.candidate.context.mhz_per_cpu = 3100;  // within 5%: the same
    EXPECT_EQ(component(c.scores().trust, "machine").score, 100);
    c.candidate.context.mhz_per_cpu = 2200;
    EXPECT_EQ(component(c.scores().trust, "machine").score, 60);
    EXPECT_EQ(component(c.scores().trust, "machine").detail,
              "3000 MHz in the baseline, 2200 MHz in the candidate");
}

TEST(Scores, UnknownContextsAreNeutral) {
    Case c = clean_case();
    c.baseline = model::Run{};
    c.candidate = model::Run{};
    c.age_days.reset();
    const model::Scores s = c.scores();
    EXPECT_EQ(s.trust.value, 100);
    EXPECT_EQ(component(s.trust, "machine").detail, "host not recorded");
    EXPECT_EQ(component(s.trust, "baseline-age").detail, "baseline age unknown (no baseline file)");
}

// Real comparisons: the same noise measured with more repetitions detects smaller
// changes, and trust rises with the samples.
TEST(Scores, MoreSamplesRaiseTrust) {
    const auto trust_with = [](std::size_t n) {
        model::Run baseline = run_on("ci");
        model::Run candidate = run_on("ci");
        for (int m = 0; m < 4; ++m) {
            for (auto* run : {&baseline, &candidate}) {
                model::Metric metric;
                metric.name = "BM_" + std::to_string(m);
                metric.measure = "cpu_time";
                metric.unit = model::seconds();
                metric.direction = model::Direction::lower;
                for (std::size_t i = 0; i < n; ++i) {
                    // A fixed pattern with a CV near 14%, different on each side.
                    const double wobble =
                        std::sin(static_cast<double>(i * 7 + m + (run == &candidate ? 3 : 0)));
                    metric.samples.push_back(1e-6 * (1 + 0.2 * wobble));
                }
                run->metrics.push_back(metric);
            }
        }
        const model::Verdict v = evaluate(compare::compare_runs(baseline, candidate));
        const model::Scores s =
            compute_scores(v, ScoreInput{&baseline, &candidate, 1.0, 1.2, 0.05});
        return std::pair{s.trust.value, component(s.trust, "samples").score};
    };
    const auto few = trust_with(4);
    const auto some = trust_with(10);
    const auto many = trust_with(40);
    EXPECT_LT(few.second, some.second);
    EXPECT_LT(some.second, many.second);
    EXPECT_EQ(many.second, 100);
    EXPECT_LT(few.first, some.first);
    EXPECT_LE(some.first, many.first);
}

TEST(Scores, SamplesComponentFollowsTheDetectableRatio) {
    Case c = clean_case(2);
    c.verdict.comparisons[0].power->min_detectable_ratio = 1.44;  // ln 1.2 / ln 1.44 = 0.5
    EXPECT_EQ(component(c.scores().trust, "samples").score, 75);
    c.verdict.comparisons[0].power->min_detectable_ratio = std::numeric_limits<double>::infinity();
    EXPECT_EQ(component(c.scores().trust, "samples").score, 50);
    EXPECT_EQ(component(c.scores().trust, "samples").detail,
              "1 of 2 compared metrics cannot detect a 1.2x slowdown with their samples"
              "; the smallest detectable ratio is up to ∞");
}

TEST(Scores, NoiseCostsQuarterPointsPerDoubling) {
    Case c = clean_case(1);
    const auto noise_at = [&](double cv) {
        c.verdict.comparisons[0].noise_candidate->cv = cv;
        return component(c.scores().trust, "noise").score;
    };
    EXPECT_EQ(noise_at(0.01), 100);
    EXPECT_EQ(noise_at(0.04), 75);
    EXPECT_EQ(noise_at(0.08), 50);
    EXPECT_EQ(noise_at(0.16), 25);
    EXPECT_EQ(noise_at(0.64), 0);
    EXPECT_LT(c.scores().trust.value, clean_case(1).scores().trust.value);
}

TEST(Scores, OutliersLowerTrust) {
    Case c = clean_case(1);
    c.verdict.comparisons[0].noise_candidate->outliers = 2;  // 2 of 20: 10%
    EXPECT_EQ(component(c.scores().trust, "outliers").score, 55);
    c.verdict.comparisons[0].noise_candidate->outliers = 10;  // 50%
    EXPECT_EQ(component(c.scores().trust, "outliers").score, 0);
}

TEST(Scores, OldBaselineLowersTrust) {
    Case c = clean_case();
    c.age_days = 14;
    EXPECT_EQ(component(c.scores().trust, "baseline-age").score, 100);
    c.age_days = 74;  // two half-lives past 14 days
    EXPECT_EQ(component(c.scores().trust, "baseline-age").score, 25);
    EXPECT_EQ(component(c.scores().trust, "baseline-age").detail, "baseline created 74 days ago");
}

TEST(Scores, CpuScalingAndLoadLowerTrust) {
    Case c = clean_case();
    c.candidate.context.cpu_scaling_enabled = true;
    EXPECT_EQ(component(c.scores().trust, "cpu-scaling").score, 50);
    EXPECT_EQ(component(c.scores().trust, "cpu-scaling").detail,
              "CPU frequency scaling was enabled on the candidate");
    c.baseline.context.load_avg = {8.0};  // 2 per CPU
    EXPECT_EQ(component(c.scores().trust, "load").score, 50);
    EXPECT_EQ(component(c.scores().trust, "load").detail,
              "load average 8.00 on 4 CPUs in the baseline, 2.00 per CPU");
}

TEST(Scores, SevereRegressionLowersHealthMoreThanModerateMoreThanMinor) {
    const auto health_with = [](ChangeClass change) {
        Case c = clean_case();
        c.verdict.comparisons[3].change = change;
        c.verdict.comparisons[3].ratio = 2.5;
        return c.scores().health.value;
    };
    const double severe = health_with(ChangeClass::severe);
    const double moderate = health_with(ChangeClass::moderate);
    const double minor = health_with(ChangeClass::minor);
    EXPECT_LT(severe, moderate);
    EXPECT_LT(moderate, minor);
    EXPECT_LT(minor, 100);
    EXPECT_EQ(severe, 71);  // 100 * 0.5^0.5
}

TEST(Scores, ABenchmarkCountsOnceWhateverItsMeasures) {
    Case one = clean_case(1);
    one.verdict.comparisons[0].change = ChangeClass::severe;
    Case two = one;
    two.verdict.comparisons.push_back(one.verdict.comparisons[0]);
    two.verdict.comparisons.back().measure = "real_time";
    EXPECT_EQ(one.scores().health.value, two.scores().health.value);
}

TEST(Scores, ImprovementsAreCreditedOnlyUpToTheCap) {
    const auto changes_with = [](int improvements) {
        Case c = clean_case(30);
        c.verdict.comparisons[0].change = ChangeClass::severe;
        for (int i = 1; i <= improvements; ++i)
            c.verdict.comparisons[i].change = ChangeClass::improved;
        return component(c.scores().health, "changes").score;
    };
    EXPECT_EQ(changes_with(0), 50);
    EXPECT_EQ(changes_with(1), 52);
    EXPECT_EQ(changes_with(5), 60);
    EXPECT_EQ(changes_with(6), 60);
    EXPECT_EQ(changes_with(20), 60);
    // Without regressions there is nothing to offset: 100 stays 100.
    Case c = clean_case(5);
    c.verdict.comparisons[0].change = ChangeClass::improved;
    EXPECT_EQ(c.scores().health.value, 100);
}

TEST(Scores, CriticalBudgetsLowerHealthMoreThanWarnings) {
    Case c = clean_case();
    c.verdict.budgets = {budget(Level::pass)};
    EXPECT_EQ(c.scores().health.value, 100);
    c.verdict.budgets = {budget(Level::warn)};
    const double warning = c.scores().health.value;
    c.verdict.budgets = {budget(Level::fail)};
    const model::Scores s = c.scores();
    EXPECT_LT(s.health.value, warning);
    EXPECT_LT(warning, 100);
    EXPECT_EQ(component(s.health, "budgets").score, 40);
    EXPECT_EQ(component(s.health, "budgets").detail, "1 critical and 0 warning of 1 budget");
}

TEST(Scores, FailedAndMissingBenchmarksLowerHealth) {
    Case c = clean_case();
    c.verdict.comparisons[0].change = ChangeClass::failed;
    c.verdict.comparisons[1].change = ChangeClass::removed;
    const auto& failures = component(c.scores().health, "failures");
    EXPECT_EQ(failures.score, 40);  // 100 * 0.5 * 0.8
    EXPECT_EQ(failures.detail, "1 benchmark failed, 1 missing from the results");
}

TEST(Scores, OtherFindingsLowerHealthUnlessWaived) {
    Case c = clean_case();
    c.verdict.findings.push_back({Level::fail, "leak", "rss", "memory", "rss grows", {}});
    EXPECT_EQ(component(c.scores().health, "findings").score, 50);
    EXPECT_EQ(component(c.scores().health, "findings").detail,
              "1 failing and 0 warning other findings: leak");
    c.verdict.findings.back().waiver = model::Waiver{"rss", "known", "team", "2099-01-01", false};
    EXPECT_EQ(component(c.scores().health, "findings").score, 100);
    // Findings that comparisons and budgets already stand for are not counted twice.
    c.verdict.findings = {{Level::fail, "regression", "BM_0", "cpu_time", "slower", {}},
                          {Level::warn, "budget", "ttfa", "", "over", {}},
                          {Level::fail, "low-trust", "", "", "low", {}}};
    EXPECT_EQ(component(c.scores().health, "findings").score, 100);
}

TEST(Scores, StayWithinBoundsAndAreDeterministic) {
    Case worst = clean_case(50);
    for (auto& comparison : worst.verdict.comparisons) {
        comparison.change = ChangeClass::severe;
        comparison.noise_candidate->cv = 5.0;
        comparison.noise_candidate->outliers = 10;
        comparison.power->min_detectable_ratio = std::numeric_limits<double>::infinity();
    }
    for (int i = 0; i < 20; ++i) worst.verdict.budgets.push_back(budget(Level::fail));
    worst.candidate = run_on("elsewhere", "debug");
    worst.candidate.context.num_cpus = 1;
    worst.candidate.context.cpu_scaling_enabled = true;
    worst.candidate.context.load_avg = {50};
    worst.age_days = 3650;
    const model::Scores a = worst.scores();
    EXPECT_GE(a.health.value, 0);
    EXPECT_GE(a.trust.value, 0);
    EXPECT_LE(a.health.value, 5);
    EXPECT_LE(a.trust.value, 5);
    for (const auto* score : {&a.health, &a.trust}) {
        for (const auto& c : score->components) {
            EXPECT_GE(c.score, 0) << c.name;
            EXPECT_LE(c.score, 100) << c.name;
            EXPECT_EQ(c.score, std::round(c.score)) << c.name;
        }
    }
    const model::Scores b = worst.scores();
    EXPECT_EQ(a.health.value, b.health.value);
    EXPECT_EQ(a.trust.value, b.trust.value);
    for (std::size_t i = 0; i < a.trust.components.size(); ++i) {
        EXPECT_EQ(a.trust.components[i].detail, b.trust.components[i].detail);
    }
}

TEST(Combine, IsAWeightedGeometricMeanWithAFloorOfOne) {
    EXPECT_EQ(combine({}), 100);
    EXPECT_EQ(combine({{"a", 25, 0.5, ""}, {"b", 100, 0.5, ""}}), 50);
    EXPECT_EQ(combine({{"a", 0, 0.5, ""}, {"b", 100, 0.5, ""}}), 10);  // max(0, 1) = 1
    // Weights are normalised.
    EXPECT_EQ(combine({{"a", 25, 2, ""}, {"b", 100, 2, ""}}), 50);
}

TEST(ScoreGates, ThresholdsAreWithinZeroAndHundred) {
    EXPECT_TRUE(valid_score_threshold(0));
    EXPECT_TRUE(valid_score_threshold(100));
    EXPECT_TRUE(valid_score_threshold(55.5));
    EXPECT_FALSE(valid_score_threshold(-1));
    EXPECT_FALSE(valid_score_threshold(100.5));
    EXPECT_FALSE(valid_score_threshold(std::nan("")));
}

TEST(ScoreGates, ALowScoreIsAFailingFindingNamingItsComponents) {
    Case c = clean_case();
    c.candidate = run_on("b", "debug");
    c.baseline = run_on("a");
    const model::Scores scores = c.scores();
    ASSERT_EQ(scores.trust.value, 64);  // 100 * 0.1^0.15 * 0.5^0.15 = 63.8
    EXPECT_TRUE(score_gate_findings(scores, ScoreGates{std::nullopt, 64.0}).empty());
    const auto findings = score_gate_findings(scores, ScoreGates{0.0, 70.0});
    ASSERT_EQ(findings.size(), 1u);
    EXPECT_EQ(findings[0].level, Level::fail);
    EXPECT_EQ(findings[0].code, "low-trust");
    EXPECT_EQ(findings[0].message,
              "trust 64/100 is below the minimum 70; pulled down by build 10/100 (the candidate "
              "was built as debug, and unoptimised timings say little about release "
              "performance); machine "
              "50/100 (baseline on host a, candidate on host b). Measure again under the "
              "conditions the recommendations name.");
}

TEST(ScoreGates, ApplyScoresFailsTheVerdict) {
    Case c = clean_case();
    c.verdict.comparisons[0].change = ChangeClass::severe;
    c.verdict.comparisons[1].change = ChangeClass::severe;
    c.verdict.level = Level::pass;  // as if a waiver had accepted both
    model::Verdict v = c.verdict;
    apply_scores(v, ScoreInput{&c.baseline, &c.candidate, 1.0, 1.2, 0.05}, ScoreGates{80.0, {}});
    ASSERT_TRUE(v.scores);
    EXPECT_EQ(v.scores->health.value, 50);
    EXPECT_EQ(v.level, Level::fail);
    ASSERT_EQ(v.findings.size(), 1u);
    EXPECT_EQ(v.findings[0].code, "low-health");
    EXPECT_EQ(v.findings[0].message.rfind("health 50/100 is below the minimum 80; pulled down by "
                                          "changes 25/100 (2 regressed benchmarks of 10:",
                                          0),
              0u)
        << v.findings[0].message;
    // Without gates the scores are computed and nothing else changes.
    model::Verdict ungated = c.verdict;
    apply_scores(ungated, ScoreInput{&c.baseline, &c.candidate, 1.0, 1.2, 0.05});
    EXPECT_EQ(ungated.level, Level::pass);
    EXPECT_TRUE(ungated.findings.empty());
}

TEST(AgeInDays, FromProvenanceDateToNow) {
    EXPECT_DOUBLE_EQ(*age_in_days("2026-11-01T00:00:00Z", 1'795'392'000), 22.0);  // 2026-11-23
    EXPECT_DOUBLE_EQ(*age_in_days("2026-11-23T12:00:00Z", 1'795'392'000), 0.0);   // future
    EXPECT_FALSE(age_in_days("yesterday", 1'795'392'000));
    EXPECT_FALSE(age_in_days("", 1'795'392'000));
}

}  // namespace
}  // namespace caws::gate
