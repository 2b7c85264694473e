#include "store/suite_lock.hpp"

#include <fcntl.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <chrono>
#include <cstring>
#include <filesystem>
#include <sstream>
#include <thread>

#include "store/baseline_file.hpp"
#include "util/error.hpp"

namespace caws::store {

std::string lock_path(const std::string& directory, const std::string& suite) {
    check_suite_name(suite);
    std::string path = directory.empty() ? std::string(".") : directory;
    if (path.back() != '/') path += '/';
    return path + suite + ".lock";
}

namespace {

using Clock = std::chrono::steady_clock;

int open_lock_file(const std::string& path) {
    const int fd = ::open(path.c_str(), O_RDWR | O_CREAT | O_CLOEXEC, 0644);
    if (fd < 0) {
        throw util::Error(path, {},
                          std::string("cannot create the lock file: ") + std::strerror(errno));
    }
    return fd;
}

// Takes the flock on `fd`, polling until `deadline`. Closes `fd` and throws on failure.
void lock_until(int fd, const std::string& path, Clock::time_point deadline, double timeout) {
    auto pause = std::chrono::milliseconds(5);
    for (;;) {
        if (::flock(fd, LOCK_EX | LOCK_NB) == 0) return;
        if (errno != EWOULDBLOCK && errno != EINTR) {
            const std::string reason = std::strerror(errno);
            ::close(fd);
            throw util::Error(path, {}, "cannot lock the file: " + reason);
        }
        if (Clock::now() >= deadline) {
            ::close(fd);
            std::ostringstream seconds;
            seconds << timeout;
            throw util::Error(path, {},
                              "another caws-gate is updating this suite; gave up waiting after " +
                                  seconds.str() +
                                  " s (raise --lock-timeout, or check for a hung process)");
        }
        std::this_thread::sleep_for(pause);
        pause = std::min(pause * 2, std::chrono::milliseconds(200));
    }
}

// Whether `path` still names the file open as `fd`: a holder unlinks the lock file before
// it unlocks, so a waiter that then gets the lock may hold a file nobody else can open.
bool still_named(int fd, const std::string& path) {
    struct stat open_file {};
    struct stat named {};
    if (::fstat(fd, &open_file) != 0 || ::stat(path.c_str(), &named) != 0) return false;
    return open_file.st_dev == named.st_dev && open_file.st_ino == named.st_ino;
}

}  // namespace

SuiteLock::SuiteLock(std::string path, double timeout_seconds) : path_(std::move(path)) {
    namespace fs = std::filesystem;
    const fs::path directory = fs::path(path_).parent_path();
    std::error_code ec;
    if (!directory.empty()) fs::create_directories(directory, ec);
    const auto deadline =
        Clock::now() + std::chrono::duration_cast<Clock::duration>(std::chrono::duration<double>(
                           timeout_seconds > 0 ? timeout_seconds : 0));
    for (;;) {
        fd_ = open_lock_file(path_);
        lock_until(fd_, path_, deadline, timeout_seconds);
        if (still_named(fd_, path_)) return;
        ::close(fd_);  // the previous holder removed it: lock the file now at the path
    }
}

SuiteLock::~SuiteLock() {
    if (fd_ >= 0) {
        // Removed while still held, so that a waiter that locks it next sees that it is gone.
        ::unlink(path_.c_str());
        ::flock(fd_, LOCK_UN);
        ::close(fd_);
    }
}

}  // namespace caws::store
