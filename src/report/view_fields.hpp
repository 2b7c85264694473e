#pragma once

// Reading the fields of a JSON report while building a view model, shared by the view
// models of the reports, the paper tables and the trend reports. Internal header (includes
// kainjow mustache).

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include <kainjow/mustache.hpp>
#include <nlohmann/json.hpp>

namespace caws::report {

// Severity order of levels, worst first: fail, warn, info, then anything else (pass).
inline int level_rank(std::string_view level) {
    if (level == "fail") return 0;
    if (level == "warn") return 1;
    if (level == "info") return 2;
    return 3;
}

// "1 metric", "3 metrics".
inline std::string plural(std::size_t count, const char* one, const char* many) {
    return std::to_string(count) + " " + (count == 1 ? one : many);
}

// The icon of a level ("fail", "warn", "info", "pass"), the same in every report.
inline const char* level_icon(std::string_view level) {
    if (level == "fail") return "❌";
    if (level == "warn") return "⚠️";
    if (level == "info") return "ℹ️";
    return "✅";
}

// A mustache boolean, for {{#flag}} sections.
inline kainjow::mustache::data boolean(bool value) {
    using kainjow::mustache::data;
    return value ? data(data::type::bool_true) : data(data::type::bool_false);
}

// kainjow copies a value deeply on every set() and push_back(), and its move constructor
// is not noexcept, so a std::vector of rows copies every row again each time it grows.
// Large views are built with these instead: values are moved into place, and lists are
// reserved to their final size and filled where they lie.

// A mustache string that takes over `value` instead of copying it.
inline kainjow::mustache::data text(std::string value) {
    kainjow::mustache::data out(kainjow::mustache::data::type::string);
    const_cast<std::string&>(out.string_value()) = std::move(value);
    return out;
}

// Sets `key` of the object `object` to `value` without copying it.
inline void put(kainjow::mustache::data& object, const std::string& key,
                kainjow::mustache::data value) {
    object[key] = std::move(value);
}
inline void put(kainjow::mustache::data& object, const std::string& key, std::string value) {
    object[key] = text(std::move(value));
}
inline void put(kainjow::mustache::data& object, const std::string& key, const char* value) {
    object[key] = kainjow::mustache::data(value);
}

// The rows of a list value, to fill in place (the list belongs to a view that is not const).
inline kainjow::mustache::list& rows_of(kainjow::mustache::data& list) {
    return const_cast<kainjow::mustache::list&>(list.list_value());
}

// A list value holding `rows`, moved rather than copied.
inline kainjow::mustache::data list_of(std::vector<kainjow::mustache::data> rows) {
    kainjow::mustache::data out(kainjow::mustache::data::type::list);
    rows_of(out).swap(rows);
    return out;
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
