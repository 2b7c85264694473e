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

// Whether any line of the first MiB of `text` satisfies `matches`: how the text readers
// detect their format from the content.
template <typename Predicate>
bool any_leading_line(std::string_view text, Predicate matches) {
    TextCursor cursor(text.substr(0, std::size_t{1} << 20), {});
    std::string_view line;
    while (cursor.next(line)) {
        if (matches(line)) return true;
    }
    return false;
}

// Whitespace as the tools use it between fields: space, tab, vertical tab, form feed,
// carriage return, line feed.
constexpr bool is_space(char c) {
    return c == ' ' || c == '\t' || c == '\v' || c == '\f' || c == '\r' || c == '\n';
}

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

// The power of ten of the time units benchmark tools print, in seconds: "ps" -12, "ns"
// -9, "us" and "µs" (micro sign or Greek mu) -6, "ms" -3, "s" 0. nullopt for anything
// else.
std::optional<int> time_unit_exponent(std::string_view unit);

// Whether `unit` is one of those time units.
inline bool is_time_unit(std::string_view unit) {
    return time_unit_exponent(unit).has_value();
}

// The number `token` (parse_grouped_number's syntax) times 10^`exponent`, rounded once:
// "39.22" with -9 is the double nearest 39.22e-9, where parsing and then dividing by 1e9
// would round twice and can miss it.
std::optional<double> parse_scaled_number(std::string_view token, int exponent);

// The number `token` in the time unit `unit`, in seconds (rounded once, as above).
std::optional<double> parse_seconds(std::string_view token, std::string_view unit);

// `text` in double quotes, shortened to about 40 bytes, for error messages.
std::string in_quotes(std::string_view text);

}  // namespace caws::ingest
