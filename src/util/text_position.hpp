#pragma once

#include <cstddef>
#include <string>
#include <string_view>

namespace caws::util {

// A 1-based line and column in a text, as editors show them. Columns count bytes.
struct TextPosition {
    std::size_t line = 1;
    std::size_t column = 1;
};

// The line and column of byte `offset` of `text` (clamped to the end of the text).
TextPosition position_of(std::string_view text, std::size_t offset);

// "line 3, column 14"
std::string describe(TextPosition position);

}  // namespace caws::util
