#pragma once

// Why no reader recognised a results file, for the error that says so: an empty file, JSON
// cut off before its end, Google Benchmark's CSV or console output instead of its JSON.

#include <string>
#include <string_view>

namespace caws::ingest {

// What went wrong, when the text shows it: {where ("line L, column C" or empty), what}.
// Empty `what` when nothing more specific than "unknown format" can be said.
struct Undetected {
    std::string where;
    std::string what;
};

Undetected explain_undetected(std::string_view text);

}  // namespace caws::ingest
