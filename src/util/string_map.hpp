#pragma once

#include <functional>
#include <string>
#include <string_view>
#include <unordered_map>

namespace caws::util {

// Hash for std::string keys that also accepts std::string_view lookups without
// allocating (C++20 heterogeneous lookup).
struct StringHash {
    using is_transparent = void;
    std::size_t operator()(std::string_view text) const noexcept {
        return std::hash<std::string_view>{}(text);
    }
};

template <typename Value>
using StringMap = std::unordered_map<std::string, Value, StringHash, std::equal_to<>>;

}  // namespace caws::util
