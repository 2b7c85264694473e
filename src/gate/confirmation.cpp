#include "gate/confirmation.hpp"

#include <algorithm>
#include <set>
#include <string>
#include <unordered_map>
#include <utility>

#include "model/quantity_format.hpp"

namespace caws::gate {
namespace {

std::string comparison_subject(const model::Comparison& c) {
    return c.measure.empty() ? c.metric : c.metric + " (" + c.measure + ")";
}

std::string key_of(const std::string& metric, const std::string& measure) {
    return metric + '\x1f' + measure;
}

// Whether the rerun measured the metric and compared it with the baseline.
bool rerun_measured(const model::Comparison& rerun) {
    switch (rerun.change) {
        case model::ChangeClass::severe:
        case model::ChangeClass::moderate:
        case model::ChangeClass::minor:
        case model::ChangeClass::unchanged:
        case model::ChangeClass::improved:
            return rerun.ratio.has_value();
        default:
            return false;
    }
}

// The reason when the rerun did not measure the metric.
const char* unmeasured_reason(const model::Comparison* rerun) {
    if (rerun != nullptr && rerun->change == model::ChangeClass::failed) return "failed";
    if (rerun != nullptr && rerun->change == model::ChangeClass::skipped) return "skipped";
    return "not-rerun";
}

bool was_measured(const model::Confirmation& confirmation) {
    return confirmation.reason != "not-rerun" && confirmation.reason != "failed" &&
           confirmation.reason != "skipped";
}

// The rerun's numbers: "1.31x, p = 0.0002" ("1.31x, untested" without a test).
std::string rerun_evidence(const model::Confirmation& confirmation) {
    std::string text = model::format_ratio(confirmation.ratio.value_or(0));
    text += confirmation.p_adjusted ? ", p = " + model::format_p_value(*confirmation.p_adjusted)
                                    : std::string(", untested");
    return text;
}

// Why the rerun does not confirm a regression, after "not confirmed by the rerun: ".
std::string why_not(const model::Confirmation& confirmation) {
    const std::string evidence = rerun_evidence(confirmation);
    if (confirmation.reason == "not-rerun") return "not rerun";
    if (confirmation.reason == "failed") return "it failed in the rerun";
    if (confirmation.reason == "skipped") return "it was skipped in the rerun";
    if (confirmation.reason == "opposite-direction") {
        return "the rerun measured it faster than the baseline (" + evidence + ")";
    }
    if (confirmation.reason == "not-significant") {
        return "the rerun's change is not significant (" + evidence + ")";
    }
    return "the rerun's change is below the minor threshold (" + evidence + ")";
}

std::string note_of(const model::Confirmation& confirmation) {
    if (confirmation.confirmed) return "confirmed by the rerun: " + rerun_evidence(confirmation);
    return "not confirmed by the rerun: " + why_not(confirmation) + "; " +
           std::string(model::to_string(confirmation.first_change)) + " in the first run";
}

// The finding of a regression the rerun did not confirm.
model::Finding unconfirmed_finding(const model::Comparison& c) {
    const model::Confirmation& confirmation = *c.confirmation;
    const std::string first = comparison_subject(c) + " was " +
                              model::format_ratio(c.ratio.value_or(0)) +
                              " worse than the baseline in this run (" +
                              std::string(model::to_string(confirmation.first_change)) + ")";
    if (was_measured(confirmation)) {
        return model::Finding{model::Level::info,
                              "unconfirmed",
                              c.metric,
                              c.measure,
                              first + ", not confirmed by the rerun: " + why_not(confirmation) +
                                  "; it does not count, and if it is real it will show again.",
                              std::nullopt};
    }
    return model::Finding{
        model::Level::warn,
        "not-rerun",
        c.metric,
        c.measure,
        first + ", not confirmed by the rerun: " + why_not(confirmation) +
            "; it does not count. Rerun it with the report's rerun filter (every benchmark "
            "with a regression) to confirm or clear it.",
        std::nullopt};
}

}  // namespace

bool needs_confirmation(const model::Comparison& first) {
    return first.gated && model::is_regression(first.change) &&
           (first.level == model::Level::warn || first.level == model::Level::fail);
}

model::Run metrics_to_confirm(const model::Run& rerun,
                              const std::vector<model::Comparison>& first) {
    std::set<std::string> asked;
    for (const model::Comparison& c : first) {
        if (needs_confirmation(c)) asked.insert(key_of(c.metric, c.measure));
    }
    model::Run out;
    out.context = rerun.context;
    out.sources = rerun.sources;
    out.notes = rerun.notes;
    for (const model::Metric& m : rerun.metrics) {
        if (asked.contains(key_of(m.name, m.measure))) out.metrics.push_back(m);
    }
    return out;
}

model::Confirmation confirm(const model::Comparison& first, const model::Comparison* rerun) {
    model::Confirmation out;
    out.first_change = first.change;
    if (rerun != nullptr) {
        out.change = rerun->change;
        out.n_candidate = rerun->n_candidate;
    }
    if (rerun == nullptr || !rerun_measured(*rerun)) {
        out.reason = unmeasured_reason(rerun);
        return out;
    }
    out.ratio = rerun->ratio;
    out.p_adjusted = rerun->p_adjusted;
    // A regression class already means the same direction, the minor threshold and
    // significance (or a sample too small to test, classed by its ratio alone).
    out.confirmed = model::is_regression(rerun->change);
    if (out.confirmed) {
        out.reason = "confirmed";
    } else if (*rerun->ratio < 1) {
        out.reason = "opposite-direction";
    } else if (rerun->tested && !rerun->significant) {
        out.reason = "not-significant";
    } else {
        out.reason = "below-minor";
    }
    return out;
}

std::vector<model::Comparison> confirm_regressions(std::vector<model::Comparison> first,
                                                   const std::vector<model::Comparison>& rerun) {
    std::unordered_map<std::string, const model::Comparison*> by_key;
    by_key.reserve(rerun.size());
    for (const model::Comparison& c : rerun) by_key.emplace(key_of(c.metric, c.measure), &c);
    for (model::Comparison& c : first) {
        if (!needs_confirmation(c)) continue;
        const auto found = by_key.find(key_of(c.metric, c.measure));
        c.confirmation = confirm(c, found == by_key.end() ? nullptr : found->second);
        c.notes.push_back(note_of(*c.confirmation));
        if (!c.confirmation->confirmed) c.change = model::ChangeClass::unchanged;
    }
    return first;
}

void add_confirmation_findings(model::Verdict& verdict) {
    for (const model::Comparison& c : verdict.comparisons) {
        if (!c.confirmation) continue;
        if (!c.confirmation->confirmed) {
            verdict.findings.push_back(unconfirmed_finding(c));
            if (verdict.findings.back().level == model::Level::warn) {
                verdict.level = std::max(verdict.level, model::Level::warn);
            }
            continue;
        }
        for (model::Finding& f : verdict.findings) {
            if (f.code == "regression" && f.metric == c.metric && f.measure == c.measure) {
                f.message += " The rerun confirms it: " + rerun_evidence(*c.confirmation) + ".";
            }
        }
    }
}

}  // namespace caws::gate
