// A reader that ends a run of rounds for a reason of its own (exec::StopRun).
#include <gtest/gtest.h>

#include <filesystem>
#include <string>

#include "exec/manifest.hpp"
#include "exec/rounds.hpp"
#include "fake_command.hpp"

namespace caws::exec {
namespace {

TEST(StopRun, LeavesTheRunWithItsOwnMessageAndIsRecordedInAKeptManifest) {
    test::FakeCommand fake;
    test::TempDir temp;
    RunPlan plan;
    plan.base_command = fake.command("base");
    plan.head_command = fake.command("head");
    plan.rounds = 5;
    plan.temp_root = temp.path();
    plan.keep_directory = temp.file("kept");
    test::RecordingSink sink;
    std::string message;
    int reads = 0;
    try {
        run_rounds(
            plan,
            [&reads](const OutputFile& file) {
                // Both sides of round 2 ran: the reader stops the run.
                if (++reads == 4) throw StopRun("too few rounds");
                return test::read_fake(file);
            },
            sink);
    } catch (const StopRun& error) {
        message = error.what();
    }
    EXPECT_EQ(message, "too few rounds");  // not "wrote results that cannot be read"
    EXPECT_EQ(fake.runs().size(), 4u);     // nothing ran after round 2
    const RunRecord back = read_manifest(temp.file("kept"));
    EXPECT_EQ(back.outcome, Outcome::failed);
    EXPECT_EQ(back.error, "too few rounds");
    EXPECT_EQ(back.rounds.size(), 1u);
}

}  // namespace
}  // namespace caws::exec
