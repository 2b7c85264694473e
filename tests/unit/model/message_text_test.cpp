#include "model/message_text.hpp"

#include <gtest/gtest.h>

namespace caws::model {
namespace {

TEST(MessageLiteral, TextWithoutBackticksIsUnchanged) {
    EXPECT_EQ(message_literal("BM_Parse<json>/8"), "BM_Parse<json>/8");
    EXPECT_EQ(message_literal(""), "");
}

TEST(MessageLiteral, EachRunOfBackticksBecomesASpanOfItself) {
    EXPECT_EQ(message_literal("a`b"), "a`` ` ``b");
    EXPECT_EQ(message_literal("``x`"), "``` `` ```x`` ` ``");
}

}  // namespace
}  // namespace caws::model
