#pragma once

// Text helpers for the readers and the gate: ASCII case folding and trimming. Byte
// oriented: UTF-8 passes through unchanged.

#include <string>
#include <string_view>

namespace caws::util {

// Whitespace as benchmark tools use it between fields: space, tab, vertical tab, form
// feed, carriage return, line feed.
inline constexpr std::string_view k_whitespace = " \t\v\f\r\n";

// `text` with the ASCII letters A-Z in lower case; every other byte unchanged.
std::string lower(std::string_view text);

// `text` without the leading and trailing bytes that are in `characters`.
std::string_view trim(std::string_view text, std::string_view characters = k_whitespace);

}  // namespace caws::util
