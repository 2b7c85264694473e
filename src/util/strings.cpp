#include "util/strings.hpp"

namespace caws::util {

std::string lower(std::string_view text) {
    std::string out(text);
    // Not std::tolower: its answer for bytes above 0x7F depends on the C locale, and
    // identifiers ("Debug", "MB") are ASCII.
    for (char& c : out) {
        if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
    }
    return out;
}

std::string_view trim(std::string_view text, std::string_view characters) {
    const std::size_t first = text.find_first_not_of(characters);
    if (first == std::string_view::npos) return {};
    const std::size_t last = text.find_last_not_of(characters);
    return text.substr(first, last - first + 1);
}

}  // namespace caws::util
