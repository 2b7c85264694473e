#include "report/annotation_renderer.hpp"

#include "report/escape.hpp"

namespace caws::report {

std::string render_annotations(const Report& report) {
    std::string out;
    for (const model::Level level : {model::Level::fail, model::Level::warn}) {
        for (const model::Finding& finding : report.findings) {
            if (finding.level != level) continue;
            std::string title = "caws-gate " + finding.code;
            if (!finding.metric.empty()) title += ": " + finding.metric;
            if (!finding.measure.empty()) title += " (" + finding.measure + ")";
            out += level == model::Level::fail ? "::error" : "::warning";
            out += " title=" + escape_workflow_property(title) +
                   "::" + escape_workflow_data(finding.message) + "\n";
        }
    }
    return out;
}

}  // namespace caws::report
