#include "app/trend_rules.hpp"

#include <gtest/gtest.h>

namespace caws::app {
namespace {

TEST(CheckTrends, WithoutATrendSectionEverythingOnlyWarns) {
    const trend::GateRules none = check_trend_rules(std::nullopt);
    EXPECT_EQ(none.degrading, model::Level::warn);
    EXPECT_EQ(none.change_point, model::Level::warn);
    EXPECT_EQ(none.change_point_within, 5u);
    gate::Gate gate;
    EXPECT_EQ(check_trend_rules(gate).change_point, model::Level::warn);
    gate.trend = gate::TrendSettings{};
    gate.trend->degrading = model::Level::fail;
    gate.trend->change_point_within = 8;
    const trend::GateRules from_gate = check_trend_rules(gate);
    EXPECT_EQ(from_gate.degrading, model::Level::fail);
    EXPECT_EQ(from_gate.change_point, model::Level::fail);  // the section's default
    EXPECT_EQ(from_gate.change_point_within, 8u);
}

}  // namespace
}  // namespace caws::app
