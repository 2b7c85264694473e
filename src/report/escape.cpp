#include "report/escape.hpp"

#include <algorithm>
#include <utility>

namespace caws::report {

namespace {

bool is_alnum(char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
           (static_cast<unsigned char>(c) & 0x80) != 0;
}

}  // namespace

namespace {

// The escapers copy runs of characters that need nothing in one append each: report
// texts are mostly plain, and appending byte by byte dominated rendering large reports.
// `replacement(text, i, length)` returns what replaces the character at `i` (empty for
// none) and sets `length` to the bytes it replaces when that is more than one.
template <typename Replacement>
std::string escape_with(std::string_view text, std::size_t extra, Replacement replacement) {
    std::string out;
    out.reserve(text.size() + extra);
    std::size_t copied = 0;
    for (std::size_t i = 0; i < text.size(); ++i) {
        std::size_t length = 1;
        const std::string_view with = replacement(text, i, length);
        if (with.empty()) continue;
        out.append(text.substr(copied, i - copied));
        out.append(with);
        i += length - 1;
        copied = i + 1;
    }
    out.append(text.substr(copied));
    return out;
}

}  // namespace

std::string markdown_code_span(std::string_view text) {
    std::size_t longest = 0;
    std::size_t run = 0;
    std::string body;
    body.reserve(text.size());
    for (const char c : text) {
        run = c == '`' ? run + 1 : 0;
        longest = std::max(longest, run);
        body += c == '\n' || c == '\r' ? ' ' : c;
    }
    const std::string fence(longest + 1, '`');
    const auto edge = [](char c) { return c == '`' || c == ' '; };
    const bool pad = !body.empty() && (edge(body.front()) || edge(body.back()));
    const std::string space = pad ? " " : "";
    return fence + space + body + space + fence;
}

std::string escape_markdown(std::string_view text) {
    return escape_with(
        text, text.size() / 8 + 4,
        [](std::string_view t, std::size_t i, std::size_t&) -> std::string_view {
            const char c = t[i];
            switch (c) {
                case '&':
                    return "&amp;";
                case '<':
                    return "&lt;";
                case '>':
                    return "&gt;";
                case '"':
                    return "&quot;";
                case '\n':
                case '\r':
                case '\t':
                    return " ";
                case '_':
                    // An underscore inside a word never starts emphasis in
                    // GitHub Flavored Markdown: leave BM_Sort_Vector readable
                    // in the raw text.
                    if (i > 0 && i + 1 < t.size() && is_alnum(t[i - 1]) && is_alnum(t[i + 1])) {
                        return {};
                    }
                    return "\\_";
                case '\\':
                    return "\\\\";
                case '`':
                    return "\\`";
                case '*':
                    return "\\*";
                case '[':
                    return "\\[";
                case ']':
                    return "\\]";
                case '|':
                    return "\\|";
                case '~':
                    return "\\~";
                case '$':
                    return "\\$";
                case '#':
                    return "\\#";
                case '!':
                    return "\\!";
                default:
                    return {};
            }
        });
}

std::string escape_latex(std::string_view text) {
    return escape_with(
        text, text.size() / 4 + 4,
        [](std::string_view t, std::size_t i, std::size_t& length) -> std::string_view {
            switch (t[i]) {
                case '#':
                    return "\\#";
                case '$':
                    return "\\$";
                case '%':
                    return "\\%";
                case '&':
                    return "\\&";
                case '_':
                    return "\\_";
                case '{':
                    return "\\{";
                case '}':
                    return "\\}";
                case '~':
                    return "\\textasciitilde{}";
                case '^':
                    return "\\textasciicircum{}";
                case '\\':
                    return "\\textbackslash{}";
                case '<':
                    return "\\textless{}";
                case '>':
                    return "\\textgreater{}";
                case '|':
                    return "\\textbar{}";
                case '"':
                    return "\\textquotedbl{}";
                case '\n':
                case '\r':
                case '\t':
                    return " ";
                default:
                    break;
            }
            if ((static_cast<unsigned char>(t[i]) & 0x80) == 0) return {};
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
            for (const auto& [symbol, command] : k_symbols) {
                if (t.substr(i, symbol.size()) == symbol) {
                    length = symbol.size();
                    return command;
                }
            }
            return {};
        });
}

std::string escape_xml(std::string_view text) {
    return escape_with(text, text.size() / 8 + 4,
                       [](std::string_view t, std::size_t i, std::size_t&) -> std::string_view {
                           const char c = t[i];
                           switch (c) {
                               case '&':
                                   return "&amp;";
                               case '<':
                                   return "&lt;";
                               case '>':
                                   return "&gt;";
                               case '"':
                                   return "&quot;";
                               case '\'':
                                   return "&apos;";
                               case '\t':
                                   return "&#9;";
                               case '\n':
                                   return "&#10;";
                               case '\r':
                                   return "&#13;";
                               default: {
                                   const auto byte = static_cast<unsigned char>(c);
                                   // U+FFFD: XML 1.0 cannot carry these at all.
                                   if (byte < 0x20 || byte == 0x7F) return "\xEF\xBF\xBD";
                                   return {};
                               }
                           }
                       });
}

namespace {

std::string percent_encode(std::string_view text, bool property) {
    return escape_with(
        text, 8, [property](std::string_view t, std::size_t i, std::size_t&) -> std::string_view {
            switch (t[i]) {
                case '%':
                    return "%25";
                case '\r':
                    return "%0D";
                case '\n':
                    return "%0A";
                case ':':
                    return property ? "%3A" : "";
                case ',':
                    return property ? "%2C" : "";
                default:
                    return {};
            }
        });
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
