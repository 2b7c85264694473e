#include "exec/run_record.hpp"

#include <array>

namespace caws::exec {
namespace {

struct OutcomeName {
    Outcome outcome;
    std::string_view id;
};

constexpr std::array<OutcomeName, 4> k_outcome_names{{
    {Outcome::complete, "complete"},
    {Outcome::max_time, "max-time"},
    {Outcome::failed, "failed"},
    {Outcome::interrupted, "interrupted"},
}};

}  // namespace

std::string_view side_name(Side side) {
    return side == Side::base ? "base" : "head";
}

Side other_side(Side side) {
    return side == Side::base ? Side::head : Side::base;
}

std::string_view outcome_id(Outcome outcome) {
    for (const OutcomeName& name : k_outcome_names) {
        if (name.outcome == outcome) return name.id;
    }
    return "failed";
}

std::optional<Outcome> find_outcome(std::string_view id) {
    for (const OutcomeName& name : k_outcome_names) {
        if (name.id == id) return name.outcome;
    }
    return std::nullopt;
}

}  // namespace caws::exec
