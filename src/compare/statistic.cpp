#include "compare/statistic.hpp"

#include <array>
#include <utility>

#include "stats/descriptive.hpp"

namespace caws::compare {
namespace {

constexpr std::array<std::pair<Statistic, std::string_view>, 7> k_names{{
    {Statistic::median, "median"},
    {Statistic::mean, "mean"},
    {Statistic::min, "min"},
    {Statistic::max, "max"},
    {Statistic::p90, "p90"},
    {Statistic::p95, "p95"},
    {Statistic::p99, "p99"},
}};

}  // namespace

std::string_view to_string(Statistic statistic) {
    for (const auto& [value, name] : k_names) {
        if (value == statistic) return name;
    }
    return "median";
}

std::optional<Statistic> statistic_from_string(std::string_view text) {
    for (const auto& [value, name] : k_names) {
        if (name == text) return value;
    }
    if (text == "p50") return Statistic::median;
    return std::nullopt;
}

std::optional<double> statistic_value(const model::Metric& metric, Statistic statistic) {
    return statistic_value(metric.samples, metric.summary, statistic);
}

std::optional<double> statistic_value(std::span<const double> samples,
                                      const std::optional<model::Summary>& summary_or_none,
                                      Statistic statistic) {
    if (!samples.empty()) {
        const auto& s = samples;
        switch (statistic) {
            case Statistic::median:
                return stats::median(s);
            case Statistic::mean:
                return stats::mean(s);
            case Statistic::min:
                return stats::minimum(s);
            case Statistic::max:
                return stats::maximum(s);
            case Statistic::p90:
                return stats::quantile(s, 0.90);
            case Statistic::p95:
                return stats::quantile(s, 0.95);
            case Statistic::p99:
                return stats::quantile(s, 0.99);
        }
    }
    if (!summary_or_none) return std::nullopt;
    const model::Summary& summary = *summary_or_none;
    switch (statistic) {
        case Statistic::median:
            return summary.median;
        case Statistic::mean:
            return summary.mean;
        case Statistic::min:
            return summary.min;
        case Statistic::max:
            return summary.max;
        case Statistic::p90:
            return summary.p90;
        case Statistic::p95:
            return summary.p95;
        case Statistic::p99:
            return summary.p99;
    }
    return std::nullopt;
}

}  // namespace caws::compare
