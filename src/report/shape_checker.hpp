#pragma once

// Checks a JSON document read back (a report, its trend section) against the shape its
// readers expect, member by member, and reads members as values once checked. Errors
// name the file and the JSON pointer of the first value that is wrong, with what was
// expected: "r.json: /summary/counts: expected an object, got a string".

#include <cstddef>
#include <initializer_list>
#include <optional>
#include <string>
#include <utility>
#include <vector>

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

    // `key` of `object`, when there, must pass `test`. Returns it, or nullptr when absent.
    template <typename Test>
    const Json* optional(const Json& object, const std::string& pointer, const char* key, Test test,
                         const char* expected) const {
        const auto found = object.find(key);
        if (found == object.end()) return nullptr;
        if (!test(*found)) expect(false, *found, util::pointer_append(pointer, key), expected);
        return &*found;
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

    // An optional array of strings; empty when absent.
    std::vector<std::string> string_list(const Json& object, const std::string& pointer,
                                         const char* key) const {
        const auto found = object.find(key);
        if (found == object.end()) return {};
        const std::string at = util::pointer_append(pointer, key);
        expect(found->is_array(), *found, at, "an array of strings");
        elements(
            *found, at, [](const Json& v) { return v.is_string(); }, "a string");
        std::vector<std::string> out;
        out.reserve(found->size());
        for (const Json& text : *found) out.push_back(text.get<std::string>());
        return out;
    }

    // Optional members read as values, each checked as strings(), numbers(), booleans()
    // check it: nothing (or `fallback`) when absent.
    std::optional<std::string> text(const Json& object, const std::string& pointer,
                                    const char* key) const {
        const Json* value = optional(
            object, pointer, key, [](const Json& v) { return v.is_string(); }, "a string");
        if (value == nullptr) return std::nullopt;
        return value->get<std::string>();
    }
    std::string text(const Json& object, const std::string& pointer, const char* key,
                     std::string fallback) const {
        return text(object, pointer, key).value_or(std::move(fallback));
    }

    // A number or null: null is nothing, as absent is.
    std::optional<double> number(const Json& object, const std::string& pointer,
                                 const char* key) const {
        const Json* value = optional(
            object, pointer, key, [](const Json& v) { return v.is_number() || v.is_null(); },
            "a number or null");
        if (value == nullptr || value->is_null()) return std::nullopt;
        return value->get<double>();
    }

    std::optional<bool> flag(const Json& object, const std::string& pointer,
                             const char* key) const {
        const Json* value = optional(
            object, pointer, key, [](const Json& v) { return v.is_boolean(); }, "true or false");
        if (value == nullptr) return std::nullopt;
        return value->get<bool>();
    }
    bool flag(const Json& object, const std::string& pointer, const char* key,
              bool fallback) const {
        return flag(object, pointer, key).value_or(fallback);
    }

    // A whole number that is not negative.
    std::optional<std::size_t> count(const Json& object, const std::string& pointer,
                                     const char* key, const char* expected = "a count") const {
        const Json* value = optional(
            object, pointer, key, [](const Json& v) { return v.is_number_unsigned(); }, expected);
        if (value == nullptr) return std::nullopt;
        return value->get<std::size_t>();
    }

    // A count or null ("a number or null" for what is not a number at all).
    std::optional<std::size_t> count_or_null(const Json& object, const std::string& pointer,
                                             const char* key) const {
        if (!number(object, pointer, key)) return std::nullopt;
        return count(object, pointer, key, "a count or null");
    }

    // An optional object.
    const Json* object_member(const Json& object, const std::string& pointer,
                              const char* key) const {
        return optional(
            object, pointer, key, [](const Json& v) { return v.is_object(); }, "an object");
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
