#pragma once

#include <optional>
#include <string>

#include <nlohmann/json.hpp>

#include "compare/comparator.hpp"
#include "compare/geomean.hpp"
#include "model/run.hpp"
#include "model/verdict.hpp"
#include "store/baseline_file.hpp"

namespace caws::report {

// Schema identifier of the JSON report (DESIGN.md, "Reports"). Keys may be added within a
// version; none of the stable core is renamed.
inline constexpr const char* k_report_schema = "caws-gate/report@1";

// Everything a report shows about one comparison of two runs.
struct ReportInput {
    std::string command = "check";  // "check" or "compare"
    bool gated = true;              // false for `compare`: classes shown, no verdict
    const model::Verdict* verdict = nullptr;
    const model::Run* baseline = nullptr;
    std::string baseline_label;  // the baseline file, or the OLD results file
    std::optional<store::Provenance> baseline_provenance;
    const model::Run* candidate = nullptr;
    compare::Options options;  // the settings the comparison used, shown in the report
    // The summary row: compare::geometric_mean_of_ratios of the verdict's comparisons.
    std::optional<compare::Geomean> geomean;
    // The "trends" section (report/trend_section.hpp) when a history was analysed; without
    // one the report has no "trends" key.
    std::optional<nlohmann::ordered_json> trends;
};

// The JSON report: the contract from which every other format is rendered. Deterministic:
// the same input gives the same bytes (no clock, keys in a fixed order).
nlohmann::ordered_json build_report(const ReportInput& input);

// The report as text, two-space indented, ending with a newline.
std::string serialize_report(const nlohmann::ordered_json& report);

}  // namespace caws::report
