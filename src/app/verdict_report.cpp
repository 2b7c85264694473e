#include "app/verdict_report.hpp"

#include "compare/geomean.hpp"
#include "gate/gate_check.hpp"
#include "gate/interference.hpp"
#include "gate/policy.hpp"
#include "gate/recommendations.hpp"
#include "gate/scores.hpp"
#include "gate/waivers.hpp"
#include "report/json_report.hpp"

namespace caws::app {

model::Verdict compare_and_gate(const ComparedRuns& runs, const GateSetup& setup,
                                std::int64_t now) {
    compare::Options options = setup.options;
    // A results file or a baseline of one run keeps its samples in the order they ran.
    options.baseline_in_run_order =
        !runs.baseline_provenance || runs.baseline_provenance->runs.size() <= 1;
    if (setup.gate) {
        return gate::compare_and_check(*setup.gate, *runs.baseline, *runs.candidate, options,
                                       gate::date_of(now));
    }
    return gate::evaluate(compare::compare_runs(*runs.baseline, *runs.candidate, options));
}

VerdictReport finish_verdict(model::Verdict verdict, const ComparedRuns& runs,
                             const GateSetup& setup, ReportContext context, std::int64_t now) {
    const compare::Options& options = setup.options;
    const gate::ScoreInput score_input{
        runs.baseline,
        runs.candidate,
        runs.baseline_provenance ? gate::age_in_days(runs.baseline_provenance->created, now)
                                 : std::nullopt,
        options.thresholds.minor,
        options.alpha,
        context.rounds.has_value(),
        context.between_run};
    gate::add_interference_findings(verdict, options.thresholds.minor, options.alpha);
    gate::apply_scores(verdict, score_input, setup.score_gates);
    verdict.recommendations = gate::recommend(verdict, score_input);

    report::ReportInput input;
    input.command = std::move(context.command);
    input.gated = context.gated;
    input.verdict = &verdict;
    input.baseline = runs.baseline;
    input.baseline_label = runs.baseline_label;
    input.baseline_provenance = runs.baseline_provenance;
    input.candidate = runs.candidate;
    input.options = options;
    if (setup.gate) input.gate_file = report::GateFileRef{setup.gate->path, setup.gate->sha256};
    input.geomean = compare::geometric_mean_of_ratios(verdict.comparisons, options);
    input.trends = std::move(context.trends);
    input.rounds = std::move(context.rounds);
    input.between_run = std::move(context.between_run);
    input.rerun = context.rerun;
    input.comparisons_to_take = &verdict.comparisons;
    ReportDocument report = report::build_report(std::move(input));
    return VerdictReport{std::move(verdict), std::move(report)};
}

}  // namespace caws::app
