#include "compare/system_table.hpp"

#include <gtest/gtest.h>

#include <string>
#include <vector>

namespace caws::compare {
namespace {

const std::vector<double> k_ten{1.00, 1.02, 0.98, 1.01, 0.99, 1.03, 0.97, 1.00, 1.015, 0.985};

std::vector<double> scaled(double factor) {
    std::vector<double> out;
    for (const double v : k_ten) out.push_back(v * factor);
    return out;
}

model::Metric timing(const std::string& name, std::vector<double> samples) {
    model::Metric metric;
    metric.name = name;
    metric.measure = "cpu_time";
    metric.unit = model::seconds();
    metric.direction = model::Direction::lower;
    metric.samples = std::move(samples);
    return metric;
}

// Three systems with one metric each, taking `a`, `b` and `c` times k_ten.
std::vector<SystemRun> systems(double a, double b, double c) {
    std::vector<SystemRun> out;
    const std::vector<std::pair<std::string, double>> scales{{"A", a}, {"B", b}, {"C", c}};
    for (const auto& [name, factor] : scales) {
        SystemRun system{name, {}};
        system.run.metrics.push_back(timing("BM_X", scaled(factor)));
        out.push_back(std::move(system));
    }
    return out;
}

std::vector<bool> best_flags(const SystemTable& table) {
    std::vector<bool> out;
    for (const auto& cell : table.rows.at(0).cells) out.push_back(cell.best);
    return out;
}

TEST(SystemTable, TheBestIsMarkedWhenItIsSignificantlyBetterThanEveryOtherSystem) {
    // B is half the time of A and C: its lead is far outside the noise.
    const auto table = build_system_table(systems(1.0, 0.5, 1.2), {});
    ASSERT_EQ(table.rows.size(), 1U);
    EXPECT_EQ(best_flags(table), (std::vector<bool>{false, true, false}));
}

TEST(SystemTable, TheBestAgainstANonReferenceSystemIsTestedDirectly) {
    // C beats the reference A clearly but B only by 0.2%, inside the noise: no bold.
    const auto table = build_system_table(systems(1.0, 0.601, 0.6), {});
    EXPECT_EQ(best_flags(table), (std::vector<bool>{false, false, false}));
}

TEST(SystemTable, NoBestWhenTheBestIsTheReferenceWithinTheNoise) {
    const auto table = build_system_table(systems(1.0, 1.002, 1.5), {});
    EXPECT_EQ(best_flags(table), (std::vector<bool>{false, false, false}));
}

TEST(SystemTable, TheReferenceCanBeTheSignificantBest) {
    const auto table = build_system_table(systems(0.5, 1.0, 1.5), {});
    EXPECT_EQ(best_flags(table), (std::vector<bool>{true, false, false}));
}

}  // namespace
}  // namespace caws::compare
