#include "gate/between_run_advice.hpp"

#include <algorithm>
#include <cmath>
#include <string>

#include "model/quantity_format.hpp"

namespace caws::gate {
namespace {

std::string runs_text(std::size_t n) {
    return std::to_string(n) + (n == 1 ? " run" : " runs");
}

}  // namespace

model::ScoreComponent between_run_component(const compare::BetweenRunSummary& summary) {
    if (summary.known()) {
        std::string detail =
            "between-run noise known from " + runs_text(summary.runs) + " of the history";
        if (summary.median_sd) {
            detail += ": a run's median varies by " + model::format_percent(*summary.median_sd) +
                      " (median over " + std::to_string(summary.metrics) + " metrics)";
        }
        return {"between-run", 100, k_between_run_weight, detail};
    }
    const std::size_t runs = std::clamp<std::size_t>(summary.runs, 1, summary.min_runs);
    double score = std::round(100.0 * static_cast<double>(runs) /
                              static_cast<double>(std::max<std::size_t>(summary.min_runs, 1)));
    if (summary.rerun) score = std::max(score, k_between_run_rerun_score);
    return {"between-run", score, k_between_run_weight,
            "between-run noise unknown: " + compare::unknown_reason(summary)};
}

void recommend_between_run(const model::Verdict& verdict, const ScoreInput& input,
                           std::vector<model::Recommendation>& out) {
    if (!input.between_run || input.between_run->known()) return;
    const bool any = std::any_of(verdict.comparisons.begin(), verdict.comparisons.end(),
                                 [](const model::Comparison& c) { return compared(c); });
    if (!any) return;
    const std::string runs = std::to_string(input.between_run->min_runs);
    out.push_back(
        {"between-run-noise",
         {},
         "Keep a rolling baseline from a nightly job (`caws-gate baseline update RESULTS "
         "--policy rolling:" +
             runs +
             "`, docs/nightly.md), so that check learns this runner's between-run noise from " +
             runs +
             " runs of history (seed it with ten runs made in separate jobs: docs/nightly.md, "
             "\"Starting a suite\"; the workflow `caws-gate init` writes does both), or compare "
             "base and head in one job with `caws-gate ab` "
             "(docs/ab.md): " +
             compare::unknown_reason(*input.between_run) +
             ", and a burst of load on the runner during either run can look like a "
             "regression."});
}

}  // namespace caws::gate
