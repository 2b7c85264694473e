#include "cli/compare_options.hpp"

#include <cstdlib>
#include <string_view>
#include <vector>

#include "compare/comparator.hpp"

namespace caws::cli {
namespace {

std::string joined(const std::vector<std::string_view>& names) {
    std::string out;
    for (const std::string_view name : names) {
        if (!out.empty()) out += ", ";
        out += name;
    }
    return out;
}

// A validator accepting exactly `names`, with an error that lists them.
CLI::Validator one_of(std::vector<std::string_view> names) {
    const std::string allowed = joined(names);
    return CLI::Validator(
        [names, allowed](std::string& value) -> std::string {
            for (const std::string_view name : names) {
                if (value == name) return {};
            }
            return "expected one of " + allowed + ", got \"" + value + "\"";
        },
        "{" + allowed + "}");
}

}  // namespace

void add_statistics_options(CLI::App& command, app::StatisticsRequest& request) {
    command
        .add_option("--test", request.test,
                    "Significance test: auto (Mann-Whitney U where the sample sizes can reach "
                    "the corrected alpha, else a t-test on log values), mann-whitney, "
                    "mann-whitney-exact (benchstat's tie-aware exact test), welch, moderated-t")
        ->check(one_of(compare::test_names()))
        ->capture_default_str();
    command
        .add_option("--correction", request.correction,
                    "Adjustment of p-values across the gated metrics: none, holm, bh "
                    "(Benjamini-Hochberg)")
        ->check(one_of(compare::correction_names()))
        ->capture_default_str();
    command
        .add_option("--ci", request.ci,
                    "Ratio intervals: hl (Hodges-Lehmann of log values) or bootstrap "
                    "(percentile bootstrap of the ratio of medians)")
        ->check(one_of(compare::ci_method_names()))
        ->capture_default_str();
    command
        .add_option("--confidence", request.confidence,
                    "Confidence level of the intervals, between 0 and 1 (exclusive)")
        ->check(CLI::Validator(
            [](std::string& value) -> std::string {
                char* end = nullptr;
                const double level = std::strtod(value.c_str(), &end);
                if (end == value.c_str() || *end != '\0' || !(level > 0 && level < 1)) {
                    return "expected a number between 0 and 1 (exclusive), got \"" + value + "\"";
                }
                return {};
            },
            "LEVEL"))
        ->capture_default_str();
    command.add_option("--seed", request.seed, "Seed of the bootstrap resampling")
        ->check(CLI::Validator(
            [](std::string& value) -> std::string {
                // CLI11 would wrap "-3" around to 2^64 - 3.
                const bool digits =
                    !value.empty() && value.find_first_not_of("0123456789") == std::string::npos;
                if (!digits) return "expected a non-negative integer, got \"" + value + "\"";
                return {};
            },
            "N"))
        ->capture_default_str();
    command.add_flag("--drop-outliers", request.drop_outliers,
                     "Remove values outside Tukey's fences (1.5 IQR) before comparing");
}

void add_score_options(CLI::App& command, gate::ScoreGates& score_gates) {
    const CLI::Validator score(
        [](std::string& value) -> std::string {
            char* end = nullptr;
            const double number = std::strtod(value.c_str(), &end);
            if (end == value.c_str() || *end != '\0' || !gate::valid_score_threshold(number))
                return "expected a score from 0 to 100, got \"" + value + "\"";
            return {};
        },
        "N");
    command
        .add_option("--min-health", score_gates.min_health,
                    "Fail when the health score (0-100, docs/scoring.md) is below N")
        ->check(score);
    command
        .add_option("--min-trust", score_gates.min_trust,
                    "Fail when the trust score (0-100, docs/scoring.md) is below N")
        ->check(score);
}

}  // namespace caws::cli
