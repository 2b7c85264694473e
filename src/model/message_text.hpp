#pragma once

// The text of a recommendation's message: plain text with code spans. A code span follows
// CommonMark's rule: a run of N backticks opens it, the next run of exactly N backticks
// closes it, and one space inside each fence is taken off when both are there. The Markdown
// report renders code spans as code and escapes the rest; other formats show the text as it
// is.

#include <string>
#include <string_view>

namespace caws::model {

// `text` (a name, a host, a sentence) as it goes into a message: unchanged when it holds no
// backtick, else with each run of backticks written as a code span of itself, so that a
// backtick in a benchmark's name can never open or close a code span of the message.
std::string message_literal(std::string_view text);

}  // namespace caws::model
