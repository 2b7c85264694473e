#pragma once

#include <optional>
#include <string_view>

#include "ingest/text_cursor.hpp"

namespace caws::ingest {

// One "test NAME ... bench: VALUE UNIT (+/- DEVIATION)" line, as Rust's libtest prints
// it for #[bench] functions and Criterion.rs prints it with --output-format bencher.
// Views point into the line.
struct LibtestLine {
    std::string_view name;                  // trimmed
    std::string_view value;                 // a number as written: "18,149", "26,858.66"
    std::string_view unit;                  // "ns/iter", "μs/iter", "cycles/iter", "MS/s", ...
    std::string_view deviation;             // the number after "+/-", in `unit`
    std::string_view megabytes_per_second;  // " = 64000 MB/s" (b.bytes set), or empty
};

// The outcome of a "test NAME ... OUTCOME" line that is not a measurement.
enum class LibtestOutcome { none, failed, ignored };

// Reads `line` when it is a bench line: nullopt when it is not one (no "test " prefix or
// no "... bench:"). Throws util::Error with the line and column through `cursor` when it
// starts like one but is malformed or cut short (a value that is not a number, no unit,
// no "(+/- ...)").
std::optional<LibtestLine> read_libtest_line(std::string_view line, const TextCursor& cursor);

// For "test NAME ... FAILED" and "test NAME ... ignored": the outcome, with the name in
// `name`. LibtestOutcome::none for any other line.
LibtestOutcome read_libtest_outcome(std::string_view line, std::string_view& name);

// Whether `line` is a bench line, or starts like one ("test NAME ... bench: " and more),
// for detection: a malformed line then gets its error. Never throws.
bool is_libtest_line(std::string_view line);

// The target of cargo's "Running unittests src/lib.rs (target/...)" or "Running
// benches/x.rs (...)" line ("src/lib.rs", "benches/x.rs"), or empty for other lines.
std::string_view cargo_running_target(std::string_view line);

}  // namespace caws::ingest
