#include "stats/random.hpp"

#include <gtest/gtest.h>

#include <array>
#include <cmath>
#include <cstdint>

namespace caws::stats {
namespace {

TEST(Random, FirstOutputsOfXoshiroForSplitmixSeededState) {
    // splitmix64 from 0 gives the published first outputs 0xe220a8397b1dcdaf,
    // 0x6e789e6aa1b965f4, 0x06c45d188009454f, 0xf88bb8a8724c81ec: the state; xoshiro256**'s
    // first output is rotl(s1 * 5, 7) * 9.
    Random random(0);
    const std::uint64_t s1 = 0x6e789e6aa1b965f4ULL;
    const std::uint64_t rotated = ((s1 * 5) << 7) | ((s1 * 5) >> 57);
    EXPECT_EQ(random.next(), rotated * 9);
}

TEST(Random, SameSeedSameStream) {
    Random a(123);
    Random b(123);
    for (int i = 0; i < 100; ++i) EXPECT_EQ(a.next(), b.next());
    EXPECT_NE(derive_seed(1, 2), derive_seed(1, 3));
    EXPECT_NE(derive_seed(1, 2), derive_seed(2, 2));
    EXPECT_EQ(derive_seed(9, 9), derive_seed(9, 9));
}

TEST(Random, BelowIsUniform) {
    Random random(99);
    std::array<int, 7> counts{};
    const int draws = 70000;
    for (int i = 0; i < draws; ++i) ++counts[random.below(7)];
    for (const int c : counts) EXPECT_NEAR(c, draws / 7, 400);  // about 4 standard deviations
}

TEST(Random, BelowTwiceIsUniformAndUsesBothHalves) {
    Random random(98);
    std::array<int, 7> first_counts{};
    std::array<int, 7> second_counts{};
    int equal = 0;
    const int draws = 70000;
    for (int i = 0; i < draws; ++i) {
        std::uint32_t a = 0;
        std::uint32_t b = 0;
        random.below_twice(7, a, b);
        ++first_counts[a];
        ++second_counts[b];
        if (a == b) ++equal;
    }
    for (int k = 0; k < 7; ++k) {
        EXPECT_NEAR(first_counts[k], draws / 7, 400);
        EXPECT_NEAR(second_counts[k], draws / 7, 400);
    }
    EXPECT_NEAR(equal, draws / 7, 400);  // independent halves agree one time in seven
}

TEST(Random, NormalHasUnitVariance) {
    Random random(2024);
    double sum = 0;
    double squares = 0;
    const int n = 100000;
    for (int i = 0; i < n; ++i) {
        const double z = random.normal();
        sum += z;
        squares += z * z;
    }
    EXPECT_NEAR(sum / n, 0.0, 0.015);
    EXPECT_NEAR(squares / n, 1.0, 0.02);
    for (int i = 0; i < 1000; ++i) {
        const double u = random.uniform();
        EXPECT_GE(u, 0.0);
        EXPECT_LT(u, 1.0);
    }
}

}  // namespace
}  // namespace caws::stats
