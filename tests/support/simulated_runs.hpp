#pragma once

#include <cstddef>
#include <cstdint>
#include <vector>

#include "model/run.hpp"
#include "stats/random.hpp"

namespace caws::test {

// Two runs of `metrics` timings ("BM_i", cpu_time, seconds, lower is better) drawn from
// log-normal distributions with coefficient of variation `cv` around 1 us; metric i of the
// candidate is slower by ratios[i] (its true ratio). Deterministic for a seed.
struct SimulatedRuns {
    model::Run baseline;
    model::Run candidate;
};

SimulatedRuns simulate_runs(const std::vector<double>& ratios, std::size_t n_baseline,
                            std::size_t n_candidate, double cv, std::uint64_t seed);

}  // namespace caws::test
