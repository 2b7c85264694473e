#pragma once

#include <functional>
#include <vector>

#include "model/comparison.hpp"
#include "model/verdict.hpp"

namespace caws::gate {

// The level each class of change raises. The defaults are the gate without a gate file:
// minor warns; moderate, severe and failed fail; a removed benchmark warns; added and
// skipped benchmarks are noted.
struct Policy {
    model::Level severe = model::Level::fail;
    model::Level moderate = model::Level::fail;
    model::Level minor = model::Level::warn;
    model::Level improved = model::Level::pass;
    model::Level unchanged = model::Level::pass;
    model::Level added = model::Level::info;
    model::Level removed = model::Level::warn;
    model::Level failed = model::Level::fail;
    model::Level skipped = model::Level::info;

    model::Level level_of(model::ChangeClass change) const;
};

// Sets each comparison's level, turns every comparison above `pass` into a finding with
// a sentence a person can act on, and decides the verdict: fail if any finding fails,
// else warn if any warns, else pass. Comparisons that are not gated (unknown direction)
// stay at pass.
model::Verdict evaluate(std::vector<model::Comparison> comparisons, const Policy& policy = {});

// evaluate() with a policy per comparison (a gate file's rules give each metric its levels).
model::Verdict evaluate(std::vector<model::Comparison> comparisons,
                        const std::function<Policy(const model::Comparison&)>& policy_of);

// A regression whose run moved level while it ran (Comparison::level_shift) and that no
// rerun confirmed: the gate warns on it at most, whatever its class's level.
bool held_back_by_level_shift(const model::Comparison& c);

// The sentence of the finding for one comparison.
std::string describe(const model::Comparison& comparison);

}  // namespace caws::gate
