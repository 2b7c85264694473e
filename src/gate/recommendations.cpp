#include "gate/recommendations.hpp"

#include <algorithm>
#include <cmath>
#include <map>
#include <set>
#include <string>
#include <string_view>
#include <tuple>
#include <unordered_set>
#include <utility>

#include "compare/statistic_test.hpp"
#include "gate/between_run_advice.hpp"
#include "gate/interleaving.hpp"
#include "model/message_text.hpp"
#include "model/quantity_format.hpp"
#include "model/source_kind.hpp"
#include "stats/mann_whitney.hpp"
#include "util/strings.hpp"

namespace caws::gate {
namespace {

using model::format_percent;
using model::message_literal;
using model::Recommendation;
using util::lower;

constexpr std::string_view k_phase_marker = ".phase.";

// "a, b, c, d, e and 3 more" (names in the order given).
std::string name_list(const std::vector<std::string_view>& names) {
    std::string text;
    const std::size_t shown = std::min(names.size(), k_max_named_metrics);
    for (std::size_t i = 0; i < shown; ++i) {
        if (i > 0) text += i + 1 == shown && shown == names.size() ? " and " : ", ";
        text += message_literal(names[i]);
    }
    if (shown < names.size()) text += " and " + std::to_string(names.size() - shown) + " more";
    return text;
}

// Whether the runs hold benchmark results: some source of either run is in a format
// outside k_application_formats, or neither run says where it came from.
bool benchmark_results(const ScoreInput& input) {
    bool known = false;
    for (const model::Run* run : {input.baseline, input.candidate}) {
        if (run == nullptr) continue;
        for (const auto& source : run->sources) {
            known = true;
            if (!model::is_application_format(source.format)) return true;
        }
    }
    return !known;
}

const model::Context* run_context(const model::Run* run) {
    return run == nullptr ? nullptr : &run->context;
}

std::optional<double> median_cv(const model::Verdict& verdict) {
    std::vector<double> cvs;
    for (const auto& c : verdict.comparisons) {
        if (!compared(c)) continue;
        std::optional<double> cv;
        for (const auto& side : {c.noise_baseline, c.noise_candidate}) {
            if (side && side->cv && std::isfinite(*side->cv))
                cv = std::max(cv.value_or(0), *side->cv);
        }
        if (cv) cvs.push_back(*cv);
    }
    if (cvs.empty()) return std::nullopt;
    const auto middle = cvs.begin() + static_cast<std::ptrdiff_t>(cvs.size() / 2);
    std::nth_element(cvs.begin(), middle, cvs.end());
    if (cvs.size() % 2 == 1) return *middle;
    return (*middle + *std::max_element(cvs.begin(), middle)) / 2;
}

// ---- the rules, in the order of docs/scoring.md ----------------------------------------

// Google Benchmark's library_build_type of `context`, lower case; empty when not recorded.
std::string library_build_type(const model::Context* context) {
    if (context == nullptr) return {};
    for (const auto& [key, value] : context->extra) {
        if (key == "library_build_type") return lower(value);
    }
    return {};
}

// "both runs report", "the baseline reports", "the candidate reports"; empty for neither.
std::string who_reports(bool baseline, bool candidate) {
    if (!baseline && !candidate) return {};
    return baseline && candidate ? "both runs report"
           : baseline            ? "the baseline reports"
                                 : "the candidate reports";
}

void release_build(const ScoreInput& input, std::vector<Recommendation>& out) {
    const model::Context* b = run_context(input.baseline);
    const model::Context* c = run_context(input.candidate);
    const std::string who = who_reports(b != nullptr && lower(b->build_type) == "debug",
                                        c != nullptr && lower(c->build_type) == "debug");
    if (!who.empty()) {
        out.push_back({"release-build",
                       {},
                       "Rebuild in release mode (e.g. `-DCMAKE_BUILD_TYPE=Release`) and measure "
                       "again: " +
                           who +
                           " build type debug, and unoptimised timings say little about "
                           "release performance."});
        return;
    }
    // The code's own build unknown: Google Benchmark's library_build_type is its library's
    // build, not the code it times; distribution packages of the library report debug while
    // the program is optimised.
    const bool known =
        (b != nullptr && !b->build_type.empty()) || (c != nullptr && !c->build_type.empty());
    const std::string library =
        who_reports(library_build_type(b) == "debug", library_build_type(c) == "debug");
    if (known || library.empty()) return;
    out.push_back({"release-build",
                   {},
                   "Check that the benchmarked code is built in release mode (e.g. "
                   "`-DCMAKE_BUILD_TYPE=Release`) and say so with `--build-type release` or "
                   "`--benchmark_context=CMAKE_BUILD_TYPE=Release`: " +
                       library +
                       " library_build_type debug, which is Google Benchmark's own library "
                       "compiled without NDEBUG (Debian's and Ubuntu's libbenchmark packages "
                       "are, optimised or not) and says nothing of how the code it times was "
                       "built."});
}

void same_machine(const ScoreInput& input, std::vector<Recommendation>& out) {
    const model::Context* b = run_context(input.baseline);
    const model::Context* c = run_context(input.candidate);
    if (b == nullptr || c == nullptr || b->host.empty() || c->host.empty() || b->host == c->host)
        return;
    out.push_back({"same-machine",
                   {},
                   "Measure the baseline and the candidate on the same machine, or refresh the "
                   "baseline on this one: baseline on host " +
                       message_literal(b->host) + ", candidate on host " +
                       message_literal(c->host) + "."});
}

// The `taskset` example of pin-cpu: a CPU the machine has (the candidate's count, else the
// baseline's), the last one, which system work uses least; a placeholder when neither run
// recorded its CPUs (`taskset -c 2` fails with "Invalid argument" on two CPUs).
std::string taskset_example(const ScoreInput& input) {
    std::optional<int> cpus;
    for (const model::Context* context :
         {run_context(input.baseline), run_context(input.candidate)}) {
        if (context != nullptr && context->num_cpus && *context->num_cpus > 0)
            cpus = context->num_cpus;
    }
    if (!cpus) return "`taskset -c CPU` with CPU an idle CPU number";
    const std::string last = "`taskset -c " + std::to_string(*cpus - 1) + "`";
    if (*cpus == 1) return last + ", the machine's only CPU";
    return last + ", the last of the machine's " + std::to_string(*cpus) + " CPUs";
}

void pin_cpu(const model::Verdict& verdict, const ScoreInput& input,
             std::vector<Recommendation>& out) {
    const model::Context* b = run_context(input.baseline);
    const model::Context* c = run_context(input.candidate);
    const bool scaling_b = b != nullptr && b->cpu_scaling_enabled.value_or(false);
    const bool scaling_c = c != nullptr && c->cpu_scaling_enabled.value_or(false);
    const auto cv = median_cv(verdict);
    const bool noisy = cv && *cv > k_high_noise_cv;
    if (!scaling_b && !scaling_c && !noisy) return;
    std::string why;
    if (scaling_b || scaling_c) {
        why = std::string("CPU frequency scaling was enabled on ") +
              (scaling_b && scaling_c ? "both runs"
               : scaling_b            ? "the baseline"
                                      : "the candidate");
    }
    if (noisy) {
        why += (why.empty() ? "the" : ", and the") +
               std::string(" median coefficient of variation is ") + format_percent(*cv) +
               " (above " + format_percent(k_high_noise_cv) + ")";
    }
    out.push_back({"pin-cpu",
                   {},
                   "Pin the benchmark to an idle CPU and disable frequency scaling (e.g. "
                   "`cpupower frequency-set --governor performance` and " +
                       taskset_example(input) + "): " + why + "."});
}

// `ab`: the gated metrics whose paired test cannot detect the minor threshold in the rounds
// run, and the most rounds any of them needs (model::Power::rounds_needed).
void add_rounds(const model::Verdict& verdict, const ScoreInput& input,
                std::vector<Recommendation>& out) {
    std::vector<std::string_view> names;
    std::unordered_set<std::string_view> seen;
    std::size_t needed = 0;
    std::optional<std::size_t> samples;  // per round, for a tail quantile
    for (const auto& c : verdict.comparisons) {
        if (!compared(c) || !c.power || !c.power->needs_repetitions) continue;
        if (!c.power->rounds_needed || compare::is_extreme(c.statistic)) continue;
        needed = std::max(needed, *c.power->rounds_needed);
        if (c.power->samples_per_round_needed) {
            samples = std::max(samples.value_or(0), *c.power->samples_per_round_needed);
        }
        if (seen.insert(c.metric).second) names.push_back(c.metric);
    }
    if (names.empty()) return;
    const std::string n = std::to_string(needed);
    const std::string subject =
        names.size() == 1 ? message_literal(names.front())
                          : std::to_string(names.size()) +
                                (benchmark_results(input) ? " benchmarks (" : " metrics (") +
                                name_list(names) + ")";
    std::string message = "Run at least " + n + " rounds (`--rounds " + n + "`): " + subject +
                          " cannot detect a " + model::format_plain(input.minor_threshold) +
                          "x slowdown in the rounds run; " + n +
                          " is what the power analysis asks for with the spread measured from "
                          "round to round";
    if (samples) {
        message += ", or about " + std::to_string(*samples) +
                   " samples per round and side for a tail statistic with the rounds run";
    }
    out.push_back({"add-rounds", names.size() == 1 ? std::string(names.front()) : std::string(),
                   message + "."});
}

// The gated metrics compared by their maximum (or minimum) whose test cannot detect the
// minor threshold: more samples help it little (compare::drop_extreme_advice gives it no
// number of them), a quantile is what can.
void gate_a_quantile(const model::Verdict& verdict, const ScoreInput& input,
                     std::vector<Recommendation>& out) {
    std::vector<std::string_view> names;
    std::unordered_set<std::string_view> seen;
    bool max = false;
    bool min = false;
    for (const auto& c : verdict.comparisons) {
        if (!compared(c) || !compare::is_extreme(c.statistic) || !c.power ||
            !c.power->needs_repetitions) {
            continue;
        }
        (c.statistic == "max" ? max : min) = true;
        if (seen.insert(c.metric).second) names.push_back(c.metric);
    }
    if (names.empty()) return;
    const std::string subject =
        names.size() == 1 ? message_literal(names.front())
                          : std::to_string(names.size()) + " metrics (" + name_list(names) + ")";
    const std::string noun = max && min ? "minimum or maximum" : max ? "maximum" : "minimum";
    const std::string rule = max ? "p99" : "median";
    out.push_back(
        {"gate-a-quantile", names.size() == 1 ? std::string(names.front()) : std::string(),
         "Gate a quantile instead of the " + noun + " (`\"statistic\": \"" + rule +
             "\"` in the gate file's rule): " + subject + (names.size() == 1 ? " is" : " are") +
             " compared by the " + noun + ", whose test cannot detect a " +
             model::format_plain(input.minor_threshold) +
             "x change, and more samples help it little: it moves with the most "
             "extreme values a larger sample meets."});
}

void add_repetitions(const model::Verdict& verdict, const ScoreInput& input,
                     std::vector<Recommendation>& out) {
    std::vector<std::string_view> names;
    std::unordered_set<std::string_view> seen;
    std::optional<std::size_t> needed;
    std::size_t family = 0;
    for (const auto& c : verdict.comparisons) {
        if (!compared(c)) continue;
        ++family;
        if (!c.power || !c.power->needs_repetitions || c.power->rounds_needed) continue;
        if (compare::is_extreme(c.statistic)) continue;  // gate-a-quantile
        if (c.power->repetitions_needed) {
            needed = std::max(needed.value_or(0), *c.power->repetitions_needed);
        }
        if (seen.insert(c.metric).second) names.push_back(c.metric);
    }
    if (names.empty()) return;
    std::string basis;
    if (!needed) {
        // No noise could be measured (single samples): the smallest size at which the rank
        // test can reach significance at all over the metrics compared.
        const double alpha = input.alpha / static_cast<double>(std::max<std::size_t>(family, 1));
        std::size_t n = 2;
        while (n < 200 && stats::mann_whitney_min_p(n, n) > alpha) ++n;
        needed = n;
        basis = "; the noise is unknown with these samples, and " + std::to_string(n) +
                " per side is the least with which a rank test can reach significance over " +
                std::to_string(family) + (family == 1 ? " gated measure" : " gated measures");
    } else {
        basis = "; " + std::to_string(*needed) +
                " per side is what the power analysis asks for with the measured noise";
    }
    const std::string n = std::to_string(*needed);
    const bool benchmarks = benchmark_results(input);
    const std::string subject = names.size() == 1
                                    ? message_literal(names.front())
                                    : std::to_string(names.size()) +
                                          (benchmarks ? " benchmarks (" : " metrics (") +
                                          name_list(names) + ")";
    // Application metrics are samples of a service (requests of a load test, a monitoring
    // window), not repetitions of a benchmark executable.
    const std::string action =
        benchmarks
            ? "Run at least " + n +
                  " repetitions per side (Google Benchmark: `--benchmark_repetitions=" + n + "`): "
            : "Collect at least " + n +
                  " samples per side (a longer load test or more requests per run): ";
    out.push_back(
        {"add-repetitions", names.size() == 1 ? std::string(names.front()) : std::string(),
         action + subject + " cannot detect a " + model::format_plain(input.minor_threshold) +
             "x slowdown with the samples at hand" + basis + "."});
}

void refresh_baseline(const ScoreInput& input, std::vector<Recommendation>& out) {
    if (!input.baseline_age_days || *input.baseline_age_days <= k_refresh_baseline_days) return;
    const auto days = static_cast<long long>(std::floor(*input.baseline_age_days));
    out.push_back({"refresh-baseline",
                   {},
                   "Refresh the baseline (`caws-gate baseline update`): it was created " +
                       std::to_string(days) + " days ago, more than " +
                       model::format_plain(k_refresh_baseline_days) +
                       ", and compilers, libraries and runners have changed since."});
}

void investigate_leaks(const model::Verdict& verdict, std::vector<Recommendation>& out) {
    std::vector<const model::Finding*> leaks;
    for (const auto& f : verdict.findings) {
        if (f.code == "leak") leaks.push_back(&f);
    }
    std::stable_sort(leaks.begin(), leaks.end(), [](const auto* a, const auto* b) {
        return std::tie(a->metric, a->measure) < std::tie(b->metric, b->measure);
    });
    for (const auto* f : leaks) {
        const std::string subject =
            message_literal(f->measure.empty() ? f->metric : f->metric + " (" + f->measure + ")");
        out.push_back({"investigate-leak", f->metric,
                       "Look for a memory leak behind " + subject +
                           " (heaptrack, `valgrind --tool=massif` or LeakSanitizer): " +
                           message_literal(f->message)});
    }
}

struct Phase {
    std::string_view name;
    double value = 0;                // the candidate's statistic
    std::optional<double> baseline;  // the baseline's, when the phase was compared
};

struct EndToEnd {
    std::vector<Phase> phases;
    const model::Comparison* end_to_end = nullptr;  // the metric the phases belong to
    const model::Comparison* example = nullptr;     // a phase, for the unit and statistic
};

// When the end-to-end time regressed: the phase whose time grew most, and its part of
// the growth ("" when no phase grew).
std::string growth_of(const EndToEnd& group) {
    const model::Comparison* whole = group.end_to_end;
    if (whole == nullptr || !model::is_regression(whole->change) || !whole->baseline) return {};
    const double rise = *whole->candidate - *whole->baseline;
    const Phase* grew = nullptr;
    for (const auto& p : group.phases) {
        if (!p.baseline || p.value - *p.baseline <= 0) continue;
        if (grew == nullptr || p.value - *p.baseline > grew->value - *grew->baseline) grew = &p;
    }
    if (grew == nullptr || !(rise > 0)) return {};
    const double growth = grew->value - *grew->baseline;
    const model::Unit& unit = group.example->unit;
    return " The end-to-end " + whole->statistic + " grew by " +
           model::format_quantity(rise, unit) + " (a " +
           std::string(model::to_string(whole->change)) + " regression), most in " +
           message_literal(grew->name) + ": +" + model::format_quantity(growth, unit) + ", " +
           format_percent(growth / rise) + " of the growth.";
}

void bottleneck_phases(const model::Verdict& verdict, const ScoreInput& input,
                       std::vector<Recommendation>& out) {
    // Names with the `phase` label in the candidate: only those are phases of the
    // caws-metrics format, not benchmarks that happen to contain ".phase.".
    std::unordered_set<std::string_view> labelled;
    if (input.candidate != nullptr) {
        for (const auto& m : input.candidate->metrics) {
            if (m.name.find(k_phase_marker) == std::string::npos) continue;
            for (const auto& [key, value] : m.labels) {
                if (key == "phase") labelled.insert(m.name);
            }
        }
    }
    std::map<std::pair<std::string, std::string>, EndToEnd> groups;
    for (const auto& c : verdict.comparisons) {
        if (!c.candidate || c.unit.dimension != model::Dimension::time) continue;
        const std::size_t at = c.metric.find(k_phase_marker);
        if (at == std::string::npos) continue;
        if (input.candidate != nullptr && labelled.count(c.metric) == 0) continue;
        const std::string_view rest = std::string_view(c.metric).substr(at + k_phase_marker.size());
        const std::size_t brace = rest.find('{');
        const std::string_view phase = rest.substr(0, brace);
        const std::string conditions =
            brace == std::string_view::npos ? std::string() : std::string(rest.substr(brace));
        EndToEnd& group = groups[{c.metric.substr(0, at) + conditions, c.measure}];
        group.phases.push_back({phase, *c.candidate, c.baseline});
        group.example = &c;
    }
    if (groups.empty()) return;
    for (const auto& c : verdict.comparisons) {
        if (!c.candidate || c.unit.dimension != model::Dimension::time) continue;
        const auto found = groups.find({c.metric, c.measure});
        if (found != groups.end()) found->second.end_to_end = &c;
    }
    for (const auto& [key, group] : groups) {
        if (group.phases.size() < 2) continue;
        const Phase* largest = &group.phases.front();
        double sum = 0;
        for (const auto& p : group.phases) {
            sum += p.value;
            if (p.value > largest->value) largest = &p;
        }
        const bool whole = group.end_to_end != nullptr;
        const double total = whole ? *group.end_to_end->candidate : sum;
        if (!(total > 0)) continue;
        const double share = largest->value / total;
        const model::Comparison& c = *group.example;
        const std::string of = whole ? "the end-to-end " + c.statistic + " "
                                     : "the sum of the phases' " + c.statistic + "s ";
        out.push_back({"bottleneck-phase", key.first,
                       "Speed up the " + message_literal(largest->name) + " phase of " +
                           message_literal(key.first) + " first: it " +
                           (share > 0.5 ? "dominates" : "is the largest") + " with " + c.statistic +
                           " " + model::format_quantity(largest->value, c.unit) + ", " +
                           format_percent(share) + " of " + of +
                           model::format_quantity(total, c.unit) + "." + growth_of(group)});
    }
}

// Keeps the first recommendation of each (code, metric), then caps the list.
std::vector<Recommendation> finish(std::vector<Recommendation> all) {
    std::set<std::pair<std::string, std::string>> seen;
    std::vector<Recommendation> unique;
    for (auto& r : all) {
        if (seen.emplace(r.code, r.metric).second) unique.push_back(std::move(r));
    }
    if (unique.size() <= k_max_recommendations) return unique;
    std::vector<std::pair<std::string, std::size_t>> left_out;
    for (std::size_t i = k_max_recommendations - 1; i < unique.size(); ++i) {
        auto found = std::find_if(left_out.begin(), left_out.end(),
                                  [&](const auto& e) { return e.first == unique[i].code; });
        if (found == left_out.end()) {
            left_out.emplace_back(unique[i].code, 1);
        } else {
            ++found->second;
        }
    }
    const std::size_t rest = unique.size() - (k_max_recommendations - 1);
    unique.resize(k_max_recommendations - 1);
    std::string counts;
    for (const auto& [code, n] : left_out) {
        counts += (counts.empty() ? "" : ", ") + std::to_string(n) + " " + code;
    }
    unique.push_back({"more-recommendations",
                      {},
                      std::to_string(rest) + " more recommendations left out (" + counts +
                          "); act on the ones above first."});
    return unique;
}

}  // namespace

std::vector<model::Recommendation> recommend(const model::Verdict& verdict,
                                             const ScoreInput& input) {
    std::vector<Recommendation> all;
    // The hygiene of a benchmark executable (its build, pinning, frequency scaling, the
    // order of its repetitions) says nothing of a load test's or a monitor's metrics.
    const bool benchmarks = benchmark_results(input);
    if (benchmarks) release_build(input, all);
    same_machine(input, all);
    if (benchmarks) pin_cpu(verdict, input, all);
    if (auto interleave = interleaving_recommendation(input); interleave && benchmarks)
        all.push_back(std::move(*interleave));
    add_repetitions(verdict, input, all);
    add_rounds(verdict, input, all);
    gate_a_quantile(verdict, input, all);
    refresh_baseline(input, all);
    recommend_between_run(verdict, input, all);
    investigate_leaks(verdict, all);
    bottleneck_phases(verdict, input, all);
    return finish(std::move(all));
}

}  // namespace caws::gate
