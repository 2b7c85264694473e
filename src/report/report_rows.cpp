#include "report/report_rows.hpp"

#include <cmath>
#include <limits>

#include "report/between_run_json.hpp"
#include "util/json_pointer.hpp"

namespace caws::report {
namespace {

using Json = nlohmann::ordered_json;

void write_noise(JsonWriter& out, const char* key, const std::optional<model::SideNoise>& noise) {
    out.key(key);
    if (!noise) {
        out.null();
        return;
    }
    out.begin_object();
    field(out, "cv", noise->cv);
    field(out, "mad", noise->mad);
    field(out, "outliers", noise->outliers);
    out.end_object();
}

void write_power(JsonWriter& out, const model::Power& power) {
    out.begin_object();
    field(out, "noise", power.noise);
    field(out, "min_detectable_ratio", power.min_detectable_ratio);
    if (power.min_detectable_ratio && std::isinf(*power.min_detectable_ratio)) {
        field(out, "min_detectable_ratio_infinite", true);
    }
    field(out, "repetitions_needed", power.repetitions_needed);
    field(out, "needs_repetitions", power.needs_repetitions);
    // `ab` only: rounds in place of repetitions, and the samples per round of a tail.
    if (power.rounds_needed) field(out, "rounds_needed", power.rounds_needed);
    if (power.samples_per_round) field(out, "samples_per_round", power.samples_per_round);
    if (power.samples_per_round_needed) {
        field(out, "samples_per_round_needed", power.samples_per_round_needed);
    }
    out.end_object();
}

std::string at_key(const std::string& at, const char* key) {
    return util::pointer_append(at, key);
}

// A value of one of the model's enumerations, `fallback` when absent.
template <typename Enum>
Enum enum_at(const ShapeChecker& check, const Json& object, const std::string& at, const char* key,
             Enum fallback, std::optional<Enum> (*parse)(std::string_view), const char* expected) {
    const Json* value = check.optional(
        object, at, key, [](const Json& v) { return v.is_string(); }, "a string");
    if (value == nullptr) return fallback;
    const std::optional<Enum> parsed = parse(value->get_ref<const std::string&>());
    if (!parsed) check.expect(false, *value, at_key(at, key), expected);
    return *parsed;
}

constexpr const char* k_levels = "\"pass\", \"info\", \"warn\" or \"fail\"";

model::Level level_at(const ShapeChecker& check, const Json& object, const std::string& at) {
    // A missing level shows as a passing one, as the views always showed it.
    return enum_at(check, object, at, "level", model::Level::pass, model::level_from_string,
                   k_levels);
}

constexpr const char* k_classes_expected =
    "a change class (\"severe\", \"moderate\", \"minor\", \"improved\", \"unchanged\", "
    "\"added\", \"removed\", \"failed\" or \"skipped\")";

std::optional<model::SideNoise> side_noise_from(const ShapeChecker& check, const Json& noise,
                                                const std::string& at, const char* key) {
    const Json* side = check.optional(
        noise, at, key, [](const Json& v) { return v.is_null() || v.is_object(); },
        "null or an object");
    if (side == nullptr || side->is_null()) return std::nullopt;
    const std::string side_at = at_key(at, key);
    model::SideNoise out;
    out.cv = check.number(*side, side_at, "cv");
    out.mad = check.number(*side, side_at, "mad");
    out.outliers = check.count_or_null(*side, side_at, "outliers");
    return out;
}

model::Power power_from(const ShapeChecker& check, const Json& p, const std::string& at) {
    model::Power out;
    out.min_detectable_ratio = check.number(p, at, "min_detectable_ratio");
    out.repetitions_needed = check.count_or_null(p, at, "repetitions_needed");
    out.needs_repetitions = check.flag(p, at, "needs_repetitions", false);
    // The flag wins over a number: no change can be detected.
    if (check.flag(p, at, "min_detectable_ratio_infinite", false)) {
        out.min_detectable_ratio = std::numeric_limits<double>::infinity();
    }
    out.noise = check.number(p, at, "noise");
    out.rounds_needed = check.count_or_null(p, at, "rounds_needed");
    out.samples_per_round = check.count_or_null(p, at, "samples_per_round");
    out.samples_per_round_needed = check.count_or_null(p, at, "samples_per_round_needed");
    return out;
}

// `check --confirm`: whether the rerun confirmed the regression, and the rerun's numbers.
void write_confirmation(JsonWriter& out, const model::Confirmation& confirmation) {
    out.begin_object("confirmation");
    field(out, "confirmed", confirmation.confirmed);
    field(out, "reason", confirmation.reason);
    field(out, "first_class", model::to_string(confirmation.first_change));
    field(out, "ratio", confirmation.ratio);
    if (confirmation.ratio && std::isinf(*confirmation.ratio)) field(out, "ratio_infinite", true);
    field(out, "p_adjusted", confirmation.p_adjusted);
    field(out, "class", model::to_string(confirmation.change));
    field(out, "n", confirmation.n_candidate);
    out.end_object();
}

std::optional<model::Confirmation> confirmation_from(const ShapeChecker& check, const Json& c,
                                                     const std::string& at) {
    const Json* found = check.object_member(c, at, "confirmation");
    if (found == nullptr) return std::nullopt;
    const std::string confirmation_at = at_key(at, "confirmation");
    model::Confirmation out;
    out.confirmed = check.flag(*found, confirmation_at, "confirmed", false);
    out.reason = check.text(*found, confirmation_at, "reason", "");
    out.first_change =
        enum_at(check, *found, confirmation_at, "first_class", model::ChangeClass::unchanged,
                model::change_class_from_string, k_classes_expected);
    out.ratio = check.number(*found, confirmation_at, "ratio");
    if (check.flag(*found, confirmation_at, "ratio_infinite", false) && !out.ratio) {
        out.ratio = std::numeric_limits<double>::infinity();
    }
    out.p_adjusted = check.number(*found, confirmation_at, "p_adjusted");
    out.change = enum_at(check, *found, confirmation_at, "class", model::ChangeClass::removed,
                         model::change_class_from_string, k_classes_expected);
    out.n_candidate = check.count(*found, confirmation_at, "n").value_or(0);
    return out;
}

// A step within one side's run that holds a regression back to a warning.
void write_level_shift(JsonWriter& out, const model::LevelShift& shift) {
    out.begin_object("level_shift");
    field(out, "side", shift.side);
    field(out, "at", shift.at);
    field(out, "n", shift.n);
    field(out, "before", shift.before);
    field(out, "after", shift.after);
    field(out, "p_value", shift.p_value);
    out.end_object();
}

std::optional<model::LevelShift> level_shift_from(const ShapeChecker& check, const Json& c,
                                                  const std::string& at) {
    const Json* found = check.object_member(c, at, "level_shift");
    if (found == nullptr) return std::nullopt;
    const std::string shift_at = at_key(at, "level_shift");
    model::LevelShift out;
    out.side = check.text(*found, shift_at, "side", "candidate");
    check.expect(out.side == "candidate" || out.side == "baseline", *found, shift_at,
                 "side \"candidate\" or \"baseline\"");
    out.at = check.count(*found, shift_at, "at").value_or(0);
    out.n = check.count(*found, shift_at, "n").value_or(0);
    out.before = check.number(*found, shift_at, "before").value_or(0.0);
    out.after = check.number(*found, shift_at, "after").value_or(0.0);
    out.p_value = check.number(*found, shift_at, "p_value").value_or(1.0);
    return out;
}

}  // namespace

void write_interval(JsonWriter& out, const char* key,
                    const std::optional<model::Interval>& interval) {
    out.key(key);
    if (!interval) {
        out.null();
        return;
    }
    out.begin_array();
    out.number(interval->low);
    out.number(interval->high);
    out.end_array();
}

void write_comparison(JsonWriter& out, const model::Comparison& c) {
    out.begin_object();
    field(out, "metric", c.metric);
    field(out, "measure", c.measure);
    field(out, "unit", c.unit.symbol);
    if (c.unit.prefixes == model::SizePrefixes::decimal) {
        field(out, "unit_prefixes", model::to_string(c.unit.prefixes));
    }
    field(out, "direction", model::to_string(c.direction));
    field(out, "statistic", c.statistic);
    field(out, "baseline", c.baseline);
    field(out, "candidate", c.candidate);
    field(out, "ratio", c.ratio);
    write_interval(out, "ci", c.ci);
    if (!c.ci_method.empty()) field(out, "ci_method", c.ci_method);
    field(out, "p_value", c.p_value);
    field(out, "p_adjusted", c.p_adjusted);
    out.begin_array("n");
    out.count(c.n_baseline);
    out.count(c.n_candidate);
    out.end_array();
    field(out, "test", c.test);
    if (!c.test_variant.empty()) field(out, "test_variant", c.test_variant);
    field(out, "tested", c.tested);
    field(out, "significant", c.significant);
    field(out, "class", model::to_string(c.change));
    field(out, "level", model::to_string(c.level));
    field(out, "gated", c.gated);
    if (c.noise_baseline || c.noise_candidate) {
        out.begin_object("noise");
        write_noise(out, "baseline", c.noise_baseline);
        write_noise(out, "candidate", c.noise_candidate);
        field(out, "outliers_dropped", c.outliers_dropped);
        out.end_object();
    }
    if (c.power) {
        out.key("power");
        write_power(out, *c.power);
    }
    if (!c.message.empty()) field(out, "message", c.message);
    if (c.ratio && std::isinf(*c.ratio)) field(out, "ratio_infinite", true);
    if (!c.notes.empty()) field(out, "notes", c.notes);
    write_between_run(out, c.between_run);
    if (c.level_shift) write_level_shift(out, *c.level_shift);
    if (c.confirmation) write_confirmation(out, *c.confirmation);
    out.end_object();
}

void write_budget(JsonWriter& out, const model::BudgetCheck& b) {
    out.begin_object();
    field(out, "metric", b.metric);
    field(out, "measure", b.measure);
    field(out, "statistic", b.statistic);
    field(out, "unit", b.unit);
    field(out, "value", b.value);
    field(out, "warning", b.warning);
    field(out, "critical", b.critical);
    // The same numbers as the message writes them, in the gate file's unit.
    if (!b.value_text.empty() || !b.warning_text.empty() || !b.critical_text.empty()) {
        out.begin_object("shown");
        if (!b.value_text.empty()) field(out, "value", b.value_text);
        if (!b.warning_text.empty()) field(out, "warning", b.warning_text);
        if (!b.critical_text.empty()) field(out, "critical", b.critical_text);
        out.end_object();
    }
    if (b.max_ratio) {
        field(out, "max_ratio", *b.max_ratio);
        field(out, "ratio", b.ratio);
    }
    field(out, "level", model::to_string(b.level));
    field(out, "message", b.message);
    out.end_object();
}

void write_finding(JsonWriter& out, const model::Finding& f) {
    out.begin_object();
    field(out, "level", model::to_string(f.level));
    field(out, "code", f.code);
    field(out, "metric", f.metric);
    if (!f.measure.empty()) field(out, "measure", f.measure);
    field(out, "message", f.message);
    if (f.waiver) {
        out.begin_object("waiver");
        field(out, "pattern", f.waiver->pattern);
        field(out, "reason", f.waiver->reason);
        field(out, "owner", f.waiver->owner);
        field(out, "expires", f.waiver->expires);
        field(out, "expired", f.waiver->expired);
        out.end_object();
    }
    out.end_object();
}

void write_recommendation(JsonWriter& out, const model::Recommendation& r) {
    out.begin_object();
    field(out, "code", r.code);
    field(out, "metric", r.metric);
    field(out, "message", r.message);
    out.end_object();
}

std::optional<model::Interval> interval_at(const ShapeChecker& check, const Json& object,
                                           const std::string& at, const char* key, bool nullable) {
    const Json* value = check.optional(
        object, at, key,
        [nullable](const Json& v) {
            return (nullable && v.is_null()) ||
                   (v.is_array() && v.size() == 2 && v[0].is_number() && v[1].is_number());
        },
        nullable ? "null or [low, high]" : "[low, high]");
    if (value == nullptr || value->is_null()) return std::nullopt;
    return model::Interval{(*value)[0].get<double>(), (*value)[1].get<double>()};
}

// Keys of the stable core that a hand-made report lacks take what the views showed for
// them: an empty text, no number, test "none", a passing level.
model::Comparison comparison_from(const ShapeChecker& check, const Json& c, const std::string& at) {
    model::Comparison out;
    const Json& metric = check.member(c, at, "metric");
    check.expect(metric.is_string(), metric, at + "/metric", "a string");
    out.metric = metric.get<std::string>();
    out.measure = check.text(c, at, "measure", "");
    out.unit = model::unit_from_symbol(check.text(c, at, "unit", ""));
    out.unit.prefixes = enum_at(check, c, at, "unit_prefixes", model::SizePrefixes::binary,
                                model::size_prefixes_from_string, "\"decimal\" or \"binary\"");
    out.direction = enum_at(check, c, at, "direction", model::Direction::unknown,
                            model::direction_from_string, "\"lower\", \"higher\" or \"unknown\"");
    out.statistic = check.text(c, at, "statistic", "");
    out.test = check.text(c, at, "test", "none");
    out.test_variant = check.text(c, at, "test_variant", "");
    out.change = enum_at(check, c, at, "class", model::ChangeClass::unchanged,
                         model::change_class_from_string, k_classes_expected);
    out.level = level_at(check, c, at);
    out.message = check.text(c, at, "message", "");
    out.baseline = check.number(c, at, "baseline");
    out.candidate = check.number(c, at, "candidate");
    out.ratio = check.number(c, at, "ratio");
    out.p_value = check.number(c, at, "p_value");
    out.p_adjusted = check.number(c, at, "p_adjusted");
    out.tested = check.flag(c, at, "tested", false);
    out.significant = check.flag(c, at, "significant", false);
    out.gated = check.flag(c, at, "gated", true);
    if (check.flag(c, at, "ratio_infinite", false) && !out.ratio) {
        out.ratio = std::numeric_limits<double>::infinity();
    }
    out.ci = interval_at(check, c, at);
    const Json* n = check.optional(
        c, at, "n",
        [](const Json& v) {
            return v.is_array() && v.size() == 2 && v[0].is_number_unsigned() &&
                   v[1].is_number_unsigned();
        },
        "[baseline count, candidate count]");
    if (n != nullptr) {
        out.n_baseline = (*n)[0].get<std::size_t>();
        out.n_candidate = (*n)[1].get<std::size_t>();
    }
    out.notes = check.string_list(c, at, "notes");
    if (const Json* power = check.object_member(c, at, "power")) {
        out.power = power_from(check, *power, at + "/power");
    }
    out.ci_method = check.text(c, at, "ci_method", "");
    if (const Json* noise = check.object_member(c, at, "noise")) {
        const std::string noise_at = at + "/noise";
        out.noise_baseline = side_noise_from(check, *noise, noise_at, "baseline");
        out.noise_candidate = side_noise_from(check, *noise, noise_at, "candidate");
        out.outliers_dropped = check.flag(*noise, noise_at, "outliers_dropped", false);
    }
    out.between_run = between_run_from(check, c, at);
    out.level_shift = level_shift_from(check, c, at);
    out.confirmation = confirmation_from(check, c, at);
    return out;
}

model::BudgetCheck budget_from(const ShapeChecker& check, const Json& b, const std::string& at) {
    model::BudgetCheck out;
    out.metric = check.text(b, at, "metric", "");
    out.measure = check.text(b, at, "measure", "");
    out.statistic = check.text(b, at, "statistic", "");
    out.unit = check.text(b, at, "unit", "");
    out.level = level_at(check, b, at);
    out.message = check.text(b, at, "message", "");
    out.value = check.number(b, at, "value");
    out.warning = check.number(b, at, "warning");
    out.critical = check.number(b, at, "critical");
    out.max_ratio = check.number(b, at, "max_ratio");
    out.ratio = check.number(b, at, "ratio");
    if (const Json* shown = check.object_member(b, at, "shown")) {
        const std::string shown_at = at + "/shown";
        out.value_text = check.text(*shown, shown_at, "value", "");
        out.warning_text = check.text(*shown, shown_at, "warning", "");
        out.critical_text = check.text(*shown, shown_at, "critical", "");
    }
    return out;
}

model::Finding finding_from(const ShapeChecker& check, const Json& f, const std::string& at) {
    model::Finding out;
    out.level = level_at(check, f, at);
    out.code = check.text(f, at, "code", "");
    out.metric = check.text(f, at, "metric", "");
    out.measure = check.text(f, at, "measure", "");
    out.message = check.text(f, at, "message", "");
    if (const Json* waiver = check.object_member(f, at, "waiver")) {
        const std::string waiver_at = at + "/waiver";
        model::Waiver w;
        w.pattern = check.text(*waiver, waiver_at, "pattern", "");
        w.reason = check.text(*waiver, waiver_at, "reason", "");
        w.owner = check.text(*waiver, waiver_at, "owner", "");
        w.expires = check.text(*waiver, waiver_at, "expires", "");
        w.expired = check.flag(*waiver, waiver_at, "expired", false);
        out.waiver = std::move(w);
    }
    return out;
}

model::Recommendation recommendation_from(const ShapeChecker& check, const Json& r,
                                          const std::string& at) {
    return {check.text(r, at, "code", ""), check.text(r, at, "metric", ""),
            check.text(r, at, "message", "")};
}

}  // namespace caws::report
