#include "support/simulated_runs.hpp"

#include <cmath>
#include <string>

namespace caws::test {

SimulatedRuns simulate_runs(const std::vector<double>& ratios, std::size_t n_baseline,
                            std::size_t n_candidate, double cv, std::uint64_t seed) {
    // A log-normal variable with log-sd sigma has CV sqrt(exp(sigma^2) - 1).
    const double sigma = std::sqrt(std::log1p(cv * cv));
    stats::Random random(seed);
    SimulatedRuns runs;
    const auto draw = [&](double scale, std::size_t n) {
        std::vector<double> samples(n);
        for (double& v : samples) v = 1e-6 * scale * std::exp(sigma * random.normal());
        return samples;
    };
    for (std::size_t i = 0; i < ratios.size(); ++i) {
        model::Metric metric;
        metric.name = "BM_" + std::to_string(i);
        metric.measure = "cpu_time";
        metric.unit = model::seconds();
        metric.direction = model::Direction::lower;
        metric.samples = draw(1.0, n_baseline);
        runs.baseline.metrics.push_back(metric);
        metric.samples = draw(ratios[i], n_candidate);
        runs.candidate.metrics.push_back(std::move(metric));
    }
    return runs;
}

}  // namespace caws::test
