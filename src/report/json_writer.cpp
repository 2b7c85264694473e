#include "report/json_writer.hpp"

#include <charconv>
#include <cmath>

namespace caws::report {

using nlohmann::ordered_json;

void JsonTree::number(double value) {
    if (std::isfinite(value)) {
        add(value);
    } else {
        add(nullptr);
    }
}

ordered_json& JsonTree::add(ordered_json value) {
    if (open_.empty()) {
        root_ = std::move(value);
        return root_;
    }
    ordered_json& parent = *open_.back();
    if (parent.is_object()) {
        ordered_json& slot = parent[key_];
        slot = std::move(value);
        return slot;
    }
    parent.push_back(std::move(value));
    return parent.back();
}

void JsonText::new_line() {
    if (flush_ && out_.size() >= chunk_) {
        flush_(out_);
        out_.clear();
    }
    out_ += empty_.back() ? "\n" : ",\n";
    empty_.back() = false;
    out_.append(2 * empty_.size(), ' ');
}

// A member's value follows its key; an element of an array starts a line of its own.
void JsonText::before_value() {
    if (after_key_) {
        after_key_ = false;
    } else if (!empty_.empty()) {
        new_line();
    }
}

void JsonText::key(std::string_view key) {
    new_line();
    quoted(key);
    out_ += ": ";
    after_key_ = true;
}

void JsonText::string(std::string_view text) {
    before_value();
    quoted(text);
}

void JsonText::quoted(std::string_view text) {
    // Printable ASCII without quotes or backslashes is written as it is; anything else
    // goes through nlohmann/json's escaping (control characters, UTF-8 checked, invalid
    // bytes replaced by U+FFFD).
    bool plain = true;
    for (const char c : text) {
        const auto byte = static_cast<unsigned char>(c);
        if (byte < 0x20 || byte >= 0x80 || c == '"' || c == '\\') {
            plain = false;
            break;
        }
    }
    if (plain) {
        out_ += '"';
        out_ += text;
        out_ += '"';
    } else {
        out_ += ordered_json(std::string(text))
                    .dump(-1, ' ', false, ordered_json::error_handler_t::replace);
    }
}

void JsonText::number(double value) {
    before_value();
    if (!std::isfinite(value)) {
        out_ += "null";
        return;
    }
    // The function ordered_json::dump formats doubles with (Grisu2, "2.0" for whole
    // numbers), so that the text is the tree's to the byte; dump itself would set up a
    // serializer for every number.
    char buffer[64];
    out_.append(buffer, nlohmann::detail::to_chars(buffer, buffer + sizeof buffer, value));
}

void JsonText::count(std::uint64_t value) {
    before_value();
    char buffer[24];
    const auto end = std::to_chars(buffer, buffer + sizeof buffer, value).ptr;
    out_.append(buffer, end);
}

void JsonText::integer(std::int64_t value) {
    before_value();
    char buffer[24];
    const auto end = std::to_chars(buffer, buffer + sizeof buffer, value).ptr;
    out_.append(buffer, end);
}

void JsonText::literal(std::string_view text) {
    before_value();
    out_ += text;
}

// A subtree, written value by value as dump would write it, indented to where it stands
// (no text of its own to indent afterwards: the trend section of a large check is most of
// its report).
void JsonText::tree(const ordered_json& json) {
    using value_t = nlohmann::detail::value_t;
    switch (json.type()) {
        case value_t::object:
            begin_object();
            for (auto member = json.begin(); member != json.end(); ++member) {
                key(member.key());
                tree(member.value());
            }
            end_object();
            return;
        case value_t::array:
            begin_array();
            for (const ordered_json& element : json) tree(element);
            end_array();
            return;
        case value_t::string:
            string(json.get_ref<const std::string&>());
            return;
        case value_t::boolean:
            boolean(json.get<bool>());
            return;
        case value_t::number_integer:
            integer(json.get<std::int64_t>());
            return;
        case value_t::number_unsigned:
            count(json.get<std::uint64_t>());
            return;
        case value_t::number_float:
            number(json.get<double>());
            return;
        default:  // null (binary values are not in reports)
            null();
    }
}

void JsonText::open(char bracket) {
    before_value();
    out_ += bracket;
    empty_.push_back(true);
}

void JsonText::close(char bracket) {
    const bool empty = empty_.back();
    empty_.pop_back();
    if (!empty) {
        out_ += '\n';
        out_.append(2 * empty_.size(), ' ');
    }
    out_ += bracket;
}

}  // namespace caws::report
