#include "report/escape.hpp"

#include <utility>

namespace caws::report {

namespace {

bool is_alnum(char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
           (static_cast<unsigned char>(c) & 0x80) != 0;
}

}  // namespace

std::string escape_markdown(std::string_view text) {
    std::string out;
    out.reserve(text.size() + text.size() / 8 + 4);
    for (std::size_t i = 0; i < text.size(); ++i) {
        const char c = text[i];
        // An underscore inside a word never starts emphasis in GitHub Flavored Markdown:
        // leave BM_Sort_Vector readable in the raw text.
        if (c == '_' && i > 0 && i + 1 < text.size() && is_alnum(text[i - 1]) &&
            is_alnum(text[i + 1])) {
            out += c;
            continue;
        }
        switch (c) {
            case '&':
                out += "&amp;";
                break;
            case '<':
                out += "&lt;";
                break;
            case '>':
                out += "&gt;";
                break;
            case '"':
                out += "&quot;";
                break;
            case '\n':
            case '\r':
            case '\t':
                out += ' ';
                break;
            case '\\':
            case '`':
            case '*':
            case '_':
            case '[':
            case ']':
            case '|':
            case '~':
            case '$':
            case '#':
            case '!':
                out += '\\';
                out += c;
                break;
            default:
                out += c;
        }
    }
    return out;
}

}  // namespace caws::report

namespace caws::report {

std::string escape_latex(std::string_view text) {
    std::string out;
    out.reserve(text.size() + text.size() / 4 + 4);
    for (std::size_t i = 0; i < text.size(); ++i) {
        const char c = text[i];
        switch (c) {
            case '#':
            case '$':
            case '%':
            case '&':
            case '_':
            case '{':
            case '}':
                out += '\\';
                out += c;
                break;
            case '~':
                out += "\\textasciitilde{}";
                break;
            case '^':
                out += "\\textasciicircum{}";
                break;
            case '\\':
                out += "\\textbackslash{}";
                break;
            case '<':
                out += "\\textless{}";
                break;
            case '>':
                out += "\\textgreater{}";
                break;
            case '|':
                out += "\\textbar{}";
                break;
            case '"':
                out += "\\textquotedbl{}";
                break;
            case '\n':
            case '\r':
            case '\t':
                out += ' ';
                break;
            default: {
                // The multi-byte characters the renderers themselves produce.
                static constexpr std::pair<std::string_view, std::string_view> k_symbols[] = {
                    {"\xC2\xB5", "\\textmu{}"},               // µ
                    {"\xE2\x88\x9E", "$\\infty$"},            // ∞
                    {"\xE2\x89\xA5", "$\\geq$"},              // ≥
                    {"\xE2\x89\xA4", "$\\leq$"},              // ≤
                    {"\xC3\x97", "$\\times$"},                // ×
                    {"\xE2\x88\x92", "$-$"},                  // −
                    {"\xE2\x80\x94", "---"},                  // —
                    {"\xE2\x80\x93", "--"},                   // –
                    {"\xE2\x80\xA6", "\\dots{}"},             // …
                    {"\xC2\xB7", "\\textperiodcentered{}"}};  // ·
                bool replaced = false;
                if ((static_cast<unsigned char>(c) & 0x80) != 0) {
                    for (const auto& [symbol, command] : k_symbols) {
                        if (text.substr(i, symbol.size()) == symbol) {
                            out += command;
                            i += symbol.size() - 1;
                            replaced = true;
                            break;
                        }
                    }
                }
                if (!replaced) out += c;
            }
        }
    }
    return out;
}

std::string escape_xml(std::string_view text) {
    std::string out;
    out.reserve(text.size() + text.size() / 8 + 4);
    for (const char c : text) {
        const auto byte = static_cast<unsigned char>(c);
        switch (c) {
            case '&':
                out += "&amp;";
                break;
            case '<':
                out += "&lt;";
                break;
            case '>':
                out += "&gt;";
                break;
            case '"':
                out += "&quot;";
                break;
            case '\'':
                out += "&apos;";
                break;
            case '\t':
                out += "&#9;";
                break;
            case '\n':
                out += "&#10;";
                break;
            case '\r':
                out += "&#13;";
                break;
            default:
                if (byte < 0x20 || byte == 0x7F) {
                    out += "\xEF\xBF\xBD";  // U+FFFD: XML 1.0 cannot carry it at all
                } else {
                    out += c;
                }
        }
    }
    return out;
}

namespace {

std::string percent_encode(std::string_view text, bool property) {
    std::string out;
    out.reserve(text.size() + 8);
    for (const char c : text) {
        switch (c) {
            case '%':
                out += "%25";
                break;
            case '\r':
                out += "%0D";
                break;
            case '\n':
                out += "%0A";
                break;
            case ':':
                out += property ? "%3A" : ":";
                break;
            case ',':
                out += property ? "%2C" : ",";
                break;
            default:
                out += c;
        }
    }
    return out;
}

}  // namespace

std::string escape_workflow_data(std::string_view text) {
    return percent_encode(text, false);
}

std::string escape_workflow_property(std::string_view text) {
    return percent_encode(text, true);
}

std::size_t utf16_length(std::string_view text) {
    std::size_t length = 0;
    for (const char c : text) {
        const auto byte = static_cast<unsigned char>(c);
        if ((byte & 0xC0) != 0x80) ++length;  // the first byte of each code point
        if (byte >= 0xF0) ++length;           // four-byte sequences need a surrogate pair
    }
    return length;
}

}  // namespace caws::report
