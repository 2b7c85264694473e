#include "ingest/json_values.hpp"

#include <cmath>

namespace caws::ingest {
namespace {

namespace od = simdjson::ondemand;

std::string describe_number(double number, od::value value) {
    const std::string_view token = value.raw_json_token();
    std::string text(token);
    while (!text.empty() && (text.back() == ' ' || text.back() == '\n' || text.back() == '\r' ||
                             text.back() == '\t' || text.back() == ',')) {
        text.pop_back();
    }
    if (!text.empty() && text.front() == '"') text = text.substr(1, text.size() - 2);
    if (text.empty()) text = std::to_string(number);
    return text;
}

// `json` without the whitespace between tokens.
std::string compact(std::string_view json) {
    std::string out;
    out.reserve(json.size());
    bool in_string = false;
    for (std::size_t i = 0; i < json.size(); ++i) {
        const char c = json[i];
        if (in_string) {
            out += c;
            if (c == '\\' && i + 1 < json.size()) {
                out += json[++i];
            } else if (c == '"') {
                in_string = false;
            }
        } else if (c == '"') {
            in_string = true;
            out += c;
        } else if (c != ' ' && c != '\n' && c != '\r' && c != '\t') {
            out += c;
        }
    }
    return out;
}

}  // namespace

double finite_number(const json::Document& doc, od::value value, const json::Path& where) {
    const double number = doc.number(value, where);
    if (!std::isfinite(number)) {
        doc.fail(where, "expected a finite number, got " + describe_number(number, value));
    }
    return number;
}

double non_negative_number(const json::Document& doc, od::value value, const json::Path& where) {
    return check_non_negative(doc, doc.number(value, where), value, where);
}

double check_non_negative(const json::Document& doc, double number, od::value value,
                          const json::Path& where) {
    if (!std::isfinite(number) || number < 0) {
        doc.fail(where,
                 "expected a finite, non-negative number, got " + describe_number(number, value));
    }
    return number;
}

void append_non_negative_numbers(const json::Document& doc, od::value value,
                                 const json::Path& where, double scale, std::vector<double>& out) {
    std::size_t i = 0;
    for (auto element : doc.array(value, where)) {
        const json::Path at = where.child(i++);
        out.push_back(non_negative_number(doc, element.value(), at) * scale);
    }
}

std::size_t count_elements(const json::Document& doc, od::array& array, const json::Path& where) {
    std::size_t count = 0;
    if (auto error = array.count_elements().get(count)) {
        doc.fail_simdjson(simdjson::simdjson_error(error), where);
    }
    return count;
}

std::size_t count_fields(const json::Document& doc, od::object& object, const json::Path& where) {
    std::size_t count = 0;
    if (auto error = object.count_fields().get(count)) {
        doc.fail_simdjson(simdjson::simdjson_error(error), where);
    }
    return count;
}

std::string label_text(od::value value) {
    od::json_type type;
    if (value.type().get(type) != simdjson::SUCCESS) return {};
    switch (type) {
        case od::json_type::string: {
            std::string_view text;
            if (value.get_string().get(text) != simdjson::SUCCESS) return {};
            return std::string(text);
        }
        case od::json_type::object: {
            od::object object;
            std::string_view raw;
            if (value.get_object().get(object) != simdjson::SUCCESS ||
                object.raw_json().get(raw) != simdjson::SUCCESS) {
                return {};
            }
            return compact(raw);
        }
        case od::json_type::array: {
            od::array array;
            std::string_view raw;
            if (value.get_array().get(array) != simdjson::SUCCESS ||
                array.raw_json().get(raw) != simdjson::SUCCESS) {
                return {};
            }
            return compact(raw);
        }
        default:
            return compact(value.raw_json_token());
    }
}

}  // namespace caws::ingest
