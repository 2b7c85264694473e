#include "compare/gated_measures.hpp"

namespace caws::compare {
namespace {

// Stands for the clock Google Benchmark times the benchmark by (google_benchmark_clock).
constexpr std::string_view k_clock = "<clock>";

enum class Derivation { rate, second_clock };

// A measure that is not gated by default when its benchmark also has `from`. Rates and
// second clocks are all the tools write besides their time that follows from it; memory,
// allocations and counters are measures of their own and stay gated.
struct DerivedMeasure {
    std::string_view measure;
    std::string_view from;
    Derivation derivation;
};

constexpr DerivedMeasure k_derived[] = {
    // Google Benchmark: the clock it does not time by, and the rates it divides by the one
    // it does (SetItemsProcessed, SetBytesProcessed).
    {"real_time", k_clock, Derivation::second_clock},
    {"cpu_time", k_clock, Derivation::second_clock},
    {"items_per_second", k_clock, Derivation::rate},
    {"bytes_per_second", k_clock, Derivation::rate},
    // Criterion and Rust's libtest: the throughput of a time.
    {"throughput", "time", Derivation::rate},
    // Go: MB/s from b.SetBytes, the bytes over ns/op.
    {"B/s", "sec/op", Derivation::rate},
};

}  // namespace

std::string_view google_benchmark_clock(std::string_view name) {
    std::size_t start = 0;
    while (start <= name.size()) {
        const std::size_t slash = std::min(name.find('/', start), name.size());
        const std::string_view part = name.substr(start, slash - start);
        if (part == "real_time" || part == "manual_time") return "real_time";
        start = slash + 1;
    }
    return "cpu_time";
}

DefaultMeasures::DefaultMeasures(const model::Run& baseline, const model::Run& candidate) {
    measures_.reserve(baseline.metrics.size() + candidate.metrics.size());
    for (const model::Run* run : {&baseline, &candidate}) {
        for (const model::Metric& metric : run->metrics) measures_.emplace(metric);
    }
}

bool DefaultMeasures::has(std::string_view name, std::string_view measure) const {
    return measures_.contains(MetricKey(name, measure));
}

std::optional<std::string> DefaultMeasures::not_gated(std::string_view name,
                                                      std::string_view measure) const {
    for (const DerivedMeasure& derived : k_derived) {
        if (derived.measure != measure) continue;
        const std::string_view from =
            derived.from == k_clock ? google_benchmark_clock(name) : derived.from;
        if (from == measure || !has(name, from)) return std::nullopt;
        return (derived.derivation == Derivation::rate ? "a rate derived from "
                                                       : "a second clock beside ") +
               std::string(from) + ": reported, not gated";
    }
    return std::nullopt;
}

bool worse_beyond_noise(const model::Comparison& c, double minor, double alpha) {
    if (c.gated) return model::is_regression(c.change);
    if (c.direction == model::Direction::unknown || !c.ratio || !(*c.ratio >= minor)) {
        return false;
    }
    // Untested (too few samples for any test), the ratio decides, as it does the class.
    return !c.tested || (c.p_value && *c.p_value < alpha);
}

Gating gating_of(const model::Metric& metric, const MetricOptions* per_metric,
                 const DefaultMeasures& defaults) {
    Gating out;
    if (per_metric != nullptr && *per_metric) {
        MetricGate gate = (*per_metric)(metric);
        out.own = std::move(gate.options);
        if (!out.own) {
            out.gated = false;
            out.not_gated = "measure not gated by the gate file: reported, not gated";
            return out;
        }
        if (gate.measure_chosen) return out;
    }
    if (auto why = defaults.not_gated(metric.name, metric.measure)) {
        out.gated = false;
        out.not_gated = std::move(*why);
    }
    return out;
}

}  // namespace caws::compare
