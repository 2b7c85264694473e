#pragma once

// Which significance test a comparison runs, and running it: SignificanceTest::automatic
// and docs/statistics.md describe the rule. Internal to compare/.

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "compare/comparator.hpp"
#include "compare/side.hpp"
#include "stats/student_t.hpp"

namespace caws::compare {

// The level one metric's test must reach: alpha, divided by the family size under a
// correction (Holm's first step, and BH's when a single metric changes).
double per_metric_alpha(const Options& options, std::size_t family_size);

// The notes of a comparison left untested: too few samples (n1 vs n2), or values that are
// not all positive (no test on logs).
std::string too_few_samples_note(std::size_t n1, std::size_t n2);
inline constexpr std::string_view k_not_positive_note =
    "values not all positive: no test on log values, the ratio alone decides";

// Why a comparison was not tested.
enum class Untested { no, too_few_samples, no_samples, not_positive };

struct TestChoice {
    SignificanceTest test = SignificanceTest::automatic;  // automatic: untested, see `untested`
    bool from_summaries = false;
    Untested untested = Untested::no;
};

// The test for baseline side `b` against candidate side `c`. `summaries_usable`: both
// metrics have a Welch summary. Appends to `notes` why a test was not run or changed.
TestChoice choose_test(const Options& options, const RunContext& context, const Side& b,
                       const Side& c, bool summaries_usable, std::vector<std::string>& notes);

struct TestOutcome {
    double p_value = 1;
    std::string variant;                      // "exact", "asymptotic", "log", "summary"
    std::optional<stats::TTestResult> log_t;  // a t-test on log values, for its interval
};

// Runs the chosen test; the summaries are those of welch_summary.
TestOutcome run_test(const TestChoice& choice, const RunContext& context, const Side& b,
                     const Side& c, const std::optional<stats::SampleSummary>& b_summary,
                     const std::optional<stats::SampleSummary>& c_summary);

}  // namespace caws::compare
