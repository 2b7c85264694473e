#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

#include "model/run.hpp"
#include "model/verdict.hpp"

namespace caws::trend {

// The growth that the lower bound of the slope's interval must exceed for a leak to be
// declared (--leak-threshold, the gate file's `leak.threshold`): absolute in MB/s
// (1 MB = 10^6 bytes), or relative to the series' starting level, the fitted memory at its
// first sample (percent of it per `per_seconds`).
struct LeakThreshold {
    double mb_per_s = 1.0;
    double percent = 0;      // relative only
    double per_seconds = 0;  // 0: absolute; else seconds of the relative threshold's unit
    std::string text;        // a relative threshold as written, "5%/h"

    bool relative() const { return per_seconds > 0; }
};

// Reads a threshold: a number of MB/s ("1.5", "1.5 MB/s") or a growth relative to the
// starting level ("5%/h"; units s, min, h, d). Returns the error message for anything
// else (a unit missing or unknown, a negative growth, not a number).
std::variant<LeakThreshold, std::string> parse_leak_threshold(std::string_view text);

// The threshold for people: "1 MB/s" or "5%/h".
std::string describe(const LeakThreshold& threshold);

struct LeakOptions {
    LeakThreshold threshold;
    double confidence = 0.95;     // of the slope's interval
    std::size_t min_samples = 3;  // fewer timed samples are not analysed
};

// The growth of one memory time series: least squares of MB on seconds, with an interval of
// the slope for AR(1) noise (stats::ar1_regression).
struct Leak {
    std::string metric;
    std::string measure;
    std::size_t n = 0;
    double duration = 0;  // seconds from the first to the last sample
    double slope = 0;     // MB/s
    double low = 0;       // interval of the slope, MB/s
    double high = 0;
    double per_hour = 0;  // slope * 3600: MB per hour
    double r_squared = 0;
    double start = 0;      // MB: the fitted memory at the first sample (the intercept)
    double threshold = 0;  // MB/s: the threshold applied (a relative one times `start`)
    double rho = 0;        // the residuals' AR(1) coefficient (posterior mean)
    double df = 0;         // degrees of freedom of the interval's Student t
    // fail: the interval's lower bound exceeds the threshold (a leak); warn: the slope does
    // but the interval reaches below it (a possible leak); pass otherwise.
    model::Level level = model::Level::pass;
};

// Whether a metric is a memory time series: values in bytes (a size unit), a timestamp per
// sample, at least `min_samples` of them, and not failed or skipped.
bool is_memory_series(const model::Metric& metric, const LeakOptions& options = {});

// The growth of a memory time series (is_memory_series must hold). Samples are taken in
// timestamp order as given; seconds are counted from the first timestamp.
Leak analyse_leak(const model::Metric& metric, const LeakOptions& options = {});

// Every memory time series of a run, in the run's order.
std::vector<Leak> find_leaks(const model::Run& run, const LeakOptions& options = {});

// A finding with code "leak" for a leak at warn or fail; nullopt at pass.
std::optional<model::Finding> leak_finding(const Leak& leak, const LeakOptions& options = {});

// The findings of find_leaks (warn and fail only), in order.
std::vector<model::Finding> leak_findings(const model::Run& run, const LeakOptions& options = {});

// Appends the leak findings of `run` to the verdict's findings and raises its level to the
// highest of them (a declared leak fails the gate, a possible one warns).
void add_leak_findings(model::Verdict& verdict, const model::Run& run,
                       const LeakOptions& options = {});

}  // namespace caws::trend
