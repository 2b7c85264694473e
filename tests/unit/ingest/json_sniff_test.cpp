#include "ingest/json_sniff.hpp"

#include <gtest/gtest.h>

namespace caws::ingest {
namespace {

TEST(JsonSniff, TokenisesTheStartWithDepths) {
    const JsonSniff sniff(R"( {"a": [1, "x\"y"], "b": {"c": true}} )");
    EXPECT_TRUE(sniff.starts_with("{s:[n,s],s:{s:n}}"));
    EXPECT_EQ(sniff.string_at(1), "a");
    EXPECT_EQ(sniff.string_at(6), "x\\\"y");  // escapes are left as written
    EXPECT_EQ(sniff.string_at(2), "");        // not a string
    EXPECT_TRUE(sniff.has_key("a", 1));
    EXPECT_TRUE(sniff.has_key("c", 2));
    EXPECT_FALSE(sniff.has_key("c", 1));
    EXPECT_FALSE(sniff.has_key("x\\\"y", 2));  // a value, not a key
    EXPECT_EQ(sniff.first_object_keys(2), std::vector<std::string_view>{"c"});
    ASSERT_NE(sniff.value_of("b", 1), nullptr);
    EXPECT_EQ(sniff.value_of("b", 1)->kind, JsonSniff::Kind::begin_object);
}

TEST(JsonSniff, StopsAtTheLimitAndAtATruncatedToken) {
    const JsonSniff cut(R"({"key": "unfinished)");
    EXPECT_TRUE(cut.starts_with("{s:"));
    EXPECT_EQ(cut.tokens().size(), 3u);
    const JsonSniff limited(R"({"first": 1, "second": 2})", 14);
    EXPECT_TRUE(limited.has_key("first", 1));
    EXPECT_FALSE(limited.has_key("second", 1));
}

TEST(JsonSniff, SkipsAByteOrderMarkAndNeverThrows) {
    EXPECT_TRUE(JsonSniff("\xEF\xBB\xBF[{\"name\": 1}]").starts_with("[{s:n}]"));
    EXPECT_TRUE(JsonSniff("").tokens().empty());
    EXPECT_FALSE(JsonSniff("}}]]").starts_with("{"));
    EXPECT_TRUE(JsonSniff("not json at all").tokens().size() > 0);
}

}  // namespace
}  // namespace caws::ingest
