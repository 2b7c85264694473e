#include "util/strings.hpp"

#include <gtest/gtest.h>

namespace caws::util {
namespace {

TEST(Strings, LowerFoldsAsciiLettersOnly) {
    EXPECT_EQ(lower("Debug"), "debug");
    EXPECT_EQ(lower("MiB/S 42_X"), "mib/s 42_x");
    EXPECT_EQ(lower("\xC3\x89t\xC3\xA9"), "\xC3\x89t\xC3\xA9");  // "Été": UTF-8 unchanged
    EXPECT_EQ(lower(""), "");
}

TEST(Strings, TrimRemovesWhitespaceAtBothEnds) {
    EXPECT_EQ(trim(" \t x y \r\n"), "x y");
    EXPECT_EQ(trim("\v\f"), "");
    EXPECT_EQ(trim(""), "");
    EXPECT_EQ(trim("kept"), "kept");
}

TEST(Strings, TrimRemovesOnlyTheCharactersGiven) {
    EXPECT_EQ(trim("  ns\t ", " "), "ns\t");
    EXPECT_EQ(trim("--a-b--", "-"), "a-b");
}

}  // namespace
}  // namespace caws::util
