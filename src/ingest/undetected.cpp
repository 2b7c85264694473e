#include "ingest/undetected.hpp"

#include <nlohmann/json.hpp>

#include "ingest/text_cursor.hpp"
#include "util/strings.hpp"

namespace caws::ingest {
namespace {

constexpr std::string_view k_write_json =
    "caws-gate reads Google Benchmark's JSON: run the benchmark with "
    "--benchmark_out=FILE --benchmark_out_format=json (or --benchmark_format=json on standard "
    "output)";

// "line L, column C" of the byte at `offset` (0-based) of `text`.
std::string position_of(std::string_view text, std::size_t offset) {
    std::size_t line = 1;
    std::size_t column = 1;
    for (std::size_t i = 0; i < offset && i < text.size(); ++i) {
        if (text[i] == '\n') {
            ++line;
            column = 1;
        } else {
            ++column;
        }
    }
    return "line " + std::to_string(line) + ", column " + std::to_string(column);
}

// The first line that is not blank.
std::string_view first_line(std::string_view text) {
    TextCursor cursor(text, "");
    std::string_view line;
    while (cursor.next(line)) {
        if (!util::trim(line).empty()) return util::trim(line);
    }
    return {};
}

// Google Benchmark's console table: a header "Benchmark   Time   CPU   Iterations".
bool is_console_table(std::string_view text) {
    TextCursor cursor(text, "");
    std::string_view line;
    while (cursor.next(line)) {
        if (line.starts_with("Benchmark") && line.find("Time") != std::string_view::npos &&
            line.find("CPU") != std::string_view::npos &&
            line.find("Iterations") != std::string_view::npos) {
            return true;
        }
    }
    return false;
}

Undetected explain_json(std::string_view text) {
    try {
        // The text is parsed only for where it breaks.
        [[maybe_unused]] const auto parsed = nlohmann::json::parse(text.begin(), text.end());
    } catch (const nlohmann::json::parse_error& e) {
        if (e.byte >= text.size()) {
            return {position_of(text, text.size()),
                    "truncated JSON: the file ends inside an unfinished value (cut off while "
                    "it was written or copied?)"};
        }
        return {position_of(text, e.byte == 0 ? 0 : e.byte - 1),
                "invalid JSON, and no benchmark tool's JSON could be recognised before the "
                "error"};
    }
    return {};
}

}  // namespace

Undetected explain_undetected(std::string_view text) {
    const std::string_view first = first_line(text);
    if (first.empty()) return {{}, "empty file: expected the results of a benchmark tool"};
    if (first.front() == '{' || first.front() == '[') return explain_json(text);
    if (first.starts_with("name,iterations,real_time,cpu_time")) {
        return {"line 1", "Google Benchmark CSV output: " + std::string(k_write_json)};
    }
    if (is_console_table(text)) {
        return {{}, "Google Benchmark console output: " + std::string(k_write_json)};
    }
    return {};
}

}  // namespace caws::ingest
