#include "report/template_renderer.hpp"

#include "util/error.hpp"

namespace caws::report {
namespace {

bool is_standalone_tag(std::string_view line) {
    const std::size_t first = line.find_first_not_of(" \t");
    const std::size_t last = line.find_last_not_of(" \t\r");
    if (first == std::string_view::npos) return false;
    const std::string_view tag = line.substr(first, last - first + 1);
    if (tag.size() < 5 || tag.substr(0, 2) != "{{" || tag.substr(tag.size() - 2) != "}}")
        return false;
    if (tag.find("}}") != tag.size() - 2) return false;  // exactly one tag on the line
    const char kind = tag[2];
    return kind == '#' || kind == '^' || kind == '/' || kind == '!';
}

}  // namespace

std::string strip_standalone_tags(std::string_view text) {
    // Each standalone tag moves to the end of the line before it (before that line's
    // newline). The newline then belongs to the section's surroundings, so the output has
    // exactly the lines the specification gives whether the section renders or not, and
    // kainjow no longer sees a tag alone on a line.
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
            const std::string_view tag = line.substr(first, last - first + 1);
            if (!out.empty() && out.back() == '\n') {
                const std::size_t cut = out.size() > 1 && out[out.size() - 2] == '\r' ? 2 : 1;
                out.insert(out.size() - cut, tag);
            } else {
                out.append(tag);  // at the very start of the template
            }
        } else {
            out.append(line);
            if (has_newline) out += '\n';
        }
        start = end + 1;
    }
    return out;
}

std::string render_template(std::string_view name, const kainjow::mustache::data& view,
                            const TemplateSet& templates, Escaper escape) {
    kainjow::mustache::mustache tmpl{strip_standalone_tags(templates.get(name))};
    if (!tmpl.is_valid()) {
        throw util::Error(templates.origin(name), {}, "invalid template: " + tmpl.error_message());
    }
    tmpl.set_custom_escape([escape](const std::string& text) { return escape(text); });
    std::string out = tmpl.render(view);
    if (!tmpl.is_valid()) {
        throw util::Error(templates.origin(name), {},
                          "cannot render the template: " + tmpl.error_message());
    }
    return out;
}

}  // namespace caws::report
