#include "gate/interference.hpp"

#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "gate/interleaving.hpp"
#include "gate/scores.hpp"

namespace caws::gate {
namespace {

using model::ChangeClass;
using model::Level;

// A compared clock of a benchmark: gated cpu_time or ungated real_time by default.
model::Comparison clock(const std::string& metric, const std::string& measure, double ratio,
                        double p_value) {
    model::Comparison c;
    c.metric = metric;
    c.measure = measure;
    c.unit = model::seconds();
    c.direction = model::Direction::lower;
    c.ratio = ratio;
    c.tested = true;
    c.p_value = p_value;
    c.gated = measure == "cpu_time";
    if (c.gated) {
        c.p_adjusted = p_value;
        c.significant = p_value < 0.05;
        if (c.significant && ratio >= 1.5)
            c.change = ChangeClass::moderate;
        else if (c.significant && ratio >= 1.2)
            c.change = ChangeClass::minor;
    }
    return c;
}

model::Verdict verdict_of(std::vector<model::Comparison> comparisons) {
    model::Verdict verdict;
    verdict.comparisons = std::move(comparisons);
    return verdict;
}

TEST(Interference, WallTimeGrowingWithoutCpuTimeIsSuspected) {
    model::Verdict verdict = verdict_of({
        clock("BM_Busy", "real_time", 1.58, 0.001),
        clock("BM_Busy", "cpu_time", 0.99, 0.6),
        clock("BM_Slow", "real_time", 1.6, 0.001),
        clock("BM_Slow", "cpu_time", 1.6, 0.001),
        clock("BM_Quiet", "real_time", 1.3, 0.2),
        clock("BM_Quiet", "cpu_time", 1.0, 0.9),
        clock("BM_Small", "real_time", 1.1, 0.001),
        clock("BM_Small", "cpu_time", 1.0, 0.9),
        // Timed by wall time on purpose: not judged.
        clock("BM_Wait/real_time", "real_time", 3, 0.001),
        clock("BM_Wait/real_time", "cpu_time", 1, 0.9),
    });
    const InterferenceScan scan = scan_interference(verdict.comparisons, 1.2, 0.05);
    EXPECT_EQ(scan.judged, 4u);
    ASSERT_EQ(scan.suspected.size(), 1u);
    EXPECT_EQ(scan.suspected.front().wall->metric, "BM_Busy");
    EXPECT_EQ(interference_sentence(scan.suspected.front()),
              "wall time grew without CPU time: interference suspected (real_time 1.58x, "
              "cpu_time 0.99x)");

    add_interference_findings(verdict, 1.2, 0.05);
    ASSERT_EQ(verdict.findings.size(), 1u);
    const model::Finding& f = verdict.findings.front();
    EXPECT_EQ(f.code, "interference");
    EXPECT_EQ(f.level, Level::info);
    EXPECT_EQ(f.metric, "BM_Busy");
    EXPECT_EQ(f.measure, "real_time");
    EXPECT_EQ(f.message.rfind("BM_Busy: wall time grew without CPU time", 0), 0u) << f.message;
    EXPECT_NE(f.message.find("--benchmark_enable_random_interleaving=true"), std::string::npos);
    EXPECT_EQ(verdict.level, Level::pass);  // information, not a verdict
    EXPECT_EQ(
        verdict.comparisons.front().notes.back(),
        interference_sentence(scan_interference(verdict.comparisons, 1.2, 0.05).suspected.front()));
}

// CPU time that grew with the wall time but that the history's between-run noise then made
// unchanged still grew: the wait for a CPU is not the cause.
TEST(Interference, CpuTimeMadeUnchangedByTheHistoryStillGrew) {
    model::Comparison cpu = clock("BM_Slow", "cpu_time", 2.17, 0.001);
    ASSERT_EQ(cpu.change, ChangeClass::moderate);
    cpu.between_run.emplace();
    cpu.between_run->reclassified_from = cpu.change;
    cpu.change = ChangeClass::unchanged;
    const std::vector<model::Comparison> comparisons{clock("BM_Slow", "real_time", 2.19, 0.001),
                                                     cpu};
    EXPECT_TRUE(scan_interference(comparisons, 1.2, 0.05).suspected.empty());

    // Made unchanged from an improvement, it did not grow.
    cpu.between_run->reclassified_from = ChangeClass::improved;
    const std::vector<model::Comparison> improved{clock("BM_Slow", "real_time", 2.19, 0.001), cpu};
    EXPECT_EQ(scan_interference(improved, 1.2, 0.05).suspected.size(), 1u);
}

TEST(Interference, WarnsWhenTheGateCountsWallTime) {
    model::Comparison wall = clock("BM_Busy", "real_time", 1.7, 0.001);
    wall.gated = true;
    wall.significant = true;
    wall.p_adjusted = 0.001;
    wall.change = ChangeClass::moderate;
    model::Comparison cpu = clock("BM_Busy", "cpu_time", 1.05, 0.01);  // significant, below minor
    cpu.gated = false;
    model::Verdict verdict = verdict_of({wall, cpu});
    verdict.level = Level::fail;  // the regression on real_time
    add_interference_findings(verdict, 1.2, 0.05);
    ASSERT_EQ(verdict.findings.size(), 1u);
    EXPECT_EQ(verdict.findings.front().level, Level::warn);
    EXPECT_NE(verdict.findings.front().message.find("gates real_time"), std::string::npos);
    EXPECT_EQ(verdict.level, Level::fail);
    model::Verdict passing = verdict_of({wall, cpu});
    add_interference_findings(passing, 1.2, 0.05);
    EXPECT_EQ(passing.level, Level::warn);  // never more than a warning
}

TEST(Interference, TheTrustComponentIsTheShareOfBenchmarksSuspected) {
    const model::Verdict none = verdict_of({clock("t", "time", 2, 0.001)});
    EXPECT_EQ(interference_component(none, 1.2, 0.05, 0.05).score, 100);
    model::Verdict verdict;
    for (int i = 0; i < 4; ++i) {
        const std::string name = "BM_" + std::to_string(i);
        verdict.comparisons.push_back(clock(name, "real_time", i == 0 ? 1.58 : 1.0, 0.001));
        verdict.comparisons.push_back(clock(name, "cpu_time", 1.0, 0.9));
    }
    const model::ScoreComponent c = interference_component(verdict, 1.2, 0.05, 0.05);
    EXPECT_EQ(c.name, "interference");
    EXPECT_EQ(c.score, 75);  // 100 * (1 - 1 / 4)
    EXPECT_EQ(c.detail,
              "1 of 4 benchmarks timed by CPU time grew in wall time without CPU time (first: "
              "BM_0, real_time 1.58x, cpu_time 1.00x)");
}

model::Run run_in(std::optional<model::RepetitionOrder> order) {
    model::Run run;
    run.context.repetitions = order;
    return run;
}

ScoreInput sides(const model::Run* baseline, const model::Run* candidate) {
    ScoreInput input;
    input.baseline = baseline;
    input.candidate = candidate;
    return input;
}

TEST(Interleaving, BackToBackRepetitionsCostHalfTheComponentAndAreRecommendedAgainst) {
    using model::RepetitionOrder;
    const model::Run interleaved = run_in(RepetitionOrder::interleaved);
    const model::Run back_to_back = run_in(RepetitionOrder::back_to_back);
    const model::Run unknown = run_in(std::nullopt);
    ScoreInput input = sides(&unknown, &interleaved);
    EXPECT_EQ(interleaving_component(input, 0.05).score, 100);
    EXPECT_EQ(interleaving_component(input, 0.05).detail,
              "repetitions interleaved across benchmarks");
    EXPECT_FALSE(interleaving_recommendation(input));

    input.candidate = &back_to_back;
    const model::ScoreComponent c = interleaving_component(input, 0.05);
    EXPECT_EQ(c.score, 50);
    EXPECT_EQ(c.detail.rfind("each benchmark's repetitions ran back to back in the candidate", 0),
              0u);
    const auto advice = interleaving_recommendation(input);
    ASSERT_TRUE(advice);
    EXPECT_EQ(advice->code, "interleave-repetitions");
    EXPECT_NE(advice->message.find("--benchmark_enable_random_interleaving=true"),
              std::string::npos);

    // ab interleaves its rounds whatever each round did inside.
    input.paired_rounds = true;
    EXPECT_EQ(interleaving_component(input, 0.05).score, 100);
    EXPECT_FALSE(interleaving_recommendation(input));

    // Nothing recorded, one repetition each, too few benchmarks: nothing to hold against.
    for (const auto order :
         {std::optional<RepetitionOrder>{}, std::optional{RepetitionOrder::single},
          std::optional{RepetitionOrder::undetermined}}) {
        const model::Run run = run_in(order);
        EXPECT_EQ(interleaving_component(sides(&unknown, &run), 0.05).score, 100);
    }
}

TEST(Interleaving, TheBaselineCountsWhenItsOrderIsKnown) {
    const model::Run back_to_back = run_in(model::RepetitionOrder::back_to_back);
    const model::Run interleaved = run_in(model::RepetitionOrder::interleaved);
    const ScoreInput input = sides(&back_to_back, &interleaved);
    EXPECT_EQ(interleaving_component(input, 0.05).score, 50);
    EXPECT_NE(interleaving_component(input, 0.05).detail.find("in the baseline"),
              std::string::npos);
}

}  // namespace
}  // namespace caws::gate
