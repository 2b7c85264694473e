#pragma once

// Shared pieces of the readers of text formats (Go, Rust libtest, Criterion.rs, Catch2's
// console table, Benchmark.js): walking a text line by line, splitting fields, reading
// numbers as benchmark tools print them, and errors that say "line L, column C".

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace caws::ingest {

// A results file read line by line. Lines come without their line break and without a
// trailing '\r' (files written on Windows). Only positions inside the text may be passed
// to fail().
class TextCursor {
  public:
    // `path` names the file in error messages; `text` must outlive the cursor.
    TextCursor(std::string_view text, std::string path);

    // The next line in `line`, or false at the end of the text.
    bool next(std::string_view& line);

    // 1-based number of the line last returned by next() (0 before the first).
    std::size_t line_number() const { return line_number_; }

    const std::string& path() const { return path_; }
    std::string_view text() const { return text_; }

    // "line L, column C" of the first byte of `at`, a view into the text.
    std::string where(std::string_view at) const;

    // Throws util::Error(path, where(at), what).
    [[noreturn]] void fail(std::string_view at, const std::string& what) const;

  private:
    std::string_view text_;
    std::string path_;
    std::size_t offset_ = 0;  // start of the next line
    std::size_t line_number_ = 0;
};

// Whitespace as the tools use it between fields: space, tab, vertical tab, form feed,
// carriage return, line feed.
constexpr bool is_space(char c) {
    return c == ' ' || c == '\t' || c == '\v' || c == '\f' || c == '\r' || c == '\n';
}

// `text` without leading and trailing whitespace.
std::string_view trim(std::string_view text);

// The next whitespace-separated field of `rest`, skipping whitespace before it; `rest`
// then starts right after the field. Empty when only whitespace is left.
std::string_view next_field(std::string_view& rest);

// The last whitespace-separated field of `rest`; `rest` then ends right before it (with
// the whitespace before the field kept). Empty when only whitespace is left.
std::string_view last_field(std::string_view& rest);

// A decimal number as benchmark tools print it ("12", "-0.5", "1.5e-3", "+3"). Nothing
// else: no "inf", "nan", hexadecimal, thousands separators or surrounding spaces.
std::optional<double> parse_number(std::string_view token);

// Like parse_number, also accepting ',' thousands separators in the integer part
// ("1,431,759", "13,967,756.30").
std::optional<double> parse_grouped_number(std::string_view token);

// A non-negative whole number written with digits only ("5000000").
std::optional<std::uint64_t> parse_count(std::string_view token);

// Seconds per unit for the time units benchmark tools print: "ps", "ns", "us", "µs"
// (micro sign or Greek mu), "ms", "s". nullopt for anything else.
std::optional<double> seconds_per_time_unit(std::string_view unit);

// `value` in `unit` converted to seconds. Dividing by an exact power of ten rounds
// correctly (100 ns reads as the double nearest 1e-7), where multiplying by 1e-9 would
// not; `unit` must be one seconds_per_time_unit() knows.
double to_seconds(double value, std::string_view unit);

// `text` in double quotes, shortened to about 40 bytes, for error messages.
std::string in_quotes(std::string_view text);

}  // namespace caws::ingest
