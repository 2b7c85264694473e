// The LaTeX table's view (templates/latex.mustache). A row of the report's table of
// formats (report_formats.cpp).

#include <algorithm>
#include <cmath>
#include <string>

#include "model/quantity_format.hpp"
#include "report/latex_layout.hpp"
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

// Significance stars of the adjusted p-value, or of the raw one where there is none (a
// metric that is not gated, which the template marks with a dagger, or a report without
// adjusted p-values), for metrics that were tested.
std::string stars_of(const model::Comparison& c) {
    if (!c.tested) return {};
    return significance_stars(c.p_adjusted ? c.p_adjusted : c.p_value);
}

// Estimated widths in em of the columns beside the benchmark's (latex_layout.hpp).
struct ColumnWidths {
    double measure = latex_width_em("Measure");
    double baseline = 0, candidate = 0, ratio = 0;  // value and unit; ratio and stars
    double ci = latex_width_em("95% CI");

    void fit(const model::Comparison& c) {
        const auto quantity = [&](const std::optional<double>& value) {
            return value ? latex_width_em(model::format_quantity(*value, c.unit)) : 1.0;
        };
        measure = std::max(measure, latex_width_em(c.measure));
        baseline = std::max(baseline, quantity(c.baseline));
        candidate = std::max(candidate, quantity(c.candidate));
        ratio = std::max(ratio, latex_width_em(ratio_text(c)) + 1.5);
        ci = std::max(ci, c.ci ? latex_width_em(interval_text(*c.ci)) : 1.0);
    }

    // The benchmark column: the line less the others (at least their headers, and with
    // room for siunitx's fixed formats) and five column gaps.
    std::string name_column() const {
        const auto column = [](double width) {
            return std::max({width, latex_width_em("Candidate"), 7.0});
        };
        const double others = measure + column(baseline) + column(candidate) + column(ratio) + ci;
        return latex_name_column(others, 10);
    }
};

void add_row(const RowList::Row& row, const model::Comparison& c) {
    put(row, "name", c.metric);
    put(row, "name_latex", latex_breakable(c.metric));
    put(row, "not_gated", boolean(!c.gated));
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
    RowList& rows = lists.add(
        "rows",
        {"name", "name_latex", "not_gated", "measure", "statistic", "baseline_is_number",
         "baseline_value", "baseline_unit", "candidate_is_number", "candidate_value",
         "candidate_unit", "ratio_value", "ratio_is_number", "ci", "has_stars", "stars", "class"},
        report.comparisons.size());
    ColumnWidths widths;
    bool not_gated = false;
    for (const model::Comparison& c : report.comparisons) {
        const RowList::Row row = rows.add_row();
        add_row(row, c);
        widths.fit(c);
        not_gated = not_gated || !c.gated;
    }
    view.set("has_rows", boolean(!report.comparisons.empty()));
    view.set("has_not_gated", boolean(not_gated));
    view.set("latex_name_column", widths.name_column());
    const bool long_table = report.comparisons.size() > k_latex_float_lines;
    view.set("long", boolean(long_table));
    view.set("latex_begin", long_table ? "\\begin{longtable}" : "\\begin{tabular}");
    view.set("siunitx", boolean(options.on("siunitx")));
    view.set("standalone", boolean(options.on("standalone")));
    add_trend_section(view, report, false,
                      options.trend_rows);  // the change points of the history's trends
    return view;
}

}  // namespace caws::report
