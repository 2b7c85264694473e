#pragma once

// Building view models: levels, counts and numbers as every report writes them, kainjow
// values built without copies, and the fields of JSON documents still read as JSON (the
// paper table, the trend report). Shared by the views of every report. Internal header
// (includes kainjow mustache).

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include <kainjow/mustache.hpp>
#include <nlohmann/json.hpp>

#include "model/comparison.hpp"
#include "model/quantity_format.hpp"

namespace caws::report {

// Severity order of levels, worst first: fail, warn, info, then pass.
inline int level_rank(model::Level level) {
    switch (level) {
        case model::Level::fail:
            return 0;
        case model::Level::warn:
            return 1;
        case model::Level::info:
            return 2;
        case model::Level::pass:
            break;
    }
    return 3;
}

// The icon of a level, the same in every report.
inline const char* level_icon(model::Level level) {
    switch (level) {
        case model::Level::fail:
            return "❌";
        case model::Level::warn:
            return "⚠️";
        case model::Level::info:
            return "ℹ️";
        case model::Level::pass:
            break;
    }
    return "✅";
}

// The same for a level read as text from a JSON document (a trend report): anything but
// "fail", "warn" and "info" counts as "pass".
inline model::Level level_of(std::string_view level) {
    return model::level_from_string(level).value_or(model::Level::pass);
}
inline int level_rank(std::string_view level) {
    return level_rank(level_of(level));
}
inline const char* level_icon(std::string_view level) {
    return level_icon(level_of(level));
}

// "1 metric", "3 metrics".
inline std::string plural(std::size_t count, const char* one, const char* many) {
    return std::to_string(count) + " " + (count == 1 ? one : many);
}

// A change in percent with its sign: "+1.23%", "-0.5%"; "–" for none.
inline std::string signed_percent(const std::optional<double>& percent) {
    if (!percent) return "–";
    const std::string number = model::format_number(*percent, 2);
    return (*percent > 0 ? "+" : "") + number + "%";
}

// Significance stars of a p-value, as papers print them: *** below 0.001, ** below 0.01,
// * below 0.05, none otherwise or without a p-value.
inline std::string significance_stars(const std::optional<double>& p) {
    if (!p) return {};
    if (*p < 0.001) return "***";
    if (*p < 0.01) return "**";
    if (*p < 0.05) return "*";
    return {};
}

// An interval of ratios, three significant digits: "[1.10, 1.31]".
inline std::string interval_text(const model::Interval& interval) {
    std::string text = "[";
    text += model::format_number(interval.low, 3);
    text += ", ";
    text += model::format_number(interval.high, 3);
    return text + "]";
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
