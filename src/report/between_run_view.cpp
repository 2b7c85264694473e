#include "report/between_run_view.hpp"

#include "model/quantity_format.hpp"
#include "report/view_fields.hpp"

namespace caws::report {

void set_between_run(kainjow::mustache::data& view, const Report& report) {
    view.set("has_between_run", boolean(report.between_run.has_value()));
    if (!report.between_run) return;
    const compare::BetweenRunSummary& s = *report.between_run;
    if (!s.known()) {
        view.set("between_run", "Between-run noise unknown: " + compare::unknown_reason(s) + ".");
        return;
    }
    std::string text = "Between-run noise from " + plural(s.runs, "run", "runs") +
                       " of the history (" + s.history + ")";
    if (s.metrics == 0 || !s.median_sd) {
        view.set("between_run", text + ": no compared metric has values in them.");
        return;
    }
    text += ": a run's median moves by " + model::format_percent(*s.median_sd) +
            " from run to run (median over " + plural(s.metrics, "metric", "metrics") +
            ", pooled across metrics)";
    if (s.reclassified > 0) {
        text += "; " + plural(s.reclassified, "change", "changes") + " within it classed unchanged";
        if (s.range_reclassified > 0) {
            text += " (" + std::to_string(s.range_reclassified) + " within the range of the " +
                    std::to_string(s.range_runs) +
                    " newest runs, where a run of the same code has been)";
        }
    }
    view.set("between_run", text + ".");
}

}  // namespace caws::report
