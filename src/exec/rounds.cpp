#include "exec/rounds.hpp"

#include <chrono>
#include <cstdlib>
#include <filesystem>

#include "exec/capture.hpp"
#include "exec/manifest.hpp"
#include "exec/process.hpp"
#include "exec/run_directory.hpp"
#include "exec/signals.hpp"
#include "stats/random.hpp"
#include "util/error.hpp"
#include "util/file_io.hpp"

namespace caws::exec {
namespace {

using Clock = std::chrono::steady_clock;

constexpr std::size_t k_stderr_lines = 20;

std::string search_path_of(const RunPlan& plan) {
    if (!plan.search_path.empty()) return plan.search_path;
    const char* path = std::getenv("PATH");
    return path != nullptr ? path : "/bin:/usr/bin";  // execvp's default
}

// "round 3, head"
std::string place(std::size_t round, Side side) {
    return "round " + std::to_string(round) + ", " + std::string(side_name(side));
}

// The last lines of a standard error file, indented, with a heading.
std::string stderr_excerpt(const std::string& path, const std::string& shown_as) {
    const std::vector<std::string> lines = last_lines(path, k_stderr_lines);
    if (lines.empty()) return "\n  (its standard error is empty)";
    std::string out = "\n  last " + std::to_string(lines.size()) +
                      (lines.size() == 1 ? " line" : " lines") + " of its standard error" +
                      (shown_as.empty() ? "" : " (" + shown_as + ")") + ":";
    for (const std::string& line : lines) out += "\n  | " + line;
    return out;
}

// The file a side writes its results to, before the output is renamed for its content.
std::string output_name(const std::string& stem, CaptureMode capture) {
    switch (capture) {
        case CaptureMode::output_file:
            return stem + ".out";
        case CaptureMode::google_benchmark:
            return stem + ".json";
        case CaptureMode::standard_output:
            break;
    }
    return stem + ".txt";
}

SideSetup setup_of(const PreparedCommand& command) {
    return SideSetup{command.line.text, command.argv(k_output_placeholder),
                     command.line.needs_shell, command.capture};
}

class RoundRunner {
  public:
    RoundRunner(const RunPlan& plan, const std::function<void(const OutputFile&)>& read,
                ProgressSink& sink)
        : plan_(plan), read_(read), progress_(sink, plan.rounds, plan.max_seconds) {
        if (plan.rounds == 0) throw util::Error("expected at least 1 round");
        const std::string search_path = search_path_of(plan);
        base_ = prepare_command(plan.base_command, "--base", plan.extra_args, search_path);
        head_ = prepare_command(plan.head_command, "--head", plan.extra_args, search_path);
        record_.tool = "caws-gate " CAWS_GATE_VERSION;
        record_.seed = plan.seed;
        record_.rounds_requested = plan.rounds;
        record_.max_seconds = plan.max_seconds;
        record_.base = setup_of(base_);
        record_.head = setup_of(head_);
        record_.extra_args = plan.extra_args;
    }

    RunRecord run() {
        RunDirectory directory(plan_.keep_directory, plan_.temp_root);
        directory_ = &directory;
        if (directory.kept()) record_.directory = directory.path();
        start_ = Clock::now();
        try {
            run_all();
        } catch (const util::Error& error) {
            progress_.abandoned();
            stopped(error);
            throw;
        }
        progress_.finished(record_.rounds.size(), record_.outcome, record_.elapsed_seconds);
        if (directory.kept()) write_manifest(directory.path(), record_);
        return std::move(record_);
    }

  private:
    double elapsed() const { return std::chrono::duration<double>(Clock::now() - start_).count(); }

    void run_all() {
        const std::vector<Side> orders = round_orders(plan_.seed, plan_.rounds);
        for (std::size_t index = 0; index < plan_.rounds; ++index) {
            check_stop("before round " + std::to_string(index + 1));
            progress_.round_started(index + 1, elapsed());
            RoundRecord round;
            round.number = index + 1;
            round.first = orders[index];
            for (const Side side : {round.first, other_side(round.first)}) {
                round.run(side) = run_side(index, side);
            }
            record_.rounds.push_back(round);
            record_.elapsed_seconds = elapsed();
            progress_.round_finished(round, record_.elapsed_seconds);
            if (plan_.max_seconds && record_.elapsed_seconds >= *plan_.max_seconds &&
                index + 1 < plan_.rounds) {
                record_.outcome = Outcome::max_time;
                return;
            }
        }
        record_.outcome = Outcome::complete;
    }

