#include "model/comparison.hpp"

#include <array>
#include <utility>

namespace caws::model {
namespace {

constexpr std::array<std::pair<ChangeClass, std::string_view>, 9> k_change_names{{
    {ChangeClass::severe, "severe"},
    {ChangeClass::moderate, "moderate"},
    {ChangeClass::minor, "minor"},
    {ChangeClass::unchanged, "unchanged"},
    {ChangeClass::improved, "improved"},
    {ChangeClass::added, "added"},
    {ChangeClass::removed, "removed"},
    {ChangeClass::failed, "failed"},
    {ChangeClass::skipped, "skipped"},
}};

constexpr std::array<std::pair<Level, std::string_view>, 4> k_level_names{{
    {Level::pass, "pass"},
    {Level::info, "info"},
    {Level::warn, "warn"},
    {Level::fail, "fail"},
}};

}  // namespace

std::string_view to_string(ChangeClass change) {
    for (const auto& [value, name] : k_change_names) {
        if (value == change) return name;
    }
    return "unchanged";
}

std::optional<ChangeClass> change_class_from_string(std::string_view text) {
    for (const auto& [value, name] : k_change_names) {
        if (name == text) return value;
    }
    return std::nullopt;
}

bool is_regression(ChangeClass change) {
    return change == ChangeClass::minor || change == ChangeClass::moderate ||
           change == ChangeClass::severe;
}

bool is_change(ChangeClass change) {
    return is_regression(change) || change == ChangeClass::improved;
}

bool is_compared(ChangeClass change) {
    return change != ChangeClass::added && change != ChangeClass::removed &&
           change != ChangeClass::failed && change != ChangeClass::skipped;
}

std::string_view to_string(Level level) {
    for (const auto& [value, name] : k_level_names) {
        if (value == level) return name;
    }
    return "pass";
}

std::optional<Level> level_from_string(std::string_view text) {
    for (const auto& [value, name] : k_level_names) {
        if (name == text) return value;
    }
    return std::nullopt;
}

}  // namespace caws::model
