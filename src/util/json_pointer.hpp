#pragma once

#include <cstddef>
#include <string>
#include <string_view>

namespace caws::util {

// Builds RFC 6901 JSON pointers for error messages: "/benchmarks/3/real_time".
// Tokens are escaped ('~' as "~0", '/' as "~1").
std::string pointer_append(std::string_view pointer, std::string_view token);
std::string pointer_append(std::string_view pointer, std::size_t index);

}  // namespace caws::util
