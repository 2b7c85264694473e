#pragma once

#include <array>
#include <optional>
#include <string_view>

#include "model/metric.hpp"
#include "model/unit.hpp"

namespace caws::ingest {

// A unit as a tool or a person wrote it, and how to turn values written in it into
// caws-gate's canonical unit of the same dimension: canonical = written * scale.
struct UnitConversion {
    model::Unit unit;
    double scale = 1.0;
};

// Seconds per unit for time units: ns, us, µs, ms, s, min, h as model::seconds_per reads
// them, plus ps, sec, msec, usec, nsec, hr, day and the spelled-out English names
// ("milliseconds", "seconds", ...). nullopt for anything else.
std::optional<double> seconds_per_time_unit(std::string_view unit);

// The canonical unit of a written unit:
// - time units (above) -> seconds;
// - B, KB/kB (1000 B), KiB (1024 B), MB, MiB, GB, GiB, TB, TiB and the spelled-out names
//   ("bytes", "megabytes", case-insensitive) -> bytes;
// - "%", "percent", "pct" -> fraction (scale 0.01); "fraction", "ratio" -> fraction;
// - "1", "count" and the empty unit -> count;
// - "X/T" with T a time unit ("ops/s", "req/s", "iter/sec", "1/ms", "Hz"): per second,
//   or bytes per second when X is a size unit ("MB/s", "MiB/sec");
// - "X/op" (or /iter, /call): the unit of X when it is a time or a size ("ns/op", "B/op"),
//   else a count with the unit as written ("allocs/op").
// nullopt for anything else; callers keep such values as written (Dimension::other).
std::optional<UnitConversion> canonical_unit(std::string_view written);

// The statistics of a summary, all but its count: what converting a summary written in one
// unit into the canonical unit scales.
std::array<std::optional<double>*, 8> statistics_of(model::Summary& summary);

// The unit to keep for values caws-gate does not know how to convert: Dimension::other
// with the unit as written.
model::Unit unit_as_written(std::string_view written);

}  // namespace caws::ingest
