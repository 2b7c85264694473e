// The confirmation rule of `check --confirm`: a regression of the first run counts only
// when the rerun, compared with the same baseline, is a regression of the same metric too.
#include "gate/confirmation.hpp"

#include <gtest/gtest.h>

#include "gate/policy.hpp"

namespace caws::gate {
namespace {

using model::ChangeClass;
using model::Level;

model::Comparison comparison(const std::string& metric, ChangeClass change, double ratio,
                             double p = 0.0002, Level level = Level::pass) {
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
    c.p_value = p;
    c.p_adjusted = p;
    c.significant = p < 0.05;
    c.n_baseline = 10;
    c.n_candidate = 10;
    c.level = level;
    return c;
}

// A regression of the first run that the gate fails.
model::Comparison failing(const std::string& metric, double ratio = 1.7) {
    return comparison(metric, ChangeClass::moderate, ratio, 0.0002, Level::fail);
}

TEST(Confirmation, OnlyRegressionsTheGateActsOnWait) {
    EXPECT_TRUE(needs_confirmation(failing("A")));
    EXPECT_TRUE(needs_confirmation(comparison("A", ChangeClass::minor, 1.3, 0.001, Level::warn)));
    // Waived (info), let pass by a rule, not gated, or not a regression.
    EXPECT_FALSE(needs_confirmation(comparison("A", ChangeClass::severe, 3, 0.001, Level::info)));
    EXPECT_FALSE(needs_confirmation(comparison("A", ChangeClass::minor, 1.3, 0.001, Level::pass)));
    model::Comparison ungated = failing("A");
    ungated.gated = false;
    EXPECT_FALSE(needs_confirmation(ungated));
    EXPECT_FALSE(needs_confirmation(comparison("A", ChangeClass::failed, 1, 1, Level::fail)));
}

TEST(Confirmation, ARegressionInTheRerunConfirms) {
    const model::Comparison rerun = comparison("A", ChangeClass::minor, 1.25, 0.003);
    const model::Confirmation c = confirm(failing("A"), &rerun);
    EXPECT_TRUE(c.confirmed);
    EXPECT_EQ(c.reason, "confirmed");
    EXPECT_EQ(c.first_change, ChangeClass::moderate);
    EXPECT_EQ(c.change, ChangeClass::minor);
    EXPECT_EQ(c.ratio, 1.25);
    EXPECT_EQ(c.p_adjusted, 0.003);
    EXPECT_EQ(c.n_candidate, 10u);
}

TEST(Confirmation, NotSignificantInTheRerun) {
    const model::Comparison rerun = comparison("A", ChangeClass::unchanged, 1.6, 0.2);
    const model::Confirmation c = confirm(failing("A"), &rerun);
    EXPECT_FALSE(c.confirmed);
    EXPECT_EQ(c.reason, "not-significant");
}

TEST(Confirmation, TheOppositeDirectionInTheRerun) {
    const model::Comparison faster = comparison("A", ChangeClass::improved, 0.7, 0.001);
    EXPECT_EQ(confirm(failing("A"), &faster).reason, "opposite-direction");
    // Faster but not significantly: the direction is still what the rerun says first.
    const model::Comparison slightly = comparison("A", ChangeClass::unchanged, 0.97, 0.6);
    EXPECT_EQ(confirm(failing("A"), &slightly).reason, "opposite-direction");
}

TEST(Confirmation, SignificantButBelowTheMinorThreshold) {
    const model::Comparison rerun = comparison("A", ChangeClass::unchanged, 1.08, 0.0002);
    const model::Confirmation c = confirm(failing("A"), &rerun);
    EXPECT_FALSE(c.confirmed);
    EXPECT_EQ(c.reason, "below-minor");
}

TEST(Confirmation, MissingFailedOrSkippedInTheRerun) {
    const model::Confirmation absent = confirm(failing("A"), nullptr);
    EXPECT_FALSE(absent.confirmed);
    EXPECT_EQ(absent.reason, "not-rerun");
    EXPECT_EQ(absent.change, ChangeClass::removed);
    EXPECT_EQ(absent.ratio, std::nullopt);
    model::Comparison removed = comparison("A", ChangeClass::removed, 1);
    removed.ratio.reset();
    EXPECT_EQ(confirm(failing("A"), &removed).reason, "not-rerun");
    model::Comparison failed = comparison("A", ChangeClass::failed, 1);
    failed.ratio.reset();
    EXPECT_EQ(confirm(failing("A"), &failed).reason, "failed");
    model::Comparison skipped = comparison("A", ChangeClass::skipped, 1);
    skipped.ratio.reset();
    EXPECT_EQ(confirm(failing("A"), &skipped).reason, "skipped");
}

TEST(Confirmation, UnconfirmedRegressionsAreClassedUnchangedAndKeepTheirNumbers) {
    std::vector<model::Comparison> first{failing("A", 1.7), failing("B", 2.5),
                                         comparison("C", ChangeClass::unchanged, 1.01, 0.5)};
    first[1].change = ChangeClass::severe;
    const std::vector<model::Comparison> rerun{
        comparison("A", ChangeClass::unchanged, 1.02, 0.7),
        comparison("B", ChangeClass::moderate, 1.8, 0.0002),
        comparison("C", ChangeClass::severe, 3, 0.0002)};  // C passed: nothing to confirm
    const std::vector<model::Comparison> out = confirm_regressions(first, rerun);
    ASSERT_EQ(out.size(), 3u);
    EXPECT_EQ(out[0].change, ChangeClass::unchanged);
    EXPECT_EQ(out[0].ratio, 1.7);
    ASSERT_TRUE(out[0].confirmation.has_value());
    EXPECT_EQ(out[0].confirmation->first_change, ChangeClass::moderate);
    EXPECT_EQ(out[0].notes.back(),
              "not confirmed by the rerun: the rerun's change is not significant (1.02x, p = "
              "0.7); moderate in the first run");
    // A confirmed regression keeps the first run's class.
    EXPECT_EQ(out[1].change, ChangeClass::severe);
    EXPECT_TRUE(out[1].confirmation->confirmed);
    EXPECT_EQ(out[2].change, ChangeClass::unchanged);
    EXPECT_FALSE(out[2].confirmation.has_value());
    // Gated again, only the confirmed regression fails.
    model::Verdict verdict = evaluate(out);
    add_confirmation_findings(verdict);
    EXPECT_EQ(verdict.level, Level::fail);
    std::vector<std::string> codes;
    for (const model::Finding& f : verdict.findings) {
        codes.push_back(std::string(model::to_string(f.level)) + " " + f.code + " " + f.metric);
    }
    EXPECT_EQ(codes, (std::vector<std::string>{"fail regression B", "info unconfirmed A"}));
    EXPECT_NE(verdict.findings[0].message.find("The rerun confirms it: 1.80x"), std::string::npos)
        << verdict.findings[0].message;
    EXPECT_NE(verdict.findings[1].message.find("not confirmed by the rerun"), std::string::npos);
}

TEST(Confirmation, ARegressionNotRerunWarnsAndDoesNotCount) {
    const std::vector<model::Comparison> out = confirm_regressions({failing("A")}, {});
    EXPECT_EQ(out[0].change, ChangeClass::unchanged);
    EXPECT_EQ(out[0].notes.back(),
              "not confirmed by the rerun: not rerun; moderate in the first run");
    model::Verdict verdict = evaluate(out);
    add_confirmation_findings(verdict);
    EXPECT_EQ(verdict.level, Level::warn);
    ASSERT_EQ(verdict.findings.size(), 1u);
    EXPECT_EQ(verdict.findings[0].code, "not-rerun");
    EXPECT_EQ(verdict.findings[0].level, Level::warn);
}

TEST(Confirmation, OnlyTheMetricsAskedAboutAreComparedInTheRerun) {
    model::Run rerun;
    rerun.sources.push_back({"rerun.json", "google-benchmark"});
    for (const char* name : {"A", "B", "C"}) {
        for (const char* measure : {"cpu_time", "real_time"}) {
            model::Metric m;
            m.name = name;
            m.measure = measure;
            rerun.metrics.push_back(m);
        }
    }
    const std::vector<model::Comparison> first{failing("C"), failing("A"),
                                               comparison("B", ChangeClass::unchanged, 1, 0.5)};
    const model::Run asked = metrics_to_confirm(rerun, first);
    ASSERT_EQ(asked.metrics.size(), 2u);
    EXPECT_EQ(asked.metrics[0].name, "A");  // the rerun's order
    EXPECT_EQ(asked.metrics[1].name, "C");
    EXPECT_EQ(asked.metrics[1].measure, "cpu_time");
    EXPECT_EQ(asked.sources.size(), 1u);
}

}  // namespace
}  // namespace caws::gate
