#pragma once

// Reading JSON input files fast (simdjson's On-Demand API) with error messages that say
// where: a JSON pointer for content errors, line and column for syntax errors.
//
// This header includes simdjson; include it only from .cpp files of readers.

#include <simdjson.h>

#include <bit>
#include <cstddef>
#include <cstdint>
#include <cstring>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace caws::json {

namespace od = simdjson::ondemand;

// A JSON pointer that is only spelled out when an error needs it: each level lives on
// the stack of the reader and points at its parent, so walking a large file costs no
// string allocations. Keys must outlive the Path (they usually are the reader's locals).
class Path {
  public:
    Path() = default;
    // Only named Paths have children: a child keeps a pointer to its parent.
    Path child(std::string_view key) const& { return Path(this, key, 0, false); }
    Path child(std::size_t index) const& { return Path(this, {}, index, true); }
    Path child(std::string_view key) const&& = delete;
    Path child(std::size_t index) const&& = delete;
    std::string str() const;

  private:
    Path(const Path* parent, std::string_view key, std::size_t index, bool is_index)
        : parent_(parent), key_(key), index_(index), is_index_(is_index) {}
    const Path* parent_ = nullptr;
    std::string_view key_;
    std::size_t index_ = 0;
    bool is_index_ = false;
};

// One JSON text being read. Owns the padded copy simdjson needs and the parser.
//
// Google Benchmark and some other tools write the non-standard tokens NaN, -NaN,
// Infinity and -Infinity; they are accepted wherever a number is (number() below), and
// positions in error messages refer to the original text.
class Document {
  public:
    // The locations its accessors take (a reader template over Document and FastReader
    // names them Json::Location).
    using Location = Path;

    // `path` names the file in messages. Copies `text` once, into the padded buffer
    // simdjson needs; does not parse yet.
    Document(std::string path, std::string_view text);
    Document(const Document&) = delete;
    Document& operator=(const Document&) = delete;

    // The root of the document, to be iterated once.
    od::document& root();
    // The root, which must be an object ("expected a JSON object at the top level").
    od::object root_object();
    // The root, which must be an array; `expected` says what when it is not ("expected a
    // JSON array of benchmarks (JMH -rf json)").
    od::array root_array(const std::string& expected);

    const std::string& path() const { return path_; }

    // Throws util::Error(path, pointer, what).
    [[noreturn]] void fail(const Path& where, const std::string& what) const;

    // Turns a simdjson error into util::Error with the line and column of the syntax
    // error when the text is not valid JSON; otherwise with `where` and the message
    // `otherwise`, or one describing the simdjson error.
    [[noreturn]] void fail_simdjson(const simdjson::simdjson_error& error, const Path& where,
                                    const std::string& otherwise = {}) const;

    // Typed accessors: each throws a located util::Error naming what was expected and
    // what was found ("expected a number, got \"fast\"").
    double number(od::value value, const Path& where) const;
    // The value as a number when it is one (or a NaN/Infinity token), nullopt otherwise.
    std::optional<double> number_if_numeric(od::value value) const;
    std::optional<double> number_or_null(od::value value, const Path& where) const;
    // A finite number, or null: "expected a finite number" for NaN and Infinity tokens.
    std::optional<double> finite_or_null(od::value value, const Path& where) const;
    std::int64_t integer(od::value value, const Path& where) const;
    // A count: any unsigned 64-bit integer, or an integral number from 0 to 9e15
    // ("expected a count of at least 0" for a negative one).
    std::uint64_t count(od::value value, const Path& where) const;
    std::string_view string(od::value value, const Path& where) const;
    bool boolean(od::value value, const Path& where) const;
    od::object object(od::value value, const Path& where) const;
    od::array array(od::value value, const Path& where) const;

    // A short rendering of a value for messages: the raw token, shortened, or "an object".
    static std::string describe(od::value value);

