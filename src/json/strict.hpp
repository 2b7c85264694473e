#pragma once

// A pass over a JSON text for the files caws-gate defines and reads with nlohmann/json
// (gate files, JSON reports): nesting deeper than util::k_max_json_depth and a key
// repeated within one object are errors, located by JSON pointer. Syntax errors are left
// to the parser that reads the text afterwards, which locates them by line and column.

#include <string>
#include <string_view>

namespace caws::json {

// Throws util::Error(path, pointer, "...") for the first problem found.
void check_strict(std::string_view text, const std::string& path);

}  // namespace caws::json
