#include "report/trend_report.hpp"

#include <algorithm>
#include <cmath>
#include <limits>
#include <memory>
#include <set>
#include <utility>

#include <kainjow/mustache.hpp>

#include "model/quantity_format.hpp"
#include "model/unit.hpp"
#include "report/escape.hpp"
#include "report/markdown_cells.hpp"
#include "report/template_renderer.hpp"
#include "report/trend_view.hpp"
#include "report/view_fields.hpp"

namespace caws::report {
namespace {

using kainjow::mustache::data;
using nlohmann::ordered_json;

// A number of the report as its JSON holds it: nothing when it is not finite (null).
std::optional<double> as_written(double value) {
    if (!std::isfinite(value)) return std::nullopt;
    return value;
}
std::optional<double> as_written(const std::optional<double>& value) {
    return value ? as_written(*value) : std::nullopt;
}

std::string quantity(const std::optional<double>& value, const model::Unit& unit) {
    if (!value) return "–";
    return model::format_quantity(*value, unit);
}

// The unit of a series: its symbol, in the family of prefixes the input wrote it with.
model::Unit unit_of(const trend::Series& series) {
    model::Unit unit = model::unit_from_symbol(series.unit);
    if (series.prefixes == model::SizePrefixes::decimal) {
        unit.prefixes = model::SizePrefixes::decimal;
    }
    return unit;
}

// A readable unit for a whole chart: its scale and symbol, from the series' median.
std::pair<double, std::string> chart_unit(const model::Unit& unit, double typical) {
    const double v = std::fabs(typical);
    if (unit.symbol == "s") {
        if (v < 1e-6) return {1e9, "ns"};
        if (v < 1e-3) return {1e6, "µs"};
        if (v < 1) return {1e3, "ms"};
        return {1, "s"};
    }
    if (unit.symbol == "B" || unit.symbol == "B/s") {
        const bool decimal = unit.prefixes == model::SizePrefixes::decimal;
        const double step = decimal ? 1000.0 : 1024.0;
        static constexpr const char* k_binary[] = {"B", "KiB", "MiB", "GiB", "TiB"};
        static constexpr const char* k_decimal[] = {"B", "kB", "MB", "GB", "TB"};
        std::size_t k = 0;
        double scale = 1;
        while (k + 1 < std::size(k_binary) && v * scale >= step) {
            scale /= step;
            ++k;
        }
        const std::string rate = unit.symbol == "B/s" ? "/s" : "";
        return {scale, (decimal ? k_decimal : k_binary)[k] + rate};
    }
    return {1, unit.symbol};
}

std::string mermaid_chart(const TrendReportEntry& entry) {
    const trend::Series& series = entry.trend.series;
    const std::vector<double>& values = series.values;
    // The newest k_trend_report_points values; x is the run's position in the whole series.
    const std::size_t count = std::min(values.size(), k_trend_report_points);
    const std::size_t skip = values.size() - count;
    const std::size_t first = entry.first + skip;
    std::vector<double> shown;
    shown.reserve(count);
    for (std::size_t i = skip; i < values.size(); ++i) {
        shown.push_back(std::isfinite(values[i]) ? values[i] : 0.0);
    }
    std::vector<double> sorted = shown;
    std::sort(sorted.begin(), sorted.end());
    const double typical = sorted.empty() ? 0 : sorted[sorted.size() / 2];
    const auto [scale, symbol] = chart_unit(unit_of(series), typical);
    std::string out = "xychart-beta\n";
    out += "    title \"" + mermaid_label(series.metric + " " + series.measure) + " (" +
           mermaid_label(series.statistic) + ")\"\n";
    out += "    x-axis [";
    for (std::size_t i = 0; i < count; ++i) {
        if (i > 0) out += ", ";
        out += std::to_string(first + i + 1);  // run number: short, unlike dates and commits
    }
    out += "]\n";
    out += "    y-axis \"" + mermaid_label(symbol) + "\"\n";
    out += "    line [";
    for (std::size_t i = 0; i < shown.size(); ++i) {
        if (i > 0) out += ", ";
        out += model::format_number(shown[i] * scale, 4);
    }
    out += "]";
    return out;
}

// "; 2 shifts under 1.2x, not counted" (nothing without shifts).
std::string shifts_text(const TrendReport& report, std::size_t shifts) {
    if (shifts == 0) return {};
    std::optional<double> min;
    if (const auto rules = report.options.find("rules"); rules != report.options.end()) {
        min = number_at(*rules, "min_magnitude");
    }
    return "; " + plural(shifts, "shift", "shifts") +
           (min ? " under " + model::format_ratio(*min) : std::string()) + ", not counted";
}

// A change point, or a shift (not `counted`: it has no level).
data change_point_view(const trend::Series& series, const trend::ChangePoint& cp, bool counted) {
    const model::Unit unit = unit_of(series);
    data view;
    view.set("metric", series.metric);
    view.set("measure", series.measure);
    view.set("run", std::to_string(cp.index + 1));
    const std::string commit = cp.commit.substr(0, 12);
    view.set("commit", commit);
    view.set("has_commit", boolean(!commit.empty()));
    view.set("date", cp.date);
    view.set("has_date", boolean(!cp.date.empty()));
    view.set("before", quantity(as_written(cp.before), unit));
    view.set("after", quantity(as_written(cp.after), unit));
    const auto ratio = as_written(cp.ratio);
    view.set("ratio", ratio ? model::format_ratio(*ratio) : std::string("∞"));
    view.set("class", std::string(model::to_string(cp.change)));
    const auto p = as_written(cp.p_value);
    view.set("p_value", p ? model::format_p_value(*p) : std::string("–"));
    const std::string level = counted ? std::string(model::to_string(cp.level)) : std::string();
    view.set("level", level);
    view.set("icon", level_icon(level));
    return view;
}

// Whether a trend has a chart: it degrades, or has change points.
bool has_chart(const trend::Trend& t) {
    return t.drift.drift == trend::DriftClass::degrading || !t.change_points.empty();
}

// Which trends get a chart when at most `limit` are drawn: the first `limit` of those that
// have one, in the order of their level, each level in the report's order.
std::vector<bool> charts_drawn(const std::vector<TrendReportEntry>& trends, std::size_t limit,
                               std::size_t& total) {
    std::vector<std::pair<int, std::size_t>> ranked;
    for (std::size_t i = 0; i < trends.size(); ++i) {
        if (has_chart(trends[i].trend)) ranked.emplace_back(level_rank(trends[i].trend.level), i);
    }
    total = ranked.size();
    std::stable_sort(ranked.begin(), ranked.end(),
                     [](const auto& a, const auto& b) { return a.first < b.first; });
    std::vector<bool> drawn(trends.size(), false);
    for (std::size_t k = 0; k < ranked.size() && k < limit; ++k) drawn[ranked[k].second] = true;
    return drawn;
}

data build_trend_view(const TrendReport& report,
                      std::size_t chart_limit = std::numeric_limits<std::size_t>::max(),
                      std::size_t* charts_total = nullptr, bool with_rows = true) {
    data view;
    const std::string verdict(model::to_string(report.verdict));
    view.set("verdict", verdict);
    view.set("verdict_icon", level_icon(report.verdict));
    const std::vector<TrendReportEntry>& trends = report.trends;
    std::vector<data> rows;
    if (with_rows) rows.reserve(trends.size());
    data charts{data::type::list};
    data all_change_points{data::type::list};
    std::size_t degrading = 0;
    std::size_t with_change_points = 0;
    std::size_t change_point_count = 0;
    std::size_t shift_count = 0;
    std::set<std::size_t> runs;  // of the series: said once under the table when all agree
    std::size_t total_charts = 0;
    const std::vector<bool> drawn = charts_drawn(trends, chart_limit, total_charts);
    if (charts_total != nullptr) *charts_total = total_charts;
    for (std::size_t index = 0; index < trends.size(); ++index) {
        const TrendReportEntry& entry = trends[index];
        const trend::Trend& t = entry.trend;
        const trend::Series& series = t.series;
        shift_count += t.shifts.size();
        const std::string level(model::to_string(t.level));
        const std::string drift_class(trend::to_string(t.drift.drift));
        const std::size_t cps = t.change_points.size();
        const std::size_t n = entry.n();
        runs.insert(n);
        const auto slope = as_written(t.drift.slope_percent);
        std::string slope_text = signed_percent(slope);
        if (slope) {
            slope_text += " [" + signed_percent(as_written(t.drift.low_percent)) + ", " +
                          signed_percent(as_written(t.drift.high_percent)) + "]";
        }
        if (with_rows) {
            data row;
            put(row, "icon", level_icon(t.level));
            put(row, "metric", series.metric);
            put(row, "measure", series.measure);
            put(row, "runs", std::to_string(n));
            put(row, "drift", drift_class);
            put(row, "icon_drift",
                unbreakable(std::string(level_icon(t.level)) + " " + drift_class));
            put(row, "slope", unbreakable(slope_text));
            const auto p = as_written(t.drift.mann_kendall.p_value);
            put(row, "p_value", p ? model::format_p_value(*p) : std::string("–"));
            put(row, "change_points", std::to_string(cps));
            put(row, "latest",
                series.values.empty() || !std::isfinite(series.values.back())
                    ? std::string("–")
                    : unbreakable(model::format_quantity(series.values.back(), unit_of(series))));
            put(row, "level", level);
            rows.push_back(std::move(row));
        }
        if (t.drift.drift == trend::DriftClass::degrading) ++degrading;
        if (cps > 0) ++with_change_points;
        change_point_count += cps;
        data list{data::type::list};
        for (const trend::ChangePoint& cp : t.change_points) {
            rows_of(list).push_back(change_point_view(series, cp, true));
            rows_of(all_change_points).push_back(change_point_view(series, cp, true));
        }
        if (drawn[index]) {
            data chart;
            chart.set("metric", series.metric);
            chart.set("measure", series.measure);
            chart.set("drift", drift_class);
            chart.set("level", level);
            chart.set("icon", level_icon(t.level));
            chart.set("slope", slope_text);
            put(chart, "change_points", std::move(list));
            data shifts{data::type::list};
            for (const trend::ChangePoint& cp : t.shifts) {
                rows_of(shifts).push_back(change_point_view(series, cp, false));
            }
            put(chart, "shifts", std::move(shifts));
            const std::size_t since = t.drift_since;
            chart.set("since",
                      since == 0 ? std::string() : " since run " + std::to_string(since + 1));
            chart.set("mermaid", mermaid_chart(entry));
            chart.set("truncated", boolean(n > k_trend_report_points));
            chart.set("shown", std::to_string(std::min(n, k_trend_report_points)));
            chart.set("runs", std::to_string(n));
            rows_of(charts).push_back(std::move(chart));
        }
    }
    const std::size_t metrics = trends.size();
    view.set("summary", plural(metrics, "metric", "metrics") + ", " + std::to_string(degrading) +
                            " degrading, " +
                            plural(change_point_count, "change point", "change points") + " in " +
                            plural(with_change_points, "metric", "metrics") +
                            shifts_text(report, shift_count) + ".");
    put(view, "rows", list_of(std::move(rows)));
    view.set("runs_varies", boolean(runs.size() > 1));
    view.set("has_runs_shared", boolean(runs.size() == 1));
    view.set("runs_shared", runs.size() == 1
                                ? "All rows: " + plural(*runs.begin(), "run", "runs") + "."
                                : std::string());
    put(view, "charts", std::move(charts));
    put(view, "all_change_points", std::move(all_change_points));
    view.set("method", text_or(report.options, "method"));
    return view;
}

// The report's "options": the analysis's settings and the gate rules.
ordered_json options_json(const TrendReportInput& input) {
    ordered_json options;
    options["method"] = std::string(trend::to_string(input.options.method));
    options["alpha"] = input.options.alpha;
    options["confidence"] = input.options.confidence;
    if (input.options.method == trend::ChangePointMethod::otava) {
        options["window"] = input.options.otava.window;
        options["max_p_value"] = input.options.otava.max_p_value;
        options["min_segment"] = input.options.otava.min_size;
    } else {
        options["p_value"] = input.options.e_divisive.alpha;
        options["permutations"] = input.options.e_divisive.permutations;
        options["seed"] = input.options.e_divisive.seed;
        options["min_segment"] = input.options.e_divisive.min_size;
    }
    options["last"] = input.last ? ordered_json(*input.last) : ordered_json(nullptr);
    options["metric"] = input.metric ? ordered_json(*input.metric) : ordered_json(nullptr);
    ordered_json rules;
    rules["degrading"] = std::string(model::to_string(input.rules.degrading));
    rules["change_point"] = std::string(model::to_string(input.rules.change_point));
    rules["recent"] = input.rules.change_point_within;
    rules["min_magnitude"] = input.rules.min_magnitude.value_or(input.options.thresholds.minor);
    options["rules"] = std::move(rules);
    return options;
}

// Keeps the newest k_trend_report_points values of a series (and their runs); returns the
// position of the first one kept.
std::size_t keep_window(trend::Series& series) {
    const std::size_t n = series.values.size();
    const std::size_t first = n - std::min(n, k_trend_report_points);
    if (first == 0) return 0;
    series.values.erase(series.values.begin(), series.values.begin() + first);
    series.values.shrink_to_fit();
    series.runs.erase(series.runs.begin(),
                      series.runs.begin() + std::min(first, series.runs.size()));
    series.runs.shrink_to_fit();
    return first;
}

void write_mann_kendall(JsonWriter& out, const stats::MannKendall& mk) {
    out.begin_object("mann_kendall");
    field(out, "s", mk.s);
    field(out, "variance", mk.variance);
    field(out, "z", mk.z);
    field(out, "p_value", mk.p_value);
    field(out, "tau", mk.tau);
    field(out, "exact", mk.exact);
    out.end_object();
}

void write_drift(JsonWriter& out, const trend::Trend& trend) {
    const trend::Drift& drift = trend.drift;
    out.begin_object("drift");
    field(out, "class", trend::to_string(drift.drift));
    field(out, "slope_percent", drift.slope_percent);
    field(out, "low_percent", drift.low_percent);
    field(out, "high_percent", drift.high_percent);
    write_mann_kendall(out, drift.mann_kendall);
    out.begin_object("theil_sen");
    field(out, "slope", drift.theil_sen.slope);
    field(out, "low", drift.theil_sen.low);
    field(out, "high", drift.theil_sen.high);
    field(out, "intercept", drift.theil_sen.intercept);
    out.end_object();
    field(out, "since", trend.drift_since);
    out.end_object();
}

// A change point, or a shift (not `counted`: no "recent" and "level").
void write_change_points(JsonWriter& out, const char* key,
                         const std::vector<trend::ChangePoint>& points, bool counted) {
    out.begin_array(key);
    for (const trend::ChangePoint& cp : points) {
        out.begin_object();
        field(out, "index", cp.index);
        field(out, "date", cp.date);
        field(out, "commit", cp.commit);
        field(out, "before", cp.before);
        field(out, "after", cp.after);
        field(out, "ratio", cp.ratio);
        field(out, "class", model::to_string(cp.change));
        field(out, "p_value", cp.p_value);
        field(out, "q", cp.q);
        if (counted) {
            field(out, "recent", cp.recent);
            field(out, "level", model::to_string(cp.level));
        }
        out.end_object();
    }
    out.end_array();
}

void write_trend(JsonWriter& out, const TrendReportEntry& entry) {
    const trend::Trend& trend = entry.trend;
    const trend::Series& s = trend.series;
    out.begin_object();
    field(out, "metric", s.metric);
    field(out, "measure", s.measure);
    field(out, "unit", s.unit);
    if (s.prefixes == model::SizePrefixes::decimal) {
        field(out, "unit_prefixes", model::to_string(s.prefixes));
    }
    field(out, "direction", model::to_string(s.direction));
    field(out, "statistic", s.statistic);
    field(out, "n", entry.n());
    field(out, "level", model::to_string(trend.level));
    write_drift(out, trend);
    write_change_points(out, "change_points", trend.change_points, true);
    write_change_points(out, "shifts", trend.shifts, false);
    field(out, "notes", trend.notes);
    out.begin_object("series");
    field(out, "first", entry.first);
    out.begin_array("values");
    for (const double value : s.values) out.number(value);
    out.end_array();
    if (s.labels != nullptr && s.runs.size() == s.values.size()) {
        out.begin_array("runs");
        for (const std::uint32_t run : s.runs) out.count(entry.run_offset + run);
        out.end_array();
    }
    out.end_object();
    out.end_object();
}

void write_trend_summary(JsonWriter& out, const std::vector<TrendReportEntry>& trends) {
    std::size_t counts[4] = {0, 0, 0, 0};
    std::size_t change_points = 0;
    std::size_t shifts = 0;
    std::size_t failing = 0;
    for (const TrendReportEntry& entry : trends) {
        const trend::Trend& t = entry.trend;
        ++counts[static_cast<int>(t.drift.drift)];
        change_points += t.change_points.size();
        shifts += t.shifts.size();
        if (t.level == model::Level::fail) ++failing;
    }
    out.begin_object("summary");
    field(out, "metrics", trends.size());
    field(out, "improving", counts[0]);
    field(out, "stable", counts[1]);
    field(out, "degrading", counts[2]);
    field(out, "drifting", counts[3]);
    field(out, "change_points", change_points);
    field(out, "shifts", shifts);
    field(out, "failing", failing);
    out.end_object();
}

}  // namespace

std::string mermaid_label(std::string_view text) {
    std::string out;
    out.reserve(text.size());
    for (const char c : text) {
        switch (c) {
            // Mermaid's entity codes: `#` first, so that a name's own "#lt;" stays text.
            case '#':
                out += "#35;";
                break;
            case '"':
                out += "#quot;";
                break;
            case '<':
                out += "#lt;";
                break;
            case '>':
                out += "#gt;";
                break;
            case '&':
                out += "#amp;";
                break;
            case '`':
                out += "#96;";
                break;
            case ';':
                out += "#59;";
                break;
            case '\n':
            case '\r':
                out += ' ';
                break;
            default:
                out += c;
        }
    }
    return out;
}

TrendReport build_trend_report(TrendReportInput input) {
    TrendReport report;
    report.verdict = trend::verdict_of(input.trends);
    report.options = options_json(input);
    report.histories = std::move(input.histories);
    // Each table of runs the series name, once, in the order of first use: the series of
    // one history share one table.
    std::vector<std::pair<const std::vector<trend::RunLabel>*, std::size_t>> offsets;
    report.trends.reserve(input.trends.size());
    for (trend::Trend& t : input.trends) {
        TrendReportEntry entry;
        const std::vector<trend::RunLabel>* labels = t.series.labels.get();
        if (labels != nullptr) {
            const auto known = std::find_if(offsets.begin(), offsets.end(),
                                            [&](const auto& o) { return o.first == labels; });
            if (known != offsets.end()) {
                entry.run_offset = known->second;
            } else {
                entry.run_offset = report.runs.size();
                offsets.emplace_back(labels, entry.run_offset);
                report.runs.insert(report.runs.end(), labels->begin(), labels->end());
            }
        }
        entry.first = keep_window(t.series);
        entry.trend = std::move(t);
        report.trends.push_back(std::move(entry));
    }
    input.trends.clear();
    return report;
}

void write_trend_report(JsonWriter& out, const TrendReport& report) {
    if (report.as_read) {
        out.tree(*report.as_read);
        return;
    }
    out.begin_object();
    field(out, "schema", "caws-gate/trend@1");
    field(out, "verdict", model::to_string(report.verdict));
    field(out, "histories", report.histories);
    out.key("options");
    out.tree(report.options);
    write_trend_summary(out, report.trends);
    out.begin_array("trends");
    for (const TrendReportEntry& entry : report.trends) write_trend(out, entry);
    out.end_array();
    out.begin_array("runs");
    for (const trend::RunLabel& run : report.runs) {
        out.begin_object();
        field(out, "date", run.date);
        field(out, "commit", run.commit);
        out.end_object();
    }
    out.end_array();
    if (report.history_runs) field(out, "history_runs", *report.history_runs);
    if (report.includes_candidate) field(out, "includes_candidate", *report.includes_candidate);
    out.end_object();
}

std::string serialize_trend_report(const TrendReport& report) {
    std::string text;
    JsonText out(text);
    write_trend_report(out, report);
    text += '\n';
    return text;
}

nlohmann::ordered_json trend_report_json(const TrendReport& report) {
    JsonTree out;
    write_trend_report(out, report);
    return std::move(out.result());
}

std::string render_trend_markdown(const TrendReport& report, const TemplateSet& templates) {
    return render_template("trend_markdown", build_trend_view(report), templates, escape_markdown);
}

std::string render_trend_latex(const TrendReport& report, const TemplateSet& templates) {
    return render_template("trend_latex", build_trend_view(report), templates, escape_latex);
}

kainjow::mustache::data trend_view(const TrendReport& report) {
    return build_trend_view(report);
}

kainjow::mustache::data trend_view(const TrendReport& report, std::size_t chart_limit,
                                   std::size_t& charts_total, bool rows) {
    return build_trend_view(report, chart_limit, &charts_total, rows);
}

}  // namespace caws::report
