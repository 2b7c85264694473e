#include "report/trend_report.hpp"

#include <algorithm>
#include <cmath>
#include <limits>
#include <set>
#include <utility>

#include <kainjow/mustache.hpp>

#include "model/quantity_format.hpp"
#include "model/unit.hpp"
#include "report/escape.hpp"
#include "report/json_numbers.hpp"
#include "report/markdown_cells.hpp"
#include "report/template_renderer.hpp"
#include "report/trend_view.hpp"
#include "report/view_fields.hpp"

namespace caws::report {
namespace {

using kainjow::mustache::data;
using nlohmann::ordered_json;

// The newest runs of each metric that the JSON report keeps and the Markdown charts.
constexpr std::size_t k_chart_points = 100;

std::string quantity(const std::optional<double>& value, const model::Unit& unit) {
    if (!value) return "–";
    return model::format_quantity(*value, unit);
}

// The unit of a trend of the JSON report: its symbol, in the family of prefixes the input
// wrote it with ("unit_prefixes", binary when absent).
model::Unit unit_of(const ordered_json& t) {
    model::Unit unit = model::unit_from_symbol(text_or(t, "unit"));
    if (text_or(t, "unit_prefixes") == "decimal") unit.prefixes = model::SizePrefixes::decimal;
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

std::string mermaid_chart(const ordered_json& t) {
    const ordered_json& series = t["series"];
    const ordered_json& values = series["values"];
    // The newest k_chart_points values; x is the run's position in the whole series.
    const std::size_t count = std::min(values.size(), k_chart_points);
    const std::size_t skip = values.size() - count;
    const std::size_t n = std::max(t.value("n", values.size()), values.size());
    const std::size_t first =
        std::min(series.value("first", n - values.size()), n - values.size()) + skip;
    std::vector<double> shown;
    for (std::size_t i = skip; i < values.size(); ++i) {
        shown.push_back(values[i].is_number() ? values[i].get<double>() : 0.0);
    }
    std::vector<double> sorted = shown;
    std::sort(sorted.begin(), sorted.end());
    const double typical = sorted.empty() ? 0 : sorted[sorted.size() / 2];
    const auto [scale, symbol] = chart_unit(unit_of(t), typical);
    std::string out = "xychart-beta\n";
    out += "    title \"" + mermaid_label(text_or(t, "metric") + " " + text_or(t, "measure")) +
           " (" + mermaid_label(text_or(t, "statistic")) + ")\"\n";
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
std::string shifts_text(const ordered_json& report, std::size_t shifts) {
    if (shifts == 0) return {};
    std::optional<double> min;
    if (const auto options = report.find("options"); options != report.end()) {
        if (const auto rules = options->find("rules"); rules != options->end()) {
            min = number_at(*rules, "min_magnitude");
        }
    }
    return "; " + plural(shifts, "shift", "shifts") +
           (min ? " under " + model::format_ratio(*min) : std::string()) + ", not counted";
}

data change_point_view(const ordered_json& t, const ordered_json& cp) {
    const model::Unit unit = unit_of(t);
    data view;
    view.set("metric", text_or(t, "metric"));
    view.set("measure", text_or(t, "measure"));
    view.set("run", std::to_string(cp.value("index", std::size_t{0}) + 1));
    const std::string commit = text_or(cp, "commit").substr(0, 12);
    const std::string date = text_or(cp, "date");
    view.set("commit", commit);
    view.set("has_commit", boolean(!commit.empty()));
    view.set("date", date);
    view.set("has_date", boolean(!date.empty()));
    view.set("before", quantity(number_at(cp, "before"), unit));
    view.set("after", quantity(number_at(cp, "after"), unit));
    const auto ratio = number_at(cp, "ratio");
    view.set("ratio", ratio ? model::format_ratio(*ratio) : std::string("∞"));
    view.set("class", text_or(cp, "class"));
    const auto p = number_at(cp, "p_value");
    view.set("p_value", p ? model::format_p_value(*p) : std::string("–"));
    view.set("level", text_or(cp, "level"));
    view.set("icon", level_icon(text_or(cp, "level")));
    return view;
}

// Whether trend `t` has a chart: it degrades, or has change points.
bool has_chart(const ordered_json& t) {
    return text_or(t["drift"], "class") == "degrading" || !t["change_points"].empty();
}

// Which trends get a chart when at most `limit` are drawn: the first `limit` of those that
// have one, in the order of their level, each level in the report's order.
std::vector<bool> charts_drawn(const ordered_json& trends, std::size_t limit, std::size_t& total) {
    std::vector<std::pair<int, std::size_t>> ranked;
    for (std::size_t i = 0; i < trends.size(); ++i) {
        if (has_chart(trends[i])) ranked.emplace_back(level_rank(text_or(trends[i], "level")), i);
    }
    total = ranked.size();
    std::stable_sort(ranked.begin(), ranked.end(),
                     [](const auto& a, const auto& b) { return a.first < b.first; });
    std::vector<bool> drawn(trends.size(), false);
    for (std::size_t k = 0; k < ranked.size() && k < limit; ++k) drawn[ranked[k].second] = true;
    return drawn;
}

data build_trend_view(const ordered_json& report,
                      std::size_t chart_limit = std::numeric_limits<std::size_t>::max(),
                      std::size_t* charts_total = nullptr, bool with_rows = true) {
    data view;
    const std::string verdict = text_or(report, "verdict");
    view.set("verdict", verdict);
    view.set("verdict_icon", level_icon(verdict));
    const ordered_json& trends = report["trends"];
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
        const ordered_json& t = trends[index];
        if (const auto shifts = t.find("shifts"); shifts != t.end()) shift_count += shifts->size();
        const model::Unit unit = unit_of(t);
        const ordered_json& drift = t["drift"];
        const std::string drift_class = text_or(drift, "class");
        const std::size_t cps = t["change_points"].size();
        runs.insert(t.value("n", std::size_t{0}));
        const auto slope = number_at(drift, "slope_percent");
        std::string slope_text = signed_percent(slope);
        if (slope) {
            slope_text += " [" + signed_percent(number_at(drift, "low_percent")) + ", " +
                          signed_percent(number_at(drift, "high_percent")) + "]";
        }
        const ordered_json& values = t["series"]["values"];
        if (with_rows) {
            data row;
            put(row, "icon", level_icon(text_or(t, "level")));
            put(row, "metric", text_or(t, "metric"));
            put(row, "measure", text_or(t, "measure"));
            put(row, "runs", std::to_string(t.value("n", std::size_t{0})));
            put(row, "drift", drift_class);
            put(row, "icon_drift",
                unbreakable(std::string(level_icon(text_or(t, "level"))) + " " + drift_class));
            put(row, "slope", unbreakable(slope_text));
            const auto p = number_at(drift["mann_kendall"], "p_value");
            put(row, "p_value", p ? model::format_p_value(*p) : std::string("–"));
            put(row, "change_points", std::to_string(cps));
            put(row, "latest",
                values.empty() || !values.back().is_number()
                    ? std::string("–")
                    : unbreakable(model::format_quantity(values.back().get<double>(), unit)));
            put(row, "level", text_or(t, "level"));
            rows.push_back(std::move(row));
        }
        if (drift_class == "degrading") ++degrading;
        if (cps > 0) ++with_change_points;
        change_point_count += cps;
        data list{data::type::list};
        for (const ordered_json& cp : t["change_points"]) {
            rows_of(list).push_back(change_point_view(t, cp));
            rows_of(all_change_points).push_back(change_point_view(t, cp));
        }
        if (drawn[index]) {
            data chart;
            chart.set("metric", text_or(t, "metric"));
            chart.set("measure", text_or(t, "measure"));
            chart.set("drift", drift_class);
            chart.set("level", text_or(t, "level"));
            chart.set("icon", level_icon(text_or(t, "level")));
            chart.set("slope", slope_text);
            put(chart, "change_points", std::move(list));
            data shifts{data::type::list};
            if (const auto found = t.find("shifts"); found != t.end()) {
                for (const ordered_json& cp : *found) {
                    rows_of(shifts).push_back(change_point_view(t, cp));
                }
            }
            put(chart, "shifts", std::move(shifts));
            const std::size_t since = drift.value("since", std::size_t{0});
            chart.set("since",
                      since == 0 ? std::string() : " since run " + std::to_string(since + 1));
            chart.set("mermaid", mermaid_chart(t));
            const std::size_t n = std::max(t.value("n", values.size()), values.size());
            chart.set("truncated", n > k_chart_points ? data(data::type::bool_true)
                                                      : data(data::type::bool_false));
            chart.set("shown", std::to_string(std::min(n, k_chart_points)));
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
    view.set("method", text_or(report["options"], "method"));
    return view;
}

// An empty object or array with room for `size` members or elements: a large history's
// trend report is millions of small values, and growing each container step by step
// reallocates it several times.
ordered_json object_with_room(std::size_t size) {
    ordered_json object = ordered_json::object();
    object.get_ref<ordered_json::object_t&>().reserve(size);
    return object;
}
ordered_json array_with_room(std::size_t size) {
    ordered_json array = ordered_json::array();
    array.get_ref<ordered_json::array_t&>().reserve(size);
    return array;
}

ordered_json mann_kendall_json(const stats::MannKendall& mk) {
    ordered_json out = object_with_room(6);
    out["s"] = mk.s;
    out["variance"] = number_or_null(mk.variance);
    out["z"] = number_or_null(mk.z);
    out["p_value"] = number_or_null(mk.p_value);
    out["tau"] = number_or_null(mk.tau);
    out["exact"] = mk.exact;
    return out;
}

ordered_json change_point_json(const trend::ChangePoint& cp, bool counted) {
    ordered_json p = object_with_room(11);
    p["index"] = cp.index;
    p["date"] = cp.date;
    p["commit"] = cp.commit;
    p["before"] = number_or_null(cp.before);
    p["after"] = number_or_null(cp.after);
    p["ratio"] = number_or_null(cp.ratio);
    p["class"] = std::string(model::to_string(cp.change));
    p["p_value"] = number_or_null(cp.p_value);
    p["q"] = number_or_null(cp.q);
    if (counted) {
        p["recent"] = cp.recent;
        p["level"] = std::string(model::to_string(cp.level));
    }
    return p;
}

ordered_json trend_json(const trend::Trend& trend, std::size_t run_offset) {
    const trend::Series& s = trend.series;
    ordered_json out = object_with_room(14);
    out["metric"] = s.metric;
    out["measure"] = s.measure;
    out["unit"] = s.unit;
    if (s.prefixes == model::SizePrefixes::decimal) {
        out["unit_prefixes"] = std::string(model::to_string(s.prefixes));
    }
    out["direction"] = std::string(model::to_string(s.direction));
    out["statistic"] = s.statistic;
    out["n"] = s.values.size();
    out["level"] = std::string(model::to_string(trend.level));
    ordered_json drift = object_with_room(7);
    drift["class"] = std::string(trend::to_string(trend.drift.drift));
    drift["slope_percent"] = number_or_null(trend.drift.slope_percent);
    drift["low_percent"] = number_or_null(trend.drift.low_percent);
    drift["high_percent"] = number_or_null(trend.drift.high_percent);
    drift["mann_kendall"] = mann_kendall_json(trend.drift.mann_kendall);
    ordered_json ts = object_with_room(4);
    ts["slope"] = number_or_null(trend.drift.theil_sen.slope);
    ts["low"] = number_or_null(trend.drift.theil_sen.low);
    ts["high"] = number_or_null(trend.drift.theil_sen.high);
    ts["intercept"] = number_or_null(trend.drift.theil_sen.intercept);
    drift["theil_sen"] = std::move(ts);
    drift["since"] = trend.drift_since;
    out["drift"] = std::move(drift);
    ordered_json points = array_with_room(trend.change_points.size());
    for (const trend::ChangePoint& cp : trend.change_points) {
        points.push_back(change_point_json(cp, true));
    }
    out["change_points"] = std::move(points);
    ordered_json shifts = array_with_room(trend.shifts.size());
    for (const trend::ChangePoint& cp : trend.shifts)
        shifts.push_back(change_point_json(cp, false));
    out["shifts"] = std::move(shifts);
    out["notes"] = trend.notes;
    // The newest values only (the charted ones): the history file has them all, and the
    // whole series of 5,000 metrics over 1,000 runs would make a report of half a gigabyte.
    const std::size_t n = s.values.size();
    const std::size_t first = n - std::min(n, k_chart_points);
    ordered_json series = object_with_room(3);
    series["first"] = first;
    ordered_json values = array_with_room(n - first);
    ordered_json runs = array_with_room(n - first);
    for (std::size_t i = first; i < n; ++i) {
        values.push_back(number_or_null(s.values[i]));
        if (i < s.runs.size()) runs.push_back(run_offset + s.runs[i]);
    }
    series["values"] = std::move(values);
    if (s.labels && runs.size() == n - first) series["runs"] = std::move(runs);
    out["series"] = std::move(series);
    return out;
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

nlohmann::ordered_json build_trend_report(const TrendReportInput& input) {
    // Room for every member, and for the two check's trend section adds: an ordered_json
    // object that grows copies its members (a pair with a const key moves by copying), and
    // the trends of a large history are hundreds of megabytes of tree.
    ordered_json report = object_with_room(9);
    report["schema"] = "caws-gate/trend@1";
    static const std::vector<trend::Trend> k_none;
    const std::vector<trend::Trend>& trends = input.trends ? *input.trends : k_none;
    report["verdict"] = std::string(model::to_string(trend::verdict_of(trends)));
    report["histories"] = input.histories;
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
    report["options"] = std::move(options);
    ordered_json summary;
    std::size_t counts[4] = {0, 0, 0, 0};
    std::size_t change_points = 0;
    std::size_t shifts = 0;
    std::size_t failing = 0;
    for (const trend::Trend& t : trends) {
        ++counts[static_cast<int>(t.drift.drift)];
        change_points += t.change_points.size();
        shifts += t.shifts.size();
        if (t.level == model::Level::fail) ++failing;
    }
    summary["metrics"] = trends.size();
    summary["improving"] = counts[0];
    summary["stable"] = counts[1];
    summary["degrading"] = counts[2];
    summary["drifting"] = counts[3];
    summary["change_points"] = change_points;
    summary["shifts"] = shifts;
    summary["failing"] = failing;
    report["summary"] = std::move(summary);
    // Each table of runs the series name, once, in the order of first use: the series of
    // one history share one table.
    ordered_json runs = ordered_json::array();
    std::vector<std::pair<const std::vector<trend::RunLabel>*, std::size_t>> offsets;
    ordered_json list = ordered_json::array();
    for (const trend::Trend& t : trends) {
        const std::vector<trend::RunLabel>* labels = t.series.labels.get();
        std::size_t offset = 0;
        if (labels != nullptr) {
            const auto known = std::find_if(offsets.begin(), offsets.end(),
                                            [&](const auto& o) { return o.first == labels; });
            if (known != offsets.end()) {
                offset = known->second;
            } else {
                offset = runs.size();
                offsets.emplace_back(labels, offset);
                for (const trend::RunLabel& label : *labels) {
                    ordered_json run;
                    run["date"] = label.date;
                    run["commit"] = label.commit;
                    runs.push_back(std::move(run));
                }
            }
        }
        list.push_back(trend_json(t, offset));
    }
    report["trends"] = std::move(list);
    report["runs"] = std::move(runs);
    return report;
}

std::string render_trend_markdown(const nlohmann::ordered_json& report,
                                  const TemplateSet& templates) {
    return render_template("trend_markdown", build_trend_view(report), templates, escape_markdown);
}

std::string render_trend_latex(const nlohmann::ordered_json& report, const TemplateSet& templates) {
    return render_template("trend_latex", build_trend_view(report), templates, escape_latex);
}

kainjow::mustache::data trend_view(const nlohmann::ordered_json& report) {
    return build_trend_view(report);
}

kainjow::mustache::data trend_view(const nlohmann::ordered_json& report, std::size_t chart_limit,
                                   std::size_t& charts_total, bool rows) {
    return build_trend_view(report, chart_limit, &charts_total, rows);
}

}  // namespace caws::report
