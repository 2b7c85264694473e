#!/usr/bin/env bash
# Checks that the tables of caws-gate's Markdown reports fit a GitHub pull-request comment
# (about 780 px wide): each report is rendered to HTML by cmark-gfm, as GitHub renders it,
# and every table must have at most 7 columns and every cell at most 24 visible characters
# (code points, a variation selector not counted), except the cells of a column headed
# "benchmark" or "metric": names are as long as their authors made them, and the column
# that holds them is the one that wraps (docs/reports.md, "Width").
#   check_comment_width.sh REPORT.md...
# Exit 0 when every table fits, 1 naming each table and cell that does not, 77 (skipped)
# when cmark-gfm is not installed.
set -euo pipefail

if ! command -v cmark-gfm >/dev/null 2>&1; then
  echo "cmark-gfm is not installed (apt-get install cmark-gfm): the report's width is not checked"
  exit 77
fi

status=0
for report in "$@"; do
  cmark-gfm -e table "$report" | LC_ALL=C awk -v report="$report" -v max_columns=7 -v max_cell=24 '
    # Visible characters of a cell: tags dropped, an entity one character, UTF-8 counted
    # by code points (continuation bytes not counted), U+FE0F not counted.
    function visible(text) {
      gsub(/<[^>]*>/, "", text)
      gsub(/&(amp|lt|gt|quot|#[0-9]+|#x[0-9a-fA-F]+);/, "x", text)
      gsub(/\357\270\217/, "", text)
      gsub(/[\200-\277]/, "", text)
      return length(text)
    }
    /^<table>/ { tables++; row = 0; next }
    /^<tr>/ { row++; column = 0; next }
    /^<t[hd][ >]/ {
      column++
      cell = $0
      sub(/^<t[hd][^>]*>/, "", cell)
      sub(/<\/t[hd]>$/, "", cell)
      if (row == 1) heading[column] = cell
      name_column = heading[column] == "benchmark" || heading[column] == "metric"
      if (!name_column && visible(cell) > max_cell) {
        printf "%s: table %d, row %d, column \"%s\": \"%s\" has %d visible characters, more than %d\n",
               report, tables, row, heading[column], cell, visible(cell), max_cell
        bad = 1
      }
      next
    }
    /^<\/tr>/ {
      if (row == 1 && column > max_columns) {
        printf "%s: table %d: %d columns, more than %d\n", report, tables, column, max_columns
        bad = 1
      }
    }
    END {
      if (tables == 0) { printf "%s: no table: not a report?\n", report; exit 1 }
      exit bad
    }' || status=1
done
if [ "$status" -eq 0 ]; then echo "every table fits a pull-request comment: $*"; fi
exit "$status"
