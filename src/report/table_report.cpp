#include "report/table_report.hpp"

#include <algorithm>
#include <cmath>
#include <cstdlib>

#include "compare/methods.hpp"
#include "model/quantity_format.hpp"
#include "report/escape.hpp"
#include "report/json_numbers.hpp"
#include "report/latex_layout.hpp"
#include "report/template_renderer.hpp"
#include "report/view_fields.hpp"

namespace caws::report {
namespace {

using kainjow::mustache::data;
using nlohmann::ordered_json;

std::string interval_text(const ordered_json& ci, double factor) {
    if (!ci.is_array() || ci.size() != 2) return {};
    return "[" + model::format_number(ci[0].get<double>() / factor) + ", " +
           model::format_number(ci[1].get<double>() / factor) + "]";
}

// The width in em the LaTeX template needs for a cell: its first line (value, unit, ratio
// and stars) or its second (the interval), bold ones a tenth wider.
double cell_width_em(const data& cell, bool best) {
    const auto text = [&](const char* key) { return cell.get(key)->string_value(); };
    double first = latex_width_em(text("value") + " " + text("unit"));
    if (cell.get("has_ratio")->is_true()) {
        first += latex_width_em(" (" + text("ratio_value") + "×)") +
                 0.4 * static_cast<double>(text("stars").size());
    }
    const double width = std::max(first, latex_width_em(text("interval")));
    return best ? width * 1.1 : width;
}

data cell_view(const ordered_json& cell, const model::Unit& unit, bool reference) {
    data out;
    const auto value = number_at(cell, "value");
    out.set("missing", boolean(!value));
    out.set("best", boolean(cell.value("best", false)));
    out.set("reference", boolean(reference));
    if (!value) {
        out.set("value", "—");
        out.set("unit", "");
        out.set("interval", "");
        out.set("has_interval", boolean(false));
    } else {
        // The interval in the value's own readable unit: "1.20 µs [1.10, 1.31]".
        const std::string text = model::format_quantity(*value, unit);
        std::size_t split = text.find_first_not_of("0123456789.eE+-");
        if (split == std::string::npos) split = text.size();
        const std::string number = text.substr(0, split);
        std::string suffix = text.substr(split);
        if (!suffix.empty() && suffix.front() == ' ') suffix.erase(0, 1);
        const double shown = std::strtod(number.c_str(), nullptr);
        const double factor = shown != 0 && std::isfinite(shown) ? *value / shown : 1.0;
        out.set("value", number);
        out.set("unit", suffix);
        const auto ci = cell.find("interval");
        const std::string interval =
            ci != cell.end() ? interval_text(*ci, factor == 0 ? 1.0 : factor) : "";
        out.set("interval", interval);
        out.set("has_interval", boolean(!interval.empty()));
    }
    const auto ratio = number_at(cell, "ratio");
    out.set("has_ratio", boolean(!reference && ratio.has_value()));
    std::string ratio_text = ratio ? model::format_ratio(*ratio) : "";
    if (const auto ci = cell.find("ratio_ci"); ci != cell.end() && ci->is_array()) {
        ratio_text += " " + interval_text(*ci, 1.0);
    }
    out.set("ratio", ratio_text);
    std::string plain_ratio = ratio ? model::format_ratio(*ratio) : "";
    if (!plain_ratio.empty() && plain_ratio.back() == 'x') plain_ratio.pop_back();
    out.set("ratio_value", plain_ratio);
    const std::string stars = significance_stars(number_at(cell, "p_adjusted"));
    out.set("stars", stars);
    out.set("has_stars", boolean(!stars.empty()));
    return out;
}

data table_view(const ordered_json& table) {
    data view;
    const std::size_t reference = table.value("reference_index", std::size_t{0});
    view.set("statistic", text_or(table, "statistic"));
    view.set("measure", table.contains("measure") && table.at("measure").is_string()
                            ? table.at("measure").get<std::string>()
                            : std::string("all measures"));
    view.set("reference", text_or(table, "reference"));
    view.set("confidence", model::format_plain(table.value("confidence", 0.95) * 100) + "%");
    view.set("p_adjustment", text_or(table, "p_adjustment"));
    if (const auto tool = table.find("tool"); tool != table.end()) {
        view.set("tool_version", text_or(*tool, "version"));
    }
    data systems(data::type::list);
    std::size_t index = 0;
    for (const auto& system : table.at("systems")) {
        data entry;
        entry.set("name", text_or(system, "name"));
        entry.set("reference", boolean(index == reference));
        systems.push_back(entry);
        ++index;
    }
    view.set("systems", systems);
    view.set("column_count", std::to_string(index));

    data rows(data::type::list);
    for (const auto& row : table.at("rows")) {
        const model::Unit unit = model::unit_from_symbol(text_or(row, "unit"));
        data entry;
        entry.set("name", text_or(row, "metric"));
        entry.set("name_latex", latex_breakable(text_or(row, "metric")));
        entry.set("measure", text_or(row, "measure"));
        data cells(data::type::list);
        std::size_t column = 0;
        for (const auto& cell : row.at("cells")) {
            data c = cell_view(cell, unit, column == reference);
            c.set("first", boolean(column == 0));
            cells.push_back(c);
            ++column;
        }
        entry.set("cells", cells);
        rows.push_back(entry);
    }
    view.set("rows", rows);

    data geomeans(data::type::list);
    std::size_t column = 0;
    for (const auto& g : table.at("geomean")) {
        data entry;
        entry.set("reference", boolean(column == reference));
        entry.set("first", boolean(column == 0));
        std::string text = "—";
        std::string plain = "—";
        if (g.is_object()) {
            text = model::format_ratio(g.value("ratio", 1.0));
            plain = text;
            if (!plain.empty() && plain.back() == 'x') plain.pop_back();
            if (const auto ci = g.find("ci"); ci != g.end() && ci->is_array()) {
                text += " " + interval_text(*ci, 1.0);
                plain += " " + interval_text(*ci, 1.0);
            }
        } else if (column == reference) {
            text = model::format_ratio(1.0);  // "1.00x", as the others
            plain = text;
            if (!plain.empty() && plain.back() == 'x') plain.pop_back();
        }
        entry.set("ratio", text);
        entry.set("ratio_value", plain);
        geomeans.push_back(entry);
        ++column;
    }
    view.set("geomean", geomeans);
    return view;
}

// Widens `widths` (one per system, in em) to hold each cell of the rows, and says whether a
// cell has a second line (its interval).
bool fit_cells(const ordered_json& table, std::vector<double>& widths) {
    const std::size_t reference = table.value("reference_index", std::size_t{0});
    bool two_lines = false;
    for (const auto& row : table.at("rows")) {
        const model::Unit unit = model::unit_from_symbol(text_or(row, "unit"));
        std::size_t column = 0;
        for (const auto& cell : row.at("cells")) {
            if (column >= widths.size()) break;
            const data c = cell_view(cell, unit, column == reference);
            widths[column] = std::max(widths[column], cell_width_em(c, cell.value("best", false)));
            two_lines = two_lines || c.get("has_interval")->is_true();
            ++column;
        }
    }
    return two_lines;
}

// The LaTeX table's shape (docs/reports.md, "Fitting the page"): `latex_columns`, the
// tabular's column preamble, whose benchmark column takes what the others leave of the
// line; `show_measure`, false when every row has the one measure the table was made for;
// `long`, a longtable when the rows are too many for a float.
void set_latex_layout(data& view, const ordered_json& table) {
    std::vector<double> widths;
    for (const auto& system : table.at("systems")) {
        widths.push_back(latex_width_em(text_or(system, "name")));
    }
    std::size_t column = 0;
    for (const auto& g : view.get("geomean")->list_value()) {
        if (column >= widths.size()) break;
        widths[column] =
            std::max(widths[column], latex_width_em(g.get("ratio_value")->string_value()));
        ++column;
    }
    const bool two_lines = fit_cells(table, widths);
    const bool show_measure = !(table.contains("measure") && table.at("measure").is_string());
    double measure_em = latex_width_em("Measure");
    for (const auto& row : table.at("rows")) {
        measure_em = std::max(measure_em, latex_width_em(text_or(row, "measure")));
    }
    double others = show_measure ? measure_em : 0.0;
    std::string systems;
    for (const double w : widths) {
        others += w;
        systems += latex_right_column(w);
    }
    const std::size_t columns = 1 + (show_measure ? 1 : 0) + widths.size();
    view.set("latex_columns", "@{}" + latex_name_column(others, 2 * columns - 2) +
                                  (show_measure ? "l" : "") + systems + "@{}");
    view.set("latex_column_count", std::to_string(columns));
    view.set("show_measure", boolean(show_measure));
    view.set("two_lines", boolean(two_lines));
    const std::size_t lines = table.at("rows").size() * (two_lines ? 2 : 1);
    view.set("long", boolean(lines > k_latex_float_lines));
}

}  // namespace

ordered_json build_table_report(const compare::SystemTable& table,
                                const std::vector<std::string>& paths,
                                const compare::Options& options) {
    ordered_json out = ordered_json::object();
    out["schema"] = k_table_schema;
    out["tool"] = {{"name", "caws-gate"}, {"version", CAWS_GATE_VERSION}};
    out["statistic"] = table.statistic;
    out["measure"] = table.measure ? ordered_json(*table.measure) : ordered_json(nullptr);
    out["reference"] = table.systems.empty() ? "" : table.systems[table.reference];
    out["reference_index"] = table.reference;
    out["confidence"] = options.confidence;
    out["test"] = compare::to_string(options.test);
    out["correction"] = compare::to_string(options.correction);
    out["p_adjustment"] =
        options.correction == compare::Correction::none
            ? std::string("not adjusted")
            : "adjusted with " + std::string(compare::label_of(options.correction));
    ordered_json systems = ordered_json::array();
    for (std::size_t i = 0; i < table.systems.size(); ++i) {
        systems.push_back(
            {{"name", table.systems[i]}, {"path", i < paths.size() ? paths[i] : std::string()}});
    }
    out["systems"] = std::move(systems);
    ordered_json rows = ordered_json::array();
    for (const auto& row : table.rows) {
        ordered_json r = ordered_json::object();
        r["metric"] = row.metric;
        r["measure"] = row.measure;
        r["unit"] = row.unit.symbol;
        r["direction"] = model::to_string(row.direction);
        ordered_json cells = ordered_json::array();
        for (const auto& cell : row.cells) {
            cells.push_back({{"value", number_or_null(cell.value)},
                             {"interval", interval_or_null(cell.interval)},
                             {"ratio", number_or_null(cell.ratio)},
                             {"ratio_ci", interval_or_null(cell.ratio_ci)},
                             {"p_adjusted", number_or_null(cell.p_adjusted)},
                             {"best", cell.best}});
        }
        r["cells"] = std::move(cells);
        rows.push_back(std::move(r));
    }
    out["rows"] = std::move(rows);
    ordered_json geomean = ordered_json::array();
    for (const auto& g : table.geomeans) {
        if (!g) {
            geomean.push_back(nullptr);
            continue;
        }
        geomean.push_back(
            {{"ratio", g->ratio}, {"ci", interval_or_null(g->ci)}, {"metrics", g->metrics}});
    }
    out["geomean"] = std::move(geomean);
    return out;
}

std::string render_table_markdown(const ordered_json& table, const TemplateSet& templates) {
    return render_template("table_markdown", table_view(table), templates, escape_markdown);
}

std::string render_table_latex(const ordered_json& table, const TemplateSet& templates,
                               const LatexOptions& options) {
    data view = table_view(table);
    set_latex_layout(view, table);
    view.set("standalone", boolean(options.standalone));
    view.set("siunitx", boolean(options.siunitx));
    return render_template("table_latex", view, templates, escape_latex);
}

}  // namespace caws::report
