#pragma once

namespace caws::stats {

// A closed interval [low, high] of an estimate; low <= high.
struct Interval {
    double low = 0;
    double high = 0;
};

}  // namespace caws::stats
