#pragma once

// Writing a JSON document through one sequence of calls, into either a tree
// (JsonTree: an nlohmann::ordered_json) or its text (JsonText), so that one function
// spells a document's keys for both. JsonText writes byte for byte what
// ordered_json::dump(2, ' ', false, error_handler_t::replace) writes for the same tree,
// without building it first: several times faster for a large report.
//
// Calls (JsonWriter): begin_object/end_object and begin_array/end_array around members
// and elements; key before each member's value; values with string, number (null when
// not finite), count, integer, boolean, null, or tree (a subtree as it is). field()
// writes a key and its value of any of these types.

#include <cstddef>
#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <type_traits>
#include <utility>
#include <vector>

#include <nlohmann/json.hpp>

namespace caws::report {

// Where a document is written.
class JsonWriter {
  public:
    virtual ~JsonWriter() = default;
    virtual void begin_object() = 0;
    virtual void end_object() = 0;
    virtual void begin_array() = 0;
    virtual void end_array() = 0;
    virtual void key(std::string_view key) = 0;
    virtual void string(std::string_view text) = 0;
    virtual void number(double value) = 0;  // null when not finite
    virtual void count(std::uint64_t value) = 0;
    virtual void integer(std::int64_t value) = 0;
    virtual void boolean(bool value) = 0;
    virtual void null() = 0;
    virtual void tree(const nlohmann::ordered_json& json) = 0;

    // key, then begin_object or begin_array.
    void begin_object(std::string_view key) {
        this->key(key);
        begin_object();
    }
    void begin_array(std::string_view key) {
        this->key(key);
        begin_array();
    }
};

class JsonTree final : public JsonWriter {
  public:
    void begin_object() override { open(nlohmann::ordered_json::object()); }
    void end_object() override { open_.pop_back(); }
    void begin_array() override { open(nlohmann::ordered_json::array()); }
    void end_array() override { open_.pop_back(); }
    void key(std::string_view key) override { key_ = key; }
    void string(std::string_view text) override { add(std::string(text)); }
    void number(double value) override;
    void count(std::uint64_t value) override { add(value); }
    void integer(std::int64_t value) override { add(value); }
    void boolean(bool value) override { add(value); }
    void null() override { add(nullptr); }
    void tree(const nlohmann::ordered_json& json) override { add(json); }
    using JsonWriter::begin_array;
    using JsonWriter::begin_object;

    // The document written.
    nlohmann::ordered_json& result() { return root_; }

  private:
    nlohmann::ordered_json& add(nlohmann::ordered_json value);
    void open(nlohmann::ordered_json container) { open_.push_back(&add(std::move(container))); }

    nlohmann::ordered_json root_;
    // The objects and arrays being filled, innermost last. Each is the last value of its
    // parent, which gets no other value while it is open: the pointers stay valid.
    std::vector<nlohmann::ordered_json*> open_;
    std::string key_;
};

class JsonText final : public JsonWriter {
  public:
    // Appends the document to `out`.
    explicit JsonText(std::string& out) : out_(out) {}
    // Appends it to `out` and hands `out` to `flush` and empties it whenever it holds
    // `chunk` bytes or more before a new line: the document in pieces, the last of which
    // is left in `out`.
    JsonText(std::string& out, std::function<void(std::string_view)> flush, std::size_t chunk)
        : out_(out), flush_(std::move(flush)), chunk_(chunk) {}
    void begin_object() override { open('{'); }
    void end_object() override { close('}'); }
    void begin_array() override { open('['); }
    void end_array() override { close(']'); }
    void key(std::string_view key) override;
    void string(std::string_view text) override;
    void number(double value) override;
    void count(std::uint64_t value) override;
    void integer(std::int64_t value) override;
    void boolean(bool value) override { literal(value ? "true" : "false"); }
    void null() override { literal("null"); }
    void tree(const nlohmann::ordered_json& json) override;
    using JsonWriter::begin_array;
    using JsonWriter::begin_object;

  private:
    void before_value();
    void new_line();
    void quoted(std::string_view text);
    void literal(std::string_view text);
    void open(char bracket);
    void close(char bracket);

    std::string& out_;
    std::function<void(std::string_view)> flush_;
    std::size_t chunk_ = 0;
    std::vector<bool> empty_;  // per open object or array, innermost last: nothing in it yet
    bool after_key_ = false;
};

// Writes `value`: a string, a number (std::optional: null when absent), a count, a
// boolean, or an array of strings.
template <typename T>
void put(JsonWriter& out, const T& value) {
    if constexpr (std::is_same_v<T, bool>) {
        out.boolean(value);
    } else if constexpr (std::is_same_v<T, double>) {
        out.number(value);
    } else if constexpr (std::is_unsigned_v<T>) {
        out.count(value);
    } else if constexpr (std::is_same_v<T, std::int64_t>) {
        out.integer(value);
    } else if constexpr (std::is_convertible_v<const T&, std::string_view>) {
        out.string(value);
    } else if constexpr (std::is_same_v<T, std::vector<std::string>>) {
        out.begin_array();
        for (const std::string& text : value) out.string(text);
        out.end_array();
    } else {
        if (value) {
            put(out, *value);
        } else {
            out.null();
        }
    }
}

template <typename T>
void field(JsonWriter& out, std::string_view key, const T& value) {
    out.key(key);
    put(out, value);
}

}  // namespace caws::report
