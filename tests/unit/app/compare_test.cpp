// The compare use case called directly on the bundled demo runs.
#include "app/compare.hpp"

#include <gtest/gtest.h>

#include "support/fake_environment.hpp"
#include "support/fixtures.hpp"
#include "util/error.hpp"

namespace caws::app {
namespace {

const model::Comparison& comparison_of(const std::vector<model::Comparison>& comparisons,
                                       const std::string& metric) {
    for (const model::Comparison& c : comparisons) {
        if (c.metric == metric && c.measure == "cpu_time") return c;
    }
    throw std::runtime_error("no comparison of " + metric);
}

CompareRequest demo_compare(const std::string& old_path, const std::string& new_path) {
    CompareRequest request;
    request.old_path = test::source_path(old_path);
    request.new_path = test::source_path(new_path);
    return request;
}

TEST(RunCompare, TwoResultsFilesAreClassedButNeverGated) {
    const test::FakeEnvironment environment;
    const CompareResult result = run_compare(
        demo_compare("examples/results/demo-baseline-run.json", "examples/results/demo.json"),
        environment);
    EXPECT_TRUE(
        model::is_regression(comparison_of(result.report.comparisons, "BM_Hash/3000").change));
    EXPECT_EQ(comparison_of(result.report.comparisons, "BM_Copy/4096").change,
              model::ChangeClass::improved);
    ASSERT_TRUE(result.verdict.scores.has_value());
    EXPECT_LT(result.verdict.scores->health.value, 100);
    // No score limits: the scores inform, no low-health finding fails the comparison.
    for (const model::Finding& finding : result.verdict.findings) {
        EXPECT_NE(finding.code, "low-health");
        EXPECT_NE(finding.code, "low-trust");
    }
}

TEST(RunCompare, ABaselineFileIsReadAsABaseline) {
    const test::FakeEnvironment environment;
    const CompareResult result = run_compare(
        demo_compare("examples/baselines/demo.json", "examples/results/demo-baseline-run.json"),
        environment);
    EXPECT_EQ(result.verdict.level, model::Level::pass);
    EXPECT_EQ(comparison_of(result.report.comparisons, "BM_Hash/3000").change,
              model::ChangeClass::unchanged);
}

TEST(RunCompare, AnUnknownTestIsAnError) {
    CompareRequest request =
        demo_compare("examples/results/demo-baseline-run.json", "examples/results/demo.json");
    request.statistics.test = "nope";
    const test::FakeEnvironment environment;
    EXPECT_THROW(run_compare(request, environment), util::Error);
}

}  // namespace
}  // namespace caws::app
