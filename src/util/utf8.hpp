#pragma once

// UTF-8 as RFC 3629 defines it: overlong forms, surrogates (U+D800 to U+DFFF) and code
// points above U+10FFFF are not UTF-8.

#include <cstddef>
#include <string_view>

namespace caws::util {

// Length in bytes (1 to 4) of the UTF-8 sequence that starts at text[i], or 0 when the
// bytes there are not one (a stray continuation byte, an invalid lead byte, a sequence
// cut short by the end of `text`). Requires i < text.size().
std::size_t utf8_sequence_length(std::string_view text, std::size_t i);

// Offset of the first byte of `text` that does not begin a valid sequence, or npos when
// all of `text` is UTF-8.
std::size_t first_invalid_utf8(std::string_view text);

}  // namespace caws::util
