#include "exec/progress.hpp"

#include <unistd.h>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <iostream>

namespace caws::exec {
namespace {

class StandardErrorSink final : public ProgressSink {
  public:
    bool is_terminal() const override { return ::isatty(STDERR_FILENO) == 1; }
    void write(std::string_view text) override {
        std::cerr << text;
        std::cerr.flush();
    }
};

// Clears the terminal line before it is written again (carriage return, erase line).
constexpr std::string_view k_rewrite = "\r\033[K";

}  // namespace

ProgressSink& standard_error_sink() {
    static StandardErrorSink sink;
    return sink;
}

std::string format_duration(double seconds) {
    char buffer[48];
    if (seconds < 10) {
        std::snprintf(buffer, sizeof buffer, "%.1f s", std::max(seconds, 0.0));
    } else if (seconds < 59.5) {
        std::snprintf(buffer, sizeof buffer, "%.0f s", seconds);
    } else if (seconds < 3599.5) {
        const auto whole = static_cast<long>(std::lround(seconds));
        std::snprintf(buffer, sizeof buffer, "%ld min %02ld s", whole / 60, whole % 60);
    } else {
        const auto minutes = static_cast<long>(std::lround(seconds / 60));
        std::snprintf(buffer, sizeof buffer, "%ld h %02ld min", minutes / 60, minutes % 60);
    }
    return buffer;
}

RoundProgress::RoundProgress(ProgressSink& sink, std::size_t total,
                             std::optional<double> max_seconds)
    : sink_(sink), total_(total), max_seconds_(max_seconds) {}

std::string RoundProgress::estimate(std::size_t done, double elapsed) const {
    if (done == 0 || done >= total_) return {};
    const double per_round = elapsed / static_cast<double>(done);
    std::size_t left = total_ - done;
    if (max_seconds_) {
        // No round starts after the limit, so at most the rounds that start before it.
        const double budget = std::max(*max_seconds_ - elapsed, 0.0);
        const double can_start = per_round > 0 ? std::ceil(budget / per_round) : static_cast<double>(left);
        left = std::min(left, static_cast<std::size_t>(can_start));
    }
    return ", about " + format_duration(per_round * static_cast<double>(left)) + " left";
}

void RoundProgress::show(const std::string& line, bool final) {
    if (sink_.is_terminal()) {
        sink_.write(std::string(k_rewrite) + line + (final ? "\n" : ""));
        line_open_ = !final;
    } else if (final) {
        sink_.write(line + "\n");
    }
}

void RoundProgress::round_started(std::size_t number, double elapsed) {
    if (!sink_.is_terminal()) return;
    show("round " + std::to_string(number) + " of " + std::to_string(total_) + ", " +
             format_duration(elapsed) + " elapsed" + estimate(number - 1, elapsed),
         false);
}

void RoundProgress::round_finished(const RoundRecord& round, double elapsed) {
    if (sink_.is_terminal()) return;
    sink_.write("round " + std::to_string(round.number) + " of " + std::to_string(total_) +
                ": base " + format_duration(round.base.seconds) + ", head " +
                format_duration(round.head.seconds) + " (" +
                std::string(side_name(round.first)) + " first), " + format_duration(elapsed) +
                " elapsed" + estimate(round.number, elapsed) + "\n");
}

void RoundProgress::finished(std::size_t rounds_run, Outcome outcome, double elapsed) {
    if (outcome == Outcome::max_time && max_seconds_) {
        show("stopped after round " + std::to_string(rounds_run) + " of " +
                 std::to_string(total_) + ": the time limit of " +
                 format_duration(*max_seconds_) + " was reached (" + format_duration(elapsed) +
                 " elapsed)",
             true);
        return;
    }
    show(std::to_string(rounds_run) + (rounds_run == 1 ? " round in " : " rounds in ") +
             format_duration(elapsed),
         true);
}

void RoundProgress::abandoned() {
    if (line_open_) sink_.write("\n");
    line_open_ = false;
}

}  // namespace caws::exec
