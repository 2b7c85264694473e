#include "exec/process.hpp"

#include <gtest/gtest.h>

#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <csignal>
#include <string>
#include <vector>

#include "exec/signals.hpp"
#include "support/temp_dir.hpp"

namespace caws::exec {
namespace {

using Lines = std::vector<std::string>;

ProcessOutcome run_shell(const test::TempDir& dir, const std::string& script) {
    SignalWatch signals;
    return run_process({"/bin/sh", {"sh", "-c", script}, dir.file("out"), dir.file("err")},
                       signals, 1.0);
}

TEST(Process, RedirectsOutputAndErrorIntoFiles) {
    test::TempDir dir;
    const ProcessOutcome outcome = run_shell(dir, "echo to-out; echo to-err >&2; cat");
    EXPECT_TRUE(outcome.succeeded());
    EXPECT_EQ(test::read_text(dir.file("out")), "to-out\n");  // cat read /dev/null
    EXPECT_EQ(test::read_text(dir.file("err")), "to-err\n");
    EXPECT_GT(outcome.seconds, 0.0);
    EXPECT_LT(outcome.seconds, 5.0);
}

TEST(Process, ReportsTheExitStatus) {
    test::TempDir dir;
    const ProcessOutcome outcome = run_shell(dir, "exit 3");
    EXPECT_FALSE(outcome.succeeded());
    EXPECT_EQ(outcome.exit_code, 3);
    EXPECT_EQ(describe_outcome(outcome), "exited with status 3");
}

TEST(Process, ReportsTheSignalThatEndedIt) {
    test::TempDir dir;
    const ProcessOutcome outcome = run_shell(dir, "kill -SEGV $$");
    EXPECT_EQ(outcome.signal, SIGSEGV);
    EXPECT_EQ(describe_outcome(outcome), "was killed by signal 11 (SIGSEGV)");
}

TEST(Process, RunsInAProcessGroupOfItsOwn) {
    test::TempDir dir;
    // Field 5 of /proc/PID/stat is the process group.
    EXPECT_TRUE(run_shell(dir, "cut -d' ' -f5 /proc/$$/stat; echo $$").succeeded());
    const std::string out = test::read_text(dir.file("out"));
    const std::size_t newline = out.find('\n');
    ASSERT_NE(newline, std::string::npos) << out;
    EXPECT_EQ(out.substr(0, newline), out.substr(newline + 1, out.size() - newline - 2));
    EXPECT_NE(out.substr(0, newline), std::to_string(::getpgrp()));
}

TEST(Process, AProgramThatCannotStartSaysWhy) {
    test::TempDir dir;
    const std::string data = dir.write("data", "not a program");
    ::chmod(data.c_str(), 0644);
    SignalWatch signals;
    const ProcessOutcome outcome =
        run_process({data, {data}, dir.file("out"), dir.file("err")}, signals, 1.0);
    EXPECT_EQ(outcome.start_error, EACCES);
    EXPECT_EQ(describe_outcome(outcome), "could not start: Permission denied");
}

TEST(Process, LastLinesKeepsTheEndOfTheFile) {
    test::TempDir dir;
    std::string text;
    for (int i = 1; i <= 30; ++i) text += "line " + std::to_string(i) + "\n";
    EXPECT_EQ(last_lines(dir.write("a", text), 3), (Lines{"line 28", "line 29", "line 30"}));
    EXPECT_EQ(last_lines(dir.write("b", "one\r\ntwo\n\n\n"), 5), (Lines{"one", "two"}));
    EXPECT_EQ(last_lines(dir.write("c", "no newline"), 5), (Lines{"no newline"}));
    EXPECT_EQ(last_lines(dir.write("d", ""), 5), Lines{});
    EXPECT_EQ(last_lines(dir.file("missing"), 5), Lines{});
    const Lines long_line = last_lines(dir.write("e", std::string(1000, 'x') + "\n"), 1);
    ASSERT_EQ(long_line.size(), 1u);
    EXPECT_EQ(long_line[0], std::string(300, 'x') + " ...");
}

TEST(Signals, NamesTheCommonSignals) {
    EXPECT_EQ(signal_name(SIGTERM), "SIGTERM");
    EXPECT_EQ(signal_name(SIGKILL), "SIGKILL");
    EXPECT_EQ(signal_name(SIGRTMIN + 2), "signal " + std::to_string(SIGRTMIN + 2));
}

TEST(Signals, OnlyOneWatchAtATime) {
    SignalWatch first;
    EXPECT_THROW(SignalWatch second, std::logic_error);
}

TEST(Signals, AStopSignalIsRecordedInsteadOfEndingTheProcess) {
    {
        SignalWatch signals;
        EXPECT_EQ(signals.stop_signal(), 0);
        ::raise(SIGINT);
        signals.wait(1000);  // returns at once: the signal is already there
        EXPECT_EQ(signals.stop_signal(), SIGINT);
        ::raise(SIGTERM);
        EXPECT_EQ(signals.stop_signal(), SIGINT);  // the first one counts
    }
    const Interrupted interrupted(SIGTERM, "interrupted by SIGTERM");
    EXPECT_EQ(interrupted.exit_code(), 143);
    EXPECT_EQ(std::string(interrupted.what()), "interrupted by SIGTERM");
}

}  // namespace
}  // namespace caws::exec
