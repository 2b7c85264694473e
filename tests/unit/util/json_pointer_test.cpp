#include "util/json_pointer.hpp"

#include <gtest/gtest.h>

namespace caws::util {
namespace {

TEST(JsonPointer, EscapesTildeAndSlashAsRfc6901Says) {
    EXPECT_EQ(pointer_append("", "benchmarks"), "/benchmarks");
    EXPECT_EQ(pointer_append("/benchmarks", std::size_t{3}), "/benchmarks/3");
    EXPECT_EQ(pointer_append("/a", "b/c~d"), "/a/b~1c~0d");
}

}  // namespace
}  // namespace caws::util
