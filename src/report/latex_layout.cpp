#include "report/latex_layout.hpp"

#include <cmath>
#include <cstdio>

#include "report/escape.hpp"

namespace caws::report {
namespace {

// An em length with two decimals, rounded up: "12.35em".
std::string em(double width) {
    char text[32];
    std::snprintf(text, sizeof text, "%.2fem", std::ceil(width * 100.0) / 100.0);
    return text;
}

}  // namespace

double latex_width_em(std::string_view text) {
    double width = 0;
    for (std::size_t i = 0; i < text.size(); ++i) {
        const auto c = static_cast<unsigned char>(text[i]);
        if ((c & 0xC0U) == 0x80U) continue;  // a UTF-8 continuation byte: counted with its lead
        if (c == 'm' || c == 'w' || c == 'M' || c == 'W' || c >= 0x80U) {
            width += 0.9;  // and µ, ×, −: at most as wide as m
        } else if (c >= 'A' && c <= 'Z') {
            width += 0.75;
        } else if (c == '.' || c == ',' || c == ' ' || c == ':' || c == '!' || c == '|') {
            width += 0.35;
        } else {
            width += 0.55;  // digits are 0.5em; lowercase letters, brackets and the rest
        }
    }
    return width;
}

std::string latex_breakable(std::string_view text) {
    const std::string escaped = escape_latex(text);
    std::string out;
    out.reserve(escaped.size() + 16);
    for (std::size_t i = 0; i < escaped.size(); ++i) {
        out += escaped[i];
        // escape_latex writes "_" only as "\_", and none of these characters in a command.
        const char c = escaped[i];
        if (c == '/' || c == ':' || c == ',' || c == '=' ||
            (c == '_' && i > 0 && escaped[i - 1] == '\\')) {
            out += "\\allowbreak{}";
        }
    }
    return out;
}

std::string latex_name_column(double others_em, std::size_t separations) {
    return ">{\\raggedright\\arraybackslash}p{\\dimexpr\\linewidth-" + em(others_em) + "-" +
           std::to_string(separations) + "\\tabcolsep\\relax}";
}

std::string latex_right_column(double width_em) {
    return ">{\\raggedleft\\arraybackslash}p{" + em(width_em) + "}";
}

}  // namespace caws::report
