#pragma once

#include <optional>
#include <string>
#include <vector>

#include "app/input_request.hpp"
#include "app/report_document.hpp"
#include "app/statistics_request.hpp"
#include "compare/system_table.hpp"

namespace caws::app {

// Several runs side by side in a paper table.
struct TableRequest {
    // One results file per system: "NAME=PATH", or a PATH named by its file's stem.
    std::vector<std::string> runs;
    std::optional<std::string> reference;  // the system the others are compared to (default: first)
    std::string statistic = "median";      // what each cell shows (compare::statistic_from_string)
    std::optional<std::string> measure;    // only this measure; default: every measure
    InputRequest inputs;
    StatisticsRequest statistics;
};

// The table and its document.
struct TableResult {
    compare::SystemTable table;
    TableDocument report;  // "caws-gate/table@1"
};

// Reads every run, then builds the table. Writes nothing. Throws util::Error for an
// unknown statistic, two runs of one name, an unknown reference, or a run that cannot be
// read.
TableResult run_table(const TableRequest& request);

}  // namespace caws::app
