#pragma once

// Renders a view model through a named template with a format's escaper. Internal header.

#include <string>
#include <string_view>

#include <kainjow/mustache.hpp>

#include "report/escape.hpp"
#include "report/templates.hpp"

namespace caws::report {

// Applies the mustache specification's "standalone" rule before kainjow sees the
// template: a line holding nothing but a section tag ({{#x}}, {{^x}}, {{/x}}) or a comment
// ({{! ...}}) disappears from the output. kainjow removes such lines for sections that
// render but leaves an empty line for those that do not, and drops blank lines next to
// them; normalised templates render the lines the specification gives in every case once
// finish_rendering has removed the markers this inserts.
inline constexpr char k_keep_line = '\x01';
std::string strip_standalone_tags(std::string_view text);

// Removes the markers of strip_standalone_tags from a rendered text (and so any such
// control characters a value carried).
std::string finish_rendering(std::string rendered);

// Whether `text`, a mustache template, has a tag naming `key`: `{{key}}`, `{{#key}}`,
// `{{^key}}`, `{{{key}}}`, `{{&key}}`, or a dotted name ending in `.key`. A template that
// sets other delimiters (`{{=`) is taken to name everything. Lets a view leave out what
// no template shows.
bool names_key(std::string_view text, std::string_view key);

// Throws util::Error naming the template when it does not parse or fails to render. The
// view may hold placeholder rows of RowLists (row_list.hpp), which must still live.
std::string render_template(std::string_view name, const kainjow::mustache::data& view,
                            const TemplateSet& templates, Escaper escape);

}  // namespace caws::report
