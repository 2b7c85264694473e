#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <variant>
#include <vector>

#include "ingest/units.hpp"
#include "model/run.hpp"

namespace caws::ingest {

// The unit a column name carries: in parentheses ("rss (MiB)", "time (s)": any unit
// canonical_unit knows) or as a suffix after the last '_' ("rss_mb", "t_s", "memory_bytes":
// b, bytes, kb, kib, mb, mib, gb, gib, tb, tib, ns, us, ms, s, min, h, case-insensitive).
// nullopt for a name without either; the error message for a unit in parentheses that is
// not one.
std::variant<std::optional<UnitConversion>, std::string> column_unit(std::string_view name);

// The time column's conversion to seconds: its unit's, or seconds when the name has none.
// The error message when the name carries a unit that is not a time.
std::variant<UnitConversion, std::string> time_column_unit(std::string_view name);

// The value column's unit: its name's, or bytes when the name has none.
std::variant<UnitConversion, std::string> value_column_unit(std::string_view name);

// The time and value columns among `names` (indices): `wanted` (--columns TIME,VALUE)
// by name, else the only two. The error message for a missing name (listing the names
// present) or for other than two columns without `wanted`.
std::variant<std::pair<std::size_t, std::size_t>, std::string> pick_series_columns(
    const std::vector<std::string>& names, const std::vector<std::string>& wanted);

// The metric of a memory time series file without its samples: named after the file,
// measure "memory" for sizes and "value" otherwise, lower is better.
model::Metric series_metric(const model::Source& source, const UnitConversion& value_unit);

// Why a sample at `time` (seconds) cannot follow `metric`'s samples: it is not after the
// previous one. nullopt when it can.
std::optional<std::string> series_time_error(const model::Metric& metric, double time);

// Why `value` (as written) cannot be a sample of `metric`: a negative size, time or rate.
std::optional<std::string> series_value_error(const model::Metric& metric, double value);

}  // namespace caws::ingest
