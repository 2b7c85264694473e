#include "trend/findings.hpp"

#include <gtest/gtest.h>

namespace caws::trend {
namespace {

// A metric whose drift degrades and which has an old change point, a recent regression
// and a recent improvement, with the levels analyse() gives them under `rules`.
Trend example(const GateRules& rules, model::Direction direction = model::Direction::lower) {
    Trend t;
    t.series.metric = "BM_Parse";
    t.series.measure = "cpu_time";
    t.series.unit = std::string("s");  // assigning the literal trips GCC 12's -Wrestrict
    t.series.direction = direction;
    t.series.values.assign(20, 1e-6);
    t.drift.drift = DriftClass::degrading;
    t.drift.slope_percent = 1.5;
    t.drift.low_percent = 0.5;
    t.drift.high_percent = 2.25;
    t.drift.mann_kendall.p_value = 0.003;
    const bool gated = direction != model::Direction::unknown;
    ChangePoint old;
    old.index = 4;
    old.change = model::ChangeClass::severe;
    old.level = model::Level::info;
    ChangePoint recent;
    recent.index = 17;
    recent.commit = "0123456789abcdef";
    recent.date = "2026-11-20T03:00:00Z";
    recent.before = 1e-6;
    recent.after = 1.6e-6;
    recent.ratio = 1.6;
    recent.change = model::ChangeClass::moderate;
    recent.p_value = 0.0099;
    recent.recent = true;
    recent.level = gated ? rules.change_point : model::Level::info;
    ChangePoint better = recent;
    better.index = 18;
    better.change = model::ChangeClass::improved;
    better.level = model::Level::info;
    t.change_points = {old, recent, better};
    return t;
}

TEST(TrendFindings, DegradingDriftAndRecentRegressionsAtTheRulesLevels) {
    GateRules rules;
    rules.degrading = model::Level::warn;
    rules.change_point = model::Level::fail;
    const auto findings = trend_findings({example(rules)}, rules);
    ASSERT_EQ(findings.size(), 2u);
    EXPECT_EQ(findings[0].code, "trend-degrading");
    EXPECT_EQ(findings[0].level, model::Level::warn);
    EXPECT_EQ(findings[0].metric, "BM_Parse");
    EXPECT_EQ(findings[0].measure, "cpu_time");
    EXPECT_EQ(findings[0].message,
              "BM_Parse (cpu_time) has been getting worse over the newest 20 runs of its history: "
              "+1.5% per run [+0.50%, +2.2%] (Mann-Kendall p 0.003), a drift no single comparison "
              "may catch.");
    EXPECT_EQ(findings[1].code, "trend-change-point");
    EXPECT_EQ(findings[1].level, model::Level::fail);
    EXPECT_EQ(findings[1].message,
              "BM_Parse (cpu_time) moved to a worse level at run 18 of 20 in its history "
              "(0123456789ab, 2026-11-20T03:00:00Z): 1.00 µs → 1.60 µs, 1.60x, a moderate "
              "change (p 0.0099).");
}

TEST(TrendFindings, RulesAtPassAndUnknownDirectionsAddNothing) {
    GateRules quiet;
    quiet.degrading = model::Level::pass;
    quiet.change_point = model::Level::pass;
    EXPECT_TRUE(trend_findings({example(quiet)}, quiet).empty());
    const GateRules rules;
    EXPECT_TRUE(trend_findings({example(rules, model::Direction::unknown)}, rules).empty());
}

TEST(TrendFindings, OnlyWarningsAndFailuresRaiseTheVerdict) {
    GateRules info;
    info.degrading = model::Level::info;
    info.change_point = model::Level::info;
    model::Verdict verdict;
    add_trend_findings(verdict, {example(info)}, info);
    EXPECT_EQ(verdict.findings.size(), 2u);
    EXPECT_EQ(verdict.level, model::Level::pass);

    GateRules warn;
    warn.change_point = model::Level::warn;
    model::Verdict warned;
    add_trend_findings(warned, {example(warn)}, warn);
    EXPECT_EQ(warned.level, model::Level::warn);

    model::Verdict failed;
    failed.level = model::Level::fail;
    add_trend_findings(failed, {example(warn)}, warn);
    EXPECT_EQ(failed.level, model::Level::fail);  // never lowered
}

}  // namespace
}  // namespace caws::trend
