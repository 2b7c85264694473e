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

namespace {

// The length of the run of backticks at `at`.
std::size_t backtick_run(std::string_view text, std::size_t at) {
    std::size_t run = 0;
    while (at + run < text.size() && text[at + run] == '`') ++run;
    return run;
}

// Where the run of exactly `length` backticks that closes a code span opened before `from`
// starts, or npos.
std::size_t closing_fence(std::string_view text, std::size_t from, std::size_t length) {
    for (std::size_t i = from; i < text.size();) {
        const std::size_t run = backtick_run(text, i);
        if (run == length) return i;
        i += run == 0 ? 1 : run;
    }
    return std::string_view::npos;
}

// A code span's content as CommonMark reads it: one space off each end when both are there
// and the content is not all spaces.
std::string_view span_content(std::string_view body) {
    const bool padded = body.size() >= 2 && body.front() == ' ' && body.back() == ' ' &&
                        body.find_first_not_of(' ') != std::string_view::npos;
    return padded ? body.substr(1, body.size() - 2) : body;
}

}  // namespace

std::string escape_markdown_message(std::string_view text) {
    std::string out;
    std::size_t plain = 0;  // start of the text not yet written
    for (std::size_t i = 0; i < text.size();) {
        const std::size_t run = backtick_run(text, i);
        if (run == 0) {
            ++i;
            continue;
        }
        const std::size_t close = closing_fence(text, i + run, run);
        if (close == std::string_view::npos) {
            i += run;  // no closing fence: the backticks are text
            continue;
        }
        out += escape_markdown(text.substr(plain, i - plain));
        out += markdown_code_span(span_content(text.substr(i + run, close - i - run)));
        i = close + run;
        plain = i;
    }
    out += escape_markdown(text.substr(plain));
    return out;
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
