#include "model/message_text.hpp"

namespace caws::model {

std::string message_literal(std::string_view text) {
    if (text.find('`') == std::string_view::npos) return std::string(text);
    std::string out;
    out.reserve(text.size() + 8);
    std::size_t i = 0;
    while (i < text.size()) {
        if (text[i] != '`') {
            out += text[i++];
            continue;
        }
        std::size_t run = 0;
        while (i + run < text.size() && text[i + run] == '`') ++run;
        // The fence is one backtick longer than the run it holds, spaced off from it.
        const std::string fence(run + 1, '`');
        out += fence + ' ' + std::string(run, '`') + ' ' + fence;
        i += run;
    }
    return out;
}

}  // namespace caws::model
