#include "report/report_reader.hpp"

#include "json/strict.hpp"
#include "report/json_report.hpp"
#include "report/shape_checker.hpp"
#include "report/trend_section.hpp"
#include "util/error.hpp"
#include "util/json_pointer.hpp"
#include "util/text_position.hpp"

namespace caws::report {
namespace {

using nlohmann::ordered_json;

// A comparison's "ci": null or [low, high].
void check_interval(const ShapeChecker& check, const ordered_json& object,
                    const std::string& pointer) {
    check.optional(
        object, pointer, "ci",
        [](const ordered_json& v) {
            return v.is_null() ||
                   (v.is_array() && v.size() == 2 && v[0].is_number() && v[1].is_number());
        },
        "null or [low, high]");
}

void check_report(const ordered_json& report, const std::string& path) {
    const ShapeChecker check(path);
    check.expect(report.is_object(), report, "", "a caws-gate report object");
    const ordered_json& schema = check.member(report, "", "schema");
    if (!schema.is_string() || schema.get<std::string>() != k_report_schema) {
        check.fail("/schema",
                   std::string("expected \"") + k_report_schema + "\", got " + schema.dump());
    }
    const ordered_json& verdict = check.member(report, "", "verdict");
    check.expect(verdict == "pass" || verdict == "warn" || verdict == "fail", verdict, "/verdict",
                 "\"pass\", \"warn\" or \"fail\"");
    check.strings(report, "", {"command"});
    check.booleans(report, "", {"gated"});
    check.optional(
        report, "", "scores",
        [](const ordered_json& v) {
            return v.is_null() || (v.is_object() && v.value("health", ordered_json()).is_number() &&
                                   v.value("trust", ordered_json()).is_number());
        },
        "null or an object with numbers \"health\" and \"trust\"");
    check.optional(
        report, "", "settings", [](const ordered_json& v) { return v.is_object(); }, "an object");
    if (const auto settings = report.find("settings"); settings != report.end()) {
        check.numbers(*settings, "/settings", {"alpha", "power"});
        check.strings(*settings, "/settings", {"test", "correction"});
        check.booleans(*settings, "/settings", {"drop_outliers"});
    }

    const ordered_json& summary = check.member(report, "", "summary");
    check.expect(summary.is_object(), summary, "/summary", "an object");
    const ordered_json& counts = check.member(summary, "/summary", "counts");
    check.expect(counts.is_object(), counts, "/summary/counts", "an object");
    for (const auto& [name, value] : counts.items()) {
        check.expect(value.is_number_unsigned(), value,
                     util::pointer_append("/summary/counts", name), "a count");
    }
    check.optional(
        summary, "/summary", "comparisons",
        [](const ordered_json& v) { return v.is_number_unsigned(); }, "a count");
    check.optional(
        summary, "/summary", "tested", [](const ordered_json& v) { return v.is_number_unsigned(); },
        "a count");

    for (const char* side : {"baseline", "candidate"}) {
        const std::string at = std::string("/") + side;
        const ordered_json& object = check.member(report, "", side);
        check.expect(object.is_object(), object, at, "an object");
        check.strings(object, at, {"label"});
        const ordered_json& sources = check.objects(object, at, "sources", true);
        for (std::size_t i = 0; i < sources.size(); ++i) {
            check.strings(sources[i], util::pointer_append(at + "/sources", i), {"path", "format"});
        }
    }

    const ordered_json& comparisons = check.objects(report, "", "comparisons", true);
    for (std::size_t i = 0; i < comparisons.size(); ++i) {
        const ordered_json& c = comparisons[i];
        const std::string at = util::pointer_append("/comparisons", i);
        check.expect(check.member(c, at, "metric").is_string(), c.at("metric"), at + "/metric",
                     "a string");
        check.strings(c, at,
                      {"measure", "unit", "direction", "statistic", "test", "test_variant", "class",
                       "level", "message"});
        check.numbers(c, at, {"baseline", "candidate", "ratio", "p_value", "p_adjusted"});
        check.booleans(c, at, {"tested", "significant", "gated", "ratio_infinite"});
        check_interval(check, c, at);
        check.optional(
            c, at, "n",
            [](const ordered_json& v) {
                return v.is_array() && v.size() == 2 && v[0].is_number_unsigned() &&
                       v[1].is_number_unsigned();
            },
            "[baseline count, candidate count]");
        check.string_list(c, at, "notes");
        check.optional(
            c, at, "power", [](const ordered_json& v) { return v.is_object(); }, "an object");
        if (const auto power = c.find("power"); power != c.end()) {
            check.numbers(*power, at + "/power", {"min_detectable_ratio", "repetitions_needed"});
            check.booleans(*power, at + "/power",
                           {"needs_repetitions", "min_detectable_ratio_infinite"});
        }
    }

    const ordered_json& budgets = check.objects(report, "", "budgets", false);
    for (std::size_t i = 0; i < budgets.size(); ++i) {
        const std::string at = util::pointer_append("/budgets", i);
        check.strings(budgets[i], at,
                      {"metric", "measure", "statistic", "unit", "level", "message"});
        check.numbers(budgets[i], at, {"value", "warning", "critical", "max_ratio", "ratio"});
        check.optional(
            budgets[i], at, "shown", [](const ordered_json& v) { return v.is_object(); },
            "an object");
        if (const auto shown = budgets[i].find("shown"); shown != budgets[i].end()) {
            check.strings(*shown, at + "/shown", {"value", "warning", "critical"});
        }
    }
    const ordered_json& findings = check.objects(report, "", "findings", true);
    for (std::size_t i = 0; i < findings.size(); ++i) {
        const std::string at = util::pointer_append("/findings", i);
        check.strings(findings[i], at, {"level", "code", "metric", "measure", "message"});
        check.optional(
            findings[i], at, "waiver", [](const ordered_json& v) { return v.is_object(); },
            "an object");
        if (const auto waiver = findings[i].find("waiver"); waiver != findings[i].end()) {
            check.strings(*waiver, at + "/waiver", {"pattern", "reason", "owner", "expires"});
            check.booleans(*waiver, at + "/waiver", {"expired"});
        }
    }
    const ordered_json& recommendations = check.objects(report, "", "recommendations", false);
    for (std::size_t i = 0; i < recommendations.size(); ++i) {
        check.strings(recommendations[i], util::pointer_append("/recommendations", i),
                      {"code", "metric", "message"});
    }
    check.string_list(report, "", "notes");
    check_trend_section(report, path);
}

}  // namespace

ordered_json parse_report(std::string_view text, const std::string& path) {
    ordered_json report = json::parse_strict(text, path);
    check_report(report, path);
    return report;
}

}  // namespace caws::report
