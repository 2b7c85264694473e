#include "model/quantity_format.hpp"

#include <array>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <utility>

namespace caws::model {
namespace {

struct Scale {
    double factor;
    const char* suffix;
};

std::string with_scale(double value, const Scale* scales, std::size_t count) {
    const double magnitude = std::fabs(value);
    const Scale* chosen = &scales[0];
    for (std::size_t i = 0; i < count; ++i) {
        if (magnitude >= scales[i].factor * 0.9995) chosen = &scales[i];
    }
    return format_number(value / chosen->factor) + chosen->suffix;
}

}  // namespace

std::string format_number(double value, int significant) {
    if (std::isnan(value)) return "NaN";
    if (std::isinf(value)) return value > 0 ? "∞" : "-∞";
    if (value == 0) return "0";
    const double magnitude = std::fabs(value);
    char buffer[64];
    if (magnitude >= 1e15 || magnitude < 1e-6) {
        std::snprintf(buffer, sizeof buffer, "%.*e", significant - 1, value);
        return buffer;
    }
    const int digits_before = static_cast<int>(std::floor(std::log10(magnitude))) + 1;
    int decimals = significant - digits_before;
    if (decimals < 0) decimals = 0;
    std::snprintf(buffer, sizeof buffer, "%.*f", decimals, value);
    // Rounding may have added a digit (9.995 -> "10.00"); one decimal fewer then.
    const double rounded = std::fabs(std::strtod(buffer, nullptr));
    if (decimals > 0 && rounded > 0 &&
        static_cast<int>(std::floor(std::log10(rounded))) + 1 > digits_before) {
        std::snprintf(buffer, sizeof buffer, "%.*f", decimals - 1, value);
    }
    return buffer;
}

std::string format_quantity(double value, const Unit& unit) {
    return format_quantity(value, unit, unit.prefixes);
}

std::string format_quantity(double value, const Unit& unit, SizePrefixes sizes) {
    if (!std::isfinite(value)) return format_number(value);
    switch (unit.dimension) {
        case Dimension::time: {
            static constexpr Scale scales[] = {
                {1e-9, " ns"}, {1e-6, " µs"}, {1e-3, " ms"}, {1.0, " s"}};
            if (value != 0 && std::fabs(value) < 1e-9) return format_number(value * 1e9) + " ns";
            return with_scale(value, scales, std::size(scales));
        }
        case Dimension::size: {
            static constexpr Scale decimal[] = {
                {1.0, " B"}, {1e3, " kB"}, {1e6, " MB"}, {1e9, " GB"}, {1e12, " TB"}};
            if (sizes == SizePrefixes::decimal) {
                return with_scale(value, decimal, std::size(decimal));
            }
            static constexpr Scale scales[] = {{1.0, " B"},
                                               {1024.0, " KiB"},
                                               {1024.0 * 1024, " MiB"},
                                               {1024.0 * 1024 * 1024, " GiB"},
                                               {1024.0 * 1024 * 1024 * 1024, " TiB"}};
            return with_scale(value, scales, std::size(scales));
        }
        case Dimension::rate: {
            static constexpr Scale scales[] = {
                {1.0, "/s"}, {1e3, " k/s"}, {1e6, " M/s"}, {1e9, " G/s"}};
            return with_scale(value, scales, std::size(scales));
        }
        case Dimension::byte_rate: {
            static constexpr Scale decimal[] = {
                {1.0, " B/s"}, {1e3, " kB/s"}, {1e6, " MB/s"}, {1e9, " GB/s"}};
            if (sizes == SizePrefixes::decimal) {
                return with_scale(value, decimal, std::size(decimal));
            }
            static constexpr Scale scales[] = {{1.0, " B/s"},
                                               {1024.0, " KiB/s"},
                                               {1024.0 * 1024, " MiB/s"},
                                               {1024.0 * 1024 * 1024, " GiB/s"}};
            return with_scale(value, scales, std::size(scales));
        }
        case Dimension::fraction:
            return format_number(value * 100) + " %";
        case Dimension::count:
            if (unit.symbol.empty() || unit.symbol == "1") return format_number(value);
            return format_number(value) + " " + unit.symbol;
        case Dimension::other:
            break;
    }
    if (unit.symbol.empty()) return format_number(value);
    return format_number(value) + " " + unit.symbol;
}

std::string format_plain(double value) {
    char buffer[32];
    std::snprintf(buffer, sizeof buffer, "%.6g", value);
    return buffer;
}

std::string format_percent(double fraction) {
    return format_number(fraction * 100, 2) + "%";
}

std::string format_plain_percent(double fraction) {
    return format_plain(fraction * 100) + "%";
}

std::string format_ratio(double ratio) {
    if (std::isinf(ratio)) return "∞";
    if (std::isnan(ratio)) return "n/a";
    if (ratio != 0 && std::fabs(ratio) < 0.01) return format_number(ratio, 2) + "x";
    char buffer[32];
    std::snprintf(buffer, sizeof buffer, "%.2fx", ratio);
    return buffer;
}

std::string format_p_value(double p) {
    if (std::isnan(p)) return "n/a";
    if (p < 0.0001) return "<0.0001";
    char buffer[16];
    std::snprintf(buffer, sizeof buffer, "%.2g", p);  // 0.0002, 0.0031, 0.042, 0.31, 1
    return buffer;
}

}  // namespace caws::model
