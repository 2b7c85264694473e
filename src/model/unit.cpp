#include "model/unit.hpp"

#include <array>
#include <utility>

namespace caws::model {
namespace {

constexpr std::array<std::pair<Dimension, std::string_view>, 7> k_dimension_names{{
    {Dimension::time, "time"},
    {Dimension::size, "size"},
    {Dimension::count, "count"},
    {Dimension::rate, "rate"},
    {Dimension::byte_rate, "byte_rate"},
    {Dimension::fraction, "fraction"},
    {Dimension::other, "other"},
}};

}  // namespace

Unit seconds() {
    return {Dimension::time, "s"};
}
Unit bytes() {
    return {Dimension::size, "B"};
}
Unit count(std::string symbol) {
    return {Dimension::count, std::move(symbol)};
}
Unit per_second() {
    return {Dimension::rate, "1/s"};
}
Unit bytes_per_second() {
    return {Dimension::byte_rate, "B/s"};
}
Unit fraction() {
    return {Dimension::fraction, "fraction"};
}

std::string_view to_string(Dimension dimension) {
    for (const auto& [value, name] : k_dimension_names) {
        if (value == dimension) return name;
    }
    return "other";
}

std::string_view to_string(SizePrefixes prefixes) {
    return prefixes == SizePrefixes::decimal ? "decimal" : "binary";
}

std::optional<SizePrefixes> size_prefixes_from_string(std::string_view text) {
    if (text == "decimal") return SizePrefixes::decimal;
    if (text == "binary") return SizePrefixes::binary;
    return std::nullopt;
}

std::optional<Dimension> dimension_from_string(std::string_view text) {
    for (const auto& [value, name] : k_dimension_names) {
        if (name == text) return value;
    }
    return std::nullopt;
}

Unit unit_from_symbol(std::string_view symbol) {
    if (symbol == "s") return seconds();
    if (symbol == "B") return bytes();
    if (symbol == "1/s") return per_second();
    if (symbol == "B/s") return bytes_per_second();
    if (symbol == "fraction") return fraction();
    if (symbol == "1") return count();
    return {Dimension::other, std::string(symbol)};
}

std::optional<double> seconds_per(std::string_view time_unit) {
    if (time_unit == "ns") return 1e-9;
    if (time_unit == "us" || time_unit == "\xC2\xB5s" || time_unit == "\xCE\xBCs") return 1e-6;
    if (time_unit == "ms") return 1e-3;
    if (time_unit == "s") return 1.0;
    if (time_unit == "min") return 60.0;
    if (time_unit == "h") return 3600.0;
    return std::nullopt;
}

bool comparable(const Unit& a, const Unit& b) {
    if (a.dimension != b.dimension) return false;
    if (a.dimension == Dimension::count || a.dimension == Dimension::other) {
        return a.symbol == b.symbol;
    }
    return true;
}

}  // namespace caws::model
