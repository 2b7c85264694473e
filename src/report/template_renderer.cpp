#include "report/template_renderer.hpp"

#include <string>
#include <utility>

#include "report/row_list.hpp"
#include "util/error.hpp"

namespace caws::report {
namespace {

bool is_standalone_tag(std::string_view line) {
    const std::size_t first = line.find_first_not_of(" \t");
    const std::size_t last = line.find_last_not_of(" \t\r");
    if (first == std::string_view::npos) return false;
    const std::string_view tag = line.substr(first, last - first + 1);
    if (tag.size() < 5 || !tag.starts_with("{{") || !tag.ends_with("}}")) return false;
    if (tag.find("}}") != tag.size() - 2) return false;  // exactly one tag on the line
    const char kind = tag[2];
    return kind == '#' || kind == '^' || kind == '/' || kind == '!';
}

}  // namespace

std::string strip_standalone_tags(std::string_view text) {
    // The specification removes a standalone tag's whole line, indentation and newline
    // included, and keeps the tag where the line began. kainjow would treat the tag as
    // standalone again whenever the text after it on its new line is empty, and drop an
    // output line of its own: a marker (k_keep_line) before each moved tag makes the
    // line never blank to kainjow, and finish_rendering removes the markers.
    std::string out;
    out.reserve(text.size());
    std::size_t start = 0;
    while (start < text.size()) {
        std::size_t end = text.find('\n', start);
        const bool has_newline = end != std::string_view::npos;
        if (!has_newline) end = text.size();
        const std::string_view line = text.substr(start, end - start);
        if (is_standalone_tag(line)) {
            const std::size_t first = line.find_first_not_of(" \t");
            const std::size_t last = line.find_last_not_of(" \t\r");
            out.push_back(k_keep_line);
            out.append(line.substr(first, last - first + 1));
        } else {
            out.append(line);
            if (has_newline) out += '\n';
        }
        start = end + 1;
    }
    return out;
}

std::string finish_rendering(std::string rendered) {
    // Most rendered lines carry no marker: move the text between markers in blocks.
    std::size_t keep = rendered.find(k_keep_line);
    if (keep != std::string::npos) {
        std::size_t from = keep + 1;
        while (from < rendered.size()) {
            std::size_t next = rendered.find(k_keep_line, from);
            if (next == std::string::npos) next = rendered.size();
            std::char_traits<char>::move(rendered.data() + keep, rendered.data() + from,
                                         next - from);
            keep += next - from;
            from = next + 1;
        }
        rendered.resize(keep);
    }
    return rendered;
}

std::string render_template(std::string_view name, const kainjow::mustache::data& view,
                            const TemplateSet& templates, Escaper escape) {
    kainjow::mustache::mustache tmpl{strip_standalone_tags(templates.get(name))};
    if (!tmpl.is_valid()) {
        throw util::Error(templates.origin(name), {}, "invalid template: " + tmpl.error_message());
    }
    tmpl.set_custom_escape([escape](const std::string& text) { return escape(text); });
    // kainjow writes the text with <<; collecting it in a string spares a stream.
    struct Sink {
        std::string text;
        Sink& operator<<(const std::string& more) {
            text += more;
            return *this;
        }
    } sink;
    ViewContext context(view);
    tmpl.render(context, sink);
    std::string rendered = std::move(sink.text);
    std::string out = finish_rendering(std::move(rendered));
    if (!tmpl.is_valid()) {
        throw util::Error(templates.origin(name), {},
                          "cannot render the template: " + tmpl.error_message());
    }
    return out;
}

bool names_key(std::string_view text, std::string_view key) {
    std::size_t at = 0;
    while ((at = text.find("{{", at)) != std::string_view::npos) {
        std::size_t i = at + 2;
        if (i < text.size() && text[i] == '=') return true;
        while (i < text.size() && (text[i] == '#' || text[i] == '^' || text[i] == '&' ||
                                   text[i] == '{' || text[i] == '/' || text[i] == ' ')) {
            ++i;
        }
        std::size_t end = i;
        while (end < text.size() && text[end] != '}' && text[end] != ' ') ++end;
        const std::string_view name = text.substr(i, end - i);
        if (name == key || (name.size() > key.size() && name.ends_with(key) &&
                            name[name.size() - key.size() - 1] == '.')) {
            return true;
        }
        at = end;
    }
    return false;
}

}  // namespace caws::report
