#include "compare/methods.hpp"

#include <gtest/gtest.h>

#include <string>

namespace caws::compare {
namespace {

TEST(Methods, NamesRoundTrip) {
    for (const auto name : test_names()) EXPECT_EQ(to_string(*test_from_string(name)), name);
    for (const auto name : correction_names()) {
        EXPECT_EQ(to_string(*correction_from_string(name)), name);
    }
    for (const auto name : ci_method_names())
        EXPECT_EQ(to_string(*ci_method_from_string(name)), name);
}

TEST(Methods, CommandLineValuesAreTheIssuesNames) {
    EXPECT_EQ(test_from_string("auto"), SignificanceTest::automatic);
    EXPECT_EQ(test_from_string("mann-whitney"), SignificanceTest::mann_whitney);
    EXPECT_EQ(test_from_string("mann-whitney-exact"), SignificanceTest::mann_whitney_exact);
    EXPECT_EQ(test_from_string("welch"), SignificanceTest::welch);
    EXPECT_EQ(test_from_string("moderated-t"), SignificanceTest::moderated_t);
    EXPECT_EQ(correction_from_string("bh"), Correction::bh);
    EXPECT_EQ(ci_method_from_string("hl"), CiMethod::hodges_lehmann);
    EXPECT_FALSE(test_from_string("ttest"));
    EXPECT_FALSE(correction_from_string("BH"));
    EXPECT_FALSE(ci_method_from_string(""));
    EXPECT_EQ(std::string(label_of(Correction::bh)), "Benjamini-Hochberg");
}

}  // namespace
}  // namespace caws::compare
