// `caws-gate init` in a repository with git submodules: the workflow checks them out with
// the code it builds, or the build would miss their sources.
#include <gtest/gtest.h>

#include <sstream>

#include "cli/cli.hpp"
#include "support/fake_environment.hpp"
#include "support/temp_dir.hpp"

namespace caws::cli {
namespace {

std::string workflow_of(const test::TempDir& dir, const std::vector<std::string>& extra) {
    test::FakeEnvironment env;
    std::vector<std::string> args{"init", "--dir", dir.path(), "--tool", "google-benchmark"};
    args.insert(args.end(), extra.begin(), extra.end());
    std::ostringstream out;
    std::ostringstream err;
    EXPECT_EQ(run(args, out, err, env), 0) << err.str();
    return test::read_text(dir.file(".github/workflows/perf.yml"));
}

TEST(InitSubmodules, TheBenchmarkJobChecksOutTheSubmodules) {
    test::TempDir dir;
    dir.write(".gitmodules", "[submodule \"third_party/benchmark\"]\n");
    const std::string workflow = workflow_of(dir, {});
    EXPECT_NE(workflow.find("  benchmark:\n    runs-on: ubuntu-latest\n    steps:\n"
                            "      - uses: actions/checkout@v4\n        with:\n"
                            "          submodules: recursive\n"),
              std::string::npos)
        << workflow;
}

TEST(InitSubmodules, TheAbJobChecksOutTheSubmodulesOfBothTrees) {
    test::TempDir dir;
    dir.write(".gitmodules", "[submodule \"third_party/benchmark\"]\n");
    const std::string workflow = workflow_of(dir, {"--ab"});
    EXPECT_NE(workflow.find("          fetch-depth: 0  # the whole history, for the merge base\n"
                            "          submodules: recursive\n"),
              std::string::npos)
        << workflow;
    EXPECT_NE(workflow.find("git worktree add --detach ../base \"$base\"\n"
                            "          git -C ../base submodule update --init --recursive\n"),
              std::string::npos)
        << workflow;
}

TEST(InitSubmodules, WithoutSubmodulesTheCheckoutIsPlain) {
    for (const std::vector<std::string> extra : {std::vector<std::string>{}, {"--ab"}}) {
        test::TempDir dir;
        EXPECT_EQ(workflow_of(dir, extra).find("submodule"), std::string::npos);
    }
}

}  // namespace
}  // namespace caws::cli
