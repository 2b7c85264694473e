#include "exec/signals.hpp"

#include <fcntl.h>
#include <poll.h>
#include <unistd.h>

#include <array>
#include <cerrno>
#include <csignal>
#include <stdexcept>

namespace caws::exec {
namespace {

// State shared with the handler: a sig_atomic_t and a pipe, as a signal handler may touch
// nothing else.
volatile std::sig_atomic_t g_stop_signal = 0;
int g_wake_pipe[2] = {-1, -1};
bool g_active = false;

constexpr std::array<int, 3> k_watched{SIGINT, SIGTERM, SIGCHLD};
struct sigaction g_previous[k_watched.size()];

extern "C" void on_signal(int signal) {
    const int saved_errno = errno;
    if (signal != SIGCHLD && g_stop_signal == 0) g_stop_signal = signal;
    const char byte = 1;
    // The pipe is non-blocking: when it is full a wake-up is already pending.
    [[maybe_unused]] const ssize_t ignored = ::write(g_wake_pipe[1], &byte, 1);
    errno = saved_errno;
}

}  // namespace

Interrupted::Interrupted(int signal, const std::string& what)
    : util::Error(what), signal_(signal) {}

std::string signal_name(int signal) {
    struct Name {
        int number;
        const char* name;
    };
    static constexpr Name k_names[] = {
        {SIGHUP, "SIGHUP"},   {SIGINT, "SIGINT"},   {SIGQUIT, "SIGQUIT"}, {SIGILL, "SIGILL"},
        {SIGTRAP, "SIGTRAP"}, {SIGABRT, "SIGABRT"}, {SIGBUS, "SIGBUS"},   {SIGFPE, "SIGFPE"},
        {SIGKILL, "SIGKILL"}, {SIGUSR1, "SIGUSR1"}, {SIGSEGV, "SIGSEGV"}, {SIGUSR2, "SIGUSR2"},
        {SIGPIPE, "SIGPIPE"}, {SIGALRM, "SIGALRM"}, {SIGTERM, "SIGTERM"}, {SIGXCPU, "SIGXCPU"},
        {SIGXFSZ, "SIGXFSZ"},
    };
    for (const Name& name : k_names) {
        if (name.number == signal) return name.name;
    }
    return "signal " + std::to_string(signal);
}

SignalWatch::SignalWatch() {
    if (g_active) throw std::logic_error("exec::SignalWatch: only one may be alive at a time");
    if (::pipe2(g_wake_pipe, O_CLOEXEC | O_NONBLOCK) != 0) {
        throw std::runtime_error("exec::SignalWatch: cannot create a pipe");
    }
    g_stop_signal = 0;
    g_active = true;
    struct sigaction action {};
    action.sa_handler = on_signal;
    sigemptyset(&action.sa_mask);
    // SA_RESTART: reads and writes elsewhere in caws-gate (the results readers) go on
    // undisturbed; the waits below use the pipe, not EINTR.
    action.sa_flags = SA_RESTART | SA_NOCLDSTOP;
    for (std::size_t i = 0; i < k_watched.size(); ++i) {
        ::sigaction(k_watched[i], &action, &g_previous[i]);
    }
}

SignalWatch::~SignalWatch() {
    for (std::size_t i = 0; i < k_watched.size(); ++i) {
        ::sigaction(k_watched[i], &g_previous[i], nullptr);
    }
    ::close(g_wake_pipe[0]);
    ::close(g_wake_pipe[1]);
    g_wake_pipe[0] = g_wake_pipe[1] = -1;
    g_active = false;
}

int SignalWatch::stop_signal() const {
    return g_stop_signal;
}

void SignalWatch::wait(int timeout_ms) {
    pollfd descriptor{g_wake_pipe[0], POLLIN, 0};
    const int ready = ::poll(&descriptor, 1, timeout_ms);
    if (ready <= 0) return;  // timed out, or interrupted: the caller checks again
    char buffer[64];
    while (::read(g_wake_pipe[0], buffer, sizeof buffer) > 0) {
    }
}

}  // namespace caws::exec
