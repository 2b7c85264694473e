#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace caws::gate {

// Shell-style patterns on metric names, as gate files write them:
//   *      any run of characters, including none and including '/'
//   ?      any one character
//   [abc]  one of the characters; ranges [a-z]; [!abc] or [^abc] for none of them;
//          a ']' right after '[' (or '[!') is literal
//   \x     the character x itself
// Everything else matches itself; matching is case-sensitive and covers the whole name.

// Why `pattern` is malformed ("'[' at offset 3 is never closed"), or nullopt when it is
// a valid pattern.
std::optional<std::string> glob_error(std::string_view pattern);

// Whether `text` matches `pattern` as a whole. `pattern` must be valid (glob_error gives
// nullopt); a malformed pattern matches nothing.
bool glob_match(std::string_view pattern, std::string_view text);

}  // namespace caws::gate
