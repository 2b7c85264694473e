#include "gate/policy.hpp"

#include <gtest/gtest.h>

namespace caws::gate {
namespace {

using model::ChangeClass;
using model::Level;

model::Comparison comparison(const std::string& metric, const std::string& measure,
                             ChangeClass change, double ratio = 1.0) {
    model::Comparison c;
    c.metric = metric;
    c.measure = measure;
    c.unit = model::seconds();
    c.direction = model::Direction::lower;
    c.change = change;
    c.ratio = ratio;
    c.baseline = 1.2e-6;
    c.candidate = 1.2e-6 * ratio;
    c.tested = true;
    c.test = "mann-whitney";
    c.p_value = 0.0002;
    c.n_baseline = 10;
    c.n_candidate = 10;
    return c;
}

TEST(Policy, DefaultLevelsPerClass) {
    const Policy p;
    EXPECT_EQ(p.level_of(ChangeClass::minor), Level::warn);
    EXPECT_EQ(p.level_of(ChangeClass::moderate), Level::fail);
    EXPECT_EQ(p.level_of(ChangeClass::severe), Level::fail);
    EXPECT_EQ(p.level_of(ChangeClass::failed), Level::fail);
    EXPECT_EQ(p.level_of(ChangeClass::removed), Level::warn);
    EXPECT_EQ(p.level_of(ChangeClass::added), Level::info);
    EXPECT_EQ(p.level_of(ChangeClass::improved), Level::pass);
    EXPECT_EQ(p.level_of(ChangeClass::unchanged), Level::pass);
}

TEST(Evaluate, VerdictIsTheWorstLevel) {
    EXPECT_EQ(evaluate({comparison("A", "cpu_time", ChangeClass::unchanged)}).level, Level::pass);
    EXPECT_EQ(evaluate({comparison("A", "cpu_time", ChangeClass::added)}).level, Level::pass);
    EXPECT_EQ(evaluate({comparison("A", "cpu_time", ChangeClass::minor, 1.3)}).level, Level::warn);
    EXPECT_EQ(evaluate({comparison("A", "cpu_time", ChangeClass::minor, 1.3),
                        comparison("B", "cpu_time", ChangeClass::moderate, 1.7)})
                  .level,
              Level::fail);
}

TEST(Evaluate, RegressionFindingsSayWhatHappenedAndWhatToDo) {
    const model::Verdict v =
        evaluate({comparison("BM_Sort/1024", "cpu_time", ChangeClass::moderate, 1.58)});
    ASSERT_EQ(v.findings.size(), 1u);
    const model::Finding& f = v.findings[0];
    EXPECT_EQ(f.level, Level::fail);
    EXPECT_EQ(f.code, "regression");
    EXPECT_EQ(f.metric, "BM_Sort/1024");
    EXPECT_EQ(f.measure, "cpu_time");
    EXPECT_EQ(
        f.message,
        "BM_Sort/1024 (cpu_time) is 1.58x worse than the baseline (median 1.20 µs -> 1.90 µs, "
        "p = 0.0002 (mann-whitney), n = 10 vs 10): a moderate regression; find the change that "
        "caused it, "
        "or refresh the baseline if it is intended.");
    EXPECT_EQ(v.comparisons[0].level, Level::fail);
}

TEST(Evaluate, OneFindingPerMissingOrFailedBenchmark) {
    auto failed_real = comparison("BM_X", "real_time", ChangeClass::failed);
    failed_real.message = "injected failure";
    auto failed_cpu = comparison("BM_X", "cpu_time", ChangeClass::failed);
    failed_cpu.message = "injected failure";
    const model::Verdict v =
        evaluate({failed_real, failed_cpu, comparison("BM_Y", "real_time", ChangeClass::removed),
                  comparison("BM_Y", "cpu_time", ChangeClass::removed)});
    ASSERT_EQ(v.findings.size(), 2u);
    EXPECT_EQ(v.findings[0].code, "failed");
    EXPECT_EQ(v.findings[0].measure, "");
    EXPECT_EQ(v.findings[0].message,
              "BM_X failed: \"injected failure\"; fix the benchmark so that it runs.");
    EXPECT_EQ(v.findings[1].code, "removed");
    EXPECT_EQ(v.findings[1].level, Level::warn);
    EXPECT_EQ(v.level, Level::fail);
}

TEST(Evaluate, UngatedMetricsNeverRaiseALevel) {
    auto c = comparison("BM_A", "cache_misses", ChangeClass::severe, 3.0);
    c.gated = false;
    const model::Verdict v = evaluate({c});
    EXPECT_EQ(v.level, Level::pass);
    EXPECT_TRUE(v.findings.empty());
    EXPECT_EQ(v.comparisons[0].level, Level::pass);
}

}  // namespace
}  // namespace caws::gate
