#include "gate/waivers.hpp"

#include <gtest/gtest.h>

namespace caws::gate {
namespace {

model::Finding regression(const std::string& metric, model::Level level = model::Level::fail) {
    return model::Finding{
        level, "regression", metric, "cpu_time", metric + " is 1.60x worse.", std::nullopt};
}

WaiverRule waiver(const std::string& match, const std::string& expires) {
    return WaiverRule{match, "", "rewrite lands in 2.0", "@storage-team", expires, "/waivers/0"};
}

TEST(Waivers, DatesAreCheckedOnTheCalendar) {
    EXPECT_TRUE(valid_date("2026-12-31"));
    EXPECT_TRUE(valid_date("2028-02-29"));
    EXPECT_TRUE(valid_date("2000-02-29"));
    EXPECT_FALSE(valid_date("2100-02-29"));
    EXPECT_FALSE(valid_date("2026-02-29"));
    EXPECT_FALSE(valid_date("2026-13-01"));
    EXPECT_FALSE(valid_date("2026-00-10"));
    EXPECT_FALSE(valid_date("2026-04-31"));
    EXPECT_FALSE(valid_date("2026-4-30"));
    EXPECT_FALSE(valid_date("2026-04-30T00:00:00Z"));
    EXPECT_FALSE(valid_date(""));
    EXPECT_EQ(date_of(1'795'392'000), "2026-11-23");
}

TEST(Waivers, AnActiveWaiverTurnsAFindingIntoInfo) {
    std::vector<model::Finding> findings{regression("BM_Legacy/1"), regression("BM_Sort")};
    std::vector<model::Comparison> comparisons(2);
    comparisons[0].metric = "BM_Legacy/1";
    comparisons[0].measure = "cpu_time";
    comparisons[0].level = model::Level::fail;
    comparisons[1].metric = "BM_Sort";
    comparisons[1].measure = "cpu_time";
    comparisons[1].level = model::Level::fail;
    apply_waivers({waiver("BM_Legacy*", "2026-12-31")}, "2026-12-31", findings, comparisons);
    ASSERT_EQ(findings.size(), 2u);
    EXPECT_EQ(findings[0].code, "waived");
    EXPECT_EQ(findings[0].level, model::Level::info);
    EXPECT_EQ(findings[0].message,
              "BM_Legacy/1 is 1.60x worse. Waived until 2026-12-31 by @storage-team: rewrite "
              "lands in 2.0.");
    ASSERT_TRUE(findings[0].waiver);
    EXPECT_FALSE(findings[0].waiver->expired);
    EXPECT_EQ(findings[0].waiver->pattern, "BM_Legacy*");
    EXPECT_EQ(comparisons[0].level, model::Level::info);
    EXPECT_EQ(findings[1].code, "regression");
    EXPECT_EQ(comparisons[1].level, model::Level::fail);
}

TEST(Waivers, AnExpiredWaiverNoLongerWaivesAndWarns) {
    std::vector<model::Finding> findings{regression("BM_Legacy/1")};
    std::vector<model::Comparison> comparisons;
    apply_waivers({waiver("BM_Legacy*", "2026-11-22")}, "2026-11-23", findings, comparisons);
    ASSERT_EQ(findings.size(), 2u);
    EXPECT_EQ(findings[0].code, "regression");
    EXPECT_EQ(findings[0].level, model::Level::fail);
    ASSERT_TRUE(findings[0].waiver);
    EXPECT_TRUE(findings[0].waiver->expired);
    EXPECT_EQ(findings[1].code, "waiver-expired");
    EXPECT_EQ(findings[1].level, model::Level::warn);
    EXPECT_EQ(findings[1].metric, "BM_Legacy/1");
    EXPECT_EQ(findings[1].message,
              "the waiver for \"BM_Legacy*\" (@storage-team: rewrite lands in 2.0) expired on "
              "2026-11-22, so the regression of BM_Legacy/1 (cpu_time) counts again; fix it, or "
              "renew the waiver with a new date.");
}

TEST(Waivers, OnlyWarningsAndFailuresAreWaivedAndMeasuresMustMatch) {
    std::vector<model::Finding> findings{regression("BM_A", model::Level::info),
                                         regression("BM_B")};
    WaiverRule real_time = waiver("BM_*", "2027-01-01");
    real_time.measure = "real_time";
    std::vector<model::Comparison> comparisons;
    apply_waivers({real_time}, "2026-11-23", findings, comparisons);
    EXPECT_EQ(findings[0].code, "regression");
    EXPECT_FALSE(findings[0].waiver);
    EXPECT_EQ(findings[1].code, "regression");
    EXPECT_FALSE(findings[1].waiver);
}

TEST(Waivers, AnExpiredWaiverThatMatchesNothingAsksToBeRemoved) {
    std::vector<model::Finding> findings;
    std::vector<model::Comparison> comparisons;
    apply_waivers({waiver("BM_Gone", "2026-01-01"), waiver("BM_Later", "2027-01-01")}, "2026-11-23",
                  findings, comparisons);
    ASSERT_EQ(findings.size(), 1u);
    EXPECT_EQ(findings[0].code, "waiver-expired");
    EXPECT_EQ(findings[0].metric, "BM_Gone");
    EXPECT_EQ(findings[0].message,
              "the waiver for \"BM_Gone\" (@storage-team: rewrite lands in 2.0) expired on "
              "2026-01-01 and matches nothing in this run; remove it from the gate file.");
}

}  // namespace
}  // namespace caws::gate
