#pragma once

#include <cstdint>

namespace caws::stats {

// A small deterministic pseudo-random generator: xoshiro256** (Blackman & Vigna 2018)
// seeded through splitmix64. The same seed gives the same stream on every platform and
// compiler, which std::uniform_int_distribution and friends do not promise; resampling
// methods take one so that reports are reproducible byte for byte.
class Random {
  public:
    explicit Random(std::uint64_t seed);

    // The next 64 uniformly distributed bits.
    std::uint64_t next();

    // A uniform integer in [0, bound), without modulo bias (Lemire 2019). `bound` must be
    // positive.
    std::uint32_t below(std::uint32_t bound);

    // A uniform double in [0, 1) with 53 random bits.
    double uniform();

    // A standard normal deviate (Marsaglia's polar method; the spare value is kept).
    double normal();

  private:
    std::uint64_t state_[4];
    double spare_ = 0;
    bool has_spare_ = false;
};

// A seed for stream `stream` derived from `seed` (splitmix64 of both), so that each metric
// gets its own reproducible stream whatever the other metrics of a run are.
std::uint64_t derive_seed(std::uint64_t seed, std::uint64_t stream);

}  // namespace caws::stats
