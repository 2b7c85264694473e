// Changes whose run moved level while it ran: marked in compare, held back to a warning by
// the gate until a rerun confirms them.
#include "compare/level_shift.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <string>
#include <vector>

#include "compare/comparator.hpp"
#include "gate/confirmation.hpp"
#include "gate/policy.hpp"
#include "report/json_report.hpp"
#include "report/report_reader.hpp"
#include "support/metrics.hpp"

namespace caws::compare {
namespace {

using test::run_of;
using test::timing;

std::vector<double> scaled(std::vector<double> values, double factor, std::size_t from = 0) {
    for (std::size_t i = from; i < values.size(); ++i) values[i] *= factor;
    return values;
}

const std::vector<double> k_ten{1.00, 1.02, 0.98, 1.01, 0.99, 1.03, 0.97, 1.00, 1.015, 0.985};

// BM_A's candidate steps to 1.8x after four repetitions (the machine changed); BM_B is 1.8x
// slower in every repetition (a regression in the code).
struct StepAndRegression {
    model::Run baseline = run_of({timing("BM_A", scaled(k_ten, 1e-6)), timing("BM_B", k_ten)});
    model::Run candidate = run_of(
        {timing("BM_A", scaled(scaled(k_ten, 1e-6), 1.8, 4)), timing("BM_B", scaled(k_ten, 1.8))});
};

TEST(LevelShiftCompare, AStepInTheCandidateIsMarkedARegressionWithoutOneIsNot) {
    const StepAndRegression runs;
    const std::vector<model::Comparison> c = compare_runs(runs.baseline, runs.candidate);
    ASSERT_EQ(c.size(), 2u);
    EXPECT_TRUE(model::is_regression(c[0].change));
    ASSERT_TRUE(c[0].level_shift.has_value());
    EXPECT_EQ(c[0].level_shift->side, "candidate");
    EXPECT_EQ(c[0].level_shift->at, 4u);
    EXPECT_EQ(c[0].level_shift->n, 10u);
    EXPECT_NEAR(c[0].level_shift->after / c[0].level_shift->before, 1.8, 0.05);
    EXPECT_LT(c[0].level_shift->p_value, 1e-6);
    EXPECT_TRUE(std::any_of(c[0].notes.begin(), c[0].notes.end(), [](const std::string& n) {
        return n.find(
                   "the candidate's repetitions moved from 1.00 µs to 1.79 µs (1.78x) after 4 "
                   "of 10, in the order they ran (p < 0.0001): the machine changed while it "
                   "ran") != std::string::npos;
    }));
    EXPECT_EQ(c[1].change, model::ChangeClass::moderate);
    EXPECT_FALSE(c[1].level_shift.has_value());
}

TEST(LevelShiftCompare, TheBaselineIsSearchedOnlyWhenItIsOneRunInOrder) {
    // The baseline stepped down to 0.55x after three repetitions: the candidate looks slower.
    const model::Run baseline = run_of({timing("BM_A", scaled(k_ten, 0.55, 3))});
    const model::Run candidate = run_of({timing("BM_A", k_ten)});
    EXPECT_FALSE(compare_runs(baseline, candidate).front().level_shift.has_value());
    Options options;
    options.baseline_in_run_order = true;
    const model::Comparison c = compare_runs(baseline, candidate, options).front();
    ASSERT_TRUE(model::is_regression(c.change));
    ASSERT_TRUE(c.level_shift.has_value());
    EXPECT_EQ(c.level_shift->side, "baseline");
    EXPECT_EQ(c.level_shift->at, 3u);
}

TEST(LevelShiftCompare, SmallStepsAndUnchangedMetricsAreLeftAlone) {
    // A significant step of 1.1x, under the minor threshold, in a 1.5x regression.
    const model::Run baseline = run_of({timing("BM_A", k_ten), timing("BM_B", k_ten)});
    const model::Run candidate = run_of({timing("BM_A", scaled(scaled(k_ten, 1.5), 1.1, 5)),
                                         timing("BM_B", scaled(k_ten, 1.05, 5))});
    const std::vector<model::Comparison> c = compare_runs(baseline, candidate);
    EXPECT_TRUE(model::is_regression(c[0].change));
    EXPECT_FALSE(c[0].level_shift.has_value());
    EXPECT_FALSE(model::is_regression(c[1].change));
    EXPECT_FALSE(c[1].level_shift.has_value());
}

TEST(LevelShiftGate, ARegressionWithAStepWarnsAndSaysWhy) {
    const StepAndRegression runs;
    const model::Verdict verdict = gate::evaluate(compare_runs(runs.baseline, runs.candidate));
    EXPECT_EQ(verdict.comparisons[0].level, model::Level::warn);  // moderate: fail by default
    EXPECT_EQ(verdict.comparisons[1].level, model::Level::fail);
    EXPECT_EQ(verdict.level, model::Level::fail);
    const auto finding = [&](const std::string& code, const std::string& metric) {
        for (const model::Finding& f : verdict.findings) {
            if (f.code == code && f.metric == metric) return f;
        }
        return model::Finding{};
    };
    const model::Finding regression = finding("regression", "BM_A");
    EXPECT_EQ(regression.level, model::Level::warn);
    EXPECT_NE(regression.message.find("so this run cannot tell a moderate regression from the "
                                      "machine: a warning, not a failure; rerun the benchmark "
                                      "and check again with --confirm RERUN"),
              std::string::npos)
        << regression.message;
    const model::Finding shift = finding("level-shift", "BM_A");
    EXPECT_EQ(shift.level, model::Level::info);
    EXPECT_NE(shift.message.find("its moderate regression is a warning until a rerun confirms"),
              std::string::npos);
    EXPECT_EQ(finding("level-shift", "BM_B").code, "");

    // Alone, the stepped regression leaves the verdict at warn: the check passes (exit 0).
    const model::Run baseline = run_of({timing("BM_A", scaled(k_ten, 1e-6))});
    const model::Run candidate = run_of({timing("BM_A", scaled(scaled(k_ten, 1e-6), 1.8, 4))});
    EXPECT_EQ(gate::evaluate(compare_runs(baseline, candidate)).level, model::Level::warn);
}

TEST(LevelShiftGate, ARerunThatConfirmsItRestoresTheFailure) {
    const StepAndRegression runs;
    std::vector<model::Comparison> first = compare_runs(runs.baseline, runs.candidate);
    first = gate::evaluate(std::move(first)).comparisons;
    // The rerun: BM_A 1.8x slower throughout this time, so the step was the code arriving.
    const model::Run rerun = run_of({timing("BM_A", scaled(scaled(k_ten, 1e-6), 1.8))});
    const std::vector<model::Comparison> second = compare_runs(runs.baseline, rerun);
    const model::Verdict verdict =
        gate::evaluate(gate::confirm_regressions(std::move(first), second));
    ASSERT_TRUE(verdict.comparisons[0].confirmation.has_value());
    EXPECT_TRUE(verdict.comparisons[0].confirmation->confirmed);
    EXPECT_EQ(verdict.comparisons[0].level, model::Level::fail);
    for (const model::Finding& f : verdict.findings) EXPECT_NE(f.code, "level-shift");
}

TEST(LevelShiftReport, TheJsonKeepsTheStepAndRendersTheSameReportAgain) {
    const StepAndRegression runs;
    const model::Verdict verdict = gate::evaluate(compare_runs(runs.baseline, runs.candidate));
    report::ReportInput input;
    input.verdict = &verdict;
    input.baseline = &runs.baseline;
    input.candidate = &runs.candidate;
    const report::Report report = report::build_report(input);
    const nlohmann::ordered_json json = report;
    const nlohmann::ordered_json& shift = json.at("comparisons").at(0).at("level_shift");
    EXPECT_EQ(shift.at("side"), "candidate");
    EXPECT_EQ(shift.at("at"), 4);
    EXPECT_EQ(shift.at("n"), 10);
    EXPECT_LT(shift.at("p_value").get<double>(), 1e-6);
    EXPECT_FALSE(json.at("comparisons").at(1).contains("level_shift"));
    const report::Report read = report::parse_report(json.dump(), "r.json");
    ASSERT_TRUE(read.comparisons.at(0).level_shift.has_value());
    EXPECT_EQ(read.comparisons[0].level_shift->at, 4u);
    EXPECT_EQ(nlohmann::ordered_json(read), json);

    nlohmann::ordered_json broken = json;
    broken["comparisons"][0]["level_shift"]["side"] = "middle";
    try {
        (void)report::parse_report(broken.dump(), "r.json");
        FAIL() << "a side that is neither was accepted";
    } catch (const std::exception& e) {
        EXPECT_NE(std::string(e.what()).find("/comparisons/0/level_shift"), std::string::npos)
            << e.what();
    }
}

}  // namespace
}  // namespace caws::compare