    void check_stop(const std::string& when) const {
        if (const int signal = signals_.stop_signal()) {
            throw Interrupted(signal, "interrupted by " + signal_name(signal) + " " + when);
        }
    }

    SideRun run_side(std::size_t index, Side side) {
        const PreparedCommand& command = side == Side::base ? base_ : head_;
        const std::size_t round = index + 1;
        check_stop("before " + place(round, side));
        const std::string stem = round_stem(side, index, plan_.rounds);
        SideRun run;
        run.stderr_file = stem + ".stderr";
        run.output = output_name(stem, command.capture);
        const std::string output_path = directory_->file(run.output);
        ProcessRequest request{command.program, command.argv(output_path), "",
                               directory_->file(run.stderr_file)};
        if (command.capture == CaptureMode::standard_output) request.stdout_path = output_path;

        ProcessOutcome outcome;
        try {
            outcome = run_process(request, signals_, plan_.kill_grace_seconds);
        } catch (const Interrupted& interrupted) {
            throw Interrupted(interrupted.signal(), std::string(interrupted.what()) + " in " +
                                                        place(round, side) +
                                                        "; the command was stopped");
        }
        run.seconds = outcome.seconds;
        if (!outcome.succeeded()) fault(round, side, describe_outcome(outcome), run);
        if (!util::file_exists(output_path)) {
            fault(round, side, "exited with status 0 but wrote no results file", run);
        }
        if (command.capture == CaptureMode::output_file) {
            const std::string final_name = stem + extension_for_content(output_path);
            std::error_code ec;
            std::filesystem::rename(output_path, directory_->file(final_name), ec);
            if (ec) throw util::Error(output_path, "", "cannot rename the file: " + ec.message());
            run.output = final_name;
        }
        read_output(round, side, command.capture, run);
        return run;
    }

    void read_output(std::size_t round, Side side, CaptureMode capture, const SideRun& run) {
        try {
            read_({round, side, directory_->file(run.output), capture});
        } catch (const Interrupted&) {
            throw;
        } catch (const StopRun&) {
            throw;
        } catch (const util::Error& error) {
            std::string reason = error.what_expected();
            if (!error.where().empty()) reason = error.where() + ": " + reason;
            fault(round, side, "wrote results that cannot be read (" + run.output + "): " + reason,
                  run);
        }
    }

    [[noreturn]] void fault(std::size_t round, Side side, const std::string& what,
                            const SideRun& run) const {
        const std::string& command = record_.setup(side).command;
        const std::string shown = directory_->kept() ? directory_->file(run.stderr_file) : "";
        throw util::Error("", place(round, side),
                          "\"" + command + "\" " + what +
                              stderr_excerpt(directory_->file(run.stderr_file), shown));
    }

    // Records how a kept run ended, so that its manifest lists the rounds that completed.
    void stopped(const util::Error& error) {
        if (!directory_->kept()) return;
        record_.outcome =
            dynamic_cast<const Interrupted*>(&error) ? Outcome::interrupted : Outcome::failed;
        record_.error = error.what();
        record_.elapsed_seconds = elapsed();
        try {
            write_manifest(directory_->path(), record_);
        } catch (const util::Error&) {
            // The run's own error is the one to report.
        }
    }

    const RunPlan& plan_;
    const std::function<void(const OutputFile&)>& read_;
    SignalWatch signals_;
    RoundProgress progress_;
    PreparedCommand base_;
    PreparedCommand head_;
    RunRecord record_;
    RunDirectory* directory_ = nullptr;
    Clock::time_point start_;
};

}  // namespace

std::vector<Side> round_orders(std::uint64_t seed, std::size_t count) {
    stats::Random random(seed);
    std::vector<Side> orders;
    orders.reserve(count);
    for (std::size_t i = 0; i < count; ++i) {
        orders.push_back((random.next() >> 63) == 1 ? Side::head : Side::base);
    }
    return orders;
}

RunRecord run_rounds_with(const RunPlan& plan, const std::function<void(const OutputFile&)>& read,
                          ProgressSink& progress) {
    return RoundRunner(plan, read, progress).run();
}

RunRecord read_kept_with(const RunRecord& record,
                         const std::function<void(const OutputFile&)>& read) {
    for (const RoundRecord& round : record.rounds) {
        for (const Side side : {round.first, other_side(round.first)}) {
            read({round.number, side, record.directory + "/" + round.run(side).output,
                  record.setup(side).capture});
        }
    }
    return record;
}

}  // namespace caws::exec
