#include "report/json_report.hpp"

#include <algorithm>
#include <array>
#include <cmath>
#include <limits>
#include <map>
#include <utility>

#include "compare/gated_measures.hpp"
#include "compare/methods.hpp"
#include "report/rerun_filter.hpp"
#include "store/run_json.hpp"
#include "util/string_map.hpp"

namespace caws::report {
namespace {

// The numbers of a comparison as its JSON form keeps them: values that are not finite
// become absent, and an infinite ratio or detectable ratio +infinity ("ratio_infinite").
// A report built here then renders the same as after a trip through JSON.
void keep_as_written(model::Comparison& c) {
    const auto finite = [](std::optional<double>& value) {
        if (value && !std::isfinite(*value)) value.reset();
    };
    const auto finite_or_infinite = [](std::optional<double>& value) {
        if (!value || std::isfinite(*value)) return;
        if (std::isnan(*value)) {
            value.reset();
        } else {
            value = std::numeric_limits<double>::infinity();
        }
    };
    finite(c.baseline);
    finite(c.candidate);
    finite_or_infinite(c.ratio);
    finite(c.p_value);
    finite(c.p_adjusted);
    for (auto* noise : {&c.noise_baseline, &c.noise_candidate}) {
        if (!*noise) continue;
        finite((*noise)->cv);
        finite((*noise)->mad);
    }
    if (c.power) {
        finite(c.power->noise);
        finite_or_infinite(c.power->min_detectable_ratio);
    }
    if (c.confirmation) {
        finite_or_infinite(c.confirmation->ratio);
        finite(c.confirmation->p_adjusted);
    }
}

void keep_as_written(model::BudgetCheck& b) {
    for (auto* value : {&b.value, &b.warning, &b.critical, &b.ratio}) {
        if (*value && !std::isfinite(**value)) value->reset();
    }
}

ReportSettings settings_of(const compare::Options& options) {
    ReportSettings settings;
    settings.alpha = options.alpha;
    settings.thresholds = options.thresholds;
    settings.test = std::string(compare::to_string(options.test));
    settings.correction = std::string(compare::to_string(options.correction));
    settings.ci = CiSettings{std::string(compare::to_string(options.ci)), options.confidence,
                             options.resamples};
    settings.seed = options.seed;
    settings.drop_outliers = options.drop_outliers;
    settings.power = options.power;
    return settings;
}

// Every class, in the order of the counts.
constexpr std::array k_classes = {
    model::ChangeClass::severe,   model::ChangeClass::moderate,  model::ChangeClass::minor,
    model::ChangeClass::improved, model::ChangeClass::unchanged, model::ChangeClass::added,
    model::ChangeClass::removed,  model::ChangeClass::failed,    model::ChangeClass::skipped};

// Which class a benchmark with several gated measures counts in: the lowest rank.
// Regressions first, then what happened to the whole benchmark, then the rest, so that a
// benchmark slower in one gated measure and faster in another counts as regressed.
int benchmark_rank(model::ChangeClass change) {
    static constexpr std::array k_order = {
        model::ChangeClass::severe, model::ChangeClass::moderate, model::ChangeClass::minor,
        model::ChangeClass::failed, model::ChangeClass::removed,  model::ChangeClass::skipped,
        model::ChangeClass::added,  model::ChangeClass::improved, model::ChangeClass::unchanged};
    for (std::size_t i = 0; i < k_order.size(); ++i) {
        if (k_order[i] == change) return static_cast<int>(i);
    }
    return static_cast<int>(k_order.size());
}

// Each benchmark counted once: in the class of its gated measures, or not gated; and the
// metrics of the regressed benchmarks that got worse beyond the noise, gated or not.
void count_benchmarks(const model::Verdict& verdict, const compare::Options& options,
                      ReportSummary& summary) {
    std::vector<std::optional<model::ChangeClass>> worst_of;  // per benchmark
    std::vector<std::size_t> benchmark_of;                    // per comparison
    util::StringMap<std::size_t> index;
    for (const auto& c : verdict.comparisons) {
        const auto [found, inserted] = index.try_emplace(c.metric, worst_of.size());
        if (inserted) worst_of.emplace_back();
        benchmark_of.push_back(found->second);
        auto& worst = worst_of[found->second];
        if (c.gated && (!worst || benchmark_rank(c.change) < benchmark_rank(*worst))) {
            worst = c.change;
        }
    }
    std::array<std::size_t, k_classes.size()> per_class{};
    std::size_t not_gated = 0;
    for (const auto& worst : worst_of) {
        if (!worst) ++not_gated;
        for (std::size_t i = 0; worst && i < k_classes.size(); ++i) {
            if (k_classes[i] == *worst) ++per_class[i];
        }
    }
    std::size_t regressed_metrics = 0;
    for (std::size_t i = 0; i < verdict.comparisons.size(); ++i) {
        const auto& worst = worst_of[benchmark_of[i]];
        if (worst && model::is_regression(*worst) &&
            compare::worse_beyond_noise(verdict.comparisons[i], options.thresholds.minor,
                                        options.alpha)) {
            ++regressed_metrics;
        }
    }
    summary.benchmarks = worst_of.size();
    for (std::size_t i = 0; i < k_classes.size(); ++i) {
        summary.benchmark_counts.emplace_back(model::to_string(k_classes[i]), per_class[i]);
    }
    summary.benchmark_counts.emplace_back("not_gated", not_gated);
    summary.regressed_metrics = regressed_metrics;
}

// Counts per class of the gated comparisons (every class, in severity order), then those
// not gated; and the same per benchmark.
ReportSummary summary_of(const model::Verdict& verdict, const compare::Options& options) {
    std::array<std::size_t, k_classes.size()> per_class{};
    std::size_t not_gated = 0;
    std::size_t tested = 0;
    std::size_t needs_repetitions = 0;
    for (const auto& c : verdict.comparisons) {
        if (!c.gated) {
            ++not_gated;
            continue;
        }
        for (std::size_t i = 0; i < k_classes.size(); ++i) {
            if (k_classes[i] == c.change) ++per_class[i];
        }
        if (c.p_adjusted) ++tested;
        if (c.gated && c.power && c.power->needs_repetitions) ++needs_repetitions;
    }
    ReportSummary summary;
    summary.comparisons = verdict.comparisons.size();
    for (std::size_t i = 0; i < k_classes.size(); ++i) {
        summary.counts.emplace_back(model::to_string(k_classes[i]), per_class[i]);
    }
    summary.counts.emplace_back("not_gated", not_gated);
    summary.tested = tested;
    summary.needs_repetitions = needs_repetitions;
    count_benchmarks(verdict, options, summary);
    return summary;
}

ReportSide side_of(const model::Run& run, const std::string& label,
                   const std::optional<store::Provenance>& provenance) {
    ReportSide side;
    side.label = label;
    side.sources = run.sources;
    side.provenance = provenance;
    side.context = store::context_to_json(run.context);
    // How the repetitions were ordered: reported, not kept in baseline files.
    if (run.context.repetitions) {
        side.context["repetitions"] = std::string(model::to_string(*run.context.repetitions));
    }
    side.metrics = run.metrics.size();
    return side;
}

// The format of every source of the run; empty when they differ or there is none.
std::string format_of(const model::Run& run) {
    if (run.sources.empty()) return {};
    for (const model::Source& source : run.sources) {
        if (source.format != run.sources.front().format) return {};
    }
    return run.sources.front().format;
}

// The benchmarks with a regression that fails, then those with one that only warns, each
// once, in the order of the comparisons; none when no regression warns or fails (waived
// ones are at info).
std::optional<RerunSection> rerun_section(const model::Verdict& verdict,
                                          const model::Run& candidate) {
    RerunSection rerun;
    for (const model::Level level : {model::Level::fail, model::Level::warn}) {
        for (const model::Comparison& c : verdict.comparisons) {
            if (!c.gated || !model::is_regression(c.change) || c.level != level) continue;
            if (std::find(rerun.benchmarks.begin(), rerun.benchmarks.end(), c.metric) ==
                rerun.benchmarks.end()) {
                rerun.benchmarks.push_back(c.metric);
            }
        }
    }
    if (rerun.benchmarks.empty()) return std::nullopt;
    rerun.format = format_of(candidate);
    rerun.filter = rerun_filter(rerun.format, rerun.benchmarks, candidate);
    return rerun;
}

// The rerun, and its judgement counted by benchmark, as the headline counts: confirmed
// when any of its regressed measures is.
ConfirmSection confirm_section(const model::Verdict& verdict, const model::Run& rerun) {
    ConfirmSection confirm;
    confirm.run = side_of(rerun, {}, std::nullopt);
    std::map<std::string, bool> benchmarks;  // name -> a measure confirmed
    for (const model::Comparison& c : verdict.comparisons) {
        if (c.confirmation) benchmarks[c.metric] |= c.confirmation->confirmed;
    }
    for (const auto& [name, confirmed] : benchmarks) {
        ++(confirmed ? confirm.confirmed : confirm.not_confirmed);
    }
    return confirm;
}

}  // namespace

Report build_report(const ReportInput& input) {
    const model::Verdict& verdict = *input.verdict;
    Report report;
    report.tool = ReportTool{"caws-gate", CAWS_GATE_VERSION};
    report.command = input.command;
    report.gated = input.gated;
    report.verdict = verdict.level;
    report.scores = verdict.scores;
    report.settings = settings_of(input.options);
    report.gate_file = input.gate_file;
    report.summary = summary_of(verdict, input.options);
    report.summary.geomean = input.geomean;
    report.baseline = side_of(*input.baseline, input.baseline_label, input.baseline_provenance);
    report.candidate = side_of(*input.candidate, {}, std::nullopt);
    report.budgets = verdict.budgets;
    for (auto& b : report.budgets) keep_as_written(b);
    report.findings = verdict.findings;
    report.recommendations = verdict.recommendations;
    for (const auto& note : input.baseline->notes) report.notes.push_back("baseline: " + note);
    for (const auto& note : input.candidate->notes) report.notes.push_back("candidate: " + note);
    report.trends = input.trends;
    report.rounds = input.rounds;
    report.between_run = input.between_run;
    if (input.gated) report.rerun = rerun_section(verdict, *input.candidate);
    if (input.rerun != nullptr) report.confirm = confirm_section(verdict, *input.rerun);
    // Last: the sections above read the verdict's comparisons.
    // Not a conditional expression: with a const lvalue on one side its result is a const
    // copy, which the assignment copies again.
    if (input.comparisons_to_take != nullptr) {
        report.comparisons = std::move(*input.comparisons_to_take);
        input.comparisons_to_take->clear();
    } else {
        report.comparisons = verdict.comparisons;
    }
    for (auto& c : report.comparisons) keep_as_written(c);
    return report;
}

Report build_report(ReportInput&& input) {
    std::optional<TrendReport> trends = std::exchange(input.trends, std::nullopt);
    Report report = build_report(std::as_const(input));
    report.trends = std::move(trends);
    return report;
}

}  // namespace caws::report
