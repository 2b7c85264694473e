#include "json/fast_reader.hpp"

#include <gtest/gtest.h>

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace caws::json {
namespace {

// The values of {"v": [...]} read with `read`, one per element.
template <class Read>
void each_value(const FastReader& fast, od::object root, Read read) {
    const NoPath top;
    for (auto field : root) {
        const NoPath at = top.child("v");
        std::size_t i = 0;
        for (auto element : fast.array(field.value(), at)) read(element.value(), at.child(i++));
    }
}

std::optional<std::vector<std::optional<double>>> fast_numbers(FastReader& fast,
                                                               const std::string& text) {
    std::vector<std::optional<double>> out;
    od::object root;
    if (!fast.root_object(text, root)) return std::nullopt;
    const bool done = finishes_fast([&] {
        each_value(fast, root, [&](od::value value, const NoPath& where) {
            out.push_back(fast.finite_or_null(value, where));
        });
    });
    if (!done) return std::nullopt;
    return out;
}

TEST(FastReader, ReadsPlainJsonAndReusesItsBuffer) {
    FastReader fast;
    const auto first = fast_numbers(fast, R"({"v": [1.5, null, -2e3]})");
    ASSERT_TRUE(first);
    EXPECT_EQ(*first, (std::vector<std::optional<double>>{1.5, std::nullopt, -2e3}));
    const std::string long_text = R"({"v": [)" + std::string(10000, ' ') + "7]}";
    const auto second = fast_numbers(fast, long_text);
    ASSERT_TRUE(second);
    EXPECT_EQ(*second, (std::vector<std::optional<double>>{7}));
    const auto third = fast_numbers(fast, R"({"v": [0]})");
    ASSERT_TRUE(third);
    EXPECT_EQ(*third, (std::vector<std::optional<double>>{0}));
}

TEST(FastReader, GivesUpWhereADocumentWouldSayMore) {
    FastReader fast;
    EXPECT_FALSE(fast_numbers(fast, R"({"v": ["1"]})"));  // a wrong type
    EXPECT_FALSE(fast_numbers(fast, R"({"v": [NaN]})"));  // a token a Document accepts
    EXPECT_FALSE(fast_numbers(fast, R"({"v": [1, }")"));  // a syntax error on the way
    EXPECT_FALSE(fast_numbers(fast, R"([1, 2])"));        // not an object
    EXPECT_FALSE(fast_numbers(fast, "not json"));
    EXPECT_TRUE(fast_numbers(fast, R"({"v": [3]})"));  // and reads on afterwards
}

TEST(FastReader, CountsAreUnsignedIntegers) {
    FastReader fast;
    od::object root;
    const NoPath where;
    ASSERT_TRUE(fast.root_object(R"({"n": 18446744073709551615})", root));
    for (auto field : root) EXPECT_EQ(fast.count(field.value(), where), UINT64_MAX);
    ASSERT_TRUE(fast.root_object(R"({"n": 3.0})", root));
    EXPECT_FALSE(finishes_fast([&] {
        for (auto field : root) (void)fast.count(field.value(), where);
    }));
}

}  // namespace
}  // namespace caws::json
