#include "exec/process.hpp"

#include <fcntl.h>
#include <signal.h>
#include <sys/stat.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <chrono>
#include <cstring>

#include "exec/signals.hpp"
#include "util/error.hpp"

namespace caws::exec {
namespace {

using Clock = std::chrono::steady_clock;

// A file descriptor closed on scope exit.
class Descriptor {
  public:
    explicit Descriptor(int fd = -1) : fd_(fd) {}
    ~Descriptor() { reset(); }
    Descriptor(const Descriptor&) = delete;
    Descriptor& operator=(const Descriptor&) = delete;
    int get() const { return fd_; }
    void reset() {
        if (fd_ >= 0) ::close(fd_);
        fd_ = -1;
    }

  private:
    int fd_;
};

int open_output(const std::string& path) {
    const std::string target = path.empty() ? "/dev/null" : path;
    const int fd = ::open(target.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
    if (fd < 0) {
        throw util::Error(target, "", std::string("cannot create the file: ") + std::strerror(errno));
    }
    return fd;
}

// The attributes and file actions of posix_spawn, destroyed on scope exit.
class SpawnSetup {
  public:
    SpawnSetup(int in, int out, int err) {
        ::posix_spawnattr_init(&attributes_);
        ::posix_spawn_file_actions_init(&actions_);
        // A process group of its own (0: the child's pid), and no signal blocked.
        sigset_t none;
        sigemptyset(&none);
        ::posix_spawnattr_setpgroup(&attributes_, 0);
        ::posix_spawnattr_setsigmask(&attributes_, &none);
        ::posix_spawnattr_setflags(&attributes_, POSIX_SPAWN_SETPGROUP | POSIX_SPAWN_SETSIGMASK);
        ::posix_spawn_file_actions_adddup2(&actions_, in, STDIN_FILENO);
        ::posix_spawn_file_actions_adddup2(&actions_, out, STDOUT_FILENO);
        ::posix_spawn_file_actions_adddup2(&actions_, err, STDERR_FILENO);
    }
    ~SpawnSetup() {
        ::posix_spawn_file_actions_destroy(&actions_);
        ::posix_spawnattr_destroy(&attributes_);
    }
    SpawnSetup(const SpawnSetup&) = delete;
    SpawnSetup& operator=(const SpawnSetup&) = delete;

    const posix_spawnattr_t* attributes() const { return &attributes_; }
    const posix_spawn_file_actions_t* actions() const { return &actions_; }

  private:
    posix_spawnattr_t attributes_;
    posix_spawn_file_actions_t actions_;
};

// Reaps `pid` when it has ended; true once it is reaped.
bool try_reap(pid_t pid, int& status) {
    for (;;) {
        const pid_t got = ::waitpid(pid, &status, WNOHANG);
        if (got == pid) return true;
        if (got < 0 && errno == EINTR) continue;
        return got < 0;  // ECHILD: nothing left to wait for
    }
}

bool group_alive(pid_t group) {
    return ::kill(-group, 0) == 0 || errno == EPERM;
}

// Ends the process group `pid` leads: SIGTERM, then SIGKILL for whatever is left after the
// grace period. Returns with `pid` reaped.
void end_group(pid_t pid, bool reaped, int& status, SignalWatch& signals, double grace_seconds) {
    ::kill(-pid, SIGTERM);
    const auto deadline = Clock::now() + std::chrono::duration<double>(grace_seconds);
    for (;;) {
        if (!reaped) reaped = try_reap(pid, status);
        if (reaped && !group_alive(pid)) return;
        const auto left = std::chrono::duration_cast<std::chrono::milliseconds>(deadline - Clock::now());
        if (left.count() <= 0) break;
        // Members other than the leader send no SIGCHLD to us: look again every 20 ms.
        signals.wait(static_cast<int>(std::min<std::int64_t>(left.count(), 20)));
    }
    ::kill(-pid, SIGKILL);
    while (!reaped) {
        reaped = ::waitpid(pid, &status, 0) == pid || errno != EINTR;
    }
}

}  // namespace

ProcessOutcome run_process(const ProcessRequest& request, SignalWatch& signals,
                           double grace_seconds) {
    const Descriptor out(open_output(request.stdout_path));
    const Descriptor err(open_output(request.stderr_path));
    const Descriptor in(::open("/dev/null", O_RDONLY | O_CLOEXEC));
    const SpawnSetup setup(in.get(), out.get(), err.get());
    std::vector<char*> argv;
    for (const std::string& arg : request.argv) argv.push_back(const_cast<char*>(arg.c_str()));
    argv.push_back(nullptr);

    // posix_spawn rather than fork: it does not copy the page tables of caws-gate (which
    // holds every parsed result), and it reports a failed exec as an error number.
    ProcessOutcome outcome;
    pid_t pid = 0;
    const auto start = Clock::now();
    outcome.start_error = ::posix_spawn(&pid, request.program.c_str(), setup.actions(),
                                        setup.attributes(), argv.data(), environ);
    if (outcome.start_error != 0) return outcome;

    int status = 0;
    bool reaped = false;
    while (!(reaped = try_reap(pid, status))) {
        if (signals.stop_signal() != 0) break;
        signals.wait(-1);
    }
    if (signals.stop_signal() != 0) {
        end_group(pid, reaped, status, signals, grace_seconds);
        const std::string name = signal_name(signals.stop_signal());
        throw Interrupted(signals.stop_signal(), "interrupted by " + name);
    }
    outcome.seconds = std::chrono::duration<double>(Clock::now() - start).count();
    if (WIFSIGNALED(status)) {
        outcome.signal = WTERMSIG(status);
    } else if (WIFEXITED(status)) {
        outcome.exit_code = WEXITSTATUS(status);
    }
    return outcome;
}

std::string describe_outcome(const ProcessOutcome& outcome) {
    if (outcome.start_error != 0) {
        return std::string("could not start: ") + std::strerror(outcome.start_error);
    }
    if (outcome.signal != 0) {
        return "was killed by signal " + std::to_string(outcome.signal) + " (" +
               signal_name(outcome.signal) + ")";
    }
    return "exited with status " + std::to_string(outcome.exit_code);
}

std::vector<std::string> last_lines(const std::string& path, std::size_t count) {
    constexpr std::size_t k_tail_bytes = 16384;
    constexpr std::size_t k_line_bytes = 300;
    const Descriptor fd(::open(path.c_str(), O_RDONLY | O_CLOEXEC));
    struct stat info {};
    if (fd.get() < 0 || ::fstat(fd.get(), &info) != 0) return {};
    const auto size = static_cast<std::size_t>(info.st_size);
    const std::size_t from = size > k_tail_bytes ? size - k_tail_bytes : 0;
    std::string tail(size - from, '\0');
    const ssize_t got = ::pread(fd.get(), tail.data(), tail.size(), static_cast<off_t>(from));
    tail.resize(got > 0 ? static_cast<std::size_t>(got) : 0);

    std::vector<std::string> lines;
    std::size_t end = tail.size();
    while (end > 0 && (tail[end - 1] == '\n' || tail[end - 1] == '\r')) --end;
    while (end > 0 && lines.size() < count) {
        const std::size_t newline = tail.rfind('\n', end - 1);
        const std::size_t begin = newline == std::string::npos ? 0 : newline + 1;
        std::string line = tail.substr(begin, std::min(end - begin, k_line_bytes));
        if (!line.empty() && line.back() == '\r') line.pop_back();
        if (end - begin > k_line_bytes) line += " ...";
        lines.push_back(std::move(line));
        if (newline == std::string::npos) break;
        end = newline;
    }
    std::reverse(lines.begin(), lines.end());
    return lines;
}

}  // namespace caws::exec
