#pragma once

// Stable identifiers of enum values, as manifests spell them, kept beside the values in
// one table per enum.

#include <array>
#include <cstddef>
#include <optional>
#include <string_view>

namespace caws::exec {

template <typename Enum>
struct EnumName {
    Enum value;
    std::string_view id;
};

// The identifier of `value`; empty when the table lacks it.
template <typename Enum, std::size_t N>
constexpr std::string_view id_of(const std::array<EnumName<Enum>, N>& table, Enum value) {
    for (const EnumName<Enum>& name : table) {
        if (name.value == value) return name.id;
    }
    return {};
}

// The value with identifier `id`, or nullopt.
template <typename Enum, std::size_t N>
constexpr std::optional<Enum> value_of(const std::array<EnumName<Enum>, N>& table,
                                       std::string_view id) {
    for (const EnumName<Enum>& name : table) {
        if (name.id == id) return name.value;
    }
    return std::nullopt;
}

}  // namespace caws::exec
