#pragma once

// Numbers in the JSON documents the reports write (the report, the paper table, the trend
// report). JSON has no infinity and no NaN: such values are written as null.

#include <cmath>
#include <optional>

#include <nlohmann/json.hpp>

#include "model/comparison.hpp"

namespace caws::report {

// `value`, or null when it is not finite.
inline nlohmann::ordered_json number_or_null(double value) {
    if (!std::isfinite(value)) return nullptr;
    return value;
}

// `value`, or null when it is absent or not finite.
inline nlohmann::ordered_json number_or_null(const std::optional<double>& value) {
    if (!value) return nullptr;
    return number_or_null(*value);
}

// [low, high], or null when there is no interval.
inline nlohmann::ordered_json interval_or_null(const std::optional<model::Interval>& interval) {
    if (!interval) return nullptr;
    return nlohmann::ordered_json::array({interval->low, interval->high});
}

}  // namespace caws::report
