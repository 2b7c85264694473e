#include "ingest/name_index.hpp"

#include <gtest/gtest.h>

#include <string>
#include <vector>

namespace caws::ingest {
namespace {

TEST(NameIndex, FindsRepeatsAndKeepsTheFirstValue) {
    NameIndex index;
    EXPECT_EQ(index.insert("a", 0), std::nullopt);
    EXPECT_EQ(index.insert("b", 1), std::nullopt);
    EXPECT_EQ(index.insert("a", 2), std::optional<std::size_t>(0));
    EXPECT_EQ(index.insert("", 3), std::nullopt);
    EXPECT_EQ(index.insert("", 4), std::optional<std::size_t>(3));
    EXPECT_EQ(index.insert("b", 5), std::optional<std::size_t>(1));
}

TEST(NameIndex, GrowsPastWhatWasReserved) {
    std::vector<std::string> names;
    for (int i = 0; i < 20000; ++i) names.push_back("benchmark " + std::to_string(i));
    NameIndex index;
    index.reserve(100);
    for (std::size_t i = 0; i < names.size(); ++i) {
        ASSERT_EQ(index.insert(names[i], i), std::nullopt) << names[i];
    }
    for (std::size_t i = 0; i < names.size(); i += 997) {
        EXPECT_EQ(index.insert(names[i], 0), std::optional<std::size_t>(i)) << names[i];
    }
    const std::string other = "benchmark 20000";
    EXPECT_EQ(index.insert(other, 1), std::nullopt);
}

}  // namespace
}  // namespace caws::ingest
