#include "compare/test_choice.hpp"

#include <algorithm>

#include "stats/mann_whitney.hpp"
#include "stats/mann_whitney_ties.hpp"
#include "stats/moderated_t.hpp"
#include "stats/welch.hpp"

namespace caws::compare {
std::string too_few_samples_note(std::size_t n1, std::size_t n2) {
    return "too few samples to test (" + std::to_string(n1) + " vs " + std::to_string(n2) +
           "): the ratio alone decides";
}

double per_metric_alpha(const Options& options, std::size_t family_size) {
    if (options.correction == Correction::none) return options.alpha;
    return options.alpha / static_cast<double>(std::max<std::size_t>(1, family_size));
}

TestChoice choose_test(const Options& options, const RunContext& context, const Side& b,
                       const Side& c, bool summaries_usable, std::vector<std::string>& notes) {
    const std::size_t n1 = b.values.size();
    const std::size_t n2 = c.values.size();
    if (n1 == 0 || n2 == 0) {
        if (summaries_usable) return {SignificanceTest::welch, true};
        notes.push_back("no individual samples on both sides: the ratio alone decides");
        return {SignificanceTest::automatic, false, Untested::no_samples};
    }
    const bool logs = b.positive && c.positive;
    const bool has_df = n1 + n2 >= 3;  // a pooled variance needs one degree of freedom
    const bool welch_possible = logs && n1 >= 2 && n2 >= 2;
    const double min_p = stats::mann_whitney_min_p(n1, n2);
    const auto too_few = [&] {
        notes.push_back(too_few_samples_note(n1, n2));
        return TestChoice{SignificanceTest::automatic, false, Untested::too_few_samples};
    };
    switch (options.test) {
        case SignificanceTest::automatic:
            if (min_p <= per_metric_alpha(options, context.family_size))
                return {SignificanceTest::mann_whitney};
            if (logs && has_df && context.prior != nullptr) return {SignificanceTest::moderated_t};
            if (welch_possible) return {SignificanceTest::welch};
            if (min_p < options.alpha) return {SignificanceTest::mann_whitney};
            break;
        case SignificanceTest::mann_whitney:
        case SignificanceTest::mann_whitney_exact:
            if (min_p >= options.alpha) return too_few();
            return {options.test};
        case SignificanceTest::moderated_t:
            if (logs && has_df && context.prior != nullptr) return {SignificanceTest::moderated_t};
            if (welch_possible) {
                notes.push_back("fewer than " + std::to_string(k_min_metrics_for_prior) +
                                " metrics of this measure to pool the noise: Welch's t-test");
                return {SignificanceTest::welch};
            }
            break;
        case SignificanceTest::welch:
            if (welch_possible) return {SignificanceTest::welch};
            break;
    }
    if (!logs) {
        notes.emplace_back(k_not_positive_note);
        return {SignificanceTest::automatic, false, Untested::not_positive};
    }
    return too_few();
}

TestOutcome run_test(const TestChoice& choice, const RunContext& context, const Side& b,
                     const Side& c, const std::optional<stats::SampleSummary>& b_summary,
                     const std::optional<stats::SampleSummary>& c_summary) {
    switch (choice.test) {
        case SignificanceTest::mann_whitney: {
            const stats::MannWhitneyResult r = stats::mann_whitney_u(b.values, c.values);
            return {r.p_value, r.exact ? "exact" : "asymptotic", std::nullopt};
        }
        case SignificanceTest::mann_whitney_exact: {
            const stats::MannWhitneyResult r = stats::mann_whitney_tie_exact(b.values, c.values);
            return {r.p_value, r.exact ? "exact" : "asymptotic", std::nullopt};
        }
        case SignificanceTest::welch: {
            if (choice.from_summaries) {
                const auto r = stats::welch_t_test(*b_summary, *c_summary);
                return {r ? r->p_value : 1.0, "summary", std::nullopt};
            }
            const auto r = stats::welch_t_test(b.log_summary, c.log_summary);
            return {r ? r->p_value : 1.0, "log", r};
        }
        case SignificanceTest::moderated_t: {
            const auto r = stats::moderated_t_test(b.log_summary, c.log_summary, *context.prior);
            return {r ? r->p_value : 1.0, "log", r};
        }
        case SignificanceTest::automatic:
            break;
    }
    return {};
}

}  // namespace caws::compare
