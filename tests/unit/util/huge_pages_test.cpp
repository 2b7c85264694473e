// When a command asks glibc's malloc for huge pages, and how it puts the environment back.
#include <gtest/gtest.h>

#include <cstdlib>

#include "util/huge_pages.hpp"

namespace caws::util {
namespace {

constexpr const char* k_madvise = "always [madvise] never\n";

TEST(HugePages, LargeInputsAddTheTunableToWhatTheUserSet) {
    EXPECT_EQ(tunables_for_huge_pages(std::nullopt, 20u << 20, k_madvise),
              "glibc.malloc.hugetlb=1");
    EXPECT_EQ(tunables_for_huge_pages(std::string(), 20u << 20, k_madvise),
              "glibc.malloc.hugetlb=1");
    EXPECT_EQ(tunables_for_huge_pages(std::string("glibc.malloc.arena_max=2"), k_huge_pages_from,
                                      "[always] madvise never"),
              "glibc.malloc.arena_max=2:glibc.malloc.hugetlb=1");
}

TEST(HugePages, SmallInputsHugePagesOffOrTheUsersOwnChoiceRunAsTheyAre) {
    EXPECT_EQ(tunables_for_huge_pages(std::nullopt, k_huge_pages_from - 1, k_madvise),
              std::nullopt);
    EXPECT_EQ(tunables_for_huge_pages(std::nullopt, 1u << 30, "always madvise [never]\n"),
              std::nullopt);
    EXPECT_EQ(tunables_for_huge_pages(std::nullopt, 1u << 30, ""), std::nullopt);  // no /sys
    EXPECT_EQ(tunables_for_huge_pages(std::string("glibc.malloc.hugetlb=0"), 1u << 30, k_madvise),
              std::nullopt);
}

TEST(HugePages, TheReexecutedProcessRestoresTheUsersTunables) {
    ::setenv("CAWS_GATE_SAVED_GLIBC_TUNABLES", "=glibc.malloc.arena_max=2", 1);
    ::setenv("GLIBC_TUNABLES", "glibc.malloc.arena_max=2:glibc.malloc.hugetlb=1", 1);
    restore_tunables_after_reexec();
    ASSERT_NE(std::getenv("GLIBC_TUNABLES"), nullptr);
    EXPECT_STREQ(std::getenv("GLIBC_TUNABLES"), "glibc.malloc.arena_max=2");
    EXPECT_EQ(std::getenv("CAWS_GATE_SAVED_GLIBC_TUNABLES"), nullptr);

    ::setenv("CAWS_GATE_SAVED_GLIBC_TUNABLES", "", 1);  // the user had none
    ::setenv("GLIBC_TUNABLES", "glibc.malloc.hugetlb=1", 1);
    restore_tunables_after_reexec();
    EXPECT_EQ(std::getenv("GLIBC_TUNABLES"), nullptr);

    // Not re-executed: nothing changes.
    ::setenv("GLIBC_TUNABLES", "glibc.malloc.arena_max=4", 1);
    restore_tunables_after_reexec();
    EXPECT_STREQ(std::getenv("GLIBC_TUNABLES"), "glibc.malloc.arena_max=4");
    ::unsetenv("GLIBC_TUNABLES");
}

}  // namespace
}  // namespace caws::util
