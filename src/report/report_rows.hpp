#pragma once

// The rows of a report in JSON, both ways: comparisons, budgets, findings and
// recommendations, the lists of report_document.hpp. Internal to report_document.cpp,
// which writes and reads the rest; the two files are the only ones that spell the
// report's keys.

#include <optional>
#include <string>

#include <nlohmann/json.hpp>

#include "model/verdict.hpp"
#include "report/json_writer.hpp"
#include "report/shape_checker.hpp"

namespace caws::report {

// `key`: [low, high], or null without an interval.
void write_interval(JsonWriter& out, const char* key,
                    const std::optional<model::Interval>& interval);
void write_comparison(JsonWriter& out, const model::Comparison& comparison);
void write_budget(JsonWriter& out, const model::BudgetCheck& budget);
void write_finding(JsonWriter& out, const model::Finding& finding);
void write_recommendation(JsonWriter& out, const model::Recommendation& recommendation);

// Reading one row at the JSON pointer `at`, checked with `check`, which throws
// util::Error for the first value that is wrong.
// The interval [low, high] of `object`'s member `key` (null allowed when `nullable`).
std::optional<model::Interval> interval_at(const ShapeChecker& check,
                                           const nlohmann::ordered_json& object,
                                           const std::string& at, const char* key = "ci",
                                           bool nullable = true);
model::Comparison comparison_from(const ShapeChecker& check, const nlohmann::ordered_json& c,
                                  const std::string& at);
model::BudgetCheck budget_from(const ShapeChecker& check, const nlohmann::ordered_json& b,
                               const std::string& at);
model::Finding finding_from(const ShapeChecker& check, const nlohmann::ordered_json& f,
                            const std::string& at);
model::Recommendation recommendation_from(const ShapeChecker& check,
                                          const nlohmann::ordered_json& r, const std::string& at);

}  // namespace caws::report
