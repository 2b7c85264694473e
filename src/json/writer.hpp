#pragma once

// Writing JSON text piece by piece, where building a DOM first would cost more than the
// text itself (a history line of 20,000 metrics). Reports and baselines, whose values
// are shared with other JSON forms, are written with nlohmann/json instead.

#include <optional>
#include <string>
#include <string_view>

namespace caws::json {

// Appends `text` as a JSON string: '"' and '\' escaped with a backslash, newline, tab
// and carriage return as \n, \t and \r, other control characters as \u00XX, and each
// byte that does not belong to a valid UTF-8 sequence replaced by U+FFFD.
void append_string(std::string& out, std::string_view text);

// Appends the shortest text that reads back to the same double ("0.1", "1e-07",
// "12"), or null when `value` is unknown or not finite.
void append_number(std::string& out, const std::optional<double>& value);

}  // namespace caws::json
