#include "ingest/text_cursor.hpp"

#include <gtest/gtest.h>

#include "util/error.hpp"
#include "util/strings.hpp"

namespace caws::ingest {
namespace {

TEST(TextCursor, LinesWithoutBreaksAndCarriageReturns) {
    TextCursor cursor("a\r\nb\n\nc", "f.txt");
    std::vector<std::string> lines;
    std::string_view line;
    while (cursor.next(line)) lines.emplace_back(line);
    EXPECT_EQ(lines, (std::vector<std::string>{"a", "b", "", "c"}));
    EXPECT_EQ(cursor.line_number(), 4u);
}

TEST(TextCursor, FailNamesTheFileLineAndColumn) {
    const std::string_view text = "first\nsecond word\n";
    TextCursor cursor(text, "f.txt");
    try {
        cursor.fail(text.substr(13, 4), "expected a number, got \"word\"");
        FAIL() << "no error";
    } catch (const util::Error& error) {
        EXPECT_STREQ(error.what(), "f.txt: line 2, column 8: expected a number, got \"word\"");
        EXPECT_EQ(error.where(), "line 2, column 8");
    }
    EXPECT_EQ(cursor.where(text.substr(text.size())), "line 3, column 1");
}

TEST(TextCursor, Fields) {
    std::string_view rest = "  Benchmark-8 \t 100\t 5 ns/op  ";
    EXPECT_EQ(next_field(rest), "Benchmark-8");
    EXPECT_EQ(next_field(rest), "100");
    std::string_view end = rest;
    EXPECT_EQ(last_field(end), "ns/op");
    EXPECT_EQ(last_field(end), "5");
    EXPECT_EQ(util::trim(end), "");
    EXPECT_EQ(next_field(rest), "5");
    EXPECT_EQ(next_field(rest), "ns/op");
    EXPECT_EQ(next_field(rest), "");
    EXPECT_EQ(util::trim(" \t x y \r"), "x y");
}

TEST(TextCursor, NumbersAsToolsPrintThem) {
    EXPECT_EQ(parse_number("12"), 12.0);
    EXPECT_EQ(parse_number("-0.5"), -0.5);
    EXPECT_EQ(parse_number("+3"), 3.0);
    EXPECT_EQ(parse_number("1.5e-3"), 1.5e-3);
    EXPECT_EQ(parse_number(".5"), 0.5);
    for (const char* bad :
         {"", "inf", "nan", "-inf", "0x10", "1,000", " 1", "1 ", "1e", "-", "e5"}) {
        EXPECT_FALSE(parse_number(bad).has_value()) << bad;
    }
    EXPECT_EQ(parse_grouped_number("1,431,759"), 1431759.0);
    EXPECT_EQ(parse_grouped_number("13,967,756.30"), 13967756.30);
    for (const char* bad : {",1", "1,", "1,,0", "1.0,5", "a,1"}) {
        EXPECT_FALSE(parse_grouped_number(bad).has_value()) << bad;
    }
    EXPECT_EQ(parse_count("5000000"), 5000000u);
    EXPECT_FALSE(parse_count("-1").has_value());
    EXPECT_FALSE(parse_count("1.0").has_value());
    EXPECT_FALSE(parse_count("99999999999999999999999").has_value());
}

TEST(TextCursor, ScaledNumbersRoundOnce) {
    // The literal, not 39.22 / 1e9 (which is one unit in the last place away).
    EXPECT_EQ(parse_scaled_number("39.22", -9), 39.22e-9);
    EXPECT_NE(39.22 / 1e9, 39.22e-9);
    EXPECT_EQ(parse_scaled_number("1,431.5", 6), 1431.5e6);
    EXPECT_EQ(parse_scaled_number("2.5e3", -9), 2.5e-6);
    EXPECT_EQ(parse_scaled_number("-4E+2", 1), -4e3);
    EXPECT_FALSE(parse_scaled_number("fast", -9).has_value());
    EXPECT_EQ(parse_seconds("325", "ns"), 325e-9);
    EXPECT_EQ(parse_seconds("1", "\xC2\xB5s"), 1e-6);  // micro sign
    EXPECT_EQ(parse_seconds("1", "\xCE\xBCs"), 1e-6);  // Greek mu
    EXPECT_EQ(parse_seconds("320.62", "ps"), 320.62e-12);
    EXPECT_EQ(parse_seconds("22", "ms"), 22e-3);
    EXPECT_EQ(parse_seconds("333", "s"), 333.0);
    EXPECT_FALSE(parse_seconds("1", "min").has_value());
    EXPECT_TRUE(is_time_unit("us"));
    EXPECT_FALSE(is_time_unit("ns/op"));
}

TEST(TextCursor, QuotedShortensLongText) {
    EXPECT_EQ(in_quotes("ns/op"), "\"ns/op\"");
    EXPECT_EQ(in_quotes(std::string(60, 'x')), "\"" + std::string(37, 'x') + "...\"");
}

}  // namespace
}  // namespace caws::ingest
