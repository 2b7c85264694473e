#include "report/json_report.hpp"

#include <array>
#include <cmath>
#include <cstdint>

#include "compare/methods.hpp"
#include "store/run_json.hpp"

namespace caws::report {
namespace {

using nlohmann::ordered_json;

// A number, or null when it is not finite (JSON has no infinity).
ordered_json number_or_null(const std::optional<double>& value) {
    if (!value || !std::isfinite(*value)) return nullptr;
    return *value;
}

ordered_json count_or_null(const std::optional<std::size_t>& value) {
    if (!value) return nullptr;
    return *value;
}

ordered_json noise_to_json(const std::optional<model::SideNoise>& noise) {
    if (!noise) return nullptr;
    ordered_json out = ordered_json::object();
    out["cv"] = number_or_null(noise->cv);
    out["mad"] = number_or_null(noise->mad);
    out["outliers"] = count_or_null(noise->outliers);
    return out;
}

ordered_json power_to_json(const model::Power& power) {
    ordered_json out = ordered_json::object();
    out["noise"] = number_or_null(power.noise);
    out["min_detectable_ratio"] = number_or_null(power.min_detectable_ratio);
    if (power.min_detectable_ratio && std::isinf(*power.min_detectable_ratio)) {
        out["min_detectable_ratio_infinite"] = true;
    }
    out["repetitions_needed"] = count_or_null(power.repetitions_needed);
    out["needs_repetitions"] = power.needs_repetitions;
    return out;
}

ordered_json comparison_to_json(const model::Comparison& c) {
    ordered_json out = ordered_json::object();
    out["metric"] = c.metric;
    out["measure"] = c.measure;
    out["unit"] = c.unit.symbol;
    out["direction"] = model::to_string(c.direction);
    out["statistic"] = c.statistic;
    out["baseline"] = number_or_null(c.baseline);
    out["candidate"] = number_or_null(c.candidate);
    out["ratio"] = number_or_null(c.ratio);
    if (c.ci) {
        out["ci"] = ordered_json::array({c.ci->low, c.ci->high});
    } else {
        out["ci"] = nullptr;
    }
    if (!c.ci_method.empty()) out["ci_method"] = c.ci_method;
    out["p_value"] = number_or_null(c.p_value);
    out["p_adjusted"] = number_or_null(c.p_adjusted);
    out["n"] = ordered_json::array({c.n_baseline, c.n_candidate});
    out["test"] = c.test;
    if (!c.test_variant.empty()) out["test_variant"] = c.test_variant;
    out["tested"] = c.tested;
    out["significant"] = c.significant;
    out["class"] = model::to_string(c.change);
    out["level"] = model::to_string(c.level);
    out["gated"] = c.gated;
    if (c.noise_baseline || c.noise_candidate) {
        out["noise"] = {{"baseline", noise_to_json(c.noise_baseline)},
                        {"candidate", noise_to_json(c.noise_candidate)},
                        {"outliers_dropped", c.outliers_dropped}};
    }
    if (c.power) out["power"] = power_to_json(*c.power);
    if (!c.message.empty()) out["message"] = c.message;
    if (c.ratio && std::isinf(*c.ratio)) out["ratio_infinite"] = true;
    if (!c.notes.empty()) out["notes"] = c.notes;
    return out;
}

ordered_json waiver_to_json(const model::Waiver& waiver) {
    ordered_json out = ordered_json::object();
    out["pattern"] = waiver.pattern;
    out["reason"] = waiver.reason;
    out["owner"] = waiver.owner;
    out["expires"] = waiver.expires;
    out["expired"] = waiver.expired;
    return out;
}

ordered_json budget_to_json(const model::BudgetCheck& b) {
    ordered_json out = ordered_json::object();
    out["metric"] = b.metric;
    out["measure"] = b.measure;
    out["statistic"] = b.statistic;
    out["unit"] = b.unit;
    out["value"] = number_or_null(b.value);
    out["warning"] = number_or_null(b.warning);
    out["critical"] = number_or_null(b.critical);
    // The same numbers as the message writes them, in the gate file's unit.
    ordered_json shown = ordered_json::object();
    if (!b.value_text.empty()) shown["value"] = b.value_text;
    if (!b.warning_text.empty()) shown["warning"] = b.warning_text;
    if (!b.critical_text.empty()) shown["critical"] = b.critical_text;
    if (!shown.empty()) out["shown"] = std::move(shown);
    if (b.max_ratio) {
        out["max_ratio"] = *b.max_ratio;
        out["ratio"] = number_or_null(b.ratio);
    }
    out["level"] = model::to_string(b.level);
    out["message"] = b.message;
    return out;
}

// Scores are whole numbers (docs/scoring.md): written as integers, "68" and not "68.0".
ordered_json score_to_json(double value) {
    if (std::isfinite(value) && value == std::round(value) && std::abs(value) < 1e15) {
        return static_cast<std::int64_t>(value);
    }
    return number_or_null(value);
}

ordered_json score_components_to_json(const model::Score& score) {
    ordered_json out = ordered_json::array();
    for (const auto& c : score.components) {
        out.push_back({{"name", c.name},
                       {"score", score_to_json(c.score)},
                       {"weight", c.weight},
                       {"detail", c.detail}});
    }
    return out;
}

ordered_json side_to_json(const model::Run& run, const std::string& label,
                          const std::optional<store::Provenance>& provenance) {
    ordered_json out = ordered_json::object();
    if (!label.empty()) out["label"] = label;
    out["sources"] = store::sources_to_json(run.sources);
    if (provenance) {
        ordered_json p = ordered_json::object();
        p["created"] = provenance->created;
        if (!provenance->commit.empty()) p["commit"] = provenance->commit;
        if (!provenance->branch.empty()) p["branch"] = provenance->branch;
        out["provenance"] = std::move(p);
    }
    out["context"] = store::context_to_json(run.context);
    out["metrics"] = run.metrics.size();
    return out;
}

}  // namespace

ordered_json build_report(const ReportInput& input) {
    const model::Verdict& verdict = *input.verdict;
    ordered_json report = ordered_json::object();
    report["schema"] = k_report_schema;
    report["tool"] = {{"name", "caws-gate"}, {"version", CAWS_GATE_VERSION}};
    report["command"] = input.command;
    report["gated"] = input.gated;
    report["verdict"] = model::to_string(verdict.level);
    if (verdict.scores) {
        report["scores"] = {{"health", score_to_json(verdict.scores->health.value)},
                            {"trust", score_to_json(verdict.scores->trust.value)},
                            {"components",
                             {{"health", score_components_to_json(verdict.scores->health)},
                              {"trust", score_components_to_json(verdict.scores->trust)}}}};
    } else {
        report["scores"] = nullptr;
    }

    const compare::Options& options = input.options;
    report["settings"] = {{"alpha", options.alpha},
                          {"thresholds",
                           {{"minor", options.thresholds.minor},
                            {"moderate", options.thresholds.moderate},
                            {"severe", options.thresholds.severe}}},
                          {"test", compare::to_string(options.test)},
                          {"correction", compare::to_string(options.correction)},
                          {"ci",
                           {{"method", compare::to_string(options.ci)},
                            {"confidence", options.confidence},
                            {"resamples", options.resamples}}},
                          {"seed", options.seed},
                          {"drop_outliers", options.drop_outliers},
                          {"power", options.power}};

    static constexpr std::array k_classes = {
        model::ChangeClass::severe,   model::ChangeClass::moderate,  model::ChangeClass::minor,
        model::ChangeClass::improved, model::ChangeClass::unchanged, model::ChangeClass::added,
        model::ChangeClass::removed,  model::ChangeClass::failed,    model::ChangeClass::skipped};
    ordered_json counts = ordered_json::object();
    for (const auto change : k_classes) counts[std::string(model::to_string(change))] = 0;
    std::size_t not_gated = 0;
    std::size_t tested = 0;
    std::size_t needs_repetitions = 0;
    for (const auto& c : verdict.comparisons) {
        if (!c.gated) {
            ++not_gated;
            continue;
        }
        auto& slot = counts[std::string(model::to_string(c.change))];
        slot = slot.get<std::size_t>() + 1;
        if (c.p_adjusted) ++tested;
        if (c.power && c.power->needs_repetitions) ++needs_repetitions;
    }
    counts["not_gated"] = not_gated;
    ordered_json geomean = nullptr;
    if (input.geomean) {
        geomean = ordered_json::object();
        geomean["ratio"] = input.geomean->ratio;
        if (input.geomean->ci) {
            geomean["ci"] = ordered_json::array({input.geomean->ci->low, input.geomean->ci->high});
        } else {
            geomean["ci"] = nullptr;
        }
        geomean["metrics"] = input.geomean->metrics;
    }
    report["summary"] = {{"comparisons", verdict.comparisons.size()},
                         {"counts", counts},
                         {"tested", tested},
                         {"needs_repetitions", needs_repetitions},
                         {"geomean", geomean}};

    report["baseline"] =
        side_to_json(*input.baseline, input.baseline_label, input.baseline_provenance);
    report["candidate"] = side_to_json(*input.candidate, {}, std::nullopt);

    ordered_json comparisons = ordered_json::array();
    for (const auto& c : verdict.comparisons) comparisons.push_back(comparison_to_json(c));
    report["comparisons"] = std::move(comparisons);

    ordered_json budgets = ordered_json::array();
    for (const auto& b : verdict.budgets) budgets.push_back(budget_to_json(b));
    report["budgets"] = std::move(budgets);

    ordered_json findings = ordered_json::array();
    for (const auto& f : verdict.findings) {
        ordered_json finding = ordered_json::object();
        finding["level"] = model::to_string(f.level);
        finding["code"] = f.code;
        finding["metric"] = f.metric;
        if (!f.measure.empty()) finding["measure"] = f.measure;
        finding["message"] = f.message;
        if (f.waiver) finding["waiver"] = waiver_to_json(*f.waiver);
        findings.push_back(std::move(finding));
    }
    report["findings"] = std::move(findings);

    ordered_json recommendations = ordered_json::array();
    for (const auto& r : verdict.recommendations) {
        recommendations.push_back({{"code", r.code}, {"metric", r.metric}, {"message", r.message}});
    }
    report["recommendations"] = std::move(recommendations);

    ordered_json notes = ordered_json::array();
    for (const auto& note : input.baseline->notes) notes.push_back("baseline: " + note);
    for (const auto& note : input.candidate->notes) notes.push_back("candidate: " + note);
    report["notes"] = std::move(notes);
    if (input.trends) report["trends"] = *input.trends;
    return report;
}

std::string serialize_report(const ordered_json& report) {
    return report.dump(2, ' ', false, ordered_json::error_handler_t::replace) + "\n";
}

}  // namespace caws::report
