// What every reader promises about the run it returns, checked after each successful read.
#pragma once

#include <array>
#include <cmath>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "ingest/results.hpp"
#include "model/run.hpp"
#include "support.hpp"
#include "util/error.hpp"

namespace caws::fuzz {

// The readers fuzz_results_json reaches (plus the Criterion.rs directory) and those
// fuzz_results_text reaches; together every format of ingest::formats().
inline constexpr std::array<std::string_view, 13> k_json_formats = {
    "google-benchmark",     "pytest-benchmark", "hyperfine", "jmh", "benchmarkdotnet",
    "julia-benchmarktools", "custom-json",      "bmf",       "k6",  "prometheus",
    "caws-metrics",         "metric-summary",   "series-json"};
inline constexpr std::array<std::string_view, 7> k_text_formats = {
    "catch2-xml", "series-csv", "criterion", "rust-libtest", "go", "catch2-console", "benchmarkjs"};

// Aborts when a format is read by neither target, so that a new reader is not left out.
inline void check_every_format_is_fuzzed() {
    static const bool checked = [] {
        for (const ingest::Format& format : ingest::formats()) {
            bool listed = false;
            for (std::string_view id : k_json_formats) listed = listed || id == format.id;
            for (std::string_view id : k_text_formats) listed = listed || id == format.id;
            require(listed, "a results format is reached by no fuzz target", format.id);
        }
        for (const ingest::DirectoryFormat& format : ingest::directory_formats()) {
            require(format.id == "criterion", "a directory format is reached by no fuzz target",
                    format.id);
        }
        return true;
    }();
    (void)checked;
}

inline void check_run(const model::Run& run) {
    trace("read " + std::to_string(run.metrics.size()) + " metrics");
    for (const model::Metric& metric : run.metrics) {
        for (double sample : metric.samples) {
            require(std::isfinite(sample), "a reader returned a non-finite sample", metric.name);
        }
        require(metric.timestamps.empty() || metric.timestamps.size() == metric.samples.size(),
                "timestamps do not run parallel to the samples", metric.name);
    }
    // Merging a run with itself either pools repetitions or names the duplicate.
    try {
        std::vector<model::Run> twice{run, run};
        (void)ingest::merge_runs(std::move(twice));
    } catch (const util::Error&) {
    }
}

// Reads `text` with the reader `choice` picks among `formats` (past their end: the
// content-based detection) and the --direction `selector` picks, then checks the run.
// A util::Error is an expected outcome.
inline void read_and_check(std::string_view text, const std::string& name,
                           std::span<const std::string_view> formats, std::size_t choice,
                           std::size_t selector) {
    ingest::ReadOptions options;
    switch (selector % 3) {
        case 1:
            options.direction = model::Direction::lower;
            break;
        case 2:
            options.direction = model::Direction::higher;
            break;
        default:
            break;
    }
    std::optional<std::string> format;
    if (choice < formats.size()) format = std::string(formats[choice]);
    try {
        check_run(ingest::parse_results(text, name, format, options));
    } catch (const util::Error& error) {
        trace(error.what());
    }
}

}  // namespace caws::fuzz
