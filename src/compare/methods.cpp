#include "compare/methods.hpp"

#include <array>

namespace caws::compare {
namespace {

template <typename Value>
struct Name {
    Value value;
    std::string_view id;
    std::string_view label;
};

constexpr std::array<Name<SignificanceTest>, 5> k_tests{{
    {SignificanceTest::automatic, "auto", "automatic choice"},
    {SignificanceTest::mann_whitney, "mann-whitney", "Mann-Whitney U"},
    {SignificanceTest::mann_whitney_exact, "mann-whitney-exact", "Mann-Whitney U, tie-aware exact"},
    {SignificanceTest::welch, "welch", "Welch's t-test on log values"},
    {SignificanceTest::moderated_t, "moderated-t", "moderated t-test on log values"},
}};

constexpr std::array<Name<Correction>, 3> k_corrections{{
    {Correction::none, "none", "no correction"},
    {Correction::holm, "holm", "Holm"},
    {Correction::bh, "bh", "Benjamini-Hochberg"},
}};

constexpr std::array<Name<CiMethod>, 2> k_ci_methods{{
    {CiMethod::hodges_lehmann, "hl", "Hodges-Lehmann"},
    {CiMethod::bootstrap, "bootstrap", "bootstrap"},
}};

template <typename Value, std::size_t N>
const Name<Value>& find(const std::array<Name<Value>, N>& table, Value value) {
    for (const auto& name : table) {
        if (name.value == value) return name;
    }
    return table.front();
}

template <typename Value, std::size_t N>
std::optional<Value> parse(const std::array<Name<Value>, N>& table, std::string_view text) {
    for (const auto& name : table) {
        if (name.id == text) return name.value;
    }
    return std::nullopt;
}

template <typename Value, std::size_t N>
std::vector<std::string_view> ids(const std::array<Name<Value>, N>& table) {
    std::vector<std::string_view> out;
    for (const auto& name : table) out.push_back(name.id);
    return out;
}

}  // namespace

std::string_view to_string(SignificanceTest test) {
    return find(k_tests, test).id;
}
std::string_view to_string(Correction correction) {
    return find(k_corrections, correction).id;
}
std::string_view to_string(CiMethod method) {
    return find(k_ci_methods, method).id;
}
std::string_view label_of(SignificanceTest test) {
    return find(k_tests, test).label;
}
std::string_view label_of(Correction correction) {
    return find(k_corrections, correction).label;
}
std::string_view label_of(CiMethod method) {
    return find(k_ci_methods, method).label;
}

std::optional<SignificanceTest> test_from_string(std::string_view text) {
    return parse(k_tests, text);
}
std::optional<Correction> correction_from_string(std::string_view text) {
    return parse(k_corrections, text);
}
std::optional<CiMethod> ci_method_from_string(std::string_view text) {
    return parse(k_ci_methods, text);
}

std::vector<std::string_view> test_names() {
    return ids(k_tests);
}
std::vector<std::string_view> correction_names() {
    return ids(k_corrections);
}
std::vector<std::string_view> ci_method_names() {
    return ids(k_ci_methods);
}

}  // namespace caws::compare
