#pragma once

// What keeps a LaTeX table of a report on the page: break points in long benchmark names, a
// name column that takes what the other columns leave of the line, and when a table is
// too tall for a float (docs/reports.md, "Fitting the page").

#include <cstddef>
#include <string>
#include <string_view>

namespace caws::report {

// Table lines (rows times lines per row) above which a table is a longtable that breaks
// across pages rather than a float: 40 lines of \footnotesize, with the header, note and
// caption, fill the text height of a default article page.
inline constexpr std::size_t k_latex_float_lines = 40;

// A conservative estimate of the width of `text` (UTF-8, as shown, before escaping) in
// \footnotesize em: each character at its widest class (capitals, m and w wider than digits,
// punctuation narrower), so that a column sized by it holds the text.
double latex_width_em(std::string_view text);

// `text` escaped as escape_latex, with a break point (\allowbreak) after every / _ : , and
// = so that a long benchmark name wraps in its column instead of widening the table.
std::string latex_breakable(std::string_view text);

// The preamble of a name column (ragged right, wrapping) as wide as the line less
// `others_em` (the estimated widths of the other columns) and `separations` column gaps
// (\tabcolsep each).
std::string latex_name_column(double others_em, std::size_t separations);

// The preamble of a right-aligned column `width_em` wide whose cells may hold \newline.
std::string latex_right_column(double width_em);

}  // namespace caws::report
