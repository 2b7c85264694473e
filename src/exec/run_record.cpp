#include "exec/run_record.hpp"

#include <array>

#include "exec/enum_names.hpp"

namespace caws::exec {
namespace {

constexpr std::array<EnumName<Outcome>, 4> k_outcome_names{{
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
    return id_of(k_outcome_names, outcome);
}

std::optional<Outcome> find_outcome(std::string_view id) {
    return value_of(k_outcome_names, id);
}

}  // namespace caws::exec
