#include "app/rerun_confirmation.hpp"

#include <filesystem>
#include <set>
#include <utility>

#include "gate/confirmation.hpp"
#include "gate/gate_check.hpp"
#include "gate/policy.hpp"
#include "gate/waivers.hpp"
#include "util/error.hpp"

namespace caws::app {
namespace {

// Whether two paths name the same existing file.
bool same_file(const std::string& a, const std::string& b) {
    std::error_code error;
    return std::filesystem::equivalent(a, b, error) && !error;
}

}  // namespace

model::Run read_rerun(const std::vector<std::string>& paths,
                      const std::vector<std::string>& results, const model::Run& candidate,
                      const InputRequest& inputs) {
    for (const std::string& path : paths) {
        for (const std::string& result : results) {
            if (same_file(path, result)) {
                throw util::Error(path, {},
                                  "expected the results of a rerun for --confirm, got one of the "
                                  "results files being checked; the rerun must be another run");
            }
        }
    }
    model::Run rerun = read_run(paths, inputs);
    std::set<std::string> names;
    for (const model::Metric& m : candidate.metrics) names.insert(m.name);
    for (const model::Metric& m : rerun.metrics) {
        if (names.contains(m.name)) return rerun;
    }
    const std::string example =
        rerun.metrics.empty() ? std::string() : " (such as \"" + rerun.metrics.front().name + "\")";
    throw util::Error(paths.front(), {},
                      "expected a rerun of the benchmarks being checked for --confirm, but none "
                      "of its benchmarks" +
                          example + " is in the results");
}

model::Verdict compare_confirm_and_gate(const ComparedRuns& runs, const model::Run& rerun,
                                        const GateSetup& setup, std::int64_t now) {
    // The first run is gated whole first: the levels say which regressions the gate acts
    // on, and so which metrics the rerun is asked about.
    model::Verdict first = compare_and_gate(runs, setup, now);
    const model::Run asked = gate::metrics_to_confirm(rerun, first.comparisons);
    bool any = false;
    for (const model::Comparison& c : first.comparisons) any = any || gate::needs_confirmation(c);
    if (!any) return first;

    ComparedRuns rerun_runs = runs;
    rerun_runs.candidate = &asked;
    const model::Verdict second = compare_and_gate(rerun_runs, setup, now);
    std::vector<model::Comparison> confirmed =
        gate::confirm_regressions(std::move(first.comparisons), second.comparisons);
    // The gate sets every level again from the confirmed classes.
    model::Verdict verdict = setup.gate ? gate::check_gate(*setup.gate, std::move(confirmed),
                                                           *runs.candidate, gate::date_of(now))
                                        : gate::evaluate(std::move(confirmed));
    gate::add_confirmation_findings(verdict);
    return verdict;
}

}  // namespace caws::app
