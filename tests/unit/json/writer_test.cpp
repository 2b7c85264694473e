#include "json/writer.hpp"

#include <gtest/gtest.h>

#include <limits>
#include <optional>
#include <string>
#include <string_view>

namespace caws::json {
namespace {

std::string string_of(std::string_view text) {
    std::string out;
    append_string(out, text);
    return out;
}

std::string number_of(const std::optional<double>& value) {
    std::string out = "x";
    append_number(out, value);
    return out.substr(1);
}

TEST(JsonWriter, StringsAreQuotedAndEscaped) {
    EXPECT_EQ(string_of("plain"), "\"plain\"");
    EXPECT_EQ(string_of("a\"b\\c"), "\"a\\\"b\\\\c\"");
    EXPECT_EQ(string_of("l1\nl2\tx\r"), "\"l1\\nl2\\tx\\r\"");
    EXPECT_EQ(string_of(std::string_view("\x01\x1f\b\f", 4)), "\"\\u0001\\u001f\\u0008\\u000c\"");
    EXPECT_EQ(string_of("\x7f/"), "\"\x7f/\"");
}

TEST(JsonWriter, Utf8IsKeptAndEachInvalidByteReplaced) {
    EXPECT_EQ(string_of("\xC3\xA9t\xC3\xA9 \xF0\x9F\x98\x80"),
              "\"\xC3\xA9t\xC3\xA9 \xF0\x9F\x98\x80\"");
    EXPECT_EQ(string_of("a\xFF"
                        "b"),
              "\"a\xEF\xBF\xBD"
              "b\"");
    // A cut-short sequence: each of its bytes is replaced.
    EXPECT_EQ(string_of("\xE2\x82"), "\"\xEF\xBF\xBD\xEF\xBF\xBD\"");
}

TEST(JsonWriter, NumbersAreShortestRoundTripOrNull) {
    EXPECT_EQ(number_of(0.1), "0.1");
    EXPECT_EQ(number_of(12.0), "12");
    EXPECT_EQ(number_of(1e-7), "1e-07");
    EXPECT_EQ(number_of(-2.5e300), "-2.5e+300");
    EXPECT_EQ(number_of(0.1 + 0.2), "0.30000000000000004");
    EXPECT_EQ(number_of(std::nullopt), "null");
    EXPECT_EQ(number_of(std::numeric_limits<double>::infinity()), "null");
    EXPECT_EQ(number_of(std::numeric_limits<double>::quiet_NaN()), "null");
}

}  // namespace
}  // namespace caws::json
