#include "ingest/libtest_line.hpp"

#include <string>

#include "util/error.hpp"
#include "util/strings.hpp"

namespace caws::ingest {
namespace {

constexpr std::string_view k_test = "test ";
constexpr std::string_view k_separator = " ... ";

// The name and what follows " ... ", or false when `line` is not a libtest result line.
bool split_result(std::string_view line, std::string_view& name, std::string_view& rest) {
    if (line.substr(0, k_test.size()) != k_test) return false;
    const std::size_t separator = line.find(k_separator, k_test.size());
    if (separator == std::string_view::npos) return false;
    name = util::trim(line.substr(k_test.size(), separator - k_test.size()));
    rest = line.substr(separator + k_separator.size());
    return !name.empty();
}

// Parses what follows "bench:"; returns an error message and where, or fills `out`.
struct Problem {
    std::string_view at;
    std::string what;
};

std::optional<Problem> parse_measurement(std::string_view rest, LibtestLine& out) {
    const std::string_view value = next_field(rest);
    if (!parse_grouped_number(value)) {
        if (value.empty())
            return Problem{rest.substr(rest.size()), "expected a number after \"bench:\""};
        return Problem{value, "expected a number after \"bench:\", got " + in_quotes(value)};
    }
    out.value = value;
    out.unit = next_field(rest);
    if (out.unit.empty())
        return Problem{rest.substr(rest.size()), "expected a unit after " + in_quotes(value)};
    const std::string_view open = next_field(rest);
    if (open != "(+/-") {
        return Problem{open.empty() ? rest.substr(rest.size()) : open,
                       "expected \"(+/- deviation)\" after " + in_quotes(out.unit)};
    }
    std::string_view deviation = next_field(rest);
    const bool closed = !deviation.empty() && deviation.back() == ')';
    if (closed) deviation.remove_suffix(1);
    const auto spread = parse_grouped_number(deviation);
    if (!spread || !closed) {
        return Problem{deviation.empty() ? rest.substr(rest.size()) : deviation,
                       "expected \"(+/- deviation)\" after " + in_quotes(out.unit)};
    }
    out.deviation = deviation;
    // libtest: " = 64000 MB/s" when the benchmark set b.bytes.
    const std::string_view tail = util::trim(rest);
    if (tail.empty()) return std::nullopt;
    const std::string_view equals = next_field(rest);
    const std::string_view megabytes = next_field(rest);
    const std::string_view rate_unit = next_field(rest);
    if (equals != "=" || !parse_grouped_number(megabytes) || rate_unit != "MB/s" ||
        !util::trim(rest).empty()) {
        return Problem{tail,
                       "expected the end of the line or \"= N MB/s\", got " + in_quotes(tail)};
    }
    out.megabytes_per_second = megabytes;
    return std::nullopt;
}

}  // namespace

std::optional<LibtestLine> read_libtest_line(std::string_view line, const TextCursor& cursor) {
    std::string_view name, rest;
    if (!split_result(line, name, rest)) return std::nullopt;
    std::string_view outcome = rest;
    if (next_field(outcome) != "bench:") return std::nullopt;
    LibtestLine out;
    out.name = name;
    if (const auto problem = parse_measurement(outcome, out))
        cursor.fail(problem->at, problem->what);
    return out;
}

LibtestOutcome read_libtest_outcome(std::string_view line, std::string_view& name) {
    std::string_view rest;
    if (!split_result(line, name, rest)) return LibtestOutcome::none;
    const std::string_view word = util::trim(rest);
    if (word == "FAILED") return LibtestOutcome::failed;
    if (word == "ignored" || word.starts_with("ignored, ")) return LibtestOutcome::ignored;
    return LibtestOutcome::none;
}

bool is_libtest_line(std::string_view line) {
    std::string_view name, rest;
    if (!split_result(line, name, rest)) return false;
    return next_field(rest) == "bench:" && !util::trim(rest).empty();
}

std::string_view cargo_running_target(std::string_view line) {
    std::string_view rest = util::trim(line);
    if (next_field(rest) != "Running") return {};
    rest = util::trim(rest);
    if (rest.starts_with("unittests ")) rest.remove_prefix(10);
    // "benches/x.rs (target/release/deps/x-0123abcd)": the source file names the target.
    const std::size_t paren = rest.find(" (");
    if (paren != std::string_view::npos) return util::trim(rest.substr(0, paren));
    // Older cargo: "(target/release/deps/x-0123abcd)" or the bare path. The hash changes
    // with every build: the target is the binary's name without it.
    if (rest.size() >= 2 && rest.front() == '(' && rest.back() == ')') {
        rest = rest.substr(1, rest.size() - 2);
    }
    const std::size_t slash = rest.rfind('/');
    if (slash != std::string_view::npos) rest.remove_prefix(slash + 1);
    const std::size_t dash = rest.rfind('-');
    if (dash != std::string_view::npos && dash > 0) rest = rest.substr(0, dash);
    return rest;
}

}  // namespace caws::ingest
