#include "report/rerun_filter.hpp"

#include <algorithm>
#include <array>
#include <cctype>

namespace caws::report {
namespace {

// A name as a regular expression that matches it literally, for both POSIX extended
// expressions (Google Benchmark's std::regex) and RE2 (Go). A backslash before ] or }
// is an error in std::regex's extended grammar, where both are literal anyway; < and >
// go in brackets so that no name reads as an HTML tag once the filter is in a report.
std::string literal_regex(std::string_view name) {
    std::string out;
    for (const char c : name) {
        if (std::string_view(".[{()*+?|^$\\").find(c) != std::string_view::npos) {
            out += '\\';
            out += c;
        } else if (c == '<' || c == '>') {
            out += std::string("[") + c + "]";
        } else if (std::iscntrl(static_cast<unsigned char>(c))) {
            out += '.';  // never in names read from results; kept off the report's lines
        } else {
            out += c;
        }
    }
    return out;
}

template <typename Part>
std::string joined(const std::vector<std::string>& items, std::string_view separator, Part part) {
    std::string out;
    for (const std::string& item : items) {
        if (!out.empty()) out += separator;
        out += part(item);
    }
    return out;
}

// Google Benchmark matches its filter against the full name (with /min_time:, /threads:
// and the arguments, without an aggregate's suffix): the metric name exactly.
std::optional<std::string> google_benchmark_filter(const std::vector<std::string>& names,
                                                   const model::Run&) {
    return "--benchmark_filter=^(" + joined(names, "|", literal_regex) + ")$";
}

// A character pytest's -k expressions accept in an identifier: word characters and
// : + - . [ ] \ / (bytes of non-ASCII letters count as word characters there).
bool keyword_character(unsigned char c) {
    return std::isalnum(c) || c >= 0x80 ||
           std::string_view("_:+-.[]\\/").find(static_cast<char>(c)) != std::string_view::npos;
}

// The -k keyword of a pytest-benchmark name ("tests/test_a.py::test_x[1-2]"): the test's
// own name, or its function's name (all parameters) when its parameters hold characters
// -k cannot write; nullopt when neither can be written.
std::optional<std::string> pytest_keyword(const std::string& name) {
    const std::size_t colons = name.rfind("::");
    std::string test = colons == std::string::npos ? name : name.substr(colons + 2);
    const auto writable = [](const std::string& word) {
        return !word.empty() && word != "or" && word != "and" && word != "not" &&
               std::all_of(word.begin(), word.end(),
                           [](char c) { return keyword_character(static_cast<unsigned char>(c)); });
    };
    if (writable(test)) return test;
    test = test.substr(0, test.find('['));
    if (writable(test)) return test;
    return std::nullopt;
}

std::optional<std::string> pytest_filter(const std::vector<std::string>& names, const model::Run&) {
    std::vector<std::string> keywords;
    for (const std::string& name : names) {
        std::optional<std::string> keyword = pytest_keyword(name);
        if (!keyword) return std::nullopt;
        if (std::find(keywords.begin(), keywords.end(), *keyword) == keywords.end()) {
            keywords.push_back(std::move(*keyword));
        }
    }
    return "-k=" + joined(keywords, " or ", [](const std::string& k) { return k; });
}

// The value of a metric's label, empty without it.
std::string label_of(const model::Metric& metric, std::string_view key) {
    for (const auto& [k, value] : metric.labels) {
        if (k == key) return value;
    }
    return {};
}

// A Go metric name without the package the reader added to names found in several
// packages ("BenchmarkX (example.com/a)"; go test names have no spaces).
std::string without_package(const std::string& name) {
    return name.substr(0, name.find(" ("));
}

// The name go test runs: without the package and without the -GOMAXPROCS suffix, which the
// reader keeps in the name only when one benchmark ran with several -cpu values (then
// another metric has the same name with another suffix).
std::string go_test_name(const std::string& name, const model::Run& candidate) {
    std::string test = without_package(name);
    const auto metric = std::find_if(candidate.metrics.begin(), candidate.metrics.end(),
                                     [&name](const model::Metric& m) { return m.name == name; });
    if (metric == candidate.metrics.end()) return test;
    const std::string procs = label_of(*metric, "gomaxprocs");
    if (procs.empty() || !test.ends_with("-" + procs)) return test;
    const std::string base = test.substr(0, test.size() - procs.size() - 1);
    for (const model::Metric& other : candidate.metrics) {
        const std::string other_procs = label_of(other, "gomaxprocs");
        if (!other_procs.empty() && other_procs != procs &&
            without_package(other.name) == base + "-" + other_procs) {
            return base;
        }
    }
    return test;
}

// go test splits -bench at top-level | into alternatives and each at / into one pattern
// per level of sub-benchmarks, so "^A$/^x$" selects A's sub-benchmark x alone.
std::optional<std::string> go_filter(const std::vector<std::string>& names,
                                     const model::Run& candidate) {
    std::vector<std::string> tests;
    for (const std::string& name : names) {
        std::string test = go_test_name(name, candidate);
        if (std::find(tests.begin(), tests.end(), test) == tests.end()) {
            tests.push_back(std::move(test));
        }
    }
    const auto levels = [](const std::string& test) {
        std::string pattern;
        std::size_t from = 0;
        for (;;) {
            const std::size_t slash = test.find('/', from);
            pattern += '^';
            pattern += literal_regex(std::string_view(test).substr(from, slash - from));
            pattern += '$';
            if (slash == std::string::npos) return pattern;
            pattern += '/';
            from = slash + 1;
        }
    };
    return "-bench=" + joined(tests, "|", levels);
}

using FilterOf = std::optional<std::string> (*)(const std::vector<std::string>& names,
                                                const model::Run& candidate);

struct FilterSyntax {
    std::string_view format;  // the ingest format id
    FilterOf filter;
};

constexpr std::array<FilterSyntax, 3> k_filter_syntaxes{{
    {"google-benchmark", google_benchmark_filter},
    {"pytest-benchmark", pytest_filter},
    {"go", go_filter},
}};

}  // namespace

std::optional<std::string> rerun_filter(std::string_view format,
                                        const std::vector<std::string>& benchmarks,
                                        const model::Run& candidate) {
    if (benchmarks.empty()) return std::nullopt;
    for (const FilterSyntax& syntax : k_filter_syntaxes) {
        if (syntax.format == format) return syntax.filter(benchmarks, candidate);
    }
    return std::nullopt;
}

std::string shell_word(std::string_view argument) {
    const std::size_t equals = argument.find('=');
    const std::size_t from = equals == std::string_view::npos ? 0 : equals + 1;
    std::string out(argument.substr(0, from));
    out += '\'';
    for (const char c : argument.substr(from)) {
        if (c == '\'') {
            out += "'\\''";
        } else {
            out += c;
        }
    }
    out += '\'';
    return out;
}

}  // namespace caws::report
