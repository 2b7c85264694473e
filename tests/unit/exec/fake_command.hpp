#pragma once

#include <string>
#include <vector>

#include "exec/rounds.hpp"
#include "support/temp_dir.hpp"

namespace caws::test {

// A fake benchmark command for the round scheduler: a shell script in a temporary
// directory,
//   fake.sh NAME OUT [ACTION AT]
// that appends NAME to the log (so that a test sees the order of the runs), counts its
// own runs by that log, prints a line to stderr, and writes {"side": NAME, "run": N} to
// OUT ("-": standard output). On its run number AT, ACTION changes what it does:
//   fail     prints "boom in run N" to stderr and exits with status 3
//   garbage  writes "not json" instead of the results
//   kill     kills itself with SIGKILL
//   nothing  exits 0 without writing results
//   sleep    sleeps 0.05 s before writing (every run from AT on)
//   hang     writes its pid to LOG.pid and sleeps 30 s (exec, so the pid is the sleeper)
//   stubborn ignores SIGTERM, writes its pid to LOG.pid and sleeps 30 s
// The pid file is written by the shell itself (no mv): a helper process still exiting
// when the test sends its signal would linger as a zombie in the process group until
// PID 1 reaps it, and keep the runner waiting for the group.
class FakeCommand {
  public:
    FakeCommand();

    const std::string& script() const { return script_; }
    const std::string& log() const { return log_; }
    std::string directory() const { return dir_.path(); }
    // "SCRIPT NAME {out} ACTION AT" (or without the action).
    std::string command(const std::string& name, const std::string& action = {},
                        int at = 0) const;
    // The names in the log, one per run, in the order the runs started.
    std::vector<std::string> runs() const;

  private:
    TempDir dir_;
    std::string script_;
    std::string log_;
};

// What the fake's output says.
struct FakeResult {
    std::string side;
    int run = 0;
};

// The reader for the fake's output: throws util::Error(path, "", "expected ...") for
// anything else.
FakeResult read_fake(const exec::OutputFile& file);

// A progress sink that keeps the text.
class RecordingSink final : public exec::ProgressSink {
  public:
    explicit RecordingSink(bool terminal = false) : terminal_(terminal) {}
    bool is_terminal() const override { return terminal_; }
    void write(std::string_view text) override { text_ += text; }
    const std::string& text() const { return text_; }

  private:
    bool terminal_;
    std::string text_;
};

}  // namespace caws::test