  private:
    std::string path_;
    std::string original_;               // as read, for line:column of syntax errors
    simdjson::padded_string padded_;     // what simdjson parses, unless borrowed
    simdjson::padded_string_view view_;  // padded_ or the borrowed text
    std::vector<std::size_t> inserted_;  // offsets in padded_ where quotes were added
    od::parser parser_;
    od::document document_;
};

// The length of a JSON string's content that starts at `raw` (just after its opening
// quote) when it holds no escape, else npos: the text can then be used as it stands.
// Reads eight bytes at a time, which the padding simdjson's texts have after their end
// allows; the first quote or backslash of a word is found exactly (the lowest byte the
// zero-byte test flags is a zero byte).
inline std::size_t plain_string_length(const char* raw) {
    const char* at = raw;
    if constexpr (std::endian::native == std::endian::little) {
        constexpr std::uint64_t k_ones = 0x0101010101010101ULL;
        constexpr std::uint64_t k_highs = 0x8080808080808080ULL;
        for (;; at += 8) {
            std::uint64_t word = 0;
            std::memcpy(&word, at, sizeof word);
            const std::uint64_t quote = word ^ (k_ones * '"');
            const std::uint64_t backslash = word ^ (k_ones * '\\');
            const std::uint64_t found = ((quote - k_ones) & ~quote & k_highs) |
                                        ((backslash - k_ones) & ~backslash & k_highs);
            if (found != 0) {
                at += __builtin_ctzll(found) / 8;
                break;
            }
        }
    } else {
        while (*at != '"' && *at != '\\') ++at;
    }
    return *at == '"' ? static_cast<std::size_t>(at - raw) : std::string_view::npos;
}

// The key of an object's field (od::field or the simdjson_result iteration yields): a
// view of the document's text when the key holds no escape (nearly every key), so that
// reading a large file does not copy every key into simdjson's string buffer; else the
// unescaped key. Valid while the document lives, as unescaped_key()'s.
template <typename Field>
std::string_view key(Field& field) {
    const od::raw_json_string raw = field.key();
    const char* begin = raw.raw();
    const std::size_t length = plain_string_length(begin);
    if (length != std::string_view::npos) return {begin, length};
    return field.unescaped_key();
}

// While alive, Documents constructed over exactly `text` (same data and size) read it in
// place instead of copying it: the caller promises that `text` is followed by
// simdjson::SIMDJSON_PADDING readable bytes (util::read_file's `extra_capacity`). Saves a
// copy of the whole input, which for a large results file is a third of the peak memory.
//
// `mapped` says that `text` is a read-only private mapping of a file, whose pages can be
// dropped once read and come back from the file if read again (release_read).
class BorrowPadded {
  public:
    explicit BorrowPadded(std::string_view text, bool mapped = false);
    ~BorrowPadded();
    BorrowPadded(const BorrowPadded&) = delete;
    BorrowPadded& operator=(const BorrowPadded&) = delete;

  private:
    std::string_view previous_;
    bool previous_mapped_;
};

// Whether `text` may hold a NaN or Infinity token, which Document reads and simdjson alone
// does not (it contains the word).
bool may_have_special_tokens(std::string_view text);

// Whether `text` is what a live BorrowPadded promised: followed by
// simdjson::SIMDJSON_PADDING readable bytes.
bool is_borrowed_padded(std::string_view text);

// Drops from memory the pages of `text` before `up_to` when `text` is a mapping a live
// BorrowPadded said it could drop (they are read from the file again if needed); does
// nothing otherwise. Returns `up_to`.
std::size_t release_read(std::string_view text, std::size_t up_to);

// Runs `body` and converts any simdjson error escaping it into a located util::Error.
template <typename Body>
void read_guarded(Document& document, const Path& where, Body&& body) {
    try {
        body();
    } catch (const simdjson::simdjson_error& error) {
        document.fail_simdjson(error, where);
    }
}

}  // namespace caws::json
