#include "util/json_pointer.hpp"

namespace caws::util {

std::string pointer_append(std::string_view pointer, std::string_view token) {
    std::string out(pointer);
    out.reserve(pointer.size() + token.size() + 1);
    out += '/';
    for (const char c : token) {
        if (c == '~') {
            out += "~0";
        } else if (c == '/') {
            out += "~1";
        } else {
            out += c;
        }
    }
    return out;
}

std::string pointer_append(std::string_view pointer, std::size_t index) {
    std::string out(pointer);
    out += '/';
    out += std::to_string(index);
    return out;
}

}  // namespace caws::util
