#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace caws::model {

// What a measure measures. Every metric is stored in the canonical unit of its dimension
// (docs/baselines.md): seconds, bytes, per-second rates, plain counts and fractions.
enum class Dimension {
    time,       // seconds
    size,       // bytes
    count,      // a plain number (operations, allocations, iterations, ...)
    rate,       // events per second
    byte_rate,  // bytes per second
    fraction,   // a ratio, 0.05 for 5 %
    other,      // a unit caws-gate does not know; values are kept as written
};

// How sizes and byte rates are scaled for people: powers of 1024 (KiB, MiB) or of 1000
// (kB, MB).
enum class SizePrefixes { binary, decimal };

struct Unit {
    Dimension dimension = Dimension::other;
    // The canonical symbol ("s", "B", "1", "1/s", "B/s", "fraction") or, for
    // Dimension::count and Dimension::other, the unit as the tool wrote it ("allocs/op").
    std::string symbol;
    // The prefixes the input wrote a size or byte rate with, to show it in the same family:
    // decimal for kB, MB, GB, MB/s, ...; binary for KiB, MiB, ... and for plain bytes
    // (docs/reports.md). Not part of the unit's identity: values are canonical either way.
    SizePrefixes prefixes = SizePrefixes::binary;

    friend bool operator==(const Unit& a, const Unit& b) {
        return a.dimension == b.dimension && a.symbol == b.symbol;
    }
};

// "decimal" or "binary", as written in baseline files and reports, and back.
std::string_view to_string(SizePrefixes prefixes);
std::optional<SizePrefixes> size_prefixes_from_string(std::string_view text);

Unit seconds();
Unit bytes();
Unit count(std::string symbol = "1");
Unit per_second();
Unit bytes_per_second();
Unit fraction();

// Stable identifier of a dimension, as written in baseline files ("time", "size", ...).
std::string_view to_string(Dimension dimension);
std::optional<Dimension> dimension_from_string(std::string_view text);

// The unit with this canonical symbol as written in baseline and report files; symbols
// that are not canonical become Dimension::other.
Unit unit_from_symbol(std::string_view symbol);

// Multiplier from a time unit written by benchmark tools ("ns", "us", "µs", "ms", "s",
// "min", "h") to seconds, or nullopt for anything else.
std::optional<double> seconds_per(std::string_view time_unit);

// Whether two units can be compared (same dimension and, for count/other, same symbol).
bool comparable(const Unit& a, const Unit& b);

}  // namespace caws::model
