#pragma once

#include <vector>

#include "model/verdict.hpp"
#include "trend/analysis.hpp"

namespace caws::trend {

// The findings of analysed trends, for a gate that reports them next to its comparisons
// (`caws-gate check` with a history), in the trends' order:
// - "trend-degrading" for a gated metric whose drift is degrading, at `rules.degrading`;
// - "trend-change-point" for each change point that analyse() gated (a regression among
//   the newest `rules.change_point_within` runs), at its level (`rules.change_point`).
// A rule at pass adds no finding; metrics of unknown direction and trends reported only
// (report_only) add none.
std::vector<model::Finding> trend_findings(const std::vector<Trend>& trends,
                                           const GateRules& rules);

// Appends trend_findings to the verdict's findings and raises its level to the highest
// warn or fail among them.
void add_trend_findings(model::Verdict& verdict, const std::vector<Trend>& trends,
                        const GateRules& rules);

}  // namespace caws::trend
