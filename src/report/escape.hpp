#pragma once

#include <cstddef>
#include <string>
#include <string_view>

namespace caws::report {

// What every value of a format's template goes through (a format has one: escape_markdown,
// escape_latex, escape_xml).
using Escaper = std::string (*)(std::string_view text);

// Text for a Markdown table cell or paragraph (GitHub Flavored Markdown): HTML
// metacharacters become entities, Markdown punctuation that could start emphasis, code,
// links, math or a cell boundary is backslash-escaped, and line breaks become spaces. The
// result renders as the original text and can never open a tag or break the table.
std::string escape_markdown(std::string_view text);

// Text shown verbatim in Markdown, as an inline code span: fenced by one backtick more than
// the longest run of backticks inside, with a space inside each fence when the text
// starts or ends with a backtick or a space (which CommonMark would otherwise take off),
// line breaks as spaces. Nothing inside is escaped, so that it can be copied as it is.
std::string markdown_code_span(std::string_view text);

// A message with code spans (model/message_text.hpp: CommonMark's backtick fences) for a
// Markdown paragraph: each code span as markdown_code_span, the text around them as
// escape_markdown; backticks that close no span are escaped as text.
std::string escape_markdown_message(std::string_view text);

// Text for LaTeX body text or a tabular cell: the ten special characters (# $ % & ~ _ ^ backslash
// { }) become commands that print them, line breaks become spaces, and the few non-ASCII
// characters reports use (µ, ∞, ≥, ×, −) become commands that pdflatex knows. The result
// typesets as the original text and can never run a command (\input, \write18, ...).
std::string escape_latex(std::string_view text);

// Text for XML character data or a double-quoted attribute: & < > " ' become entities,
// tab and line breaks become character references (so attributes keep them), and
// characters XML 1.0 forbids (other C0 controls) become U+FFFD.
std::string escape_xml(std::string_view text);

// The message of a GitHub Actions workflow command (`::error::MESSAGE`): % CR LF encoded
// as %25 %0D %0A, so a message cannot end the command or start another one.
std::string escape_workflow_data(std::string_view text);

// A property value of a workflow command (`::error title=VALUE::`): as the message, and
// also : and , (%3A, %2C), which would end the property.
std::string escape_workflow_property(std::string_view text);

// Length of UTF-8 text as GitHub counts a comment's characters, conservatively: UTF-16
// code units (one per code point, two for code points above U+FFFF). Never less than the
// number of code points.
std::size_t utf16_length(std::string_view text);

}  // namespace caws::report
