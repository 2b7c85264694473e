#include "report/trend_section.hpp"

#include <cmath>
#include <cstdint>
#include <limits>
#include <memory>
#include <utility>

#include "report/shape_checker.hpp"
#include "report/trend_report.hpp"
#include "util/json_pointer.hpp"

namespace caws::report {
namespace {

using nlohmann::ordered_json;

bool is_string(const ordered_json& v) {
    return v.is_string();
}
bool is_number_or_null(const ordered_json& v) {
    return v.is_number() || v.is_null();
}
bool is_count(const ordered_json& v) {
    return v.is_number_unsigned();
}
bool is_object(const ordered_json& v) {
    return v.is_object();
}
bool is_array(const ordered_json& v) {
    return v.is_array();
}

constexpr double k_null = std::numeric_limits<double>::quiet_NaN();

// A number of the section: null (or absent) is not finite, as the writer wrote it.
double number_of(const ordered_json& v) {
    return v.is_number() ? v.get<double>() : k_null;
}

std::optional<trend::DriftClass> drift_class_of(std::string_view text) {
    using trend::DriftClass;
    for (const DriftClass c :
         {DriftClass::improving, DriftClass::stable, DriftClass::degrading, DriftClass::drifting}) {
        if (trend::to_string(c) == text) return c;
    }
    return std::nullopt;
}

// The string `key` of `object` (required, or optional with `fallback`), as one of the
// words `parse` knows.
template <typename Word>
Word word_at(const ShapeChecker& check, const ordered_json& object, const std::string& at,
             const char* key, std::optional<Word> (*parse)(std::string_view), const char* expected,
             std::optional<Word> fallback = std::nullopt) {
    const ordered_json* value = nullptr;
    if (fallback) {
        value = check.optional(object, at, key, is_string, "a string");
        if (value == nullptr) return *fallback;
    } else {
        value = &check.required(object, at, key, is_string, "a string");
    }
    const std::optional<Word> word = parse(value->get_ref<const std::string&>());
    if (!word) {
        check.fail(util::pointer_append(at, key),
                   std::string("expected ") + expected + ", got " + value->dump());
    }
    return *word;
}

constexpr const char* k_trend_levels = "\"pass\", \"info\", \"warn\" or \"fail\"";

std::vector<trend::ChangePoint> read_change_points(const ShapeChecker& check,
                                                   const ordered_json& points,
                                                   const std::string& at) {
    check.elements(points, at, is_object, "an object");
    std::vector<trend::ChangePoint> out;
    out.reserve(points.size());
    for (std::size_t i = 0; i < points.size(); ++i) {
        const ordered_json& p = points[i];
        const std::string cp_at = util::pointer_append(at, i);
        trend::ChangePoint cp;
        cp.index = check.required(p, cp_at, "index", is_count, "a whole number").get<std::size_t>();
        cp.date = check.text(p, cp_at, "date", "");
        cp.commit = check.text(p, cp_at, "commit", "");
        cp.change = word_at(check, p, cp_at, "class", model::change_class_from_string,
                            "the class of a change", std::optional(model::ChangeClass::unchanged));
        cp.level = word_at(check, p, cp_at, "level", model::level_from_string, k_trend_levels,
                           std::optional(model::Level::info));
        double* numbers[] = {&cp.before, &cp.after, &cp.ratio, &cp.p_value, &cp.q};
        const char* keys[] = {"before", "after", "ratio", "p_value", "q"};
        for (std::size_t k = 0; k < std::size(keys); ++k) {
            *numbers[k] = check.number(p, cp_at, keys[k]).value_or(k_null);
        }
        cp.recent = check.flag(p, cp_at, "recent", false);
        out.push_back(std::move(cp));
    }
    return out;
}

trend::Drift read_drift(const ShapeChecker& check, const ordered_json& drift,
                        const std::string& at) {
    trend::Drift out;
    out.drift = word_at(check, drift, at, "class", drift_class_of,
                        "\"improving\", \"stable\", \"degrading\" or \"drifting\"");
    out.slope_percent = check.number(drift, at, "slope_percent");
    out.low_percent = check.number(drift, at, "low_percent");
    out.high_percent = check.number(drift, at, "high_percent");
    const ordered_json& mk = check.required(drift, at, "mann_kendall", is_object, "an object");
    const std::string mk_at = at + "/mann_kendall";
    out.mann_kendall.s = check.number(mk, mk_at, "s").value_or(k_null);
    out.mann_kendall.variance = check.number(mk, mk_at, "variance").value_or(k_null);
    out.mann_kendall.z = check.number(mk, mk_at, "z").value_or(k_null);
    out.mann_kendall.p_value = check.number(mk, mk_at, "p_value").value_or(k_null);
    out.mann_kendall.tau = check.number(mk, mk_at, "tau").value_or(k_null);
    out.mann_kendall.exact = check.flag(mk, mk_at, "exact", false);
    if (const ordered_json* ts = check.object_member(drift, at, "theil_sen")) {
        const std::string ts_at = at + "/theil_sen";
        out.theil_sen.slope = check.number(*ts, ts_at, "slope").value_or(k_null);
        out.theil_sen.low = check.number(*ts, ts_at, "low").value_or(k_null);
        out.theil_sen.high = check.number(*ts, ts_at, "high").value_or(k_null);
        out.theil_sen.intercept = check.number(*ts, ts_at, "intercept").value_or(k_null);
    }
    return out;
}

TrendReportEntry read_trend(const ShapeChecker& check, const ordered_json& t, const std::string& at,
                            const std::shared_ptr<const std::vector<trend::RunLabel>>& runs) {
    TrendReportEntry entry;
    trend::Trend& trend = entry.trend;
    trend::Series& series = trend.series;
    series.metric = check.required(t, at, "metric", is_string, "a string").get<std::string>();
    series.measure = check.required(t, at, "measure", is_string, "a string").get<std::string>();
    series.unit = check.required(t, at, "unit", is_string, "a string").get<std::string>();
    series.direction = word_at(check, t, at, "direction", model::direction_from_string,
                               "\"lower\", \"higher\" or \"unknown\"");
    series.statistic = check.required(t, at, "statistic", is_string, "a string").get<std::string>();
    trend.level = word_at(check, t, at, "level", model::level_from_string, k_trend_levels);
    if (check.text(t, at, "unit_prefixes", "") == "decimal") {
        series.prefixes = model::SizePrefixes::decimal;
    }
    const std::size_t n = check.required(t, at, "n", is_count, "a whole number").get<std::size_t>();
    const ordered_json& drift = check.required(t, at, "drift", is_object, "an object");
    const std::string drift_at = at + "/drift";
    trend.drift = read_drift(check, drift, drift_at);
    trend.change_points = read_change_points(
        check, check.required(t, at, "change_points", is_array, "an array of change points"),
        at + "/change_points");
    if (const ordered_json* shifts =
            check.optional(t, at, "shifts", is_array, "an array of shifts")) {
        trend.shifts = read_change_points(check, *shifts, at + "/shifts");
    }
    trend.drift_since = check.count(drift, drift_at, "since", "a whole number").value_or(0);
    const ordered_json& s = check.required(t, at, "series", is_object, "an object");
    const std::string series_at = at + "/series";
    const ordered_json& values =
        check.required(s, series_at, "values", is_array, "an array of numbers");
    check.elements(values, series_at + "/values", is_number_or_null, "a number or null");
    series.values.reserve(values.size());
    for (const ordered_json& value : values) series.values.push_back(number_of(value));
    // The values kept are the newest of the series' n.
    check.expect(n >= values.size(), t.at("n"), at + "/n", "at least the number of values kept");
    entry.first = n - values.size();
    if (const auto first = check.count(s, series_at, "first", "a whole number")) {
        if (*first != entry.first) {
            check.fail(series_at + "/first", "expected n less the values kept (" +
                                                 std::to_string(entry.first) + "), got " +
                                                 std::to_string(*first));
        }
    }
    if (const auto found = s.find("runs"); found != s.end()) {
        const std::string runs_at = series_at + "/runs";
        check.expect(found->is_array(), *found, runs_at, "an array of run indices");
        series.runs.reserve(found->size());
        for (std::size_t i = 0; i < found->size(); ++i) {
            const ordered_json& run = (*found)[i];
            check.expect(is_count(run) && run.get<std::size_t>() < runs->size(), run,
                         util::pointer_append(runs_at, i), "the index of a run in /trends/runs");
            series.runs.push_back(static_cast<std::uint32_t>(run.get<std::size_t>()));
        }
        series.labels = runs;
    }
    trend.notes = check.string_list(t, at, "notes");
    return entry;
}

}  // namespace

TrendReport build_trend_section(TrendSectionInput input) {
    TrendReportInput report_input;
    report_input.histories = {std::move(input.history)};
    report_input.trends = std::move(input.trends);
    report_input.options = input.options;
    report_input.rules = input.rules;
    report_input.last = input.last;
    TrendReport section = build_trend_report(std::move(report_input));
    section.history_runs = input.history_runs;
    section.includes_candidate = input.includes_candidate;
    return section;
}

std::optional<TrendReport> read_trend_section(const nlohmann::ordered_json& report,
                                              const std::string& path) {
    const auto found = report.find("trends");
    if (found == report.end()) return std::nullopt;
    const ShapeChecker check(path);
    const ordered_json& section = *found;
    check.expect(section.is_object(), section, "/trends", "an object (a trend report)");
    TrendReport out;
    out.verdict =
        word_at(check, section, "/trends", "verdict", model::level_from_string, k_trend_levels);
    const ordered_json& histories =
        check.required(section, "/trends", "histories", is_array, "an array of strings");
    check.elements(histories, "/trends/histories", is_string, "a string");
    for (const ordered_json& history : histories)
        out.histories.push_back(history.get<std::string>());
    out.options = check.required(section, "/trends", "options", is_object, "an object");
    check.optional(out.options, "/trends/options", "method", is_string, "a string");
    out.history_runs = check.count(section, "/trends", "history_runs", "a whole number");
    out.includes_candidate = check.flag(section, "/trends", "includes_candidate");
    if (const auto runs = section.find("runs"); runs != section.end()) {
        check.expect(runs->is_array(), *runs, "/trends/runs", "an array of runs");
        check.elements(*runs, "/trends/runs", is_object, "an object");
        out.runs.reserve(runs->size());
        for (std::size_t i = 0; i < runs->size(); ++i) {
            const std::string at = util::pointer_append("/trends/runs", i);
            out.runs.push_back(
                {check.text((*runs)[i], at, "date", ""), check.text((*runs)[i], at, "commit", "")});
        }
    }
    const auto labels = std::make_shared<const std::vector<trend::RunLabel>>(out.runs);
    const ordered_json& trends =
        check.required(section, "/trends", "trends", is_array, "an array of trends");
    check.elements(trends, "/trends/trends", is_object, "an object");
    out.trends.reserve(trends.size());
    for (std::size_t i = 0; i < trends.size(); ++i) {
        out.trends.push_back(
            read_trend(check, trends[i], util::pointer_append("/trends/trends", i), labels));
    }
    out.as_read = section;
    return out;
}

}  // namespace caws::report
