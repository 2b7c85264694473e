#include "gate/glob.hpp"

#include <gtest/gtest.h>

namespace caws::gate {
namespace {

TEST(Glob, LiteralsMatchThemselvesWhole) {
    EXPECT_TRUE(glob_match("ttfa", "ttfa"));
    EXPECT_FALSE(glob_match("ttfa", "ttfa2"));
    EXPECT_FALSE(glob_match("ttfa", "xttfa"));
    EXPECT_FALSE(glob_match("ttfa", "TTFA"));
    EXPECT_TRUE(glob_match("", ""));
    EXPECT_FALSE(glob_match("", "a"));
}

TEST(Glob, StarMatchesAnyRunIncludingSlashes) {
    EXPECT_TRUE(glob_match("BM_Sort/*", "BM_Sort/1024"));
    EXPECT_TRUE(glob_match("BM_Sort/*", "BM_Sort/"));
    EXPECT_FALSE(glob_match("BM_Sort/*", "BM_Sort"));
    EXPECT_TRUE(glob_match("BM_*", "BM_Sort/1024/threads:8"));
    EXPECT_TRUE(glob_match("*", ""));
    EXPECT_TRUE(glob_match("*/1024", "BM_Sort/1024"));
    EXPECT_TRUE(glob_match("BM_*_x*y", "BM_a_xb_xy"));
    EXPECT_FALSE(glob_match("BM_*_x*y", "BM_a_xb_xyz"));
    EXPECT_TRUE(glob_match("a**b", "ab"));
}

TEST(Glob, QuestionMarkMatchesOneCharacter) {
    EXPECT_TRUE(glob_match("BM_?", "BM_a"));
    EXPECT_FALSE(glob_match("BM_?", "BM_"));
    EXPECT_FALSE(glob_match("BM_?", "BM_ab"));
}

TEST(Glob, BracketsMatchSetsRangesAndNegations) {
    EXPECT_TRUE(glob_match("BM_[ST]ort", "BM_Sort"));
    EXPECT_TRUE(glob_match("BM_[ST]ort", "BM_Tort"));
    EXPECT_FALSE(glob_match("BM_[ST]ort", "BM_Port"));
    EXPECT_TRUE(glob_match("n[0-9][0-9]", "n42"));
    EXPECT_FALSE(glob_match("n[0-9]", "nx"));
    EXPECT_TRUE(glob_match("n[!0-9]", "nx"));
    EXPECT_TRUE(glob_match("n[^0-9]", "nx"));
    EXPECT_FALSE(glob_match("n[!0-9]", "n5"));
    EXPECT_TRUE(glob_match("[]]", "]"));
    EXPECT_TRUE(glob_match("[!]]", "a"));
    EXPECT_TRUE(glob_match("a[-x]", "a-"));
    EXPECT_TRUE(glob_match("*[0-9]", "BM_Sort/1024"));
}

TEST(Glob, BackslashEscapes) {
    EXPECT_TRUE(glob_match("a\\*", "a*"));
    EXPECT_FALSE(glob_match("a\\*", "ab"));
    EXPECT_TRUE(glob_match("\\[x]", "[x]"));
}

TEST(Glob, MalformedPatternsAreReported) {
    EXPECT_EQ(glob_error("BM_[Sort"), "'[' at offset 3 is never closed");
    EXPECT_EQ(glob_error("[]"), "'[' at offset 0 is never closed");
    EXPECT_EQ(glob_error("a[z-a]"), "the range 'z-a' at offset 1 is reversed");
    EXPECT_EQ(glob_error("abc\\"), "the pattern ends with a lone '\\'");
    EXPECT_EQ(glob_error("BM_[ST]*/?"), std::nullopt);
    EXPECT_FALSE(glob_match("BM_[Sort", "BM_[Sort"));
}

}  // namespace
}  // namespace caws::gate
