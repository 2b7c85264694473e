#pragma once

#include <string>

#include "model/unit.hpp"

namespace caws::model {

// A value in its canonical unit written for people, with a readable unit and three
// significant digits: 1.2e-6 s -> "1.20 µs", 1572864 B -> "1.50 MiB" (decimal: "1.57 MB"),
// 2.5e6 1/s -> "2.50 M/s". Sizes and byte rates in `sizes`.
std::string format_quantity(double value, const Unit& unit, SizePrefixes sizes);

// The same with sizes and byte rates in the prefixes the input wrote them with
// (unit.prefixes): 512 MB stays "512 MB".
std::string format_quantity(double value, const Unit& unit);

// A plain number with `significant` significant digits, without exponent where sensible:
// 0.000183 -> "0.000183", 1234.5 -> "1235" (significant = 3 keeps integers whole).
std::string format_number(double value, int significant = 3);

// A setting or threshold as written by a person: the shortest form that reads back
// exactly, up to 6 significant digits (0.05 -> "0.05", 1.2 -> "1.2").
std::string format_plain(double value);

// A fraction as a percentage with two significant digits: 0.0512 -> "5.1%",
// 0.25 -> "25%".
std::string format_percent(double fraction);

// A setting given as a fraction, as a percentage written like format_plain: 0.95 ->
// "95%", 0.975 -> "97.5%".
std::string format_plain_percent(double fraction);

// A ratio as "1.58x" (two decimals; "∞" for infinity).
std::string format_ratio(double ratio);

// A p-value with two significant digits ("0.0021"), or "<0.0001" below that.
std::string format_p_value(double p);

}  // namespace caws::model
