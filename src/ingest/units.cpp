#include "ingest/units.hpp"

#include <array>
#include <cmath>
#include <string>
#include <utility>

#include "util/strings.hpp"

namespace caws::ingest {
namespace {

// Units a benchmark tool prints, exactly as written (case matters: "MB" is not "Mb").
constexpr std::array<std::pair<std::string_view, double>, 7> k_extra_time_units{{
    {"ps", 1e-12},
    {"sec", 1.0},
    {"msec", 1e-3},
    {"usec", 1e-6},
    {"nsec", 1e-9},
    {"hr", 3600.0},
    {"day", 86400.0},
}};

// Spelled-out time units, compared in lower case, singular or plural.
constexpr std::array<std::pair<std::string_view, double>, 7> k_time_words{{
    {"picosecond", 1e-12},
    {"nanosecond", 1e-9},
    {"microsecond", 1e-6},
    {"millisecond", 1e-3},
    {"second", 1.0},
    {"minute", 60.0},
    {"hour", 3600.0},
}};

constexpr std::array<std::pair<std::string_view, double>, 9> k_size_units{{
    {"B", 1.0},
    {"KB", 1e3},
    {"kB", 1e3},
    {"KiB", 1024.0},
    {"MB", 1e6},
    {"MiB", 1048576.0},
    {"GB", 1e9},
    {"GiB", 1073741824.0},
    {"TB", 1e12},
}};

constexpr std::array<std::pair<std::string_view, double>, 7> k_size_words{{
    {"byte", 1.0},
    {"kilobyte", 1e3},
    {"kibibyte", 1024.0},
    {"megabyte", 1e6},
    {"mebibyte", 1048576.0},
    {"gigabyte", 1e9},
    {"gibibyte", 1073741824.0},
}};

template <std::size_t N>
std::optional<double> find_word(const std::array<std::pair<std::string_view, double>, N>& words,
                                std::string_view unit) {
    std::string text = util::lower(unit);
    if (text.size() > 1 && text.back() == 's') text.pop_back();
    for (const auto& [word, scale] : words) {
        if (word == text) return scale;
    }
    return std::nullopt;
}

std::optional<double> bytes_per_size_unit(std::string_view unit) {
    if (unit == "TiB") return 1099511627776.0;
    for (const auto& [symbol, scale] : k_size_units) {
        if (symbol == unit) return scale;
    }
    return find_word(k_size_words, unit);
}

bool is_per_operation(std::string_view denominator) {
    for (const std::string_view word : {"op", "ops", "iter", "iteration", "call", "invocation"}) {
        if (denominator == word) return true;
    }
    return false;
}

}  // namespace

std::optional<double> seconds_per_time_unit(std::string_view unit) {
    if (const auto scale = model::seconds_per(unit)) return scale;
    for (const auto& [symbol, scale] : k_extra_time_units) {
        if (symbol == unit) return scale;
    }
    return find_word(k_time_words, unit);
}

namespace {

// A size or byte rate written in multiples of 1000 bytes (kB, MB, megabytes, MB/s) is shown
// in the same family; plain bytes and the binary multiples are shown in binary ones.
UnitConversion with_size_family(UnitConversion conversion, double bytes) {
    const bool decimal = bytes >= 1000.0 && std::fmod(bytes, 1000.0) == 0.0;
    if (decimal) conversion.unit.prefixes = model::SizePrefixes::decimal;
    return conversion;
}

}  // namespace

std::optional<UnitConversion> canonical_unit(std::string_view written) {
    const std::string_view unit = util::trim(written, " ");
    if (const auto scale = seconds_per_time_unit(unit)) {
        return UnitConversion{model::seconds(), *scale};
    }
    if (const auto scale = bytes_per_size_unit(unit)) {
        return with_size_family(UnitConversion{model::bytes(), *scale}, *scale);
    }
    const std::string lowered = util::lower(unit);
    if (unit == "%" || lowered == "percent" || lowered == "pct") {
        return UnitConversion{model::fraction(), 0.01};
    }
    if (lowered == "fraction" || lowered == "ratio") return UnitConversion{model::fraction(), 1.0};
    if (unit.empty() || unit == "1" || lowered == "count") {
        return UnitConversion{model::count(), 1.0};
    }
    if (unit == "Hz") return UnitConversion{model::per_second(), 1.0};
    const std::size_t slash = unit.rfind('/');
    if (slash == std::string_view::npos) return std::nullopt;
    const std::string_view numerator = util::trim(unit.substr(0, slash), " ");
    const std::string_view denominator = util::trim(unit.substr(slash + 1), " ");
    if (const auto seconds = seconds_per_time_unit(denominator)) {
        if (const auto bytes = bytes_per_size_unit(numerator)) {
            return with_size_family(UnitConversion{model::bytes_per_second(), *bytes / *seconds},
                                    *bytes);
        }
        if (numerator.empty() || numerator.find('/') == std::string_view::npos) {
            return UnitConversion{model::per_second(), 1.0 / *seconds};
        }
        return std::nullopt;
    }
    if (is_per_operation(denominator)) {
        if (const auto seconds = seconds_per_time_unit(numerator)) {
            return UnitConversion{model::seconds(), *seconds};
        }
        if (const auto bytes = bytes_per_size_unit(numerator)) {
            return with_size_family(UnitConversion{model::bytes(), *bytes}, *bytes);
        }
        return UnitConversion{model::count(std::string(unit)), 1.0};
    }
    return std::nullopt;
}

std::array<std::optional<double>*, 8> statistics_of(model::Summary& summary) {
    return {&summary.mean, &summary.stddev, &summary.median, &summary.min,
            &summary.max,  &summary.p90,    &summary.p95,    &summary.p99};
}

model::Unit unit_as_written(std::string_view written) {
    return model::Unit{model::Dimension::other, std::string(util::trim(written, " "))};
}

}  // namespace caws::ingest
