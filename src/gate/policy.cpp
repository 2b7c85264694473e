#include "gate/policy.hpp"

#include <algorithm>
#include <set>
#include <string>

#include "compare/level_shift.hpp"
#include "model/quantity_format.hpp"

namespace caws::gate {
namespace {

std::string subject(const model::Comparison& c) {
    return c.measure.empty() ? c.metric : c.metric + " (" + c.measure + ")";
}

std::string code_of(model::ChangeClass change) {
    switch (change) {
        case model::ChangeClass::severe:
        case model::ChangeClass::moderate:
        case model::ChangeClass::minor:
            return "regression";
        case model::ChangeClass::improved:
            return "improvement";
        case model::ChangeClass::added:
            return "added";
        case model::ChangeClass::removed:
            return "removed";
        case model::ChangeClass::failed:
            return "failed";
        case model::ChangeClass::skipped:
            return "skipped";
        case model::ChangeClass::unchanged:
            break;
    }
    return "unchanged";
}

std::string evidence(const model::Comparison& c) {
    std::string text;
    if (c.baseline && c.candidate) {
        text = c.statistic + " " + model::format_quantity(*c.baseline, c.unit) + " -> " +
               model::format_quantity(*c.candidate, c.unit);
    }
    if (c.p_adjusted) {
        // The adjusted value decides; say so when the correction changed it.
        const bool changed = c.p_value && *c.p_value != *c.p_adjusted;
        text += ", p = " + model::format_p_value(*c.p_adjusted) + " (" + c.test +
                (changed ? ", adjusted" : "") + ")";
    } else if (c.p_value) {
        text += ", p = " + model::format_p_value(*c.p_value) + " (" + c.test + ")";
    } else if (!c.tested) {
        text += ", untested";
    }
    text += ", n = " + std::to_string(c.n_baseline) + " vs " + std::to_string(c.n_candidate);
    return text;
}

}  // namespace

model::Level Policy::level_of(model::ChangeClass change) const {
    switch (change) {
        case model::ChangeClass::severe:
            return severe;
        case model::ChangeClass::moderate:
            return moderate;
        case model::ChangeClass::minor:
            return minor;
        case model::ChangeClass::improved:
            return improved;
        case model::ChangeClass::unchanged:
            return unchanged;
        case model::ChangeClass::added:
            return added;
        case model::ChangeClass::removed:
            return removed;
        case model::ChangeClass::failed:
            return failed;
        case model::ChangeClass::skipped:
            return skipped;
    }
    return model::Level::pass;
}

bool held_back_by_level_shift(const model::Comparison& c) {
    return c.level_shift && model::is_regression(c.change) &&
           !(c.confirmation && c.confirmation->confirmed);
}

std::string describe(const model::Comparison& c) {
    switch (c.change) {
        case model::ChangeClass::severe:
        case model::ChangeClass::moderate:
        case model::ChangeClass::minor:
            if (held_back_by_level_shift(c)) {
                return subject(c) + " is " + model::format_ratio(c.ratio.value_or(0)) +
                       " worse than the baseline (" + evidence(c) + "), but " +
                       compare::describe_level_shift(*c.level_shift, c.unit) +
                       ", so this run cannot tell a " + std::string(model::to_string(c.change)) +
                       " regression from the machine: a warning, not a failure; rerun the "
                       "benchmark and check again with --confirm RERUN to decide.";
            }
            return subject(c) + " is " + model::format_ratio(c.ratio.value_or(0)) +
                   " worse than the baseline (" + evidence(c) + "): a " +
                   std::string(model::to_string(c.change)) +
                   " regression; find the change that caused it, or refresh the baseline if "
                   "it is intended.";
        case model::ChangeClass::improved:
            return subject(c) + " improved " + model::format_ratio(1.0 / c.ratio.value_or(1)) +
                   " (" + evidence(c) + "); refresh the baseline to keep the gain.";
        case model::ChangeClass::added:
            return subject(c) + " is new: it has no baseline yet and is not compared; " +
                   "refresh the baseline to gate it.";
        case model::ChangeClass::removed:
            return subject(c) +
                   " is in the baseline but missing from the results; check that the benchmark "
                   "still runs, or refresh the baseline if it was removed on purpose.";
        case model::ChangeClass::failed:
            return subject(c) + " failed" + (c.message.empty() ? "" : ": \"" + c.message + "\"") +
                   "; fix the benchmark so that it runs.";
        case model::ChangeClass::skipped:
            return subject(c) + " was skipped" +
                   (c.message.empty() ? "" : ": \"" + c.message + "\"") + ".";
        case model::ChangeClass::unchanged:
            break;
    }
    return subject(c) + " is unchanged.";
}

model::Verdict evaluate(std::vector<model::Comparison> comparisons, const Policy& policy) {
    return evaluate(std::move(comparisons), [&policy](const model::Comparison&) { return policy; });
}

model::Verdict evaluate(std::vector<model::Comparison> comparisons,
                        const std::function<Policy(const model::Comparison&)>& policy_of) {
    model::Verdict verdict;
    // Added, removed, failed and skipped are about a whole benchmark: one finding for it,
    // not one per measure.
    std::set<std::string> reported;
    for (model::Comparison& c : comparisons) {
        c.level = c.gated ? policy_of(c).level_of(c.change) : model::Level::pass;
        if (held_back_by_level_shift(c)) c.level = std::min(c.level, model::Level::warn);
        if (c.level == model::Level::pass) continue;
        const bool structural =
            c.change == model::ChangeClass::added || c.change == model::ChangeClass::removed ||
            c.change == model::ChangeClass::failed || c.change == model::ChangeClass::skipped;
        if (structural) {
            const std::string key = code_of(c.change) + '\x1f' + c.metric;
            if (!reported.insert(key).second) continue;
            model::Comparison whole = c;
            whole.measure.clear();
            verdict.findings.push_back(model::Finding{
                c.level, code_of(c.change), c.metric, {}, describe(whole), std::nullopt});
        } else {
            verdict.findings.push_back(model::Finding{c.level, code_of(c.change), c.metric,
                                                      c.measure, describe(c), std::nullopt});
            if (held_back_by_level_shift(c)) {
                verdict.findings.push_back(model::Finding{
                    model::Level::info, "level-shift", c.metric, c.measure,
                    subject(c) + ": " + compare::describe_level_shift(*c.level_shift, c.unit) +
                        "; its " + std::string(model::to_string(c.change)) +
                        " regression is a warning until a rerun confirms it (--confirm RERUN).",
                    std::nullopt});
            }
        }
        if (c.level > verdict.level) verdict.level = c.level;
    }
    if (verdict.level == model::Level::info) verdict.level = model::Level::pass;
    verdict.comparisons = std::move(comparisons);
    return verdict;
}

}  // namespace caws::gate
