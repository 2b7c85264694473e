#pragma once

// Reading the fields of a JSON report while building a view model, shared by the view
// models of the reports, the paper tables and the trend reports. Internal header (includes
// kainjow mustache).

#include <optional>
#include <string>

#include <kainjow/mustache.hpp>
#include <nlohmann/json.hpp>

namespace caws::report {

// A mustache boolean, for {{#flag}} sections.
inline kainjow::mustache::data boolean(bool value) {
    using kainjow::mustache::data;
    return value ? data(data::type::bool_true) : data(data::type::bool_false);
}

// The string at `key`, or `fallback` when it is absent or not a string.
inline std::string text_or(const nlohmann::ordered_json& object, const char* key,
                           std::string fallback = {}) {
    const auto found = object.find(key);
    if (found == object.end() || !found->is_string()) return fallback;
    return found->get<std::string>();
}

// The number at `key`, or nothing when it is absent, null or not a number.
inline std::optional<double> number_at(const nlohmann::ordered_json& object, const char* key) {
    const auto found = object.find(key);
    if (found == object.end() || !found->is_number()) return std::nullopt;
    return found->get<double>();
}

}  // namespace caws::report
