#include "stats/run_spread.hpp"

#include <algorithm>
#include <cmath>
#include <limits>

#include "stats/noise.hpp"
#include "stats/student_t.hpp"

namespace caws::stats {

std::optional<LogSpread> log_spread(std::span<const double> values) {
    if (values.empty()) return std::nullopt;
    for (const double v : values) {
        if (!(v > 0) || !std::isfinite(v)) return std::nullopt;
    }
    LogSpread spread;
    spread.runs = values.size();
    double sum = 0;
    for (const double v : values) sum += std::log(v);
    spread.mean = sum / static_cast<double>(values.size());
    if (values.size() < 2) return spread;
    // Two passes: the logs of one benchmark's medians agree in many leading digits, and a
    // one-pass sum of squares would cancel them away.
    double squares = 0;
    for (const double v : values) {
        const double d = std::log(v) - spread.mean;
        squares += d * d;
    }
    spread.df = static_cast<double>(values.size() - 1);
    spread.variance = squares / spread.df;
    return spread;
}

std::optional<LogRange> log_range(std::span<const double> values) {
    if (values.empty()) return std::nullopt;
    std::vector<double> logs;
    logs.reserve(values.size());
    for (const double v : values) {
        if (!(v > 0) || !std::isfinite(v)) return std::nullopt;
        logs.push_back(std::log(v));
    }
    const auto [low, high] = std::minmax_element(logs.begin(), logs.end());
    // The consistency constant of the MAD for a normal standard deviation, 1 / Phi^-1(3/4).
    constexpr double k_mad_to_sd = 1.482602218505602;
    return LogRange{logs.size(), *low, *high, k_mad_to_sd * median_absolute_deviation(logs)};
}

ModeratedVariances moderate_variances(std::span<const double> variances,
                                      std::span<const double> dfs, std::size_t min_measurements) {
    ModeratedVariances out;
    const std::size_t n = std::min(variances.size(), dfs.size());
    std::size_t usable = 0;
    double pooled_df = 0;  // the degrees of freedom of all usable variances together
    for (std::size_t i = 0; i < n; ++i) {
        const bool positive = variances[i] > 0 && std::isfinite(variances[i]);
        if (positive && dfs[i] > 0 && std::isfinite(dfs[i])) {
            ++usable;
            pooled_df += dfs[i];
        }
    }
    if (usable >= min_measurements && usable >= 2) {
        out.prior = fit_noise_prior(variances.first(n), dfs.first(n));
    }
    out.posterior.reserve(n);
    for (std::size_t i = 0; i < n; ++i) {
        if (!out.prior) {
            out.posterior.push_back({variances[i], dfs[i]});
            continue;
        }
        // A prior fitted on these variances knows no more than all of them together: its
        // df are capped at their total, as limma caps df.total at df.pooled.
        const double df = std::min(out.prior->df + dfs[i], pooled_df);
        out.posterior.push_back({posterior_variance(*out.prior, variances[i], dfs[i]), df});
    }
    return out;
}

std::optional<PredictionInterval> prediction_interval(double centre, double sd, double df,
                                                      std::size_t k, double level) {
    if (!(sd >= 0) || !std::isfinite(sd) || !(df > 0) || k < 1 || !(level > 0) || !(level < 1) ||
        !std::isfinite(centre)) {
        return std::nullopt;
    }
    const double quantile = student_t_quantile((1 + level) / 2, df);
    const double half = quantile * sd * std::sqrt(1 + 1 / static_cast<double>(k));
    return PredictionInterval{centre - half, centre + half, half};
}

}  // namespace caws::stats
