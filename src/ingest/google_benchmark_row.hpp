#pragma once

// Google Benchmark's JSON as written: the "context" object and one row of the
// "benchmarks" array. google_benchmark_reader.cpp groups the rows into benchmarks.
// Internal to ingest/; includes simdjson through json/document.hpp.

#include <cstdint>
#include <optional>
#include <string_view>
#include <utility>
#include <vector>

#include "json/document.hpp"
#include "model/run.hpp"

namespace caws::ingest {

// One row of the "benchmarks" array, as written.
struct GoogleBenchmarkRow {
    std::string_view name;
    std::string_view run_name;
    std::string_view run_type;
    std::string_view aggregate_name;
    std::string_view aggregate_unit;
    std::string_view time_unit;
    std::string_view error_message;
    std::string_view skip_message;
    std::string_view label;
    std::optional<double> real_time;
    std::optional<double> cpu_time;
    std::optional<std::int64_t> repetitions;
    std::optional<std::int64_t> repetition_index;
    std::optional<std::int64_t> threads;
    // Where the benchmark was registered (written since random interleaving): family, then
    // instance within the family. Without random interleaving, rows come in this order.
    std::optional<std::int64_t> family_index;
    std::optional<std::int64_t> per_family_instance_index;
    bool error_occurred = false;
    bool skipped = false;
    bool complexity = false;  // a _BigO or _RMS row
    std::vector<std::pair<std::string_view, double>> counters;
};

// Reads the "context" object: host, executable, date, build type, CPUs, load and
// caches, and any other string, number or boolean as an extra entry.
void read_google_benchmark_context(const json::Document& doc, json::od::object context,
                                   const json::Path& where, model::Context& c);

// Reads one row of "benchmarks"; keys it does not know with a number value are user
// counters. Throws util::Error for a value of the wrong type or a row without a name.
GoogleBenchmarkRow read_google_benchmark_row(const json::Document& doc, json::od::object object,
                                             const json::Path& at);

}  // namespace caws::ingest
