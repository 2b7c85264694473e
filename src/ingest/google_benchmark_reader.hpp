#pragma once

#include <optional>
#include <string_view>

#include "ingest/read_options.hpp"
#include "model/run.hpp"

namespace caws::ingest {

// Reads Google Benchmark's JSON output (--benchmark_format=json or --benchmark_out=FILE).
//
// - "iteration" rows (or rows without run_type, as older versions wrote them) are the
//   samples of a benchmark, one per repetition; rows are grouped by run_name (or name).
// - "aggregate" rows (mean, median, stddev) become a summary with n = repetitions, used
//   only when the benchmark has no iteration rows (--benchmark_report_aggregates_only);
//   percentage aggregates (cv) and user-defined statistics are skipped with a note.
// - real_time and cpu_time are two measures, in seconds; items_per_second and
//   bytes_per_second are higher-is-better rates; memory-manager results are
//   lower-is-better; other counters are kept with unknown direction.
// - error_occurred marks the benchmark failed, skipped marks it skipped; _BigO and _RMS
//   complexity rows are ignored with a note.
// - NaN, -NaN, Infinity and -Infinity written as bare tokens are accepted.
// - The context's `repetitions` says how the repetitions were ordered, from the order of
//   the benchmarks: Google Benchmark writes each benchmark's rows together, in registration
//   order (family_index, per_family_instance_index) unless --benchmark_enable_random_
//   interleaving shuffled them. Out of that order: interleaved; in it, with at least four
//   benchmarks or without family_index (versions that could not interleave): back to back;
//   with fewer, undetermined; one repetition each: single.
//
// Throws util::Error naming the file and JSON pointer for anything else, including an
// empty benchmark list, negative or non-finite times, unknown time units and duplicate
// repetition indexes. The file says every direction it has, so `options` are not needed.
//
// A file of the usual shape is read row by row (json/member_array.hpp): its rows are
// found by a scan and each parsed alone, which keeps the parser's memory small and in the
// cache. Anything unexpected on the way, and any error, reads the text whole again with
// parse_google_benchmark_whole, so that the result and the messages are the same.
model::Run parse_google_benchmark(std::string_view text, const model::Source& source,
                                  const ReadOptions& options = {});

// The row-by-row reading alone: nullopt when it cannot read `text` (another shape, a NaN
// token, a NUL byte, invalid UTF-8, any error but a limit reached), for the caller to read
// the text the usual way, which says what is wrong. A run returned comes from a text that
// is UTF-8 without NUL bytes, every byte of it checked on the way, so that the caller
// need not scan it first. A limit reached (too many benchmarks, too long a name) throws its
// util::Error as it stands.
std::optional<model::Run> parse_google_benchmark_rows(std::string_view text,
                                                      const model::Source& source);

// The same, always parsing the text whole: the reference the row-by-row reading agrees
// with (and says where errors are).
model::Run parse_google_benchmark_whole(std::string_view text, const model::Source& source);

// Whether `text` looks like Google Benchmark output (a "context" and a "benchmarks" key
// near the top).
bool looks_like_google_benchmark(std::string_view text);

}  // namespace caws::ingest
