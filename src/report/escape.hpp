#pragma once

#include <string>
#include <string_view>

namespace caws::report {

// Text for a Markdown table cell or paragraph (GitHub Flavored Markdown): HTML
// metacharacters become entities, Markdown punctuation that could start emphasis, code,
// links, math or a cell boundary is backslash-escaped, and line breaks become spaces. The
// result renders as the original text and can never open a tag or break the table.
std::string escape_markdown(std::string_view text);

}  // namespace caws::report
