#include "gate/scores.hpp"

#include <algorithm>
#include <cmath>
#include <limits>
#include <string>
#include <unordered_map>
#include <utility>

#include "gate/between_run_advice.hpp"
#include "gate/interference.hpp"
#include "gate/interleaving.hpp"
#include "model/quantity_format.hpp"
#include "util/environment.hpp"
#include "util/strings.hpp"

namespace caws::gate {
namespace {

// The constants of docs/scoring.md; the tests recompute its worked example from them.
struct HealthWeights {
    static constexpr double changes = 0.50;
    static constexpr double budgets = 0.30;
    static constexpr double failures = 0.10;
    static constexpr double findings = 0.10;
};

// Share of the component each regressed benchmark keeps, by its worst class.
constexpr double k_keep_severe = 0.5;
constexpr double k_keep_moderate = 0.7;
constexpr double k_keep_minor = 0.9;
constexpr double k_points_per_improvement = 2;
constexpr double k_improvement_cap = 10;
constexpr double k_keep_budget_critical = 0.4;
constexpr double k_keep_budget_warning = 0.85;
constexpr double k_keep_failed = 0.5;
constexpr double k_keep_removed = 0.8;
constexpr double k_keep_finding_fail = 0.5;
constexpr double k_keep_finding_warn = 0.85;

struct TrustWeights {
    static constexpr double samples = 0.20;
    static constexpr double noise = 0.15;
    static constexpr double outliers = 0.05;
    static constexpr double machine = 0.15;
    static constexpr double build = 0.15;
    static constexpr double cpu_scaling = 0.05;
    static constexpr double load = 0.05;
    static constexpr double baseline_age = 0.10;
    static constexpr double interference = 0.05;
    static constexpr double interleaving = 0.05;
};

constexpr double k_cv_full = 0.02;               // CV at or below which noise scores 100
constexpr double k_points_per_cv_doubling = 25;  // points lost each time the CV doubles
constexpr double k_outliers_allowed = 0.01;      // outlier share that costs nothing
constexpr double k_outlier_slope = 5;            // per unit of share above that
constexpr double k_mhz_tolerance = 0.05;         // relative clock difference still "same"
constexpr double k_machine_other_host_same_cpu = 50;
constexpr double k_machine_other_host = 25;
constexpr double k_machine_other_cpu_count = 40;
constexpr double k_machine_other_clock = 60;
constexpr double k_build_debug = 10;
constexpr double k_build_differs = 50;
constexpr double k_cpu_scaling_on = 50;
constexpr double k_age_full_days = 14;
constexpr double k_age_half_life_days = 30;

double round_score(double value) {
    return std::round(std::clamp(value, 0.0, 100.0));
}

std::string count_of(std::size_t n, const char* one, const char* many) {
    return std::to_string(n) + " " + (n == 1 ? one : many);
}

// ---- health ---------------------------------------------------------------------------

model::ScoreComponent changes_component(const model::Verdict& verdict) {
    // One vote per benchmark: its worst measure (a benchmark 2x slower in real and CPU time
    // is one regression), an improvement only when no measure regressed.
    struct Worst {
        int rank = 0;  // 3 severe, 2 moderate, 1 minor, 0 none
        bool improved = false;
    };
    std::unordered_map<std::string_view, Worst> by_benchmark;
    by_benchmark.reserve(verdict.comparisons.size());
    for (const auto& c : verdict.comparisons) {
        if (!compared(c)) continue;
        Worst& w = by_benchmark[c.metric];
        if (c.change == model::ChangeClass::severe) w.rank = std::max(w.rank, 3);
        if (c.change == model::ChangeClass::moderate) w.rank = std::max(w.rank, 2);
        if (c.change == model::ChangeClass::minor) w.rank = std::max(w.rank, 1);
        if (c.change == model::ChangeClass::improved) w.improved = true;
    }
    std::size_t severe = 0, moderate = 0, minor = 0, improved = 0;
    for (const auto& [name, w] : by_benchmark) {
        (void)name;
        if (w.rank == 3) ++severe;
        if (w.rank == 2) ++moderate;
        if (w.rank == 1) ++minor;
        if (w.rank == 0 && w.improved) ++improved;
    }
    const double kept = std::pow(k_keep_severe, static_cast<double>(severe)) *
                        std::pow(k_keep_moderate, static_cast<double>(moderate)) *
                        std::pow(k_keep_minor, static_cast<double>(minor));
    const double credit =
        std::min(k_improvement_cap, k_points_per_improvement * static_cast<double>(improved));
    const double score = round_score(std::min(100.0, 100 * kept + credit));

    std::string detail;
    const std::size_t regressions = severe + moderate + minor;
    if (by_benchmark.empty()) {
        detail = "no benchmark was compared";
    } else if (regressions == 0) {
        detail = "no regression among " + count_of(by_benchmark.size(), "benchmark", "benchmarks");
    } else {
        detail = count_of(regressions, "regressed benchmark", "regressed benchmarks") + " of " +
                 std::to_string(by_benchmark.size()) + ": " + std::to_string(severe) + " severe, " +
                 std::to_string(moderate) + " moderate, " + std::to_string(minor) + " minor";
    }
    if (improved > 0) {
        detail += "; " + count_of(improved, "improvement", "improvements") + " credited " +
                  model::format_plain(credit) + " points, at most " +
                  model::format_plain(k_improvement_cap);
    }
    return {"changes", score, HealthWeights::changes, detail};
}

model::ScoreComponent budgets_component(const model::Verdict& verdict) {
    std::size_t warning = 0, critical = 0;
    for (const auto& b : verdict.budgets) {
        if (b.level == model::Level::warn) ++warning;
        if (b.level == model::Level::fail) ++critical;
    }
    const double score =
        round_score(100 * std::pow(k_keep_budget_warning, static_cast<double>(warning)) *
                    std::pow(k_keep_budget_critical, static_cast<double>(critical)));
    std::string detail;
    if (verdict.budgets.empty()) {
        detail = "no budgets checked";
    } else if (warning + critical == 0) {
        detail = "all " + count_of(verdict.budgets.size(), "budget", "budgets") + " met";
    } else {
        detail = std::to_string(critical) + " critical and " + std::to_string(warning) +
                 " warning of " + count_of(verdict.budgets.size(), "budget", "budgets");
    }
    return {"budgets", score, HealthWeights::budgets, detail};
}

model::ScoreComponent failures_component(const model::Verdict& verdict) {
    std::unordered_map<std::string_view, model::ChangeClass> missing;
    for (const auto& c : verdict.comparisons) {
        if (!c.gated) continue;
        if (c.change == model::ChangeClass::failed || c.change == model::ChangeClass::removed)
            missing.emplace(c.metric, c.change);
    }
    std::size_t failed = 0, removed = 0;
    for (const auto& [name, change] : missing) {
        (void)name;
        (change == model::ChangeClass::failed ? failed : removed) += 1;
    }
    const double score = round_score(100 * std::pow(k_keep_failed, static_cast<double>(failed)) *
                                     std::pow(k_keep_removed, static_cast<double>(removed)));
    std::string detail = failed + removed == 0
                             ? "every benchmark of the baseline ran"
                             : count_of(failed, "benchmark", "benchmarks") + " failed, " +
                                   std::to_string(removed) + " missing from the results";
    return {"failures", score, HealthWeights::failures, detail};
}

// Findings that comparisons, budgets and the score gates do not already stand for: gate
// rules, trends (leaks), required metrics.
bool other_finding(const model::Finding& f) {
    // Interference is about the measurement: the trust score counts it.
    static constexpr std::string_view k_counted[] = {"regression", "improvement", "added",
                                                     "removed",    "failed",      "skipped",
                                                     "low-health", "low-trust",   "interference"};
    for (const auto code : k_counted) {
        if (f.code == code) return false;
    }
    if (f.code.starts_with("budget")) return false;
    return !(f.waiver && !f.waiver->expired);
}

model::ScoreComponent findings_component(const model::Verdict& verdict) {
    std::size_t failing = 0, warning = 0;
    std::vector<std::string> codes;
    for (const auto& f : verdict.findings) {
        if (!other_finding(f)) continue;
        if (f.level != model::Level::fail && f.level != model::Level::warn) continue;
        (f.level == model::Level::fail ? failing : warning) += 1;
        if (std::find(codes.begin(), codes.end(), f.code) == codes.end()) codes.push_back(f.code);
    }
    const double score =
        round_score(100 * std::pow(k_keep_finding_fail, static_cast<double>(failing)) *
                    std::pow(k_keep_finding_warn, static_cast<double>(warning)));
    std::string detail;
    if (failing + warning == 0) {
        detail = "no other failing or warning findings";
    } else {
        std::string list;
        for (const auto& code : codes) list += (list.empty() ? "" : ", ") + code;
        detail = std::to_string(failing) + " failing and " + std::to_string(warning) +
                 " warning other findings: " + list;
    }
    return {"findings", score, HealthWeights::findings, detail};
}

// ---- trust ----------------------------------------------------------------------------

// How far one comparison can detect the minor threshold: 1 when its smallest detectable
// ratio is within it, ln(minor) / ln(detectable) above it, 0 when nothing is detectable.
double adequacy(const model::Comparison& c, double minor) {
    if (!c.power || !c.power->min_detectable_ratio) return c.tested ? 1.0 : 0.0;
    const double detectable = *c.power->min_detectable_ratio;
    if (!std::isfinite(detectable)) return 0.0;
    if (detectable <= minor) return 1.0;
    return std::clamp(std::log(minor) / std::log(detectable), 0.0, 1.0);
}

model::ScoreComponent samples_component(const model::Verdict& verdict, double minor) {
    double sum = 0;
    std::size_t n = 0, short_of = 0;
    double worst = 1;
    for (const auto& c : verdict.comparisons) {
        if (!compared(c)) continue;
        const double a = adequacy(c, minor);
        sum += a;
        ++n;
        if (a < 1) {
            ++short_of;
            const double detectable = c.power && c.power->min_detectable_ratio
                                          ? *c.power->min_detectable_ratio
                                          : std::numeric_limits<double>::infinity();
            worst = std::max(worst, detectable);
        }
    }
    const double score = n == 0 ? 100 : round_score(100 * sum / static_cast<double>(n));
    std::string detail;
    const std::string threshold = model::format_plain(minor) + "x";
    if (n == 0) {
        detail = "no metric was compared";
    } else if (short_of == 0) {
        detail = "all " + count_of(n, "compared metric", "compared metrics") + " can detect a " +
                 threshold + " slowdown";
    } else {
        detail = std::to_string(short_of) + " of " +
                 count_of(n, "compared metric", "compared metrics") + " cannot detect a " +
                 threshold +
                 " slowdown with their samples; the smallest detectable ratio is up to " +
                 model::format_ratio(worst);
    }
    return {"samples", score, TrustWeights::samples, detail};
}

double noise_points(double cv) {
    if (cv <= k_cv_full) return 100;
    return std::clamp(100 - k_points_per_cv_doubling * std::log2(cv / k_cv_full), 0.0, 100.0);
}

model::ScoreComponent noise_component(const model::Verdict& verdict) {
    std::vector<double> cvs;
    double sum = 0;
    for (const auto& c : verdict.comparisons) {
        if (!compared(c)) continue;
        std::optional<double> cv;
        for (const auto& side : {c.noise_baseline, c.noise_candidate}) {
            if (side && side->cv && std::isfinite(*side->cv))
                cv = std::max(cv.value_or(0), *side->cv);
        }
        if (!cv) continue;
        cvs.push_back(*cv);
        sum += noise_points(*cv);
    }
    if (cvs.empty()) {
        return {"noise", 100, TrustWeights::noise,
                "no metric has a measured coefficient of variation (single samples)"};
    }
    const double score = round_score(sum / static_cast<double>(cvs.size()));
    const auto middle = cvs.begin() + static_cast<std::ptrdiff_t>(cvs.size() / 2);
    std::nth_element(cvs.begin(), middle, cvs.end());
    const double median =
        cvs.size() % 2 == 1 ? *middle : (*middle + *std::max_element(cvs.begin(), middle)) / 2;
    const double worst = *std::max_element(cvs.begin(), cvs.end());
    return {"noise", score, TrustWeights::noise,
            "median coefficient of variation " + model::format_percent(median) + " over " +
                count_of(cvs.size(), "metric", "metrics") + ", worst " +
                model::format_percent(worst)};
}

model::ScoreComponent outliers_component(const model::Verdict& verdict) {
    std::size_t outliers = 0, samples = 0;
    for (const auto& c : verdict.comparisons) {
        if (!compared(c)) continue;
        if (c.noise_baseline && c.noise_baseline->outliers) {
            outliers += *c.noise_baseline->outliers;
            samples += c.n_baseline;
        }
        if (c.noise_candidate && c.noise_candidate->outliers) {
            outliers += *c.noise_candidate->outliers;
            samples += c.n_candidate;
        }
    }
    if (samples == 0) {
        return {"outliers", 100, TrustWeights::outliers, "no samples to look for outliers in"};
    }
    const double share = static_cast<double>(outliers) / static_cast<double>(samples);
    const double score =
        round_score(100 * (1 - k_outlier_slope * std::max(0.0, share - k_outliers_allowed)));
    return {"outliers", score, TrustWeights::outliers,
            std::to_string(outliers) + " of " + std::to_string(samples) +
                " samples outside Tukey's fences: " + model::format_percent(share)};
}

const model::Context* context_of(const model::Run* run) {
    return run == nullptr ? nullptr : &run->context;
}

model::ScoreComponent machine_component(const model::Context* b, const model::Context* c) {
    if (b == nullptr || c == nullptr) {
        return {"machine", 100, TrustWeights::machine, "machine not recorded"};
    }
    const bool hosts_known = !b->host.empty() && !c->host.empty();
    const bool other_host = hosts_known && b->host != c->host;
    const bool cpus_known = b->num_cpus && c->num_cpus;
    const bool other_cpu_count = cpus_known && *b->num_cpus != *c->num_cpus;
    const bool clocks_known = b->mhz_per_cpu && c->mhz_per_cpu && *b->mhz_per_cpu > 0;
    const bool other_clock = clocks_known && std::abs(*c->mhz_per_cpu - *b->mhz_per_cpu) >
                                                 k_mhz_tolerance * *b->mhz_per_cpu;
    std::vector<std::string> why;
    double score = 100;
    if (other_host) {
        why.push_back("baseline on host " + b->host + ", candidate on host " + c->host);
        const bool same_cpu = cpus_known && clocks_known && !other_cpu_count && !other_clock;
        score = same_cpu ? k_machine_other_host_same_cpu : k_machine_other_host;
    }
    if (other_cpu_count) {
        why.push_back(std::to_string(*b->num_cpus) + " CPUs in the baseline, " +
                      std::to_string(*c->num_cpus) + " in the candidate");
        score = std::min(score, k_machine_other_cpu_count);
    }
    if (other_clock) {
        why.push_back(model::format_number(*b->mhz_per_cpu, 4) + " MHz in the baseline, " +
                      model::format_number(*c->mhz_per_cpu, 4) + " MHz in the candidate");
        score = std::min(score, k_machine_other_clock);
    }
    std::string detail;
    for (const auto& reason : why) detail += (detail.empty() ? "" : "; ") + reason;
    if (detail.empty()) {
        if (hosts_known) {
            detail = "both runs on host " + c->host;
        } else if (cpus_known || clocks_known) {
            detail = "host not recorded; same CPU count and clock";
        } else {
            detail = "host not recorded";
        }
    }
    return {"machine", score, TrustWeights::machine, detail};
}

// Whether either context holds Google Benchmark's library_build_type.
bool library_build_recorded(const model::Context* b, const model::Context* c) {
    for (const model::Context* context : {b, c}) {
        if (context == nullptr) continue;
        for (const auto& [key, value] : context->extra) {
            if (key == "library_build_type") return true;
        }
    }
    return false;
}

// The build types of the code measured (never Google Benchmark's library_build_type, which
// describes the library); unknown keeps the component at 100 and says so.
model::ScoreComponent build_component(const model::Context* b, const model::Context* c) {
    const std::string bt = b == nullptr ? std::string() : util::lower(b->build_type);
    const std::string ct = c == nullptr ? std::string() : util::lower(c->build_type);
    if (bt == "debug" || ct == "debug") {
        std::string who = bt == ct        ? "both runs were"
                          : bt == "debug" ? "the baseline was"
                                          : "the candidate was";
        return {"build", k_build_debug, TrustWeights::build,
                who +
                    " built as debug, and unoptimised timings say little about release "
                    "performance"};
    }
    if (!bt.empty() && !ct.empty() && bt != ct) {
        return {"build", k_build_differs, TrustWeights::build,
                "baseline built as " + b->build_type + ", candidate as " + c->build_type};
    }
    if (bt.empty() && ct.empty()) {
        return {"build", 100, TrustWeights::build,
                library_build_recorded(b, c)
                    ? "build type unknown: Google Benchmark's library_build_type is its "
                      "library's, not the measured code's (give --build-type or a "
                      "CMAKE_BUILD_TYPE context key)"
                    : "build type unknown"};
    }
    return {"build", 100, TrustWeights::build,
            "built as " + (ct.empty() ? b->build_type : c->build_type)};
}

model::ScoreComponent cpu_scaling_component(const model::Context* b, const model::Context* c) {
    const bool on_b = b != nullptr && b->cpu_scaling_enabled.value_or(false);
    const bool on_c = c != nullptr && c->cpu_scaling_enabled.value_or(false);
    if (on_b || on_c) {
        const std::string where = on_b && on_c ? "both runs"
                                  : on_b       ? "the baseline"
                                               : "the candidate";
        return {"cpu-scaling", k_cpu_scaling_on, TrustWeights::cpu_scaling,
                "CPU frequency scaling was enabled on " + where};
    }
    const bool known =
        (b != nullptr && b->cpu_scaling_enabled) || (c != nullptr && c->cpu_scaling_enabled);
    return {"cpu-scaling", 100, TrustWeights::cpu_scaling,
            known ? "CPU frequency scaling off" : "CPU frequency scaling not recorded"};
}

model::ScoreComponent load_component(const model::Context* b, const model::Context* c) {
    double worst = 0;
    std::string detail;
    for (const auto& [side, name] : {std::pair{b, "baseline"}, std::pair{c, "candidate"}}) {
        if (side == nullptr || side->load_avg.empty() || !side->num_cpus || *side->num_cpus <= 0)
            continue;
        const double per_cpu = side->load_avg.front() / *side->num_cpus;
        if (detail.empty() || per_cpu > worst) {
            worst = per_cpu;
            detail = "load average " + model::format_number(side->load_avg.front()) + " on " +
                     std::to_string(*side->num_cpus) + " CPUs in the " + name + ", " +
                     model::format_number(per_cpu) + " per CPU";
        }
    }
    if (detail.empty()) return {"load", 100, TrustWeights::load, "load average not recorded"};
    return {"load", round_score(100 * std::min(1.0, 1 / std::max(worst, 1e-9))), TrustWeights::load,
            detail};
}

model::ScoreComponent age_component(const std::optional<double>& days) {
    if (!days) {
        return {"baseline-age", 100, TrustWeights::baseline_age,
                "baseline age unknown (no baseline file)"};
    }
    const double score =
        *days <= k_age_full_days
            ? 100
            : round_score(100 * std::pow(0.5, (*days - k_age_full_days) / k_age_half_life_days));
    return {"baseline-age", score, TrustWeights::baseline_age,
            "baseline created " +
                count_of(static_cast<std::size_t>(std::floor(*days)), "day", "days") + " ago"};
}

std::string score_text(double value) {
    return model::format_plain(value);
}

// Why a score is low: its components ordered by what they cost it, the largest first.
std::string pulled_down_by(const model::Score& score) {
    std::vector<std::pair<double, const model::ScoreComponent*>> costs;
    double total_weight = 0;
    for (const auto& c : score.components) total_weight += c.weight;
    for (const auto& c : score.components) {
        const double cost = -(c.weight / total_weight) * std::log(std::max(c.score, 1.0) / 100);
        if (cost > 0) costs.emplace_back(cost, &c);
    }
    std::stable_sort(costs.begin(), costs.end(),
                     [](const auto& a, const auto& b) { return a.first > b.first; });
    std::string text;
    for (std::size_t i = 0; i < costs.size() && i < 3; ++i) {
        const auto& c = *costs[i].second;
        text +=
            (i == 0 ? "" : "; ") + c.name + " " + score_text(c.score) + "/100 (" + c.detail + ")";
    }
    return text;
}

model::Finding gate_finding(const char* code, const char* name, const model::Score& score,
                            double minimum, const char* advice) {
    std::string message = std::string(name) + " " + score_text(score.value) +
                          "/100 is below the minimum " + score_text(minimum);
    const std::string why = pulled_down_by(score);
    message += why.empty() ? "." : "; pulled down by " + why + ".";
    message += std::string(" ") + advice;
    return model::Finding{model::Level::fail, code, {}, {}, message, std::nullopt};
}

}  // namespace

bool compared(const model::Comparison& c) {
    switch (c.change) {
        case model::ChangeClass::severe:
        case model::ChangeClass::moderate:
        case model::ChangeClass::minor:
        case model::ChangeClass::unchanged:
        case model::ChangeClass::improved:
            return c.gated && c.ratio.has_value();
        default:
            return false;
    }
}

double combine(const std::vector<model::ScoreComponent>& components) {
    double total_weight = 0;
    for (const auto& c : components) total_weight += c.weight;
    if (total_weight <= 0) return 100;
    double log_sum = 0;
    for (const auto& c : components) {
        log_sum += (c.weight / total_weight) * std::log(std::clamp(c.score, 1.0, 100.0) / 100);
    }
    return round_score(100 * std::exp(log_sum));
}

model::Scores compute_scores(const model::Verdict& verdict, const ScoreInput& input) {
    model::Scores scores;
    scores.health.components = {changes_component(verdict), budgets_component(verdict),
                                failures_component(verdict), findings_component(verdict)};
    scores.health.value = combine(scores.health.components);

    const model::Context* b = context_of(input.baseline);
    const model::Context* c = context_of(input.candidate);
    scores.trust.components = {samples_component(verdict, input.minor_threshold),
                               noise_component(verdict),
                               outliers_component(verdict),
                               machine_component(b, c),
                               build_component(b, c),
                               cpu_scaling_component(b, c),
                               load_component(b, c),
                               age_component(input.baseline_age_days),
                               interference_component(verdict, input.minor_threshold, input.alpha,
                                                      TrustWeights::interference),
                               interleaving_component(input, TrustWeights::interleaving)};
    if (input.between_run) {
        scores.trust.components.push_back(between_run_component(*input.between_run));
    }
    scores.trust.value = combine(scores.trust.components);
    return scores;
}

bool valid_score_threshold(double value) {
    return std::isfinite(value) && value >= 0 && value <= 100;
}

std::vector<model::Finding> score_gate_findings(const model::Scores& scores,
                                                const ScoreGates& gates) {
    std::vector<model::Finding> findings;
    if (gates.min_health && scores.health.value < *gates.min_health) {
        findings.push_back(gate_finding("low-health", "health", scores.health, *gates.min_health,
                                        "Fix the regressions and budgets named above."));
    }
    if (gates.min_trust && scores.trust.value < *gates.min_trust) {
        findings.push_back(
            gate_finding("low-trust", "trust", scores.trust, *gates.min_trust,
                         "Measure again under the conditions the recommendations name."));
    }
    return findings;
}

void apply_scores(model::Verdict& verdict, const ScoreInput& input, const ScoreGates& gates) {
    verdict.scores = compute_scores(verdict, input);
    for (auto& finding : score_gate_findings(*verdict.scores, gates)) {
        verdict.level = std::max(verdict.level, finding.level);
        verdict.findings.push_back(std::move(finding));
    }
}

std::optional<double> age_in_days(std::string_view created, std::int64_t now) {
    const auto then = util::parse_date(created);
    if (!then) return std::nullopt;
    return std::max(0.0, static_cast<double>(now - *then) / 86400.0);
}

}  // namespace caws::gate
