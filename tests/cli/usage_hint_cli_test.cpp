// A command line CLI11 rejects points to the help of the command it was for.
#include <gtest/gtest.h>

#include "support/process.hpp"

namespace caws::test {
namespace {

ProcessResult caws_gate(const std::vector<std::string>& args) {
    std::vector<std::string> argv{CAWS_GATE_BINARY};
    argv.insert(argv.end(), args.begin(), args.end());
    return run_process(argv, {});
}

TEST(UsageHint, NamesTheHelpOfTheCommandGiven) {
    const std::vector<std::pair<std::vector<std::string>, std::string>> cases{
        {{"check", "r.json", "--frobnicate"}, "caws-gate check"},
        {{"baseline", "update", "r.json", "--frobnicate"}, "caws-gate baseline update"},
        {{"--frobnicate"}, "caws-gate"},
    };
    for (const auto& [args, command] : cases) {
        const ProcessResult r = caws_gate(args);
        EXPECT_EQ(r.exit_code, 2) << command;
        EXPECT_TRUE(r.err.ends_with("\nRun '" + command + " --help' for usage.\n")) << r.err;
        EXPECT_EQ(r.out, "");
    }
}

}  // namespace
}  // namespace caws::test
