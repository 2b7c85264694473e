#include "ingest/input_checks.hpp"

#include <simdjson.h>

#include <algorithm>
#include <cstdio>
#include <cstring>
#include <optional>

#include "json/document.hpp"
#include "util/error.hpp"
#include "util/limits.hpp"
#include "util/text_position.hpp"
#include "util/utf8.hpp"

namespace caws::ingest {
namespace {

bool is_control(unsigned char c) {
    return c < 0x20 || c == 0x7F;
}

std::string hex_byte(unsigned char c) {
    char buffer[8];
    std::snprintf(buffer, sizeof buffer, "0x%02X", static_cast<unsigned>(c));
    return buffer;
}

}  // namespace

std::string printable_name(std::string_view name) {
    constexpr std::size_t k_shown = 60;
    std::string out;
    std::size_t shown = 0;
    for (std::size_t i = 0; i < name.size() && shown < k_shown; ++shown) {
        const auto c = static_cast<unsigned char>(name[i]);
        const std::size_t length = util::utf8_sequence_length(name, i);
        char buffer[16];
        if (length == 0) {
            std::snprintf(buffer, sizeof buffer, "\\x%02X", static_cast<unsigned>(c));
            out += buffer;
            ++i;
        } else if (c == '\n') {
            out += "\\n";
            ++i;
        } else if (c == '\r') {
            out += "\\r";
            ++i;
        } else if (c == '\t') {
            out += "\\t";
            ++i;
        } else if (is_control(c)) {
            std::snprintf(buffer, sizeof buffer, "\\u%04X", static_cast<unsigned>(c));
            out += buffer;
            ++i;
        } else {
            out.append(name.substr(i, length));
            i += length;
        }
        if (shown + 1 == k_shown && i < name.size()) out += "...";
    }
    return out;
}

namespace {

// Whether `text` is UTF-8 without NUL bytes, checked in pieces of a few megabytes whose
// pages are dropped once checked when `text` is a mapped input (json::release_read): a
// large input is then never resident whole before it is parsed. Both scans are
// vectorised.
bool is_clean_text(std::string_view text) {
    constexpr std::size_t k_piece = 8u << 20;
    std::size_t from = 0;
    while (from < text.size()) {
        std::size_t to = std::min(text.size(), from + k_piece);
        // End the piece at the start of a character, not within one.
        while (to < text.size() && to > from &&
               (static_cast<unsigned char>(text[to]) & 0xC0) == 0x80) {
            --to;
        }
        if (to == from) to = std::min(text.size(), from + k_piece);
        const std::string_view piece = text.substr(from, to - from);
        if (std::memchr(piece.data(), '\0', piece.size()) != nullptr ||
            !simdjson::validate_utf8(piece.data(), piece.size())) {
            return false;
        }
        from = to;
        if (from < text.size()) json::release_read(text, from);
    }
    return true;
}

}  // namespace

void check_text_encoding(std::string_view text, const std::string& path) {
    // The slow search for the place runs only on failure.
    if (is_clean_text(text)) return;
    const bool has_nul = std::memchr(text.data(), '\0', text.size()) != nullptr;
    const std::size_t invalid = util::first_invalid_utf8(text);
    const std::size_t nul = has_nul ? text.find('\0') : std::string_view::npos;
    if (nul != std::string_view::npos && nul < invalid) {
        throw util::Error(path, util::describe(util::position_of(text, nul)),
                          "expected text, got a NUL byte");
    }
    throw util::Error(
        path, util::describe(util::position_of(text, invalid)),
        "expected UTF-8 text, got the byte " + hex_byte(static_cast<unsigned char>(text[invalid])));
}

void check_line_lengths(std::string_view text, const std::string& path) {
    std::size_t start = 0;
    while (start < text.size()) {
        std::size_t end = text.find('\n', start);
        if (end == std::string_view::npos) end = text.size();
        if (end - start > util::k_max_line_bytes) {
            throw util::Error(
                path, util::describe(util::position_of(text, start + util::k_max_line_bytes)),
                "expected a line of at most " + std::to_string(util::k_max_line_bytes) + " bytes");
        }
        start = end + 1;
    }
}

void check_run(const model::Run& run, const std::string& path, std::string_view text) {
    if (run.metrics.size() > util::k_max_metrics) {
        throw util::Error(path, {},
                          "expected at most " + std::to_string(util::k_max_metrics) +
                              " metrics in one run, got " + std::to_string(run.metrics.size()));
    }
    const auto where = [&](std::string_view name) -> std::string {
        // The name as written in the file, when it is there unescaped.
        const std::size_t at = text.empty() ? std::string_view::npos : text.find(name);
        if (at == std::string_view::npos) return {};
        return util::describe(util::position_of(text, at));
    };
    const auto check_name = [&](std::string_view name, const char* what) {
        if (name.size() > util::k_max_name_bytes) {
            throw util::Error(path, where(name),
                              std::string("expected a ") + what + " name of at most " +
                                  std::to_string(util::k_max_name_bytes) + " bytes, got " +
                                  std::to_string(name.size()) + " bytes: \"" +
                                  printable_name(name) + "\"");
        }
        const std::size_t invalid = util::first_invalid_utf8(name);
        if (invalid != std::string_view::npos) {
            throw util::Error(path, where(name),
                              std::string("expected a ") + what + " name in UTF-8, got the byte " +
                                  hex_byte(static_cast<unsigned char>(name[invalid])) + " in \"" +
                                  printable_name(name) + "\"");
        }
        for (const char c : name) {
            if (is_control(static_cast<unsigned char>(c))) {
                throw util::Error(path, where(name),
                                  std::string("expected a ") + what +
                                      " name without control characters (NUL, line breaks, "
                                      "tabs), got \"" +
                                      printable_name(name) + "\"");
            }
        }
    };
    // Runs hold a name once per measure: check each distinct name once.
    const std::string* previous = nullptr;
    for (const model::Metric& metric : run.metrics) {
        if (previous == nullptr || *previous != metric.name) check_name(metric.name, "benchmark");
        previous = &metric.name;
        check_name(metric.measure, "measure");
    }
}

void normalize_zeros(model::Run& run) {
    // x + 0.0 is x for every x but -0, which becomes +0.
    const auto fix = [](std::optional<double>& value) {
        if (value) *value += 0.0;
    };
    for (model::Metric& metric : run.metrics) {
        for (double& sample : metric.samples) sample += 0.0;
        if (metric.summary) {
            model::Summary& s = *metric.summary;
            for (std::optional<double>* value :
                 {&s.mean, &s.stddev, &s.median, &s.min, &s.max, &s.p90, &s.p95, &s.p99}) {
                fix(*value);
            }
        }
    }
}

}  // namespace caws::ingest
