#include "report/annotation_renderer.hpp"

#include "report/escape.hpp"

namespace caws::report {

std::string render_annotations(const nlohmann::ordered_json& report) {
    std::string out;
    const auto findings = report.find("findings");
    if (findings == report.end() || !findings->is_array()) return out;
    for (const char* level : {"fail", "warn"}) {
        for (const auto& finding : *findings) {
            if (!finding.is_object() || finding.value("level", std::string()) != level) continue;
            std::string title = "caws-gate " + finding.value("code", std::string());
            const std::string metric = finding.value("metric", std::string());
            const std::string measure = finding.value("measure", std::string());
            if (!metric.empty()) title += ": " + metric;
            if (!measure.empty()) title += " (" + measure + ")";
            out += std::string_view(level) == "fail" ? "::error" : "::warning";
            out += " title=" + escape_workflow_property(title) +
                   "::" + escape_workflow_data(finding.value("message", std::string())) + "\n";
        }
    }
    return out;
}

}  // namespace caws::report
