#include "util/utf8.hpp"

#include <gtest/gtest.h>

#include <string_view>

namespace caws::util {
namespace {

TEST(Utf8, SequenceLengths) {
    EXPECT_EQ(utf8_sequence_length("a", 0), 1u);
    EXPECT_EQ(utf8_sequence_length("\xC3\xA9", 0), 2u);          // é
    EXPECT_EQ(utf8_sequence_length("\xE2\x82\xAC", 0), 3u);      // €
    EXPECT_EQ(utf8_sequence_length("\xF0\x9F\x98\x80", 0), 4u);  // U+1F600
    EXPECT_EQ(utf8_sequence_length("x\xC3\xA9", 1), 2u);
}

TEST(Utf8, RejectsWhatRfc3629Excludes) {
    EXPECT_EQ(utf8_sequence_length("\x80", 0), 0u);              // a stray continuation byte
    EXPECT_EQ(utf8_sequence_length("\xC0\xAF", 0), 0u);          // overlong '/'
    EXPECT_EQ(utf8_sequence_length("\xE0\x80\xAF", 0), 0u);      // overlong, three bytes
    EXPECT_EQ(utf8_sequence_length("\xED\xA0\x80", 0), 0u);      // surrogate U+D800
    EXPECT_EQ(utf8_sequence_length("\xF0\x80\x80\xAF", 0), 0u);  // overlong, four bytes
    EXPECT_EQ(utf8_sequence_length("\xF4\x90\x80\x80", 0), 0u);  // above U+10FFFF
    EXPECT_EQ(utf8_sequence_length("\xF5\x80\x80\x80", 0), 0u);  // no such lead byte
    EXPECT_EQ(utf8_sequence_length("\xE2\x82", 0), 0u);          // cut short
    EXPECT_EQ(utf8_sequence_length("\xC3(", 0), 0u);             // not a continuation
}

TEST(Utf8, FirstInvalidByte) {
    EXPECT_EQ(first_invalid_utf8("plain \xC3\xA9t\xC3\xA9"), std::string_view::npos);
    EXPECT_EQ(first_invalid_utf8(""), std::string_view::npos);
    EXPECT_EQ(first_invalid_utf8("ab\xFF"
                                 "cd"),
              2u);
    EXPECT_EQ(first_invalid_utf8("\xE2\x82\xAC\xE2\x82"), 3u);
}

}  // namespace
}  // namespace caws::util
