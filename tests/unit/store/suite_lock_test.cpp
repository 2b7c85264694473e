// The suite lock: held by one at a time, and its file gone once the holder is done.
#include "store/suite_lock.hpp"

#include <gtest/gtest.h>

#include <atomic>
#include <chrono>
#include <filesystem>
#include <optional>
#include <thread>

#include "support/temp_dir.hpp"
#include "util/error.hpp"

namespace caws::store {
namespace {

TEST(SuiteLock, TheFileIsRemovedWhenTheHolderIsDone) {
    test::TempDir dir;
    const std::string path = lock_path(dir.file("baselines"), "perf");
    {
        const SuiteLock lock(path, 0);
        EXPECT_TRUE(std::filesystem::exists(path));
    }
    EXPECT_FALSE(std::filesystem::exists(path));
    const SuiteLock again(path, 0);  // and the next update creates it again
    EXPECT_TRUE(std::filesystem::exists(path));
}

// A waiter that opened the file before the holder removed it must not hold a lock nobody
// else sees: it locks the file now at the path, so a third update still waits for it.
TEST(SuiteLock, AWaiterLocksTheFileAtThePathAfterTheHolderRemovedIt) {
    test::TempDir dir;
    const std::string path = lock_path(dir.path(), "perf");
    std::optional<SuiteLock> first(std::in_place, path, 0);
    std::atomic<bool> locked = false;
    std::atomic<bool> release = false;
    std::thread waiter([&] {
        const SuiteLock second(path, 10);
        locked = true;
        while (!release) std::this_thread::sleep_for(std::chrono::milliseconds(5));
    });
    std::this_thread::sleep_for(std::chrono::milliseconds(50));  // the waiter opened the file
    first.reset();
    while (!locked) std::this_thread::sleep_for(std::chrono::milliseconds(5));
    EXPECT_TRUE(std::filesystem::exists(path));
    EXPECT_THROW(SuiteLock(path, 0), util::Error);
    release = true;
    waiter.join();
    EXPECT_FALSE(std::filesystem::exists(path));
}

}  // namespace
}  // namespace caws::store
