#pragma once

// The C++ types of the documents the use cases build, each written here once so that a
// change of a builder's return type is a change of one line.

#include <nlohmann/json.hpp>

#include "report/report_document.hpp"
#include "report/trend_document.hpp"

namespace caws::app {

// The report of a comparison (report::build_report, "caws-gate/report@1").
using ReportDocument = report::Report;

// The "trends" section of a check report (report::build_trend_section), as
// report::ReportInput::trends takes it.
using TrendSectionDocument = report::TrendReport;

// The trend report (report::build_trend_report, "caws-gate/trend@1").
using TrendReportDocument = report::TrendReport;

// The paper table (report::build_table_report, "caws-gate/table@1").
using TableDocument = nlohmann::ordered_json;

}  // namespace caws::app
