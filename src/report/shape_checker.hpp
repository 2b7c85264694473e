#pragma once

// Checks a JSON document read back (a report, its trend section) against the shape its
// readers expect, member by member. Errors name the file and the JSON pointer of the
// first value that is wrong, with what was expected: "r.json: /summary/counts: expected
// an object, got a string".

#include <cstddef>
#include <initializer_list>
#include <string>

#include <nlohmann/json.hpp>

#include "util/error.hpp"
#include "util/json_pointer.hpp"

namespace caws::report {

class ShapeChecker {
  public:
    using Json = nlohmann::ordered_json;

    explicit ShapeChecker(const std::string& path) : path_(path) {}

    // The kind of a value, for "got ...".
    static const char* type_name(const Json& value) {
        if (value.is_null()) return "null";
        if (value.is_boolean()) return "a boolean";
        if (value.is_number()) return "a number";
        if (value.is_string()) return "a string";
        if (value.is_array()) return "an array";
        return "an object";
    }

    [[noreturn]] void fail(const std::string& pointer, const std::string& what) const {
        throw util::Error(path_, pointer.empty() ? "/" : pointer, what);
    }

    void expect(bool ok, const Json& value, const std::string& pointer,
                const char* expected) const {
        if (!ok) fail(pointer, std::string("expected ") + expected + ", got " + type_name(value));
    }

    // `key` of `object`, which must be there.
    const Json& member(const Json& object, const std::string& pointer, const char* key) const {
        const auto found = object.find(key);
        if (found == object.end()) fail(pointer, std::string("missing \"") + key + "\"");
        return *found;
    }

    // `key` of `object`, which must be there and pass `test`.
    template <typename Test>
    const Json& required(const Json& object, const std::string& pointer, const char* key, Test test,
                         const char* expected) const {
        const Json& value = member(object, pointer, key);
        expect(test(value), value, util::pointer_append(pointer, key), expected);
        return value;
    }

    // `key` of `object`, when there, must pass `test`.
    template <typename Test>
    void optional(const Json& object, const std::string& pointer, const char* key, Test test,
                  const char* expected) const {
        const auto found = object.find(key);
        if (found == object.end()) return;
        expect(test(*found), *found, util::pointer_append(pointer, key), expected);
    }

    // Every element of the array `list` passes `test`.
    template <typename Test>
    void elements(const Json& list, const std::string& pointer, Test test,
                  const char* expected) const {
        for (std::size_t i = 0; i < list.size(); ++i) {
            expect(test(list[i]), list[i], util::pointer_append(pointer, i), expected);
        }
    }

    // Optional members of one kind.
    void strings(const Json& object, const std::string& pointer,
                 std::initializer_list<const char*> keys) const {
        for (const char* key : keys) {
            optional(
                object, pointer, key, [](const Json& v) { return v.is_string(); }, "a string");
        }
    }

    void numbers(const Json& object, const std::string& pointer,
                 std::initializer_list<const char*> keys) const {
        for (const char* key : keys) {
            optional(
                object, pointer, key, [](const Json& v) { return v.is_number() || v.is_null(); },
                "a number or null");
        }
    }

    void booleans(const Json& object, const std::string& pointer,
                  std::initializer_list<const char*> keys) const {
        for (const char* key : keys) {
            optional(
                object, pointer, key, [](const Json& v) { return v.is_boolean(); },
                "true or false");
        }
    }

    // An optional array of strings.
    void string_list(const Json& object, const std::string& pointer, const char* key) const {
        const auto found = object.find(key);
        if (found == object.end()) return;
        const std::string at = util::pointer_append(pointer, key);
        expect(found->is_array(), *found, at, "an array of strings");
        elements(
            *found, at, [](const Json& v) { return v.is_string(); }, "a string");
    }

    // An array of objects; an empty one when it is optional and missing.
    const Json& objects(const Json& object, const std::string& pointer, const char* key,
                        bool required) const {
        static const Json empty = Json::array();
        const auto found = object.find(key);
        if (found == object.end()) {
            if (required) fail(pointer, std::string("missing \"") + key + "\"");
            return empty;
        }
        const std::string at = util::pointer_append(pointer, key);
        expect(found->is_array(), *found, at, "an array");
        elements(
            *found, at, [](const Json& v) { return v.is_object(); }, "an object");
        return *found;
    }

  private:
    const std::string& path_;
};

}  // namespace caws::report
