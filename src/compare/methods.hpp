#pragma once

#include <optional>
#include <string_view>
#include <vector>

namespace caws::compare {

// The significance test of a comparison (`--test`, and the `test` key of a gate file).
enum class SignificanceTest {
    // The rule of docs/statistics.md: Mann-Whitney U where the sample sizes can reach the
    // corrected alpha, otherwise a moderated t-test on log values when the run has enough
    // metrics to pool their noise, otherwise Welch's t-test on log values.
    automatic,
    mann_whitney,        // Mann-Whitney U with scipy's method="auto" convention
    mann_whitney_exact,  // Mann-Whitney U with benchstat's tie-aware exact distribution
    welch,               // Welch's t-test on log values
    moderated_t,         // moderated t-test on log values (noise pooled per measure)
};

// The adjustment of p-values across the gated metrics of a run (`--correction`).
enum class Correction { none, holm, bh };

// How the confidence interval of a ratio is computed (`--ci`).
enum class CiMethod {
    hodges_lehmann,  // exp of the Hodges-Lehmann shift of log values and its interval
    bootstrap,       // percentile bootstrap of the ratio of medians
};

// Stable identifiers, as the command line and the JSON report write them ("auto",
// "mann-whitney", ...; "none", "holm", "bh"; "hl", "bootstrap"), and human labels.
std::string_view to_string(SignificanceTest test);
std::string_view to_string(Correction correction);
std::string_view to_string(CiMethod method);
std::string_view label_of(SignificanceTest test);
std::string_view label_of(Correction correction);
std::string_view label_of(CiMethod method);

std::optional<SignificanceTest> test_from_string(std::string_view text);
std::optional<Correction> correction_from_string(std::string_view text);
std::optional<CiMethod> ci_method_from_string(std::string_view text);

// Every identifier, in table order (for help texts and validation).
std::vector<std::string_view> test_names();
std::vector<std::string_view> correction_names();
std::vector<std::string_view> ci_method_names();

}  // namespace caws::compare
