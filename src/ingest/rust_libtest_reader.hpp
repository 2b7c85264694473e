#pragma once

#include <string_view>

#include "ingest/read_options.hpp"
#include "model/run.hpp"

namespace caws::ingest {

// Reads what `cargo bench` prints for #[bench] functions (Rust's libtest):
//
//     test tests::bench_fib_20 ... bench:      26,858.66 ns/iter (+/- 14,121.63)
//
// - Each line is one sample: libtest's median time per iteration of that run, in
//   seconds, measure "time", lower is better. Lines of the same benchmark (outputs of
//   several runs in one file) are its samples; outputs in separate files merge the same
//   way. The "+/-" figure is the spread (max - min) of libtest's own samples and is not
//   kept.
// - Units: any time unit per iteration ("ns/iter", "µs/iter", "ms/iter", "s/iter");
//   another "X/iter" (cycles/iter) is a count per iteration, lower is better; a unit
//   ending in "/s" is a rate (higher is better); anything else has an unknown direction.
//   Values of those units are kept as written, with the unit as the measure.
// - " = 64000 MB/s" (the benchmark set b.bytes) is a second measure, "throughput", in
//   bytes per second.
// - "test NAME ... FAILED" marks the benchmark failed, with the first line of its
//   "---- NAME stdout ----" section as the message. "ignored" lines are skipped.
// - cargo's "Running benches/x.rs (...)" lines (when standard error was captured too)
//   name the bench target, kept as the label "target"; a name found in two targets is
//   qualified as "name (target)".
//
// Throws util::Error naming the file, line and column for a bench line that is
// malformed or cut short, and for a text without any bench line.
model::Run parse_rust_libtest(std::string_view text, const model::Source& source,
                              const ReadOptions& options = {});

// Whether `text` has a libtest bench line in its first mebibyte.
bool looks_like_rust_libtest(std::string_view text);

}  // namespace caws::ingest
