#include "util/text_position.hpp"

#include <algorithm>

namespace caws::util {

TextPosition position_of(std::string_view text, std::size_t offset) {
    offset = std::min(offset, text.size());
    TextPosition position;
    const std::string_view before = text.substr(0, offset);
    position.line = 1 + static_cast<std::size_t>(std::count(before.begin(), before.end(), '\n'));
    const std::size_t last_newline = before.rfind('\n');
    position.column = last_newline == std::string_view::npos ? offset + 1 : offset - last_newline;
    return position;
}

std::string describe(TextPosition position) {
    return "line " + std::to_string(position.line) + ", column " + std::to_string(position.column);
}

}  // namespace caws::util
