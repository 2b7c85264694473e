#include "report/report_reader.hpp"

#include "json/strict.hpp"
#include "report/json_report.hpp"
#include "report/trend_section.hpp"
#include "util/error.hpp"
#include "util/json_pointer.hpp"
#include "util/text_position.hpp"

namespace caws::report {
namespace {

using nlohmann::ordered_json;

const char* type_name(const ordered_json& value) {
    if (value.is_null()) return "null";
    if (value.is_boolean()) return "a boolean";
    if (value.is_number()) return "a number";
    if (value.is_string()) return "a string";
    if (value.is_array()) return "an array";
    return "an object";
}

// Checks one report against its expected shape, with the path and a pointer in errors.
class Checker {
  public:
    explicit Checker(const std::string& path) : path_(path) {}

    [[noreturn]] void fail(const std::string& pointer, const std::string& what) const {
        throw util::Error(path_, pointer.empty() ? "/" : pointer, what);
    }

    const ordered_json& member(const ordered_json& object, const std::string& pointer,
                               const char* key) const {
        const auto found = object.find(key);
        if (found == object.end()) fail(pointer, std::string("missing \"") + key + "\"");
        return *found;
    }

    void expect(bool ok, const ordered_json& value, const std::string& pointer,
                const char* expected) const {
        if (!ok) fail(pointer, std::string("expected ") + expected + ", got " + type_name(value));
    }

    // An optional member of the given kind.
    template <typename Test>
    void optional(const ordered_json& object, const std::string& pointer, const char* key,
                  Test test, const char* expected) const {
        const auto found = object.find(key);
        if (found == object.end()) return;
        expect(test(*found), *found, util::pointer_append(pointer, key), expected);
    }

    void strings(const ordered_json& object, const std::string& pointer,
                 std::initializer_list<const char*> keys) const {
        for (const char* key : keys) {
            optional(
                object, pointer, key, [](const ordered_json& v) { return v.is_string(); },
                "a string");
        }
    }

    void numbers(const ordered_json& object, const std::string& pointer,
                 std::initializer_list<const char*> keys) const {
        for (const char* key : keys) {
            optional(
                object, pointer, key,
                [](const ordered_json& v) { return v.is_number() || v.is_null(); },
                "a number or null");
        }
    }

    void booleans(const ordered_json& object, const std::string& pointer,
                  std::initializer_list<const char*> keys) const {
        for (const char* key : keys) {
            optional(
                object, pointer, key, [](const ordered_json& v) { return v.is_boolean(); },
                "true or false");
        }
    }

    void interval(const ordered_json& object, const std::string& pointer) const {
        optional(
            object, pointer, "ci",
            [](const ordered_json& v) {
                return v.is_null() ||
                       (v.is_array() && v.size() == 2 && v[0].is_number() && v[1].is_number());
            },
            "null or [low, high]");
    }

    void string_list(const ordered_json& object, const std::string& pointer,
                     const char* key) const {
        const auto found = object.find(key);
        if (found == object.end()) return;
        const std::string at = util::pointer_append(pointer, key);
        expect(found->is_array(), *found, at, "an array of strings");
        for (std::size_t i = 0; i < found->size(); ++i) {
            expect((*found)[i].is_string(), (*found)[i], util::pointer_append(at, i), "a string");
        }
    }

    const ordered_json& objects(const ordered_json& object, const std::string& pointer,
                                const char* key, bool required) const {
        static const ordered_json empty = ordered_json::array();
        const auto found = object.find(key);
        if (found == object.end()) {
            if (required) fail(pointer, std::string("missing \"") + key + "\"");
            return empty;
        }
        const std::string at = util::pointer_append(pointer, key);
        expect(found->is_array(), *found, at, "an array");
        for (std::size_t i = 0; i < found->size(); ++i) {
            expect((*found)[i].is_object(), (*found)[i], util::pointer_append(at, i), "an object");
        }
        return *found;
    }

  private:
    const std::string& path_;
};

void check_report(const ordered_json& report, const std::string& path) {
    const Checker check(path);
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
        check.interval(c, at);
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
    json::check_strict(text, path);
    ordered_json report;
    try {
        report = ordered_json::parse(text.begin(), text.end());
    } catch (const nlohmann::json::parse_error& error) {
        // nlohmann counts the byte it stopped at from 1.
        const std::size_t offset = error.byte > 0 ? error.byte - 1 : 0;
        std::string what = error.what();
        if (const std::size_t at = what.find("syntax error"); at != std::string::npos) {
            what = what.substr(at);
        }
        throw util::Error(path, util::describe(util::position_of(text, offset)),
                          "expected a JSON report: " + what);
    } catch (const nlohmann::json::out_of_range& error) {
        // A number too large for a double: json::check_strict reports it with its place
        // first, so this is only a safety net.
        throw util::Error(path, {}, "expected a JSON report: " + std::string(error.what()));
    }
    check_report(report, path);
    return report;
}

}  // namespace caws::report
