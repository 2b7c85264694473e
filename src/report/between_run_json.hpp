#pragma once

// The between-run noise in the JSON report, both ways: `comparisons[].between_run` and
// the report's `between_run` (docs/reports.md). Internal to report_rows.cpp and
// report_document.cpp, with which it spells the report's keys.

#include <optional>
#include <string>

#include <nlohmann/json.hpp>

#include "compare/between_run.hpp"
#include "model/comparison.hpp"
#include "report/json_writer.hpp"
#include "report/shape_checker.hpp"

namespace caws::report {

// "between_run" of a comparison, when it has one.
void write_between_run(JsonWriter& out, const std::optional<model::BetweenRun>& between_run);
std::optional<model::BetweenRun> between_run_from(const ShapeChecker& check,
                                                  const nlohmann::ordered_json& comparison,
                                                  const std::string& at);

// "between_run" of the report, when `check` wrote one.
void write_between_run_summary(JsonWriter& out,
                               const std::optional<compare::BetweenRunSummary>& summary);
std::optional<compare::BetweenRunSummary> between_run_summary_from(
    const ShapeChecker& check, const nlohmann::ordered_json& report);

}  // namespace caws::report
