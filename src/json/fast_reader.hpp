#pragma once

// The fast path for many small JSON texts, such as the lines of a JSON Lines file: one
// simdjson parser and one padded buffer reused for every text. A Document per text would
// copy it, scan it for NaN tokens and allocate a parser of its size, which for lines of
// megabytes costs more than the parse.
//
// FastReader's accessors have the names of Document's and take a NoPath where Document's
// take a Path (each names its type Location), so that a reader written once, as a
// template over the two, reads well-formed texts fast and reads any other text again
// with a Document, which accepts it the same way or says where it is wrong. The fast path
// reads plain JSON only (no NaN tokens) and says nothing: at anything unexpected it
// throws NotFast, or simdjson throws its own error.
//
// This header includes simdjson; include it only from .cpp files of readers.

#include <cmath>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "json/document.hpp"

namespace caws::json {

// What FastReader throws when a text is not what its fast path reads.
struct NotFast {};

// Where a value is, for a FastReader: nowhere, since it never says. It has Path's
// child(), so that a reader template builds its locations the same way for both, and
// the fast path builds none.
struct NoPath {
    NoPath child(std::string_view /*key*/) const { return {}; }
    NoPath child(std::size_t /*index*/) const { return {}; }
};

class FastReader {
  public:
    using Location = NoPath;

    // Parses `text` (copied into the reused buffer) and sets `root` to its top-level
    // object, valid until the next call. False when `text` is not JSON starting with an
    // object.
    bool root_object(std::string_view text, od::object& root);

    // Document's accessors, for values that are what the name says; NotFast otherwise.
    // Inline: a history of 5 million metrics reads 50 million values through them.
    [[noreturn]] void fail(const NoPath& where, const std::string& what) const;
    std::string_view string(od::value value, const NoPath& where) const {
        std::string_view text;
        if (value.get_string().get(text)) fail(where, {});
        return text;
    }
    od::object object(od::value value, const NoPath& where) const {
        od::object object;
        if (value.get_object().get(object)) fail(where, {});
        return object;
    }
    od::array array(od::value value, const NoPath& where) const {
        od::array array;
        if (value.get_array().get(array)) fail(where, {});
        return array;
    }
    std::optional<double> finite_or_null(od::value value, const NoPath& where) const {
        double number = 0;
        if (value.get_double().get(number) == simdjson::SUCCESS) {
            if (!std::isfinite(number)) fail(where, {});
            return number;
        }
        bool null = false;
        if (value.is_null().get(null) != simdjson::SUCCESS || !null) fail(where, {});
        return std::nullopt;
    }
    std::uint64_t count(od::value value, const NoPath& where) const {
        std::uint64_t n = 0;
        if (value.get_uint64().get(n)) fail(where, {});
        return n;
    }

  private:
    od::parser parser_;
    std::vector<char> buffer_;
    od::document document_;
};

// Runs `body` and says whether it finished: false when the fast path gave up in it
// (NotFast, or a simdjson error, including a syntax error found on the way).
template <typename Body>
bool finishes_fast(Body&& body) {
    try {
        body();
        return true;
    } catch (const NotFast&) {
        return false;
    } catch (const simdjson::simdjson_error&) {
        return false;
    }
}

}  // namespace caws::json
