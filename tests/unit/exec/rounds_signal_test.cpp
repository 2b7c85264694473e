// SIGINT and SIGTERM sent to a process running rounds: the runner runs in a child process
// of the test, so that the signal reaches only it.
#include <gtest/gtest.h>

#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <chrono>
#include <filesystem>
#include <optional>
#include <string>
#include <thread>

#include "exec/manifest.hpp"
#include "exec/rounds.hpp"
#include "exec/signals.hpp"
#include "fake_command.hpp"

namespace caws::exec {
namespace {

using Clock = std::chrono::steady_clock;

// Forks a runner of `plan`. It exits with Interrupted's exit code, 0 when the run
// completes and 99 on any other error.
pid_t start_runner(const RunPlan& plan) {
    const pid_t pid = ::fork();
    if (pid == 0) {
        int code = 0;
        try {
            test::RecordingSink sink;
            run_rounds(plan, test::read_fake, sink);
        } catch (const Interrupted& interrupted) {
            code = interrupted.exit_code();
        } catch (...) {
            code = 99;
        }
        ::_exit(code);
    }
    return pid;
}

// The pid the fake command writes when it starts to hang, once the whole line is there.
std::optional<pid_t> wait_for_pid_file(const std::string& path) {
    const auto deadline = Clock::now() + std::chrono::seconds(10);
    while (Clock::now() < deadline) {
        const std::string text = test::read_text(path);
        if (text.ends_with('\n')) return static_cast<pid_t>(std::stol(text));
        std::this_thread::sleep_for(std::chrono::milliseconds(2));
    }
    return std::nullopt;
}

int wait_exit_code(pid_t pid) {
    int status = 0;
    while (::waitpid(pid, &status, 0) < 0 && errno == EINTR) {
    }
    return WIFEXITED(status) ? WEXITSTATUS(status) : 1000 + WTERMSIG(status);
}

bool process_gone(pid_t pid) {
    return ::kill(pid, 0) == -1 && errno == ESRCH;
}

RunPlan hanging_plan(const test::FakeCommand& fake, const test::TempDir& temp,
                     const std::string& action) {
    RunPlan plan;
    plan.base_command = fake.command("base");
    plan.head_command = fake.command("head", action, 2);
    plan.rounds = 3;
    plan.temp_root = temp.file("tmp");
    std::filesystem::create_directories(plan.temp_root);
    return plan;
}

TEST(RoundsSignals, SigtermEndsTheCommandAndRemovesTheTemporaryFiles) {
    test::FakeCommand fake;
    test::TempDir temp;
    const RunPlan plan = hanging_plan(fake, temp, "hang");
    const pid_t runner = start_runner(plan);
    const std::optional<pid_t> sleeper = wait_for_pid_file(fake.log() + ".pid");
    if (!sleeper) ::kill(runner, SIGKILL);
    ASSERT_TRUE(sleeper.has_value());
    ::kill(runner, SIGTERM);
    EXPECT_EQ(wait_exit_code(runner), 143);
    EXPECT_TRUE(process_gone(*sleeper));
    EXPECT_TRUE(std::filesystem::is_empty(plan.temp_root));
}

TEST(RoundsSignals, ACommandThatIgnoresSigtermIsKilledAfterTheGrace) {
    test::FakeCommand fake;
    test::TempDir temp;
    RunPlan plan = hanging_plan(fake, temp, "stubborn");
    plan.kill_grace_seconds = 0.2;
    const pid_t runner = start_runner(plan);
    const std::optional<pid_t> shell = wait_for_pid_file(fake.log() + ".pid");
    if (!shell) ::kill(runner, SIGKILL);
    ASSERT_TRUE(shell.has_value());
    const auto sent = Clock::now();
    ::kill(runner, SIGTERM);
    EXPECT_EQ(wait_exit_code(runner), 143);
    EXPECT_GE(std::chrono::duration<double>(Clock::now() - sent).count(), 0.2);
    EXPECT_TRUE(process_gone(*shell));
    EXPECT_TRUE(std::filesystem::is_empty(plan.temp_root));
}

TEST(RoundsSignals, SigintStopsAKeptRunWithAManifestThatSaysSo) {
    test::FakeCommand fake;
    test::TempDir temp;
    RunPlan plan = hanging_plan(fake, temp, "hang");
    plan.keep_directory = temp.file("kept");
    const pid_t runner = start_runner(plan);
    const std::optional<pid_t> sleeper = wait_for_pid_file(fake.log() + ".pid");
    if (!sleeper) ::kill(runner, SIGKILL);
    ASSERT_TRUE(sleeper.has_value());
    ::kill(runner, SIGINT);
    EXPECT_EQ(wait_exit_code(runner), 130);
    EXPECT_TRUE(process_gone(*sleeper));
    const RunRecord back = read_manifest(temp.file("kept"));
    EXPECT_EQ(back.outcome, Outcome::interrupted);
    EXPECT_EQ(back.error, "interrupted by SIGINT in round 2, head; the command was stopped");
    EXPECT_EQ(back.rounds.size(), 1u);
}

}  // namespace
}  // namespace caws::exec
