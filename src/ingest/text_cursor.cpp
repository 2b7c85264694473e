#include "ingest/text_cursor.hpp"

#include <charconv>
#include <cstring>

#include "util/error.hpp"
#include "util/text_position.hpp"

namespace caws::ingest {
namespace {

bool is_digit(char c) {
    return c >= '0' && c <= '9';
}

// Whether `text` is spelled like a decimal number: from_chars also reads "inf", "nan" and
// hexadecimal, which no benchmark tool means. Whether it is a whole number is left to
// from_chars consuming all of it.
bool spelled_decimal(std::string_view text) {
    if (text.empty()) return false;
    const char first = text.front() == '-' && text.size() > 1 ? text[1] : text.front();
    if (!is_digit(first) && first != '.') return false;
    for (const char c : text) {
        if (!is_digit(c) && c != '.' && c != 'e' && c != 'E' && c != '-' && c != '+') return false;
    }
    return true;
}

}  // namespace

TextCursor::TextCursor(std::string_view text, std::string path)
    : text_(text), path_(std::move(path)) {}

bool TextCursor::next(std::string_view& line) {
    if (offset_ >= text_.size()) return false;
    const char* start = text_.data() + offset_;
    const std::size_t left = text_.size() - offset_;
    const void* newline = std::memchr(start, '\n', left);
    const std::size_t length =
        newline == nullptr ? left
                           : static_cast<std::size_t>(static_cast<const char*>(newline) - start);
    line = std::string_view(start, length);
    offset_ += length + (newline == nullptr ? 0 : 1);
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    ++line_number_;
    return true;
}

std::string TextCursor::where(std::string_view at) const {
    std::size_t offset = text_.size();
    if (at.data() >= text_.data() && at.data() <= text_.data() + text_.size()) {
        offset = static_cast<std::size_t>(at.data() - text_.data());
    }
    return util::describe(util::position_of(text_, offset));
}

void TextCursor::fail(std::string_view at, const std::string& what) const {
    throw util::Error(path_, where(at), what);
}

std::string_view next_field(std::string_view& rest) {
    std::size_t i = 0;
    while (i < rest.size() && is_space(rest[i])) ++i;
    const std::size_t start = i;
    while (i < rest.size() && !is_space(rest[i])) ++i;
    const std::string_view field = rest.substr(start, i - start);
    rest.remove_prefix(i);
    return field;
}

std::string_view last_field(std::string_view& rest) {
    std::size_t end = rest.size();
    while (end > 0 && is_space(rest[end - 1])) --end;
    std::size_t start = end;
    while (start > 0 && !is_space(rest[start - 1])) --start;
    const std::string_view field = rest.substr(start, end - start);
    rest = rest.substr(0, start);
    return field;
}

std::optional<double> parse_number(std::string_view token) {
    if (token.empty()) return std::nullopt;
    std::string_view digits = token;
    if (digits.front() == '+') digits.remove_prefix(1);
    if (!spelled_decimal(digits)) return std::nullopt;
    double value = 0;
    const auto [end, error] = std::from_chars(digits.data(), digits.data() + digits.size(), value);
    if (error != std::errc() || end != digits.data() + digits.size()) return std::nullopt;
    return value;
}

std::optional<double> parse_grouped_number(std::string_view token) {
    if (token.find(',') == std::string_view::npos) return parse_number(token);
    char buffer[64];
    if (token.size() >= sizeof buffer) return std::nullopt;
    std::size_t length = 0;
    bool in_fraction = false;
    for (std::size_t i = 0; i < token.size(); ++i) {
        const char c = token[i];
        if (c == '.' || c == 'e' || c == 'E') in_fraction = true;
        if (c == ',') {
            // A separator sits between digits of the integer part.
            if (in_fraction || i == 0 || i + 1 == token.size() || !is_digit(token[i - 1]) ||
                !is_digit(token[i + 1])) {
                return std::nullopt;
            }
            continue;
        }
        buffer[length++] = c;
    }
    return parse_number(std::string_view(buffer, length));
}

std::optional<std::uint64_t> parse_count(std::string_view token) {
    if (token.empty()) return std::nullopt;
    for (const char c : token) {
        if (!is_digit(c)) return std::nullopt;
    }
    std::uint64_t value = 0;
    const auto [end, error] = std::from_chars(token.data(), token.data() + token.size(), value);
    if (error != std::errc() || end != token.data() + token.size()) return std::nullopt;
    return value;
}

std::optional<int> time_unit_exponent(std::string_view unit) {
    if (unit == "ns") return -9;
    if (unit == "us" || unit == "\xC2\xB5s" || unit == "\xCE\xBCs") return -6;
    if (unit == "ms") return -3;
    if (unit == "s") return 0;
    if (unit == "ps") return -12;
    return std::nullopt;
}

std::optional<double> parse_scaled_number(std::string_view token, int exponent) {
    // The digits without separators, with the exponent moved ("1,234.5e3" and -9 give
    // "1234.5e-6"), then one conversion.
    char buffer[96];
    if (token.empty() || token.size() > 64) return std::nullopt;
    std::size_t length = 0;
    std::size_t mark = token.size();  // where the written exponent starts
    bool in_fraction = false;
    for (std::size_t i = 0; i < token.size(); ++i) {
        const char c = token[i];
        if (c == 'e' || c == 'E') {
            mark = i;
            break;
        }
        if (c == ',') {
            if (in_fraction || i == 0 || i + 1 == token.size() || !is_digit(token[i - 1]) ||
                !is_digit(token[i + 1])) {
                return std::nullopt;
            }
            continue;
        }
        if (c == '.') in_fraction = true;
        if (c == '+' && i == 0) continue;
        buffer[length++] = c;
    }
    if (!spelled_decimal(std::string_view(buffer, length))) return std::nullopt;
    if (mark < token.size()) {
        std::string_view written = token.substr(mark + 1);
        if (!written.empty() && written.front() == '+') written.remove_prefix(1);
        int value = 0;
        const auto [end, error] =
            std::from_chars(written.data(), written.data() + written.size(), value);
        if (written.empty() || error != std::errc() || end != written.data() + written.size()) {
            return std::nullopt;
        }
        exponent += value;
    }
    if (exponent != 0) {
        buffer[length++] = 'e';
        const auto [end, error] = std::to_chars(buffer + length, buffer + sizeof buffer, exponent);
        if (error != std::errc()) return std::nullopt;
        length = static_cast<std::size_t>(end - buffer);
    }
    double value = 0;
    const auto [parsed, failed] = std::from_chars(buffer, buffer + length, value);
    if (failed != std::errc() || parsed != buffer + length) return std::nullopt;
    return value;
}

std::optional<double> parse_seconds(std::string_view token, std::string_view unit) {
    const auto exponent = time_unit_exponent(unit);
    if (!exponent) return std::nullopt;
    return parse_scaled_number(token, *exponent);
}

std::string in_quotes(std::string_view text) {
    constexpr std::size_t k_limit = 40;
    std::size_t cut = text.size();
    if (text.size() > k_limit) {
        cut = k_limit - 3;
        // Do not cut a UTF-8 sequence in two.
        while (cut > 0 && (static_cast<unsigned char>(text[cut]) & 0xC0) == 0x80) --cut;
    }
    std::string out;
    out.reserve(cut + 5);
    out += '"';
    out.append(text.substr(0, cut));
    if (cut < text.size()) out += "...";
    out += '"';
    return out;
}

}  // namespace caws::ingest
