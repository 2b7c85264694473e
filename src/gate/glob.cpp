#include "gate/glob.hpp"

#include <cstddef>

namespace caws::gate {
namespace {

// A bracket expression starting at pattern[open] ('['): where it ends (the index of its
// closing ']') and whether `ch` is in it. nullopt for an unclosed or malformed one.
struct Bracket {
    std::size_t close = 0;
    bool matched = false;
};

std::optional<Bracket> read_bracket(std::string_view pattern, std::size_t open, char ch,
                                    std::string* error) {
    std::size_t i = open + 1;
    bool negated = false;
    if (i < pattern.size() && (pattern[i] == '!' || pattern[i] == '^')) {
        negated = true;
        ++i;
    }
    bool matched = false;
    bool first = true;
    while (i < pattern.size() && (first || pattern[i] != ']')) {
        first = false;
        char low = pattern[i];
        if (low == '\\' && i + 1 < pattern.size()) low = pattern[++i];
        char high = low;
        if (i + 2 < pattern.size() && pattern[i + 1] == '-' && pattern[i + 2] != ']') {
            i += 2;
            high = pattern[i];
            if (high == '\\' && i + 1 < pattern.size()) high = pattern[++i];
            if (static_cast<unsigned char>(high) < static_cast<unsigned char>(low)) {
                if (error != nullptr) {
                    *error = "the range '" + std::string(1, low) + "-" + std::string(1, high) +
                             "' at offset " + std::to_string(open) + " is reversed";
                }
                return std::nullopt;
            }
        }
        const auto c = static_cast<unsigned char>(ch);
        if (c >= static_cast<unsigned char>(low) && c <= static_cast<unsigned char>(high)) {
            matched = true;
        }
        ++i;
    }
    if (i >= pattern.size()) {
        if (error != nullptr) {
            *error = "'[' at offset " + std::to_string(open) + " is never closed";
        }
        return std::nullopt;
    }
    return Bracket{i, matched != negated};
}

// Matches one pattern element at pattern[p] against ch; sets `next` to the index after it.
bool element_matches(std::string_view pattern, std::size_t p, char ch, std::size_t& next) {
    const char token = pattern[p];
    if (token == '?') {
        next = p + 1;
        return true;
    }
    if (token == '[') {
        const auto bracket = read_bracket(pattern, p, ch, nullptr);
        if (!bracket) return false;
        next = bracket->close + 1;
        return bracket->matched;
    }
    if (token == '\\' && p + 1 < pattern.size()) {
        next = p + 2;
        return pattern[p + 1] == ch;
    }
    next = p + 1;
    return token == ch;
}

}  // namespace

std::optional<std::string> glob_error(std::string_view pattern) {
    for (std::size_t i = 0; i < pattern.size(); ++i) {
        if (pattern[i] == '\\') {
            if (i + 1 == pattern.size()) return std::string("the pattern ends with a lone '\\'");
            ++i;
        } else if (pattern[i] == '[') {
            std::string error;
            const auto bracket = read_bracket(pattern, i, '\0', &error);
            if (!bracket) return error;
            i = bracket->close;
        }
    }
    return std::nullopt;
}

bool glob_match(std::string_view pattern, std::string_view text) {
    // Greedy matching with one backtrack point: the last '*' seen. Linear in practice and
    // at worst O(pattern * text), with no recursion.
    std::size_t p = 0;
    std::size_t t = 0;
    std::size_t star = std::string_view::npos;
    std::size_t star_text = 0;
    while (t < text.size()) {
        std::size_t next = 0;
        if (p < pattern.size() && pattern[p] == '*') {
            star = p++;
            star_text = t;
        } else if (p < pattern.size() && element_matches(pattern, p, text[t], next)) {
            p = next;
            ++t;
        } else if (star != std::string_view::npos) {
            p = star + 1;
            t = ++star_text;
        } else {
            return false;
        }
    }
    while (p < pattern.size() && pattern[p] == '*') ++p;
    return p == pattern.size();
}

}  // namespace caws::gate
