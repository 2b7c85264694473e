#include "util/parallel.hpp"

#include <gtest/gtest.h>

#include <atomic>
#include <functional>
#include <stdexcept>
#include <string>
#include <vector>

namespace caws::util {
namespace {

TEST(Parallel, EveryIndexRunsOnce) {
    for (const std::size_t threads : {0, 1, 3, 64}) {
        std::vector<std::atomic<int>> calls(1000);
        parallel_for(calls.size(), threads, [&](std::size_t i) { ++calls[i]; });
        for (const auto& count : calls) EXPECT_EQ(count.load(), 1);
    }
}

TEST(Parallel, RunBothReportsTheFirstOnesErrorAsDoingThemInOrderWould) {
    std::atomic<int> done{0};
    run_both([&] { ++done; }, [&] { ++done; });
    EXPECT_EQ(done, 2);
    const auto message = [](const std::function<void()>& first,
                            const std::function<void()>& second) {
        try {
            run_both(first, second);
        } catch (const std::runtime_error& error) {
            return std::string(error.what());
        }
        return std::string("none");
    };
    const auto fail = [](const char* what) { return [what] { throw std::runtime_error(what); }; };
    EXPECT_EQ(message(fail("old"), fail("new")), "old");
    EXPECT_EQ(message([] {}, fail("new")), "new");
    EXPECT_EQ(message(fail("old"), [] {}), "old");
}

TEST(Parallel, NothingToDo) {
    bool called = false;
    parallel_for(0, 4, [&](std::size_t) { called = true; });
    EXPECT_FALSE(called);
}

TEST(Parallel, AnExceptionReachesTheCaller) {
    std::atomic<int> calls{0};
    EXPECT_THROW(parallel_for(100, 4,
                              [&](std::size_t i) {
                                  ++calls;
                                  if (i == 10) throw std::runtime_error("piece 10");
                              }),
                 std::runtime_error);
    EXPECT_GE(calls.load(), 11);
}

TEST(Parallel, HardwareThreadsIsAtLeastOne) {
    EXPECT_GE(hardware_threads(), 1u);
}

}  // namespace
}  // namespace caws::util
