#pragma once

// Checked values for the JSON readers of ingest/: numbers that must be finite (and
// non-negative for times and sizes), arrays of them, and values kept as label text.
// Includes simdjson through json/document.hpp: include it only from readers' .cpp files.

#include <string>
#include <vector>

#include "json/document.hpp"
#include "model/run.hpp"

namespace caws::ingest {

// A finite number; throws util::Error at `where` ("expected a finite number, got NaN").
double finite_number(const json::Document& doc, simdjson::ondemand::value value,
                     const json::Path& where);

// A finite number >= 0, for times, sizes and counts ("expected a finite, non-negative
// number, got -3").
double non_negative_number(const json::Document& doc, simdjson::ondemand::value value,
                           const json::Path& where);

// `number`, read from `value`, when it is finite and >= 0; else throws as above.
double check_non_negative(const json::Document& doc, double number, simdjson::ondemand::value value,
                          const json::Path& where);

// Appends every element of the array `value` multiplied by `scale` to `out`, each checked
// with non_negative_number().
void append_non_negative_numbers(const json::Document& doc, simdjson::ondemand::value value,
                                 const json::Path& where, double scale, std::vector<double>& out);

// The number of elements of `array` (fields of `object`), counted before reading it: a
// pass over simdjson's structural index, to size what is read from it. Throws
// util::Error at the syntax error when the array (object) is broken.
std::size_t count_elements(const json::Document& doc, simdjson::ondemand::array& array,
                           const json::Path& where);
std::size_t count_fields(const json::Document& doc, simdjson::ondemand::object& object,
                         const json::Path& where);

// A value as label text: a string as it is, other scalars as written (42, true, null),
// arrays and objects as compact JSON.
std::string label_text(simdjson::ondemand::value value);

// Reads `text` the way every JSON reader does: `Reader(document, run, args...).read()` fills
// a run whose source is `source`, and simdjson errors escaping it become located
// util::Errors.
template <typename Reader, typename... Args>
model::Run read_document(std::string_view text, const model::Source& source, const Args&... args) {
    json::Document document(source.path, text);
    model::Run run;
    run.sources.push_back(source);
    json::read_guarded(document, json::Path(), [&] { Reader(document, run, args...).read(); });
    return run;
}

}  // namespace caws::ingest
