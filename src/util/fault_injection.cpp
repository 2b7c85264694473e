#include "util/fault_injection.hpp"

#include <signal.h>
#include <unistd.h>

#include <atomic>
#include <charconv>
#include <cstdlib>
#include <string>

namespace caws::util {
namespace {

struct FaultPlan {
    bool active = false;
    bool list = false;
    unsigned long target = 0;  // the fault point to stop at; 0 with `list`
};

FaultPlan read_plan() {
    FaultPlan plan;
    const char* value = std::getenv("CAWS_GATE_FAULT_INJECT");
    if (value == nullptr) return plan;
    const std::string_view text(value);
    if (text == "list") {
        plan.active = plan.list = true;
        return plan;
    }
    unsigned long target = 0;
    const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), target);
    if (error == std::errc() && end == text.data() + text.size() && target > 0) {
        plan.active = true;
        plan.target = target;
    }
    return plan;
}

const FaultPlan& plan() {
    static const FaultPlan instance = read_plan();
    return instance;
}

std::atomic<unsigned long> g_points{0};

// Writes all of `text` to stderr with write(2): no stream buffer to lose at the kill.
void write_stderr(std::string_view text) {
    while (!text.empty()) {
        const ssize_t written = ::write(STDERR_FILENO, text.data(), text.size());
        if (written <= 0) return;
        text.remove_prefix(static_cast<std::size_t>(written));
    }
}

}  // namespace

bool fault_injection_active() {
    return plan().active;
}

void fault_point(std::string_view step, std::string_view path) {
    const FaultPlan& current = plan();
    if (!current.active) return;
    const unsigned long number = ++g_points;
    if (current.list) {
        write_stderr("caws-gate: fault point " + std::to_string(number) + ": " + std::string(step) +
                     " " + std::string(path) + "\n");
        return;
    }
    if (number != current.target) return;
    ::kill(::getpid(), SIGKILL);
    ::_exit(137);  // not reached: SIGKILL cannot be caught
}

}  // namespace caws::util
