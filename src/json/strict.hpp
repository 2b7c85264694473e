#pragma once

// A pass over a JSON text for the files caws-gate defines and reads with nlohmann/json
// (gate files, JSON reports): nesting deeper than util::k_max_json_depth and a key
// repeated within one object are errors, located by JSON pointer. Syntax errors are left
// to the parser that reads the text afterwards, which locates them by line and column.

#include <string>
#include <string_view>

#include <nlohmann/json.hpp>

namespace caws::json {

// Throws util::Error(path, pointer, "...") for the first problem found.
void check_strict(std::string_view text, const std::string& path);

// The one way to read a file caws-gate defines (gate files, JSON reports) into nlohmann's
// ordered DOM: check_strict, then parse, with every error located in `path`:
// "line L, column C: invalid JSON: syntax error while parsing value - ..." for a syntax
// error, a JSON pointer for too deep nesting, a repeated key or a number out of range.
nlohmann::ordered_json parse_strict(std::string_view text, const std::string& path);

// "[json.exception.parse_error.101] parse error at line 1, column 5: syntax error while
// parsing value - invalid literal; last read: 'nul'" -> the part after the position.
std::string tidy_parse_message(const std::string& message);

}  // namespace caws::json
