#include "json/document.hpp"
#include "json/strict.hpp"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <cmath>
#include <cstring>
#include <limits>

#include "util/error.hpp"
#include "util/json_pointer.hpp"
#include "util/mapped_file.hpp"
#include "util/text_position.hpp"

namespace caws::json {
namespace {

bool is_word_char(char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' ||
           c == '.';
}

// Length of a bare NaN/Infinity token (with optional '-') starting at `i`, or 0.
std::size_t special_token_length(std::string_view text, std::size_t i) {
    std::size_t start = i;
    if (text[start] == '-') ++start;
    for (const std::string_view word : {std::string_view("NaN"), std::string_view("Infinity")}) {
        if (text.substr(start, word.size()) == word) {
            const std::size_t end = start + word.size();
            if (end < text.size() && is_word_char(text[end])) return 0;
            return end - i;
        }
    }
    return 0;
}

// Copies `text` with every bare NaN/Infinity token outside strings wrapped in quotes, and
// records where quotes were inserted (offsets in the output).
std::string quote_special_tokens(std::string_view text, std::vector<std::size_t>& inserted) {
    std::string out;
    out.reserve(text.size() + 64);
    bool in_string = false;
    for (std::size_t i = 0; i < text.size(); ++i) {
        const char c = text[i];
        if (in_string) {
            out += c;
            if (c == '\\' && i + 1 < text.size()) {
                out += text[++i];
            } else if (c == '"') {
                in_string = false;
            }
            continue;
        }
        if (c == '"') {
            in_string = true;
        } else if ((c == 'N' || c == 'I' || c == '-') && (i == 0 || !is_word_char(text[i - 1]))) {
            if (const std::size_t length = special_token_length(text, i)) {
                inserted.push_back(out.size());
                out += '"';
                out.append(text.substr(i, length));
                inserted.push_back(out.size());
                out += '"';
                i += length - 1;
                continue;
            }
        }
        out += c;
    }
    return out;
}

// A SAX handler that accepts everything: only the parser's syntax errors matter.
struct SyntaxOnly : nlohmann::json_sax<nlohmann::json> {
    bool null() override { return true; }
    bool boolean(bool) override { return true; }
    bool number_integer(number_integer_t) override { return true; }
    bool number_unsigned(number_unsigned_t) override { return true; }
    bool number_float(number_float_t, const string_t&) override { return true; }
    bool string(string_t&) override { return true; }
    bool binary(binary_t&) override { return true; }
    bool start_object(std::size_t) override { return true; }
    bool key(string_t&) override { return true; }
    bool end_object() override { return true; }
    bool start_array(std::size_t) override { return true; }
    bool end_array() override { return true; }
    bool parse_error(std::size_t position, const std::string&,
                     const nlohmann::detail::exception& error) override {
        error_position = position;
        error_message = error.what();
        return false;
    }
    std::size_t error_position = 0;
    std::string error_message;
};

std::string shorten(std::string_view text) {
    constexpr std::size_t k_max = 40;
    while (!text.empty() && (text.back() == ' ' || text.back() == '\n' || text.back() == '\r' ||
                             text.back() == '\t')) {
        text.remove_suffix(1);
    }
    if (text.size() <= k_max) return std::string(text);
    return std::string(text.substr(0, k_max)) + "...";
}

}  // namespace

bool may_have_special_tokens(std::string_view text) {
    return text.find("NaN") != std::string_view::npos ||
           text.find("Infinity") != std::string_view::npos;
}

std::string Path::str() const {
    if (parent_ == nullptr) return {};
    const std::string prefix = parent_->str();
    return is_index_ ? util::pointer_append(prefix, index_) : util::pointer_append(prefix, key_);
}

namespace {
thread_local std::string_view t_borrowable;  // see BorrowPadded
thread_local bool t_borrowable_mapped = false;
}  // namespace

BorrowPadded::BorrowPadded(std::string_view text, bool mapped)
    : previous_(t_borrowable), previous_mapped_(t_borrowable_mapped) {
    t_borrowable = text;
    t_borrowable_mapped = mapped;
}

BorrowPadded::~BorrowPadded() {
    t_borrowable = previous_;
    t_borrowable_mapped = previous_mapped_;
}

std::size_t release_read(std::string_view text, std::size_t up_to) {
    if (t_borrowable_mapped && is_borrowed_padded(text)) {
        util::drop_mapped_pages(text.data(), text.data() + up_to);
    }
    return up_to;
}

bool is_borrowed_padded(std::string_view text) {
    return !text.empty() && text.data() == t_borrowable.data() &&
           text.size() == t_borrowable.size();
}

Document::Document(std::string path, std::string_view text) : path_(std::move(path)) {
    if (may_have_special_tokens(text)) {
        const std::string quoted = quote_special_tokens(text, inserted_);
        if (!inserted_.empty()) {
            padded_ = simdjson::padded_string(quoted);
            view_ = simdjson::padded_string_view(padded_.data(), padded_.size(),
                                                 padded_.size() + simdjson::SIMDJSON_PADDING);
            return;
        }
    }
    if (is_borrowed_padded(text)) {
        view_ = simdjson::padded_string_view(text.data(), text.size(),
                                             text.size() + simdjson::SIMDJSON_PADDING);
        return;
    }
    padded_ = simdjson::padded_string(text);
    view_ = simdjson::padded_string_view(padded_.data(), padded_.size(),
                                         padded_.size() + simdjson::SIMDJSON_PADDING);
}

od::document& Document::root() {
    auto result = parser_.iterate(view_);
    if (result.error() != simdjson::SUCCESS) {
        fail_simdjson(simdjson::simdjson_error(result.error()), Path());
    }
    document_ = std::move(result).value_unsafe();
    return document_;
}

od::object Document::root_object() {
    od::document& document = root();
    od::json_type type;
    if (auto error = document.type().get(type)) {
        fail_simdjson(simdjson::simdjson_error(error), Path());
    }
    if (type != od::json_type::object) {
        // "this is not json" starts like `true`: report the syntax error if there is one.
        fail_simdjson(simdjson::simdjson_error(simdjson::TAPE_ERROR), Path(),
                      "expected a JSON object at the top level");
    }
    od::object result;
    if (auto error = document.get_object().get(result)) {
        fail_simdjson(simdjson::simdjson_error(error), Path());
    }
    return result;
}

od::array Document::root_array(const std::string& expected) {
    od::document& document = root();
    od::json_type type;
    if (auto error = document.type().get(type)) {
        fail_simdjson(simdjson::simdjson_error(error), Path());
    }
    // Text that is not JSON at all may start like an array: report its syntax error first.
    if (type != od::json_type::array) {
        fail_simdjson(simdjson::simdjson_error(simdjson::TAPE_ERROR), Path(), expected);
    }
    od::array result;
    if (auto error = document.get_array().get(result)) {
        fail_simdjson(simdjson::simdjson_error(error), Path());
    }
    return result;
}

void Document::fail(const Path& where, const std::string& what) const {
    throw util::Error(path_, where.str(), what);
}

void Document::fail_simdjson(const simdjson::simdjson_error& error, const Path& where,
                             const std::string& otherwise) const {
    const std::string_view text(view_.data(), view_.size());
    // The text may simply not be JSON: let a second, independent parser find the exact
    // place, which simdjson's on-demand iterator does not always know after an error.
    SyntaxOnly handler;
    if (!nlohmann::json::sax_parse(text, &handler, nlohmann::json::input_format_t::json, true,
                                   false)) {
        std::size_t offset = handler.error_position > 0 ? handler.error_position - 1 : 0;
        // Map the offset back to the original text (without the quotes we inserted).
        const auto before = std::lower_bound(inserted_.begin(), inserted_.end(), offset);
        std::string original;
        if (!inserted_.empty()) {
            original.reserve(text.size());
            std::size_t from = 0;
            for (const std::size_t at : inserted_) {
                original.append(text.substr(from, at - from));
                from = at + 1;
            }
            original.append(text.substr(from));
        }
        offset -= static_cast<std::size_t>(before - inserted_.begin());
        const std::string_view source = inserted_.empty() ? text : std::string_view(original);
        throw util::Error(path_, util::describe(util::position_of(source, offset)),
                          "invalid JSON: " + tidy_parse_message(handler.error_message));
    }
    if (!otherwise.empty()) throw util::Error(path_, where.str(), otherwise);
    if (error.error() == simdjson::DEPTH_ERROR) {
        throw util::Error(path_, where.str(),
                          "the JSON is nested too deeply (more than 1024 levels)");
    }
    if (error.error() == simdjson::NUMBER_ERROR) {
        throw util::Error(path_, where.str(), "a number is out of range");
    }
    throw util::Error(path_, where.str(), std::string("cannot read the JSON: ") + error.what());
}

std::string Document::describe(od::value value) {
    od::json_type type;
    if (value.type().get(type) != simdjson::SUCCESS) return "invalid JSON";
    switch (type) {
        case od::json_type::object:
            return "an object";
        case od::json_type::array:
            return "an array";
        default:
            return shorten(value.raw_json_token());
    }
}

double Document::number(od::value value, const Path& where) const {
    od::json_type type;
    if (auto error = value.type().get(type)) fail_simdjson(simdjson::simdjson_error(error), where);
    if (type == od::json_type::number) {
        double result = 0;
        if (auto error = value.get_double().get(result)) {
            if (error == simdjson::NUMBER_ERROR) {
                fail(where, "expected a number within the range of a double, got " +
                                shorten(value.raw_json_token()));
            }
            fail_simdjson(simdjson::simdjson_error(error), where);
        }
        return result;
    }
    if (type == od::json_type::string && !inserted_.empty()) {
        std::string_view text;
        if (value.get_string().get(text) == simdjson::SUCCESS) {
            constexpr double inf = std::numeric_limits<double>::infinity();
            if (text == "NaN" || text == "-NaN") return std::numeric_limits<double>::quiet_NaN();
            if (text == "Infinity") return inf;
            if (text == "-Infinity") return -inf;
            fail(where, "expected a number, got \"" + shorten(text) + "\"");
        }
    }
    fail(where, "expected a number, got " + describe(value));
}

std::optional<double> Document::number_if_numeric(od::value value) const {
    od::json_type type;
    if (value.type().get(type) != simdjson::SUCCESS) return std::nullopt;
    if (type == od::json_type::number) {
        double result = 0;
        if (value.get_double().get(result) != simdjson::SUCCESS) return std::nullopt;
        return result;
    }
    if (type == od::json_type::string && !inserted_.empty()) {
        std::string_view text;
        if (value.get_string().get(text) != simdjson::SUCCESS) return std::nullopt;
        constexpr double inf = std::numeric_limits<double>::infinity();
        if (text == "NaN" || text == "-NaN") return std::numeric_limits<double>::quiet_NaN();
        if (text == "Infinity") return inf;
        if (text == "-Infinity") return -inf;
    }
    return std::nullopt;
}

std::optional<double> Document::number_or_null(od::value value, const Path& where) const {
    bool is_null = false;
    if (value.is_null().get(is_null) == simdjson::SUCCESS && is_null) return std::nullopt;
    return number(value, where);
}

std::optional<double> Document::finite_or_null(od::value value, const Path& where) const {
    const std::optional<double> number = number_or_null(value, where);
    if (number && !std::isfinite(*number)) fail(where, "expected a finite number");
    return number;
}

std::int64_t Document::integer(od::value value, const Path& where) const {
    const double result = number(value, where);
    if (!std::isfinite(result) || result != std::floor(result) || std::fabs(result) > 9.0e15) {
        fail(where, "expected an integer, got " + shorten(value.raw_json_token()));
    }
    return static_cast<std::int64_t>(result);
}

std::uint64_t Document::count(od::value value, const Path& where) const {
    std::uint64_t n = 0;
    if (value.get_uint64().get(n) == simdjson::SUCCESS) return n;
    const std::int64_t signed_n = integer(value, where);
    if (signed_n < 0) fail(where, "expected a count of at least 0");
    return static_cast<std::uint64_t>(signed_n);
}

std::string_view Document::string(od::value value, const Path& where) const {
    od::json_type type;
    if (auto error = value.type().get(type)) fail_simdjson(simdjson::simdjson_error(error), where);
    if (type != od::json_type::string) fail(where, "expected a string, got " + describe(value));
    // Without escapes the string is used where it stands in the text, not copied.
    const std::string_view token = value.raw_json_token();
    const std::size_t length =
        token.size() > 1 ? plain_string_length(token.data() + 1) : std::string_view::npos;
    od::raw_json_string raw;
    if (length != std::string_view::npos && !value.get_raw_json_string().get(raw)) {
        return {raw.raw(), length};
    }
    std::string_view result;
    if (auto error = value.get_string().get(result)) {
        fail_simdjson(simdjson::simdjson_error(error), where);
    }
    return result;
}

bool Document::boolean(od::value value, const Path& where) const {
    od::json_type type;
    if (auto error = value.type().get(type)) fail_simdjson(simdjson::simdjson_error(error), where);
    if (type != od::json_type::boolean)
        fail(where, "expected true or false, got " + describe(value));
    return value.get_bool().value_unsafe();
}

od::object Document::object(od::value value, const Path& where) const {
    od::json_type type;
    if (auto error = value.type().get(type)) fail_simdjson(simdjson::simdjson_error(error), where);
    if (type != od::json_type::object) fail(where, "expected an object, got " + describe(value));
    od::object result;
    if (auto error = value.get_object().get(result)) {
        fail_simdjson(simdjson::simdjson_error(error), where);
    }
    return result;
}

od::array Document::array(od::value value, const Path& where) const {
    od::json_type type;
    if (auto error = value.type().get(type)) fail_simdjson(simdjson::simdjson_error(error), where);
    if (type != od::json_type::array) fail(where, "expected an array, got " + describe(value));
    od::array result;
    if (auto error = value.get_array().get(result)) {
        fail_simdjson(simdjson::simdjson_error(error), where);
    }
    return result;
}

}  // namespace caws::json
