#pragma once

// The view model every template renders: finished strings and lists built from the JSON
// report, so that templates only lay out and never compute. Internal header (includes
// kainjow mustache); use the renderers' headers instead. docs/reports.md lists the keys.

#include <array>
#include <cstddef>
#include <string_view>

#include <kainjow/mustache.hpp>
#include <nlohmann/json.hpp>

namespace caws::report {

// Which parts of the view to build: the header keys are always there; the row lists of a
// format only when asked for, so that rendering one format of a large report does not pay
// for the others.
struct ViewParts {
    bool markdown = true;  // attention, findings, budgets, recommendations, improvements, ...
    bool latex = false;    // rows: every comparison with its numbers split from its units
    bool junit = false;    // metric_cases, budget_cases and their counts
    // At most this many rows in each Markdown list (0: all). The rows left out are counted
    // in `x_omitted`; `x_total` always gives the whole count.
    std::size_t max_list_rows = 0;
};

class RowLists;

// The long lists (LaTeX `rows`, JUnit `metric_cases` and `budget_cases`) go into `lists`
// when it is given, leaving placeholders in the view that render_template resolves while
// `lists` lives; without it they are ordinary lists of objects in the view.
kainjow::mustache::data build_view(const nlohmann::ordered_json& report,
                                   const ViewParts& parts = {}, RowLists* lists = nullptr);

// The Markdown lists in the order a shortened report keeps them: the first rows of the
// first lists survive. Each list `x` comes with `has_x`, and `has_x_omitted`/`x_omitted`
// for rows left out.
inline constexpr std::array<std::string_view, 8> k_markdown_lists = {
    "attention",    "findings", "budgets", "recommendations",
    "improvements", "waivers",  "others",  "notes"};

}  // namespace caws::report
