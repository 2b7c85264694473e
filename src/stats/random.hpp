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

    // The next 64 uniformly distributed bits. Inline: resampling draws tens of millions.
    std::uint64_t next() {
        const std::uint64_t result = rotl(state_[1] * 5, 7) * 9;
        const std::uint64_t t = state_[1] << 17;
        state_[2] ^= state_[0];
        state_[3] ^= state_[1];
        state_[1] ^= state_[2];
        state_[0] ^= state_[3];
        state_[2] ^= t;
        state_[3] = rotl(state_[3], 45);
        return result;
    }

    // A uniform integer in [0, bound), without modulo bias (Lemire 2019). `bound` must be
    // positive.
    std::uint32_t below(std::uint32_t bound) {
        // Multiply-shift maps 32 random bits onto [0, bound); rejecting the few low
        // products that would over-represent some values keeps it exactly uniform.
        std::uint64_t product = (next() >> 32) * bound;
        auto low = static_cast<std::uint32_t>(product);
        if (low < bound) {
            const std::uint32_t threshold = static_cast<std::uint32_t>(-bound) % bound;
            while (low < threshold) {
                product = (next() >> 32) * bound;
                low = static_cast<std::uint32_t>(product);
            }
        }
        return static_cast<std::uint32_t>(product >> 32);
    }

    // Two independent uniform integers in [0, bound) from the two halves of one draw; a
    // half that Lemire's method rejects is replaced by a fresh below(bound), which keeps
    // both exactly uniform. Half the generator calls of two below() in resampling loops.
    void below_twice(std::uint32_t bound, std::uint32_t& first, std::uint32_t& second) {
        const std::uint64_t bits = next();
        first = from_bits(static_cast<std::uint32_t>(bits >> 32), bound);
        second = from_bits(static_cast<std::uint32_t>(bits), bound);
    }

    // A uniform double in [0, 1) with 53 random bits.
    double uniform();

    // A standard normal deviate (Marsaglia's polar method; the spare value is kept).
    double normal();

  private:
    // Lemire's multiply-shift of 32 random bits; the threshold (a division) is only needed
    // in the rare case that the low half of the product is below the bound.
    std::uint32_t from_bits(std::uint32_t bits, std::uint32_t bound) {
        const std::uint64_t product = std::uint64_t{bits} * bound;
        const auto low = static_cast<std::uint32_t>(product);
        if (low < bound && low < static_cast<std::uint32_t>(-bound) % bound) return below(bound);
        return static_cast<std::uint32_t>(product >> 32);
    }

    static std::uint64_t rotl(std::uint64_t x, int k) { return (x << k) | (x >> (64 - k)); }

    std::uint64_t state_[4];
    double spare_ = 0;
    bool has_spare_ = false;
};

// A seed for stream `stream` derived from `seed` (splitmix64 of both), so that each metric
// gets its own reproducible stream whatever the other metrics of a run are.
std::uint64_t derive_seed(std::uint64_t seed, std::uint64_t stream);

}  // namespace caws::stats
