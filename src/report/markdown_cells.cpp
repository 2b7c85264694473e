#include "report/markdown_cells.hpp"

#include <algorithm>

#include "compare/methods.hpp"
#include "report/report_view.hpp"

namespace caws::report {

std::string unbreakable(std::string_view text) {
    std::string out;
    out.reserve(text.size() + 8);
    for (const char c : text) {
        if (c == ' ') {
            out += "\u00a0";
        } else {
            out += c;
        }
    }
    return out;
}

namespace {

// " on the p95": the statistic a test was run on, when not the median.
std::string statistic_suffix(const model::Comparison& c) {
    if (c.test == "none" || c.statistic == "median") return {};
    return " on the " + c.statistic;
}

}  // namespace

std::string test_label(const model::Comparison& c) {
    if (c.test == "none") return "no test";
    const auto test = compare::test_from_string(c.test);
    std::string label = test ? std::string(compare::label_of(*test)) : c.test;
    if (c.test_variant == "summary") label += " on summaries";
    return label + statistic_suffix(c);
}

SharedColumns shared_columns(const std::vector<const model::Comparison*>& rows, bool rounds) {
    SharedColumns shared;
    if (rounds) shared.counted = "rounds";
    if (rows.empty()) return shared;
    const model::Comparison& first = *rows.front();
    const std::string first_test = test_label(first);
    for (const model::Comparison* c : rows) {
        shared.same_measure = shared.same_measure && c->measure == first.measure;
        shared.same_test = shared.same_test && test_label(*c) == first_test;
        shared.same_sizes = shared.same_sizes && c->n_baseline == first.n_baseline &&
                            c->n_candidate == first.n_candidate;
    }
    std::string method;
    if (shared.same_test) method = first_test;
    if (shared.same_sizes) {
        method += (method.empty() ? "" : ", ") + sample_sizes(first) + " " + shared.counted;
    }
    std::string parts = shared.same_measure ? first.measure : std::string();
    if (!method.empty()) parts += (parts.empty() ? "" : "; ") + method;
    if (!parts.empty()) shared.sentence = "All rows: " + parts + ".";
    return shared;
}

std::string varying_cell(const model::Comparison& c, const SharedColumns& shared) {
    std::string cell;
    if (!shared.same_test) {
        cell = c.test == "none" ? std::string("—") : c.test;
        if (c.test_variant == "summary") cell += " (summaries)";
        cell += statistic_suffix(c);
    }
    if (!shared.same_sizes) cell += (cell.empty() ? "" : ", ") + sample_sizes(c);
    return unbreakable(cell);
}

std::string NoteNumbers::refer(const std::vector<std::string>& notes) {
    std::string refs;
    for (const std::string& note : notes) {
        auto at = std::find(notes_.begin(), notes_.end(), note);
        if (at == notes_.end()) at = notes_.insert(notes_.end(), note);
        if (!refs.empty()) refs += ", ";
        refs += std::to_string(at - notes_.begin() + 1);
    }
    return refs;
}

std::string NoteNumbers::marks(std::string_view refs) {
    static constexpr const char* k_superscripts[] = {"⁰", "¹", "²", "³", "⁴",
                                                     "⁵", "⁶", "⁷", "⁸", "⁹"};
    std::string out;
    for (const char c : refs) {
        if (c >= '0' && c <= '9') {
            out += k_superscripts[c - '0'];
        } else if (c == ',') {
            out += ',';
        }
    }
    return out;
}

}  // namespace caws::report
