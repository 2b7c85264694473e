#pragma once

// Progress of the rounds on standard error. On a terminal, one line updated in place:
//   round 3 of 10, 12.4 s elapsed, about 29 s left
// Elsewhere (CI logs, files), one line per finished round:
//   round 3 of 10: base 1.21 s, head 1.19 s (head first), 12.4 s elapsed, about 29 s left
// and a last line in both cases: "10 rounds in 41.2 s" or "stopped after round 3 of 10:
// the time limit of 30 s was reached (31.5 s elapsed)".

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

#include "exec/run_record.hpp"

namespace caws::exec {

// Where progress goes, and whether it is a terminal. Behind an interface so that tests
// see both kinds of output.
class ProgressSink {
  public:
    virtual ~ProgressSink() = default;
    virtual bool is_terminal() const = 0;
    virtual void write(std::string_view text) = 0;
};

// caws-gate's standard error; a terminal when isatty(2).
ProgressSink& standard_error_sink();

// "0.4 s", "12.4 s", "29 s", "3 min 05 s", "1 h 02 min"
std::string format_duration(double seconds);

// The lines of one run of rounds.
class RoundProgress {
  public:
    RoundProgress(ProgressSink& sink, std::size_t total, std::optional<double> max_seconds);

    // A round begins (updates the terminal line).
    void round_started(std::size_t number, double elapsed);
    // A round ended (the line of a non-terminal).
    void round_finished(const RoundRecord& round, double elapsed);
    // The run ended normally: all rounds, or the time limit.
    void finished(std::size_t rounds_run, Outcome outcome, double elapsed);
    // The run stops on an error: ends the terminal line so that the message starts on a
    // line of its own.
    void abandoned();

  private:
    // "about 29 s left", or empty before the first round gives an estimate.
    std::string estimate(std::size_t done, double elapsed) const;
    void show(const std::string& line, bool final);

    ProgressSink& sink_;
    std::size_t total_;
    std::optional<double> max_seconds_;
    bool line_open_ = false;
};

}  // namespace caws::exec
