#include "report/report_document.hpp"

#include <cmath>
#include <cstdint>

#include "report/between_run_json.hpp"
#include "report/json_writer.hpp"
#include "report/report_rows.hpp"
#include "report/shape_checker.hpp"
#include "report/trend_report.hpp"
#include "report/trend_section.hpp"
#include "util/json_pointer.hpp"

namespace caws::report {
namespace {

using nlohmann::ordered_json;

// Writing, through JsonTree or JsonText (json_writer.hpp): the one spelling of the keys,
// with report_rows.cpp for the rows.

// Scores are whole numbers (docs/scoring.md): written as integers, "68" and not "68.0".
void write_score(JsonWriter& out, double value) {
    if (std::isfinite(value) && value == std::round(value) && std::abs(value) < 1e15) {
        out.integer(static_cast<std::int64_t>(value));
    } else {
        out.number(value);
    }
}

void write_scores(JsonWriter& out, const std::optional<model::Scores>& scores) {
    out.key("scores");
    if (!scores) {
        out.null();
        return;
    }
    out.begin_object();
    out.key("health");
    write_score(out, scores->health.value);
    out.key("trust");
    write_score(out, scores->trust.value);
    out.begin_object("components");
    for (const auto& [name, score] :
         {std::pair{"health", &scores->health}, std::pair{"trust", &scores->trust}}) {
        out.begin_array(name);
        for (const model::ScoreComponent& c : score->components) {
            out.begin_object();
            field(out, "name", c.name);
            out.key("score");
            write_score(out, c.score);
            field(out, "weight", c.weight);
            field(out, "detail", c.detail);
            out.end_object();
        }
        out.end_array();
    }
    out.end_object();
    out.end_object();
}

void write_settings(JsonWriter& out, const ReportSettings& s) {
    out.begin_object("settings");
    field(out, "alpha", s.alpha);
    out.begin_object("thresholds");
    field(out, "minor", s.thresholds.minor);
    field(out, "moderate", s.thresholds.moderate);
    field(out, "severe", s.thresholds.severe);
    out.end_object();
    if (s.test) field(out, "test", *s.test);
    if (s.correction) field(out, "correction", *s.correction);
    if (s.ci) {
        out.begin_object("ci");
        field(out, "method", s.ci->method);
        field(out, "confidence", s.ci->confidence);
        field(out, "resamples", s.ci->resamples);
        out.end_object();
    }
    if (s.seed) field(out, "seed", *s.seed);
    if (s.drop_outliers) field(out, "drop_outliers", *s.drop_outliers);
    if (s.power) field(out, "power", *s.power);
    out.end_object();
}

void write_gate_file(JsonWriter& out, const std::optional<GateFileRef>& gate_file) {
    out.key("gate_file");
    if (!gate_file) {
        out.null();
        return;
    }
    out.begin_object();
    field(out, "path", gate_file->path);
    field(out, "sha256", gate_file->sha256);
    out.end_object();
}

void write_summary(JsonWriter& out, const ReportSummary& s) {
    out.begin_object("summary");
    if (s.comparisons) field(out, "comparisons", *s.comparisons);
    out.begin_object("counts");
    for (const auto& [name, count] : s.counts) field(out, name, count);
    out.end_object();
    if (s.benchmarks) {
        field(out, "benchmarks", *s.benchmarks);
        out.begin_object("benchmark_counts");
        for (const auto& [name, count] : s.benchmark_counts) field(out, name, count);
        out.end_object();
    }
    if (s.regressed_metrics) field(out, "regressed_metrics", *s.regressed_metrics);
    if (s.tested) field(out, "tested", *s.tested);
    if (s.needs_repetitions) field(out, "needs_repetitions", *s.needs_repetitions);
    out.key("geomean");
    if (s.geomean) {
        out.begin_object();
        field(out, "ratio", s.geomean->ratio);
        write_interval(out, "ci", s.geomean->ci);
        field(out, "metrics", s.geomean->metrics);
        if (s.geomean->benchmarks) field(out, "benchmarks", *s.geomean->benchmarks);
        out.end_object();
    } else {
        out.null();
    }
    out.end_object();
}

void write_side(JsonWriter& out, const char* key, const ReportSide& side) {
    out.begin_object(key);
    if (!side.label.empty()) field(out, "label", side.label);
    out.begin_array("sources");
    for (const model::Source& source : side.sources) {
        out.begin_object();
        field(out, "path", source.path);
        field(out, "format", source.format);
        out.end_object();
    }
    out.end_array();
    if (side.provenance) {
        out.begin_object("provenance");
        field(out, "created", side.provenance->created);
        if (!side.provenance->commit.empty()) field(out, "commit", side.provenance->commit);
        if (!side.provenance->branch.empty()) field(out, "branch", side.provenance->branch);
        out.end_object();
    }
    if (!side.context.is_null()) {
        out.key("context");
        out.tree(side.context);
    }
    if (side.metrics) field(out, "metrics", *side.metrics);
    out.end_object();
}

void write_rounds(JsonWriter& out, const PairedRounds& rounds) {
    out.begin_object("rounds");
    field(out, "paired", true);
    field(out, "base_command", rounds.base_command);
    field(out, "head_command", rounds.head_command);
    field(out, "requested", rounds.requested);
    field(out, "run", rounds.run);
    if (rounds.seed) field(out, "seed", *rounds.seed);
    field(out, "order", rounds.order);
    field(out, "stopped_by_max_time", rounds.stopped_by_max_time);
    out.end_object();
}

void write_rerun(JsonWriter& out, const RerunSection& rerun) {
    out.begin_object("rerun");
    field(out, "format", rerun.format);
    field(out, "benchmarks", rerun.benchmarks);
    field(out, "filter", rerun.filter);
    out.end_object();
}

void write_confirm(JsonWriter& out, const ConfirmSection& confirm) {
    out.begin_object("confirm");
    write_side(out, "run", confirm.run);
    field(out, "confirmed", confirm.confirmed);
    field(out, "not_confirmed", confirm.not_confirmed);
    out.end_object();
}

template <typename T, typename Write>
void write_list(JsonWriter& out, const char* key, const std::vector<T>& items, Write write) {
    out.begin_array(key);
    for (const T& item : items) write(out, item);
    out.end_array();
}

void write_report(JsonWriter& out, const Report& report) {
    out.begin_object();
    field(out, "schema", k_report_schema);
    if (report.tool) {
        out.begin_object("tool");
        field(out, "name", report.tool->name);
        field(out, "version", report.tool->version);
        out.end_object();
    }
    field(out, "command", report.command);
    field(out, "gated", report.gated);
    // A report that gates nothing (`compare`) has no verdict.
    out.key("verdict");
    if (report.gated) {
        out.string(model::to_string(report.verdict));
    } else {
        out.null();
    }
    write_scores(out, report.scores);
    if (report.settings) write_settings(out, *report.settings);
    if (report.gate_file_recorded) write_gate_file(out, report.gate_file);
    write_summary(out, report.summary);
    write_side(out, "baseline", report.baseline);
    write_side(out, "candidate", report.candidate);
    if (report.confirm) write_confirm(out, *report.confirm);
    write_list(out, "comparisons", report.comparisons, write_comparison);
    write_list(out, "budgets", report.budgets, write_budget);
    write_list(out, "findings", report.findings, write_finding);
    write_list(out, "recommendations", report.recommendations, write_recommendation);
    field(out, "notes", report.notes);
    write_between_run_summary(out, report.between_run);
    if (report.rerun) write_rerun(out, *report.rerun);
    if (report.rounds) write_rounds(out, *report.rounds);
    if (report.trends) {
        out.key("trends");
        write_trend_report(out, *report.trends);
    }
    out.end_object();
}

// Reading: every value is checked where it is read, and an error names its JSON pointer.

using Json = ordered_json;

// Every element of the array `key` (objects; an error when a required one is missing),
// read by `from`.
template <typename From>
auto list_from(const ShapeChecker& check, const Json& json, const char* key, bool required,
               From from) {
    const Json& list = check.objects(json, "", key, required);
    std::vector<decltype(from(check, list, std::string()))> out;
    out.reserve(list.size());
    const std::string at = std::string("/") + key;
    for (std::size_t i = 0; i < list.size(); ++i) {
        out.push_back(from(check, list[i], util::pointer_append(at, i)));
    }
    return out;
}

std::optional<model::Scores> scores_from(const ShapeChecker& check, const Json& report) {
    const Json* scores = check.optional(
        report, "", "scores",
        [](const Json& v) {
            return v.is_null() || (v.is_object() && v.value("health", Json()).is_number() &&
                                   v.value("trust", Json()).is_number());
        },
        "null or an object with numbers \"health\" and \"trust\"");
    if (scores == nullptr || scores->is_null()) return std::nullopt;
    model::Scores out;
    out.health.value = scores->at("health").get<double>();
    out.trust.value = scores->at("trust").get<double>();
    const Json* all = check.object_member(*scores, "/scores", "components");
    if (all == nullptr) return out;
    for (model::Score* score : {&out.health, &out.trust}) {
        const char* name = score == &out.health ? "health" : "trust";
        const Json& list = check.objects(*all, "/scores/components", name, false);
        for (std::size_t i = 0; i < list.size(); ++i) {
            const std::string at =
                util::pointer_append(std::string("/scores/components/") + name, i);
            model::ScoreComponent c;
            c.name = check.text(list[i], at, "name", "");
            c.score = check.number(list[i], at, "score").value_or(0.0);
            c.weight = check.number(list[i], at, "weight").value_or(0.0);
            c.detail = check.text(list[i], at, "detail", "");
            score->components.push_back(std::move(c));
        }
    }
    return out;
}

std::optional<ReportSettings> settings_from(const ShapeChecker& check, const Json& report) {
    const Json* s = check.object_member(report, "", "settings");
    if (s == nullptr) return std::nullopt;
    const std::string at = "/settings";
    ReportSettings out;
    out.alpha = check.number(*s, at, "alpha").value_or(out.alpha);
    out.power = check.number(*s, at, "power");
    out.test = check.text(*s, at, "test");
    out.correction = check.text(*s, at, "correction");
    out.drop_outliers = check.flag(*s, at, "drop_outliers");
    if (const Json* t = check.object_member(*s, at, "thresholds")) {
        const std::string t_at = at + "/thresholds";
        compare::Thresholds& thresholds = out.thresholds;
        thresholds.minor = check.number(*t, t_at, "minor").value_or(thresholds.minor);
        thresholds.moderate = check.number(*t, t_at, "moderate").value_or(thresholds.moderate);
        thresholds.severe = check.number(*t, t_at, "severe").value_or(thresholds.severe);
    }
    if (const Json* ci = check.object_member(*s, at, "ci")) {
        const std::string ci_at = at + "/ci";
        CiSettings settings;
        settings.method = check.text(*ci, ci_at, "method", settings.method);
        settings.confidence = check.number(*ci, ci_at, "confidence").value_or(settings.confidence);
        settings.resamples = check.count(*ci, ci_at, "resamples").value_or(settings.resamples);
        out.ci = settings;
    }
    if (const auto seed = check.count(*s, at, "seed")) out.seed = *seed;
    return out;
}

// An object of counts by class name, in the order written.
std::vector<std::pair<std::string, std::size_t>> counts_from(const ShapeChecker& check,
                                                             const Json& counts,
                                                             const std::string& at) {
    check.expect(counts.is_object(), counts, at, "an object");
    std::vector<std::pair<std::string, std::size_t>> out;
    for (const auto& [name, value] : counts.items()) {
        check.expect(value.is_number_unsigned(), value, util::pointer_append(at, name), "a count");
        out.emplace_back(name, value.get<std::size_t>());
    }
    return out;
}

ReportSummary summary_from(const ShapeChecker& check, const Json& report) {
    const Json& summary = check.member(report, "", "summary");
    check.expect(summary.is_object(), summary, "/summary", "an object");
    const Json& counts = check.member(summary, "/summary", "counts");
    ReportSummary out;
    out.counts = counts_from(check, counts, "/summary/counts");
    out.benchmarks = check.count(summary, "/summary", "benchmarks");
    if (const Json* benchmarks = check.object_member(summary, "/summary", "benchmark_counts")) {
        out.benchmark_counts = counts_from(check, *benchmarks, "/summary/benchmark_counts");
    }
    out.regressed_metrics = check.count(summary, "/summary", "regressed_metrics");
    out.comparisons = check.count(summary, "/summary", "comparisons");
    out.tested = check.count(summary, "/summary", "tested");
    out.needs_repetitions = check.count(summary, "/summary", "needs_repetitions");
    const Json* geomean = check.optional(
        summary, "/summary", "geomean", [](const Json& v) { return v.is_null() || v.is_object(); },
        "null or an object");
    if (geomean != nullptr && geomean->is_object()) {
        const std::string at = "/summary/geomean";
        compare::Geomean g;
        g.ratio = check.number(*geomean, at, "ratio").value_or(1.0);
        g.ci = interval_at(check, *geomean, at);
        g.metrics = check.count(*geomean, at, "metrics").value_or(0);
        g.benchmarks = check.count(*geomean, at, "benchmarks");
        out.geomean = g;
    }
    return out;
}

// The side `name` of `parent` (a JSON pointer, empty for the report itself).
ReportSide side_from(const ShapeChecker& check, const Json& report, const char* name,
                     const std::string& parent = {}) {
    const std::string at = parent + "/" + name;
    const Json& object = check.member(report, parent, name);
    check.expect(object.is_object(), object, at, "an object");
    ReportSide side;
    side.label = check.text(object, at, "label", "");
    const Json& sources = check.objects(object, at, "sources", true);
    for (std::size_t i = 0; i < sources.size(); ++i) {
        const std::string source_at = util::pointer_append(at + "/sources", i);
        side.sources.push_back({check.text(sources[i], source_at, "path", ""),
                                check.text(sources[i], source_at, "format", "")});
    }
    if (const Json* p = check.object_member(object, at, "provenance")) {
        const std::string p_at = at + "/provenance";
        store::Provenance provenance;
        provenance.created = check.text(*p, p_at, "created", "");
        provenance.commit = check.text(*p, p_at, "commit", "");
        provenance.branch = check.text(*p, p_at, "branch", "");
        side.provenance = std::move(provenance);
    }
    if (const auto context = object.find("context"); context != object.end()) {
        side.context = *context;
    }
    side.metrics = check.count(object, at, "metrics");
    return side;
}

// "gate_file": null or an object with the path and the SHA-256 of the file.
void gate_file_from(const ShapeChecker& check, const Json& report, Report& out) {
    const Json* gate_file = check.optional(
        report, "", "gate_file", [](const Json& v) { return v.is_null() || v.is_object(); },
        "null or an object");
    out.gate_file_recorded = gate_file != nullptr;
    if (gate_file == nullptr || gate_file->is_null()) return;
    const std::string at = "/gate_file";
    const Json& path = check.member(*gate_file, at, "path");
    check.expect(path.is_string(), path, at + "/path", "a string");
    const Json& sha256 = check.member(*gate_file, at, "sha256");
    check.expect(sha256.is_string(), sha256, at + "/sha256", "a string");
    std::string digest = sha256.get<std::string>();
    if (digest.size() != 64 || digest.find_first_not_of("0123456789abcdef") != std::string::npos) {
        check.fail(at + "/sha256", "expected 64 lowercase hex digits, got " + sha256.dump());
    }
    out.gate_file = GateFileRef{path.get<std::string>(), std::move(digest)};
}

std::optional<PairedRounds> rounds_from(const ShapeChecker& check, const Json& report) {
    const Json* r = check.object_member(report, "", "rounds");
    if (r == nullptr) return std::nullopt;
    const std::string at = "/rounds";
    PairedRounds out;
    out.base_command = check.text(*r, at, "base_command", "");
    out.head_command = check.text(*r, at, "head_command", "");
    out.requested = check.count(*r, at, "requested").value_or(0);
    out.run = check.count(*r, at, "run").value_or(0);
    if (const auto seed = check.count(*r, at, "seed")) out.seed = *seed;
    out.order = check.text(*r, at, "order", "");
    out.stopped_by_max_time = check.flag(*r, at, "stopped_by_max_time", false);
    return out;
}

// A string or null: null is nothing, as absent is.
std::optional<std::string> text_or_null(const ShapeChecker& check, const Json& object,
                                        const std::string& at, const char* key) {
    const Json* value = check.optional(
        object, at, key, [](const Json& v) { return v.is_string() || v.is_null(); },
        "a string or null");
    if (value == nullptr || value->is_null()) return std::nullopt;
    return value->get<std::string>();
}

std::optional<RerunSection> rerun_from(const ShapeChecker& check, const Json& report) {
    const Json* r = check.object_member(report, "", "rerun");
    if (r == nullptr) return std::nullopt;
    const std::string at = "/rerun";
    RerunSection out;
    out.format = check.text(*r, at, "format", "");
    out.benchmarks = check.string_list(*r, at, "benchmarks");
    out.filter = text_or_null(check, *r, at, "filter");
    return out;
}

std::optional<ConfirmSection> confirm_from(const ShapeChecker& check, const Json& report) {
    const Json* c = check.object_member(report, "", "confirm");
    if (c == nullptr) return std::nullopt;
    ConfirmSection out;
    out.run = side_from(check, *c, "run", "/confirm");
    out.confirmed = check.count(*c, "/confirm", "confirmed").value_or(0);
    out.not_confirmed = check.count(*c, "/confirm", "not_confirmed").value_or(0);
    return out;
}

}  // namespace

void to_json(ordered_json& json, const Report& report) {
    JsonTree tree;
    write_report(tree, report);
    json = std::move(tree.result());
}

std::string serialize_report(const Report& report) {
    std::string text;
    // A comparison takes about 1.5 KiB: room for all of them, so that the text is not
    // copied while it grows.
    text.reserve(8192 + 2048 * report.comparisons.size());
    JsonText out(text);
    write_report(out, report);
    text += '\n';
    return text;
}

void serialize_report(const Report& report, const std::function<void(std::string_view)>& write) {
    constexpr std::size_t k_piece = 1 << 20;
    std::string text;
    text.reserve(k_piece + 4096);
    JsonText out(text, write, k_piece);
    write_report(out, report);
    text += '\n';
    write(text);
}

Report from_json(const ordered_json& json, const std::string& path) {
    const ShapeChecker check(path);
    check.expect(json.is_object(), json, "", "a caws-gate report object");
    const Json& schema = check.member(json, "", "schema");
    if (!schema.is_string() || schema.get<std::string>() != k_report_schema) {
        check.fail("/schema",
                   std::string("expected \"") + k_report_schema + "\", got " + schema.dump());
    }
    Report report;
    report.gated = check.flag(json, "", "gated", report.gated);
    const Json& verdict = check.member(json, "", "verdict");
    if (report.gated || !verdict.is_null()) {
        check.expect(verdict == "pass" || verdict == "warn" || verdict == "fail", verdict,
                     "/verdict", "\"pass\", \"warn\" or \"fail\"");
        report.verdict = *model::level_from_string(verdict.get<std::string>());
    }
    report.command = check.text(json, "", "command", report.command);
    report.scores = scores_from(check, json);
    report.settings = settings_from(check, json);
    gate_file_from(check, json, report);
    report.summary = summary_from(check, json);
    report.baseline = side_from(check, json, "baseline");
    report.candidate = side_from(check, json, "candidate");
    report.comparisons = list_from(check, json, "comparisons", true, comparison_from);
    report.budgets = list_from(check, json, "budgets", false, budget_from);
    report.findings = list_from(check, json, "findings", true, finding_from);
    report.recommendations = list_from(check, json, "recommendations", false, recommendation_from);
    report.notes = check.string_list(json, "", "notes");
    report.rounds = rounds_from(check, json);
    report.between_run = between_run_summary_from(check, json);
    report.rerun = rerun_from(check, json);
    report.confirm = confirm_from(check, json);
    report.trends = read_trend_section(json, path);
    if (const Json* tool = check.object_member(json, "", "tool")) {
        report.tool = ReportTool{check.text(*tool, "/tool", "name", ""),
                                 check.text(*tool, "/tool", "version", "")};
    }
    return report;
}

}  // namespace caws::report
