#include "util/hash.hpp"

#include <gtest/gtest.h>

namespace caws::util {
namespace {

TEST(Hash, Fnv1aReferenceValues) {
    // The published FNV-1a 64-bit test vectors.
    EXPECT_EQ(fnv1a(""), 0xcbf29ce484222325ULL);
    EXPECT_EQ(fnv1a("a"), 0xaf63dc4c8601ec8cULL);
    EXPECT_EQ(fnv1a("foobar"), 0x85944171f73967e8ULL);
}

TEST(Hash, PiecesHashAsOneText) {
    EXPECT_EQ(fnv1a("bar", fnv1a("foo")), fnv1a("foobar"));
    static_assert(fnv1a("x") == fnv1a("x", k_fnv1a_basis));
}

}  // namespace
}  // namespace caws::util
