#include "report/trend_section.hpp"

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
bool is_boolean(const ordered_json& v) {
    return v.is_boolean();
}
bool is_object(const ordered_json& v) {
    return v.is_object();
}
bool is_array(const ordered_json& v) {
    return v.is_array();
}

void check_trend(const ShapeChecker& check, const ordered_json& t, const std::string& at,
                 std::size_t run_count) {
    for (const char* key : {"metric", "measure", "unit", "direction", "statistic", "level"}) {
        check.required(t, at, key, is_string, "a string");
    }
    check.required(t, at, "n", is_count, "a whole number");
    const ordered_json& drift = check.required(t, at, "drift", is_object, "an object");
    const std::string drift_at = at + "/drift";
    check.required(drift, drift_at, "class", is_string, "a string");
    for (const char* key : {"slope_percent", "low_percent", "high_percent"}) {
        check.optional(drift, drift_at, key, is_number_or_null, "a number or null");
    }
    const ordered_json& mk =
        check.required(drift, drift_at, "mann_kendall", is_object, "an object");
    check.optional(mk, drift_at + "/mann_kendall", "p_value", is_number_or_null,
                   "a number or null");
    const ordered_json& points =
        check.required(t, at, "change_points", is_array, "an array of change points");
    check.elements(points, at + "/change_points", is_object, "an object");
    for (std::size_t i = 0; i < points.size(); ++i) {
        const std::string cp_at = util::pointer_append(at + "/change_points", i);
        check.required(points[i], cp_at, "index", is_count, "a whole number");
        for (const char* key : {"date", "commit", "class", "level"}) {
            check.optional(points[i], cp_at, key, is_string, "a string");
        }
        for (const char* key : {"before", "after", "ratio", "p_value", "q"}) {
            check.optional(points[i], cp_at, key, is_number_or_null, "a number or null");
        }
        check.optional(points[i], cp_at, "recent", is_boolean, "true or false");
    }
    check.optional(t, at, "shifts", is_array, "an array of shifts");
    check.optional(drift, drift_at, "since", is_count, "a whole number");
    const ordered_json& series = check.required(t, at, "series", is_object, "an object");
    const ordered_json& values =
        check.required(series, at + "/series", "values", is_array, "an array of numbers");
    check.elements(values, at + "/series/values", is_number_or_null, "a number or null");
    check.optional(series, at + "/series", "first", is_count, "a whole number");
    const auto runs = series.find("runs");
    if (runs != series.end()) {
        const std::string runs_at = at + "/series/runs";
        check.expect(runs->is_array(), *runs, runs_at, "an array of run indices");
        for (std::size_t i = 0; i < runs->size(); ++i) {
            const ordered_json& run = (*runs)[i];
            check.expect(is_count(run) && run.get<std::size_t>() < run_count, run,
                         util::pointer_append(runs_at, i), "the index of a run in /trends/runs");
        }
    }
    check.optional(t, at, "notes", is_array, "an array of strings");
}

}  // namespace

nlohmann::ordered_json build_trend_section(const TrendSectionInput& input) {
    TrendReportInput report_input;
    report_input.histories = {input.history};
    report_input.trends = input.trends;
    report_input.options = input.options;
    report_input.rules = input.rules;
    report_input.last = input.last;
    ordered_json section = build_trend_report(report_input);
    section["history_runs"] = input.history_runs;
    section["includes_candidate"] = input.includes_candidate;
    return section;
}

void check_trend_section(const nlohmann::ordered_json& report, const std::string& path) {
    const auto found = report.find("trends");
    if (found == report.end()) return;
    const ShapeChecker check(path);
    const ordered_json& section = *found;
    check.expect(section.is_object(), section, "/trends", "an object (a trend report)");
    check.required(section, "/trends", "verdict", is_string, "a string");
    const ordered_json& histories =
        check.required(section, "/trends", "histories", is_array, "an array of strings");
    check.elements(histories, "/trends/histories", is_string, "a string");
    check.required(section, "/trends", "options", is_object, "an object");
    check.optional(section["options"], "/trends/options", "method", is_string, "a string");
    check.optional(section, "/trends", "history_runs", is_count, "a whole number");
    check.optional(section, "/trends", "includes_candidate", is_boolean, "true or false");
    std::size_t run_count = 0;
    if (const auto runs = section.find("runs"); runs != section.end()) {
        check.expect(runs->is_array(), *runs, "/trends/runs", "an array of runs");
        check.elements(*runs, "/trends/runs", is_object, "an object");
        for (std::size_t i = 0; i < runs->size(); ++i) {
            for (const char* key : {"date", "commit"}) {
                check.optional((*runs)[i], util::pointer_append("/trends/runs", i), key, is_string,
                               "a string");
            }
        }
        run_count = runs->size();
    }
    const ordered_json& trends =
        check.required(section, "/trends", "trends", is_array, "an array of trends");
    check.elements(trends, "/trends/trends", is_object, "an object");
    for (std::size_t i = 0; i < trends.size(); ++i) {
        check_trend(check, trends[i], util::pointer_append("/trends/trends", i), run_count);
    }
}

}  // namespace caws::report
