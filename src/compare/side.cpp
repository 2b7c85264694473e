#include "compare/side.hpp"

#include <algorithm>
#include <cmath>

#include "stats/noise.hpp"

namespace caws::compare {

Side prepare(const model::Metric& metric, bool drop_outliers) {
    Side side;
    const std::vector<double>& samples = metric.samples;
    side.values = samples;
    if (!samples.empty()) {
        model::SideNoise noise;
        const double cv = stats::coefficient_of_variation(samples);
        if (std::isfinite(cv)) noise.cv = cv;
        noise.mad = stats::median_absolute_deviation(samples);
        const stats::TukeyFences fences = stats::tukey_fences(samples);
        noise.outliers = stats::count_outliers(samples, fences);
        if (drop_outliers && *noise.outliers > 0) {
            side.kept = stats::without_outliers(samples, fences);
            side.values = side.kept;
            side.dropped = *noise.outliers;
        }
        side.noise = noise;
        side.positive =
            std::all_of(side.values.begin(), side.values.end(), [](double v) { return v > 0; });
        if (side.positive) {
            side.logs.reserve(side.values.size());
            for (const double v : side.values) side.logs.push_back(std::log(v));
            side.log_summary = stats::summarize(side.logs);
        }
    } else if (metric.summary && metric.summary->mean && metric.summary->stddev &&
               *metric.summary->mean != 0) {
        model::SideNoise noise;
        noise.cv = *metric.summary->stddev / std::fabs(*metric.summary->mean);
        side.noise = noise;
    }
    return side;
}

std::optional<stats::SampleSummary> welch_summary(const model::Metric& metric, const Side& side) {
    if (!side.values.empty()) {
        if (side.values.size() < 2) return std::nullopt;
        return stats::summarize(side.values);
    }
    if (!metric.summary) return std::nullopt;
    const model::Summary& s = *metric.summary;
    if (!s.mean || !s.stddev || s.n < 2) return std::nullopt;
    return stats::SampleSummary{*s.mean, *s.stddev, s.n};
}

}  // namespace caws::compare
