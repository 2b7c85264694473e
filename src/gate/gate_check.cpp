#include "gate/gate_check.hpp"

#include <algorithm>
#include <string>
#include <utility>

#include "gate/budgets.hpp"
#include "gate/glob.hpp"
#include "gate/policy.hpp"
#include "gate/rules.hpp"
#include "gate/waivers.hpp"

namespace caws::gate {
namespace {

// The number of samples behind the smaller side, when both sides say how many.
bool too_few_samples(const model::Comparison& c, std::size_t min_samples) {
    if (c.n_baseline == 0 || c.n_candidate == 0) return false;
    return std::min(c.n_baseline, c.n_candidate) < min_samples;
}

}  // namespace

model::Verdict check_gate(const Gate& gate, std::vector<model::Comparison> comparisons,
                          const model::Run& candidate, std::string_view today) {
    const auto policy_of = [&gate](const model::Comparison& c) {
        const ResolvedSettings resolved = resolve(gate, c.metric, c.measure);
        Policy policy = resolved.settings.levels;
        if (too_few_samples(c, resolved.settings.min_samples)) {
            for (model::Level* level : {&policy.minor, &policy.moderate, &policy.severe}) {
                *level = std::min(*level, model::Level::warn);
            }
        }
        return policy;
    };
    model::Verdict verdict = evaluate(std::move(comparisons), policy_of);

    for (model::Finding& f : verdict.findings) {
        if (f.code != "regression") continue;
        const std::size_t min_samples = resolve(gate, f.metric, f.measure).settings.min_samples;
        for (const model::Comparison& c : verdict.comparisons) {
            if (c.metric != f.metric || c.measure != f.measure) continue;
            if (too_few_samples(c, min_samples)) {
                f.message += " It only warns: the gate wants at least " +
                             std::to_string(min_samples) + " samples per side, and this has " +
                             std::to_string(c.n_baseline) + " vs " + std::to_string(c.n_candidate) +
                             "; run more repetitions.";
            }
        }
    }

    BudgetResults budgets = check_budgets(gate, candidate, verdict.comparisons);
    verdict.budgets = std::move(budgets.checks);
    for (model::Finding& f : budgets.findings) verdict.findings.push_back(std::move(f));

    for (const std::string& pattern : gate.required) {
        const bool present =
            std::any_of(candidate.metrics.begin(), candidate.metrics.end(),
                        [&pattern](const model::Metric& m) { return glob_match(pattern, m.name); });
        if (present) continue;
        verdict.findings.push_back(model::Finding{
            model::Level::fail,
            "required-missing",
            pattern,
            {},
            "no metric in the results matches \"" + pattern +
                "\", which the gate requires; make sure the benchmark still runs and writes it.",
            std::nullopt});
    }

    apply_waivers(gate.waivers, today, verdict.findings, verdict.comparisons);

    verdict.level = model::Level::pass;
    for (const model::Finding& f : verdict.findings) {
        if (f.level > verdict.level) verdict.level = f.level;
    }
    if (verdict.level == model::Level::info) verdict.level = model::Level::pass;
    return verdict;
}

model::Verdict compare_and_check(const Gate& gate, const model::Run& baseline,
                                 const model::Run& candidate, const compare::Options& options,
                                 std::string_view today) {
    const model::Run gated_baseline = apply_rules(gate, baseline);
    const model::Run gated_candidate = apply_rules(gate, candidate);
    const compare::Options run = run_options(gate, options);
    std::vector<model::Comparison> comparisons =
        compare::compare_runs(gated_baseline, gated_candidate, run, metric_options(gate, run));
    // Budgets and required metrics look at every metric of the results, ignored or not.
    return check_gate(gate, std::move(comparisons), candidate, today);
}

}  // namespace caws::gate
