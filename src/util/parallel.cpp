#include "util/parallel.hpp"

#include <malloc.h>

#include <algorithm>
#include <atomic>
#include <exception>
#include <mutex>
#include <thread>
#include <vector>

namespace caws::util {

std::size_t hardware_threads() {
    return std::max(1u, std::thread::hardware_concurrency());
}

void parallel_for(std::size_t n, std::size_t threads,
                  const std::function<void(std::size_t)>& work) {
    if (threads == 0) threads = hardware_threads();
    threads = std::min(threads, n);
    std::atomic<std::size_t> next{0};
    std::exception_ptr failure;
    std::mutex failure_mutex;
    const auto run = [&] {
        for (std::size_t i = next++; i < n; i = next++) {
            try {
                work(i);
            } catch (...) {
                const std::lock_guard lock(failure_mutex);
                if (!failure) failure = std::current_exception();
                next = n;  // hand out nothing more
            }
        }
    };
    std::vector<std::thread> pool;
    for (std::size_t t = 1; t < threads; ++t) pool.emplace_back(run);
    run();
    for (std::thread& thread : pool) thread.join();
    if (failure) std::rethrow_exception(failure);
}

void release_free_memory() {
    ::malloc_trim(0);
}

void tune_malloc() {
    ::mallopt(M_ARENA_MAX, static_cast<int>(std::min<std::size_t>(hardware_threads(), 64)));
    ::mallopt(M_MXFAST, 0);
}

bool worth_two_threads(std::uint64_t bytes) {
    return bytes >= (std::uint64_t{1} << 20);
}

void run_both(const std::function<void()>& first, const std::function<void()>& second,
              bool at_once) {
    if (!at_once || hardware_threads() < 2) {
        first();
        second();
        return;
    }
    std::exception_ptr second_failure;
    std::thread other([&] {
        try {
            second();
        } catch (...) {
            second_failure = std::current_exception();
        }
    });
    std::exception_ptr first_failure;
    try {
        first();
    } catch (...) {
        first_failure = std::current_exception();
    }
    other.join();
    if (first_failure) std::rethrow_exception(first_failure);
    if (second_failure) std::rethrow_exception(second_failure);
}

}  // namespace caws::util
