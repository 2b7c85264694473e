#include "util/text_position.hpp"

#include <gtest/gtest.h>

namespace caws::util {
namespace {

TEST(TextPosition, CountsLinesAndColumnsFromOne) {
    const std::string_view text = "ab\ncde\n\nf";
    EXPECT_EQ(position_of(text, 0).line, 1u);
    EXPECT_EQ(position_of(text, 0).column, 1u);
    EXPECT_EQ(position_of(text, 4).line, 2u);
    EXPECT_EQ(position_of(text, 4).column, 2u);
    EXPECT_EQ(position_of(text, 8).line, 4u);
    EXPECT_EQ(position_of(text, 8).column, 1u);
}

TEST(TextPosition, ClampsPastTheEnd) {
    EXPECT_EQ(position_of("abc", 99).column, 4u);
    EXPECT_EQ(describe(TextPosition{3, 14}), "line 3, column 14");
}

}  // namespace
}  // namespace caws::util
