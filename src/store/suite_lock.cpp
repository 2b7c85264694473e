#include "store/suite_lock.hpp"

#include <fcntl.h>
#include <sys/file.h>
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

SuiteLock::SuiteLock(std::string path, double timeout_seconds) : path_(std::move(path)) {
    namespace fs = std::filesystem;
    const fs::path directory = fs::path(path_).parent_path();
    std::error_code ec;
    if (!directory.empty()) fs::create_directories(directory, ec);
    fd_ = ::open(path_.c_str(), O_RDWR | O_CREAT | O_CLOEXEC, 0644);
    if (fd_ < 0) {
        throw util::Error(path_, {},
                          std::string("cannot create the lock file: ") + std::strerror(errno));
    }
    using clock = std::chrono::steady_clock;
    const auto deadline =
        clock::now() + std::chrono::duration_cast<clock::duration>(std::chrono::duration<double>(
                           timeout_seconds > 0 ? timeout_seconds : 0));
    auto pause = std::chrono::milliseconds(5);
    for (;;) {
        if (::flock(fd_, LOCK_EX | LOCK_NB) == 0) return;
        if (errno != EWOULDBLOCK && errno != EINTR) {
            const std::string reason = std::strerror(errno);
            ::close(fd_);
            throw util::Error(path_, {}, "cannot lock the file: " + reason);
        }
        if (clock::now() >= deadline) {
            ::close(fd_);
            std::ostringstream seconds;
            seconds << timeout_seconds;
            throw util::Error(path_, {},
                              "another caws-gate is updating this suite; gave up waiting after " +
                                  seconds.str() +
                                  " s (raise --lock-timeout, or check for a hung process)");
        }
        std::this_thread::sleep_for(pause);
        pause = std::min(pause * 2, std::chrono::milliseconds(200));
    }
}

SuiteLock::~SuiteLock() {
    if (fd_ >= 0) {
        ::flock(fd_, LOCK_UN);
        ::close(fd_);
    }
}

}  // namespace caws::store
