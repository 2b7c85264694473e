#pragma once

#include <string>

namespace caws::store {

// "<dir>/<suite>.lock" after checking the suite name.
std::string lock_path(const std::string& directory, const std::string& suite);

// An exclusive lock on one suite's files, held while a baseline update or a history
// import reads and rewrites them, so that concurrent updates of a suite run one after
// the other. It is an flock(2) on DIR/SUITE.lock: the kernel releases it when the holder
// exits or crashes, so a lock is never stale. The holder removes the file before it
// unlocks, and a waiter that then gets the lock checks that the path still names the file
// it locked, else locks again the file now there; so the file is gone after an update, and
// stays only after a crash (it is empty, and harmless to delete when no update runs).
// Creates the directory when needed.
class SuiteLock {
  public:
    // Waits up to `timeout_seconds` (0: do not wait) for the lock. Throws util::Error
    // naming the lock file when it cannot be created or another process holds it longer.
    SuiteLock(std::string path, double timeout_seconds);
    ~SuiteLock();
    SuiteLock(const SuiteLock&) = delete;
    SuiteLock& operator=(const SuiteLock&) = delete;

    const std::string& path() const { return path_; }

  private:
    std::string path_;
    int fd_ = -1;
};

}  // namespace caws::store
