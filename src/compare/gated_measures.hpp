#pragma once

// Which measures of a benchmark are gated: one time measure per benchmark by default, the
// measures that are derived from it (a rate computed from that time, or a second clock of
// the same benchmark) reported beside it and not gated, unless a gate file chooses
// (docs/statistics.md, "One measure per benchmark").

#include <cstddef>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_set>

#include "compare/comparator.hpp"
#include "model/run.hpp"

namespace caws::compare {

// What identifies a metric within a run, (name, measure), as views of the metric's
// strings: a key of a hash table without a string built per metric.
struct MetricKey {
    std::string_view name;
    std::string_view measure;

    explicit MetricKey(const model::Metric& metric) : name(metric.name), measure(metric.measure) {}
    MetricKey(std::string_view name_, std::string_view measure_) : name(name_), measure(measure_) {}
    friend bool operator==(const MetricKey&, const MetricKey&) = default;
};

struct MetricKeyHash {
    std::size_t operator()(const MetricKey& key) const noexcept {
        const std::size_t h = std::hash<std::string_view>{}(key.name);
        return h ^ (std::hash<std::string_view>{}(key.measure) + 0x9e3779b97f4a7c15ULL + (h << 6) +
                    (h >> 2));
    }
};

// The clock Google Benchmark times a benchmark by, from its name: "real_time" when the
// name has a `real_time` or `manual_time` part (UseRealTime(), UseManualTime(); Google
// Benchmark puts it before `threads:N`), else "cpu_time".
std::string_view google_benchmark_clock(std::string_view name);

// The measures each benchmark of two runs has, to tell which of them are derived.
class DefaultMeasures {
  public:
    DefaultMeasures(const model::Run& baseline, const model::Run& candidate);

    // Why the measure `measure` of the benchmark `name` is not gated by default, as the note
    // of its comparison ("a rate derived from cpu_time: reported, not gated"); empty when
    // it is gated by default. A measure counts as derived only when the benchmark also has
    // the measure it derives from (in either run).
    std::optional<std::string> not_gated(std::string_view name, std::string_view measure) const;

  private:
    bool has(std::string_view name, std::string_view measure) const;

    // Views of the runs' strings: the runs outlive the DefaultMeasures made of them.
    std::unordered_set<MetricKey, MetricKeyHash> measures_;
};

// Whether a comparison says its metric got worse beyond the noise: when gated, its class
// is a regression; when not, what its class would say were it gated alone: its oriented
// ratio at least `minor` and, when it was tested, its raw p-value below `alpha`. Added,
// removed, failed and skipped metrics and those of unknown direction have no such ratio.
bool worse_beyond_noise(const model::Comparison& c, double minor, double alpha);

// How one metric is gated: by the gate file when it chooses the metric's measure
// (MetricGate::measure_chosen), else by the default measures. A measure of unknown
// direction is never gated whatever this says; its comparison notes that itself.
struct Gating {
    std::optional<Options> own;  // the gate file's options for the metric; empty: the run's
    bool gated = true;           // compared inside the multiple-testing family
    std::string not_gated;       // why not, as the note of its comparison
};

// The gating of `metric` (the candidate's, else the baseline's); `per_metric` is null or
// empty without a gate file.
Gating gating_of(const model::Metric& metric, const MetricOptions* per_metric,
                 const DefaultMeasures& defaults);

}  // namespace caws::compare
