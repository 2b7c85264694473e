// The LaTeX table's view (templates/latex.mustache). A row of the report's table of
// formats (report_formats.cpp).

#include <cmath>
#include <string>

#include "model/quantity_format.hpp"
#include "report/report_formats.hpp"
#include "report/report_view.hpp"
#include "report/row_list.hpp"
#include "report/trend_section_view.hpp"
#include "report/view_fields.hpp"

namespace caws::report {
namespace {

using kainjow::mustache::data;

// "1.20 µs" split into its number and its unit ("1.20", "µs"; "12" and "" for counts), so
// that a column of them can be aligned on the decimal point.
void set_split(const RowList::Row& row, const std::string& prefix,
               const std::optional<double>& value, const model::Unit& unit) {
    put(row, prefix + "_is_number", boolean(value && std::isfinite(*value)));
    if (!value) {
        put(row, prefix + "_value", "—");
        put(row, prefix + "_unit", "");
        return;
    }
    const std::string text = model::format_quantity(*value, unit);
    const std::size_t space = text.find(' ');
    put(row, prefix + "_value", space == std::string::npos ? text : text.substr(0, space));
    put(row, prefix + "_unit", space == std::string::npos ? "" : text.substr(space + 1));
}

// Significance stars of the adjusted p-value (the raw one in reports without it), for
// metrics that were tested and gated.
std::string stars_of(const model::Comparison& c) {
    if (!c.tested || !c.gated) return {};
    return significance_stars(c.p_adjusted ? c.p_adjusted : c.p_value);
}

void add_row(const RowList::Row& row, const model::Comparison& c) {
    put(row, "name", c.metric);
    put(row, "measure", c.measure);
    put(row, "statistic", c.statistic);
    set_split(row, "baseline", c.baseline, c.unit);
    set_split(row, "candidate", c.candidate, c.unit);
    const bool finite_ratio = c.ratio && std::isfinite(*c.ratio);
    std::string ratio = ratio_text(c);
    if (finite_ratio && !ratio.empty() && ratio.back() == 'x') ratio.pop_back();  // the column says
    put(row, "ratio_value", std::move(ratio));
    put(row, "ratio_is_number", boolean(finite_ratio));
    put(row, "ci", c.ci ? interval_text(*c.ci) : std::string("—"));
    std::string stars = stars_of(c);
    put(row, "has_stars", boolean(!stars.empty()));
    put(row, "stars", std::move(stars));
    put(row, "class", std::string(model::to_string(c.change)));
}

}  // namespace

// The header keys, `rows` (every comparison in the report's order, numbers apart from
// units), `has_rows`, `siunitx` and `standalone` (its switches), and the trend section.
data latex_view(const Report& report, const RenderOptions& options, RowLists& lists) {
    data view = header_view(report);
    RowList& rows =
        lists.add("rows",
                  {"name", "measure", "statistic", "baseline_is_number", "baseline_value",
                   "baseline_unit", "candidate_is_number", "candidate_value", "candidate_unit",
                   "ratio_value", "ratio_is_number", "ci", "has_stars", "stars", "class"},
                  report.comparisons.size());
    for (const model::Comparison& c : report.comparisons) add_row(rows.add_row(), c);
    view.set("has_rows", boolean(!report.comparisons.empty()));
    view.set("siunitx", boolean(options.on("siunitx")));
    view.set("standalone", boolean(options.on("standalone")));
    add_trend_section(view, report);  // the change points of the history's trends
    return view;
}

}  // namespace caws::report
