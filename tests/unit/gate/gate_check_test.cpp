#include "gate/gate_check.hpp"

#include <gtest/gtest.h>

#include <algorithm>

#include "gate/gate_file.hpp"
#include "gate/rules.hpp"

namespace caws::gate {
namespace {

model::Metric metric(const std::string& name, const std::string& measure, double scale,
                     std::size_t n = 10, model::Direction direction = model::Direction::lower) {
    model::Metric m;
    m.name = name;
    m.measure = measure;
    m.unit = model::seconds();
    m.direction = direction;
    for (std::size_t i = 0; i < n; ++i) m.samples.push_back(scale * (1.0 + 0.001 * double(i)));
    return m;
}

const model::Comparison* find(const model::Verdict& v, const std::string& name,
                              const std::string& measure) {
    for (const auto& c : v.comparisons) {
        if (c.metric == name && c.measure == measure) return &c;
    }
    return nullptr;
}

std::vector<std::string> codes(const model::Verdict& v) {
    std::vector<std::string> out;
    for (const auto& f : v.findings) out.push_back(f.code + ":" + f.metric);
    return out;
}

Gate gate_of(const std::string& body) {
    return parse_gate(R"({"schema": "caws-gate/gate@1", )" + body + "}", "gates/t.json");
}

TEST(GateCheck, RulesGiveMetricsTheirOwnThresholds) {
    const Gate gate = gate_of(R"("rules": [{"match": "BM_Sort/*",
                                 "thresholds": {"minor": 1.1, "moderate": 1.3, "severe": 1.6}}])");
    model::Run baseline, candidate;
    baseline.metrics = {metric("BM_Sort/1", "cpu_time", 1), metric("BM_Other", "cpu_time", 1)};
    candidate.metrics = {metric("BM_Sort/1", "cpu_time", 1.15),
                         metric("BM_Other", "cpu_time", 1.15)};
    const model::Verdict v = compare_and_check(gate, baseline, candidate, {}, "2026-11-23");
    EXPECT_EQ(find(v, "BM_Sort/1", "cpu_time")->change, model::ChangeClass::minor);
    EXPECT_EQ(find(v, "BM_Other", "cpu_time")->change, model::ChangeClass::unchanged);
    EXPECT_EQ(v.level, model::Level::warn);
    EXPECT_EQ(codes(v), std::vector<std::string>{"regression:BM_Sort/1"});
}

TEST(GateCheck, LaterRulesWinAndIgnoreExcludes) {
    const Gate gate = gate_of(R"("rules": [
        {"match": "BM_*", "levels": {"moderate": "warn"}},
        {"match": "BM_Hot*", "levels": {"moderate": "fail"}},
        {"match": "BM_Experimental*", "ignore": true}])");
    model::Run baseline, candidate;
    baseline.metrics = {metric("BM_Cold", "cpu_time", 1), metric("BM_Hot", "cpu_time", 1),
                        metric("BM_Experimental", "cpu_time", 1)};
    candidate.metrics = {metric("BM_Cold", "cpu_time", 1.6), metric("BM_Hot", "cpu_time", 1.6),
                         metric("BM_Experimental", "cpu_time", 5)};
    const model::Verdict v = compare_and_check(gate, baseline, candidate, {}, "2026-11-23");
    EXPECT_EQ(find(v, "BM_Cold", "cpu_time")->level, model::Level::warn);
    EXPECT_EQ(find(v, "BM_Hot", "cpu_time")->level, model::Level::fail);
    EXPECT_EQ(find(v, "BM_Experimental", "cpu_time"), nullptr);
    EXPECT_EQ(v.level, model::Level::fail);
}

TEST(GateCheck, OnlyTheListedMeasuresAreGated) {
    const Gate gate = gate_of(R"("defaults": {"measures": ["cpu_time"]},
                                 "rules": [{"match": "BM_B", "measure": "real_time"}])");
    model::Run baseline, candidate;
    baseline.metrics = {metric("BM_A", "cpu_time", 1), metric("BM_A", "real_time", 1),
                        metric("BM_B", "real_time", 1)};
    candidate.metrics = {metric("BM_A", "cpu_time", 1), metric("BM_A", "real_time", 3),
                         metric("BM_B", "real_time", 3)};
    const model::Verdict v = compare_and_check(gate, baseline, candidate, {}, "2026-11-23");
    const model::Comparison* real = find(v, "BM_A", "real_time");
    ASSERT_NE(real, nullptr);
    EXPECT_FALSE(real->gated);
    EXPECT_EQ(real->change, model::ChangeClass::unchanged);
    EXPECT_FALSE(real->p_adjusted);
    EXPECT_DOUBLE_EQ(*real->ratio, 3);
    EXPECT_TRUE(find(v, "BM_A", "cpu_time")->gated);
    // A rule naming a measure gates it.
    EXPECT_EQ(find(v, "BM_B", "real_time")->change, model::ChangeClass::severe);
    EXPECT_EQ(codes(v), std::vector<std::string>{"regression:BM_B"});
}

TEST(GateCheck, TheCorrectionIsOneFamilyOverAllGatedMetrics) {
    // Holm over 3 tested metrics multiplies the smallest p-value by 3, whatever the rules.
    const Gate gate = gate_of(R"("defaults": {"correction": "holm"},
                                 "rules": [{"match": "BM_A", "alpha": 0.01}])");
    model::Run baseline, candidate;
    baseline.metrics = {metric("BM_A", "t", 1), metric("BM_B", "t", 1), metric("BM_C", "t", 1)};
    candidate.metrics = {metric("BM_A", "t", 2), metric("BM_B", "t", 1), metric("BM_C", "t", 1)};
    const model::Verdict v = compare_and_check(gate, baseline, candidate, {}, "2026-11-23");
    const model::Comparison* a = find(v, "BM_A", "t");
    ASSERT_TRUE(a->p_value && a->p_adjusted);
    EXPECT_DOUBLE_EQ(*a->p_adjusted, std::min(1.0, 3 * *a->p_value));
    EXPECT_TRUE(a->significant);  // 3 * 1.08e-5 < 0.01
    EXPECT_EQ(a->change, model::ChangeClass::severe);
}

TEST(GateCheck, RulesSetDirectionsOfUnknownMetrics) {
    const Gate gate = gate_of(R"("rules": [{"match": "requests_per_s", "direction": "higher"}])");
    model::Run baseline, candidate;
    baseline.metrics = {metric("requests_per_s", "value", 400, 10, model::Direction::unknown)};
    candidate.metrics = {metric("requests_per_s", "value", 200, 10, model::Direction::unknown)};
    const model::Verdict v = compare_and_check(gate, baseline, candidate, {}, "2026-11-23");
    const model::Comparison* c = find(v, "requests_per_s", "value");
    EXPECT_TRUE(c->gated);
    EXPECT_EQ(c->direction, model::Direction::higher);
    EXPECT_EQ(c->change, model::ChangeClass::severe);
    EXPECT_EQ(v.level, model::Level::fail);
}

TEST(GateCheck, TheStatisticComesFromTheGate) {
    const Gate gate = gate_of(R"("defaults": {"statistic": "max"})");
    model::Run baseline, candidate;
    baseline.metrics = {metric("BM_A", "t", 1)};
    candidate.metrics = {metric("BM_A", "t", 1)};
    candidate.metrics[0].samples.back() = 5;  // one slow repetition
    const model::Verdict v = compare_and_check(gate, baseline, candidate, {}, "2026-11-23");
    const model::Comparison* c = find(v, "BM_A", "t");
    EXPECT_EQ(c->statistic, "max");
    EXPECT_DOUBLE_EQ(*c->candidate, 5);
}

TEST(GateCheck, TooFewSamplesOnlyWarn) {
    const Gate gate = gate_of(R"("defaults": {"min_samples": 5})");
    model::Run baseline, candidate;
    baseline.metrics = {metric("BM_A", "t", 1, 3)};
    candidate.metrics = {metric("BM_A", "t", 3, 3)};
    const model::Verdict v = compare_and_check(gate, baseline, candidate, {}, "2026-11-23");
    EXPECT_EQ(find(v, "BM_A", "t")->change, model::ChangeClass::severe);
    EXPECT_EQ(v.level, model::Level::warn);
    ASSERT_EQ(v.findings.size(), 1u);
    EXPECT_NE(v.findings[0].message.find(
                  "It only warns: the gate wants at least 5 samples per side, and this has 3 vs 3; "
                  "run more repetitions."),
              std::string::npos)
        << v.findings[0].message;
}

TEST(GateCheck, RequiredMetricsMustBePresent) {
    const Gate gate = gate_of(R"("required": ["BM_Sort/*", "ttfa"])");
    model::Run baseline, candidate;
    baseline.metrics = {metric("BM_Sort/8", "t", 1)};
    candidate.metrics = {metric("BM_Sort/8", "t", 1)};
    const model::Verdict v = compare_and_check(gate, baseline, candidate, {}, "2026-11-23");
    EXPECT_EQ(v.level, model::Level::fail);
    ASSERT_EQ(v.findings.size(), 1u);
    EXPECT_EQ(v.findings[0].code, "required-missing");
    EXPECT_EQ(v.findings[0].metric, "ttfa");
    EXPECT_EQ(v.findings[0].message,
              "no metric in the results matches \"ttfa\", which the gate requires; make sure the "
              "benchmark still runs and writes it.");
}

TEST(GateCheck, WaiversDecideLast) {
    const Gate gate = gate_of(R"("waivers": [
        {"match": "BM_Legacy", "reason": "r", "owner": "@t", "expires": "2026-12-31"},
        {"match": "BM_Old", "reason": "r", "owner": "@t", "expires": "2026-11-01"}])");
    model::Run baseline, candidate;
    baseline.metrics = {metric("BM_Legacy", "t", 1), metric("BM_Old", "t", 1)};
    candidate.metrics = {metric("BM_Legacy", "t", 3), metric("BM_Old", "t", 1.3)};
    model::Verdict v = compare_and_check(gate, baseline, candidate, {}, "2026-11-23");
    EXPECT_EQ(codes(v), (std::vector<std::string>{"waived:BM_Legacy", "regression:BM_Old",
                                                  "waiver-expired:BM_Old"}));
    EXPECT_EQ(v.level, model::Level::warn);  // BM_Old is a minor regression: warn
    EXPECT_EQ(find(v, "BM_Legacy", "t")->level, model::Level::info);
    // After the first waiver's date, it fails again.
    v = compare_and_check(gate, baseline, candidate, {}, "2027-01-01");
    EXPECT_EQ(v.level, model::Level::fail);
}

}  // namespace
}  // namespace caws::gate

namespace caws::gate {
namespace {

TEST(GateCheck, PerMetricOptionsThatMatchTheRunGiveTheSameComparisons) {
    model::Run baseline, candidate;
    baseline.metrics = {metric("BM_A", "t", 1), metric("BM_B", "t", 1), metric("BM_C", "t", 1)};
    candidate.metrics = {metric("BM_A", "t", 1.3), metric("BM_B", "t", 1.01),
                         metric("BM_C", "t", 0.7)};
    const compare::Options options;
    const auto plain = compare::compare_runs(baseline, candidate, options);
    const auto per_metric = compare::compare_runs(
        baseline, candidate, options,
        [&options](const model::Metric&) { return compare::MetricGate{options, false}; });
    ASSERT_EQ(plain.size(), per_metric.size());
    for (std::size_t i = 0; i < plain.size(); ++i) {
        EXPECT_EQ(plain[i].change, per_metric[i].change);
        EXPECT_EQ(plain[i].p_adjusted, per_metric[i].p_adjusted);
        EXPECT_EQ(plain[i].ratio, per_metric[i].ratio);
    }
}

}  // namespace
}  // namespace caws::gate
