#include "ingest/benchmark_names.hpp"

#include <gtest/gtest.h>

namespace caws::ingest {
namespace {

TEST(BenchmarkNames, OnlyNamesSharedByTwoGroupsAreQualified) {
    const std::vector<std::string> names = qualified_names({{"pkg/a", "BenchmarkBuild"},
                                                            {"pkg/a", "BenchmarkOnlyA"},
                                                            {"pkg/b", "BenchmarkBuild"},
                                                            {"pkg/a", "BenchmarkBuild"}});
    EXPECT_EQ(names,
              (std::vector<std::string>{"BenchmarkBuild (pkg/a)", "BenchmarkOnlyA",
                                        "BenchmarkBuild (pkg/b)", "BenchmarkBuild (pkg/a)"}));
}

TEST(BenchmarkNames, AnUnnamedGroupKeepsTheBareName) {
    EXPECT_EQ(qualified_names({{"", "x"}, {"target", "x"}}),
              (std::vector<std::string>{"x", "x (target)"}));
    EXPECT_TRUE(qualified_names({}).empty());
}

}  // namespace
}  // namespace caws::ingest
