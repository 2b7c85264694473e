#pragma once

// Running independent pieces of work on several threads.

#include <cstddef>
#include <cstdint>
#include <functional>

namespace caws::util {

// Calls `work(i)` once for every i in [0, n), on up to `threads` threads (0: one per
// core), the calling thread being one of them. Indices are handed out one at a time in
// increasing order, so that pieces of uneven cost spread over the threads. Returns when
// every call has returned; the first exception a call throws is then rethrown (the
// indices not yet handed out are skipped).
void parallel_for(std::size_t n, std::size_t threads, const std::function<void(std::size_t)>& work);

// Runs `first` on the calling thread and `second` on another, at the same time (one after
// the other on a machine of one core, or when `at_once` is false). Returns when both have
// returned; rethrows the exception of `first` if it threw, else that of `second`: the
// error a caller reports is the one it would have met doing them in order.
void run_both(const std::function<void()>& first, const std::function<void()>& second,
              bool at_once = true);

// Whether files of `bytes` in all are worth reading on two threads: below a megabyte,
// starting a thread costs more than it saves.
bool worth_two_threads(std::uint64_t bytes);

// Gives the memory freed so far back to the system (glibc's malloc_trim, every arena):
// memory a worker thread freed stays in its arena otherwise, out of reach of the other
// threads and counted in the process's peak.
void release_free_memory();

// Tunes glibc's malloc before any thread starts:
// - one arena per hardware thread (M_ARENA_MAX): check runs up to three threads at once
//   on two cores (the results beside the baseline and the history, whose reading has a
//   thread of its own), and each arena keeps the memory its thread freed, about 25 MB of
//   a 20,000-benchmark check's peak;
// - no fastbins (M_MXFAST 0): the many small strings and vectors a large check frees sat
//   in fastbins that each larger allocation then merged back (malloc_consolidate, 4% of a
//   20,000-benchmark check's time); without them that check took 2-5% less wall time (two
//   measurements of 9 runs), compare about the same.
void tune_malloc();

// The number of threads the hardware runs at once, at least 1.
std::size_t hardware_threads();

}  // namespace caws::util
