#include "ingest/json_sniff.hpp"

namespace caws::ingest {
namespace {

bool is_space(char c) {
    return c == ' ' || c == '\n' || c == '\r' || c == '\t';
}

bool ends_scalar(char c) {
    return is_space(c) || c == ',' || c == ':' || c == ']' || c == '}' || c == '[' || c == '{' ||
           c == '"';
}

}  // namespace

JsonSniff::JsonSniff(std::string_view text, std::size_t max_bytes) {
    text = text.substr(0, max_bytes);
    if (text.starts_with("\xEF\xBB\xBF")) text.remove_prefix(3);  // UTF-8 byte order mark
    std::size_t depth = 0;
    std::size_t i = 0;
    while (i < text.size()) {
        const char c = text[i];
        if (is_space(c)) {
            ++i;
            continue;
        }
        switch (c) {
            case '{':
                tokens_.push_back({Kind::begin_object, text.substr(i, 1), depth++});
                ++i;
                continue;
            case '[':
                tokens_.push_back({Kind::begin_array, text.substr(i, 1), depth++});
                ++i;
                continue;
            case '}':
            case ']':
                if (depth > 0) --depth;
                tokens_.push_back(
                    {c == '}' ? Kind::end_object : Kind::end_array, text.substr(i, 1), depth});
                ++i;
                continue;
            case ':':
                tokens_.push_back({Kind::colon, text.substr(i, 1), depth});
                ++i;
                continue;
            case ',':
                tokens_.push_back({Kind::comma, text.substr(i, 1), depth});
                ++i;
                continue;
            case '"': {
                std::size_t end = i + 1;
                while (end < text.size() && text[end] != '"') end += text[end] == '\\' ? 2 : 1;
                if (end >= text.size()) return;  // cut in the middle of a string
                tokens_.push_back({Kind::string, text.substr(i + 1, end - i - 1), depth});
                i = end + 1;
                continue;
            }
            default: {
                std::size_t end = i;
                while (end < text.size() && !ends_scalar(text[end])) ++end;
                if (end >= text.size()) return;  // cut in the middle of a scalar
                tokens_.push_back({Kind::scalar, text.substr(i, end - i), depth});
                i = end;
                continue;
            }
        }
    }
}

bool JsonSniff::starts_with(std::string_view pattern) const {
    if (pattern.size() > tokens_.size()) return false;
    for (std::size_t i = 0; i < pattern.size(); ++i) {
        Kind expected = Kind::scalar;
        switch (pattern[i]) {
            case '{':
                expected = Kind::begin_object;
                break;
            case '}':
                expected = Kind::end_object;
                break;
            case '[':
                expected = Kind::begin_array;
                break;
            case ']':
                expected = Kind::end_array;
                break;
            case ':':
                expected = Kind::colon;
                break;
            case ',':
                expected = Kind::comma;
                break;
            case 's':
                expected = Kind::string;
                break;
            default:
                expected = Kind::scalar;
                break;
        }
        if (tokens_[i].kind != expected) return false;
    }
    return true;
}

std::string_view JsonSniff::string_at(std::size_t index) const {
    if (index >= tokens_.size() || tokens_[index].kind != Kind::string) return {};
    return tokens_[index].text;
}

bool JsonSniff::has_key(std::string_view key, std::size_t depth) const {
    return value_of(key, depth) != nullptr;
}

const JsonSniff::Token* JsonSniff::value_of(std::string_view key, std::size_t depth) const {
    for (std::size_t i = 0; i + 2 < tokens_.size(); ++i) {
        const Token& token = tokens_[i];
        if (token.kind == Kind::string && token.depth == depth && token.text == key &&
            tokens_[i + 1].kind == Kind::colon) {
            return &tokens_[i + 2];
        }
    }
    return nullptr;
}

std::vector<std::string_view> JsonSniff::first_object_keys(std::size_t depth) const {
    std::vector<std::string_view> keys;
    bool inside = false;
    for (std::size_t i = 0; i < tokens_.size(); ++i) {
        const Token& token = tokens_[i];
        if (!inside) {
            inside = token.kind == Kind::begin_object && token.depth + 1 == depth;
            continue;
        }
        if (token.kind == Kind::end_object && token.depth + 1 == depth) break;
        if (token.kind == Kind::string && token.depth == depth && i + 1 < tokens_.size() &&
            tokens_[i + 1].kind == Kind::colon) {
            keys.push_back(token.text);
        }
    }
    return keys;
}

}  // namespace caws::ingest
