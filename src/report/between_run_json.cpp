#include "report/between_run_json.hpp"

#include "report/report_rows.hpp"
#include "util/json_pointer.hpp"

namespace caws::report {

using Json = nlohmann::ordered_json;

void write_between_run(JsonWriter& out, const std::optional<model::BetweenRun>& between_run) {
    if (!between_run) return;
    const model::BetweenRun& b = *between_run;
    out.begin_object("between_run");
    field(out, "runs", b.runs);
    field(out, "sd", b.sd);
    field(out, "pooled_sd", b.pooled_sd);
    field(out, "df", b.df);
    field(out, "level", b.level);
    write_interval(out, "interval", b.interval);
    field(out, "within", b.within);
    if (b.range) {
        const model::HistoryRange& r = *b.range;
        out.begin_object("range");
        field(out, "runs", r.runs);
        field(out, "robust_sd", r.robust_sd);
        field(out, "margin", r.margin);
        write_interval(out, "interval", r.interval);
        field(out, "within", r.within);
        out.end_object();
    }
    if (b.reclassified_from) {
        field(out, "reclassified_from", model::to_string(*b.reclassified_from));
    }
    out.end_object();
}

namespace {

std::optional<model::HistoryRange> history_range_from(const ShapeChecker& check, const Json& b,
                                                      const std::string& b_at) {
    const Json* object = check.object_member(b, b_at, "range");
    if (object == nullptr) return std::nullopt;
    const std::string at = util::pointer_append(b_at, "range");
    model::HistoryRange out;
    out.runs = check.count(*object, at, "runs").value_or(0);
    out.robust_sd = check.number(*object, at, "robust_sd").value_or(0.0);
    out.margin = check.number(*object, at, "margin").value_or(0.0);
    if (const auto interval = interval_at(check, *object, at, "interval", false))
        out.interval = *interval;
    out.within = check.flag(*object, at, "within", false);
    return out;
}

}  // namespace

std::optional<model::BetweenRun> between_run_from(const ShapeChecker& check, const Json& c,
                                                  const std::string& at) {
    const Json* object = check.object_member(c, at, "between_run");
    if (object == nullptr) return std::nullopt;
    const std::string b_at = util::pointer_append(at, "between_run");
    model::BetweenRun out;
    out.runs = check.count(*object, b_at, "runs").value_or(0);
    out.sd = check.number(*object, b_at, "sd");
    out.pooled_sd = check.number(*object, b_at, "pooled_sd").value_or(0.0);
    out.df = check.number(*object, b_at, "df").value_or(0.0);
    out.level = check.number(*object, b_at, "level").value_or(out.level);
    if (const auto interval = interval_at(check, *object, b_at, "interval", false)) {
        out.interval = *interval;
    }
    out.within = check.flag(*object, b_at, "within", false);
    out.range = history_range_from(check, *object, b_at);
    if (const auto from = check.text(*object, b_at, "reclassified_from")) {
        out.reclassified_from = model::change_class_from_string(*from);
        check.expect(out.reclassified_from.has_value(), object->at("reclassified_from"),
                     util::pointer_append(b_at, "reclassified_from"), "a change class");
    }
    return out;
}

void write_between_run_summary(JsonWriter& out,
                               const std::optional<compare::BetweenRunSummary>& summary) {
    if (!summary) return;
    const compare::BetweenRunSummary& s = *summary;
    out.begin_object("between_run");
    field(out, "known", s.known());
    field(out, "runs", s.runs);
    field(out, "min_runs", s.min_runs);
    field(out, "baseline_runs", s.baseline_runs);
    out.key("history");
    if (s.history.empty()) {
        out.null();
    } else {
        out.string(s.history);
    }
    field(out, "metrics", s.metrics);
    field(out, "reclassified", s.reclassified);
    if (s.range_runs > 0) {
        field(out, "range_runs", s.range_runs);
        field(out, "range_reclassified", s.range_reclassified);
    }
    field(out, "median_sd", s.median_sd);
    if (s.rerun) field(out, "rerun", true);
    out.end_object();
}

std::optional<compare::BetweenRunSummary> between_run_summary_from(const ShapeChecker& check,
                                                                   const Json& report) {
    const Json* object = check.object_member(report, "", "between_run");
    if (object == nullptr) return std::nullopt;
    const std::string at = "/between_run";
    compare::BetweenRunSummary out;
    out.runs = check.count(*object, at, "runs").value_or(0);
    out.min_runs = check.count(*object, at, "min_runs").value_or(out.min_runs);
    out.baseline_runs = check.count(*object, at, "baseline_runs").value_or(out.baseline_runs);
    const Json* history = check.optional(
        *object, at, "history", [](const Json& v) { return v.is_null() || v.is_string(); },
        "null or a string");
    if (history != nullptr && history->is_string()) out.history = history->get<std::string>();
    out.metrics = check.count(*object, at, "metrics").value_or(0);
    out.reclassified = check.count(*object, at, "reclassified").value_or(0);
    out.range_runs = check.count(*object, at, "range_runs").value_or(0);
    out.range_reclassified = check.count(*object, at, "range_reclassified").value_or(0);
    out.median_sd = check.number(*object, at, "median_sd");
    out.rerun = check.flag(*object, at, "rerun", false);
    // `known` follows from the runs; it is written for readers of the JSON.
    check.booleans(*object, at, {"known"});
    return out;
}

}  // namespace caws::report
