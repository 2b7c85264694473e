#include "report/report_view.hpp"

#include <algorithm>
#include <cctype>
#include <cmath>

#include "compare/methods.hpp"
#include "compare/paired.hpp"
#include "compare/paired_statistic.hpp"
#include "model/quantity_format.hpp"
#include "report/between_run_view.hpp"
#include "report/view_fields.hpp"

namespace caws::report {
namespace {

using kainjow::mustache::data;

void set_scores(data& view, const std::optional<model::Scores>& scores) {
    view.set("has_scores", boolean(scores.has_value()));
    if (!scores) return;
    view.set("health", std::to_string(std::lround(scores->health.value)));
    view.set("trust", std::to_string(std::lround(scores->trust.value)));
    data components(data::type::list);
    for (const auto& [name, score] :
         {std::pair{"health", &scores->health}, std::pair{"trust", &scores->trust}}) {
        for (const model::ScoreComponent& c : score->components) {
            data entry;
            entry.set("score_name", name);
            entry.set("name", c.name);
            entry.set("score", std::to_string(std::lround(c.score)));
            entry.set("weight", model::format_plain(c.weight));
            entry.set("detail", c.detail);
            components.push_back(entry);
        }
    }
    view.set("score_components", components);
}

// The test named by the settings, in the sentence "Medians are compared with ...".
std::string test_words(const std::string& name) {
    const auto test = compare::test_from_string(name);
    if (!test || *test == compare::SignificanceTest::automatic) {
        return "a Mann-Whitney U test where the sample sizes can reach the corrected alpha, "
               "otherwise a t-test on log values (moderated when the run has enough metrics "
               "to pool their noise)";
    }
    return "the " + std::string(compare::label_of(*test));
}

// Which tests `ab`'s rounds used: the median's signed-rank test, another statistic's
// sign-flip test of the pooled samples (docs/statistics.md, "Tail statistics in paired
// rounds"), or both.
struct RoundsTests {
    bool median = true;
    bool other = false;
};

RoundsTests rounds_tests(const Report& report) {
    RoundsTests tests{false, false};
    for (const model::Comparison& c : report.comparisons) {
        tests.median = tests.median || c.test == compare::k_paired_test;
        tests.other = tests.other || c.test == compare::k_sign_flip_test;
    }
    tests.median = tests.median || !tests.other;
    return tests;
}

std::string rounds_method(RoundsTests tests) {
    std::string method = "Rounds are compared as pairs: ";
    if (tests.median) {
        method +=
            "the ratio is the median round's (the exponential of the median log ratio of head "
            "to base), tested with a two-sided Wilcoxon signed-rank test";
    }
    if (tests.median && tests.other) method += "; ";
    if (tests.other) {
        method +=
            std::string(tests.median ? "a metric compared by another statistic" : "each metric") +
            " (p95, mean, ...) has the ratio of that statistic over the samples of the rounds, "
            "tested with a sign-flip permutation test of the rounds";
    }
    return method;
}

// The intervals of `ab`'s rounds, after the confidence ("95% ...").
std::string rounds_intervals(RoundsTests tests) {
    std::string text;
    if (tests.median) text = "Hodges-Lehmann intervals of the paired log ratios";
    if (tests.median && tests.other) text += ", and for another statistic ";
    if (tests.other) text += "paired bootstraps of the rounds";
    return text;
}

// How the numbers were computed, for the footer; reports written before these settings
// existed get the defaults of that time.
void set_method(data& view, const Report& report) {
    std::string method = "Medians are compared with a two-sided Mann-Whitney U test";
    std::string alpha = "0.05";
    std::string adjustment = "not adjusted for multiple comparisons";
    std::string confidence = "95%";
    compare::Thresholds thresholds;
    double power = 0.8;
    if (const auto& settings = report.settings) {
        alpha = model::format_plain(settings->alpha);
        thresholds = settings->thresholds;
        power = settings->power.value_or(power);
        if (settings->test) method = "Medians are compared with " + test_words(*settings->test);
    }
    const RoundsTests rounds = report.rounds ? rounds_tests(report) : RoundsTests{};
    if (report.rounds) method = rounds_method(rounds);
    method += ", alpha " + alpha;
    if (const auto& settings = report.settings) {
        const auto correction =
            compare::correction_from_string(settings->correction.value_or("none"));
        const std::size_t tested = report.summary.tested.value_or(0);
        if (correction && *correction != compare::Correction::none) {
            adjustment = "adjusted with " + std::string(compare::label_of(*correction));
            if (tested > 0) {
                method += "; p-values " + adjustment + " across " +
                          plural(tested, "tested metric", "tested metrics");
            }
        }
        if (report.rounds) {
            confidence =
                settings->ci ? model::format_plain_percent(settings->ci->confidence) : confidence;
            method += "; intervals: " + confidence + " " + rounds_intervals(rounds);
        } else if (settings->ci) {
            const auto ci_method = compare::ci_method_from_string(settings->ci->method);
            confidence = model::format_plain_percent(settings->ci->confidence);
            method += "; intervals: " + confidence + " " +
                      std::string(
                          compare::label_of(ci_method.value_or(compare::CiMethod::hodges_lehmann)));
        }
        if (settings->drop_outliers.value_or(false)) method += "; Tukey outliers dropped";
    }
    view.set("power", model::format_plain_percent(power));
    view.set("minor", model::format_plain(thresholds.minor));
    view.set("moderate", model::format_plain(thresholds.moderate));
    view.set("severe", model::format_plain(thresholds.severe));
    view.set("alpha", alpha);
    view.set("method", method);
    view.set("p_adjustment", adjustment);
    view.set("confidence", confidence);
}

// The count of class `name` in `counts`, 0 when absent.
std::size_t count_in(const std::vector<std::pair<std::string, std::size_t>>& counts,
                     std::string_view name) {
    for (const auto& [key, count] : counts) {
        if (key == name) return count;
    }
    return 0;
}

// "1 moderate, 1 minor": the regressions by class.
std::string regression_parts(const std::vector<std::pair<std::string, std::size_t>>& counts) {
    std::string parts;
    for (const char* key : {"severe", "moderate", "minor"}) {
        if (count_in(counts, key) == 0) continue;
        if (!parts.empty()) parts += ", ";
        parts += std::to_string(count_in(counts, key)) + " " + key;
    }
    return parts;
}

std::size_t regressions_in(const std::vector<std::pair<std::string, std::size_t>>& counts) {
    return count_in(counts, "severe") + count_in(counts, "moderate") + count_in(counts, "minor");
}

// ", 1 failed, 2 not gated": the classes that are not changes, when present.
std::string other_classes(const std::vector<std::pair<std::string, std::size_t>>& counts) {
    std::string text;
    for (const char* key : {"failed", "removed", "added", "skipped", "not_gated"}) {
        if (count_in(counts, key) > 0) {
            text += ", " + std::to_string(count_in(counts, key)) + " " +
                    (std::string_view(key) == "not_gated" ? "not gated" : key);
        }
    }
    return text;
}

// Reports written before benchmarks were counted: "2 regressions (1 moderate, 1 minor), 3
// improvements, 4 unchanged, 1 failed of 10 metrics".
std::string metric_headline(const ReportSummary& summary) {
    const auto& counts = summary.counts;
    const std::size_t regressions = regressions_in(counts);
    std::string text = "no regressions";
    if (regressions > 0) {
        text = plural(regressions, "regression", "regressions") + " (" + regression_parts(counts) +
               ")";
    }
    text += ", " + plural(count_in(counts, "improved"), "improvement", "improvements") + ", " +
            std::to_string(count_in(counts, "unchanged")) + " unchanged" + other_classes(counts);
    return text + " of " + plural(summary.comparisons.value_or(0), "metric", "metrics");
}

// "2 benchmarks regressed (1 moderate, 1 minor; 5 metrics), 1 improved, 2 unchanged of 5
// benchmarks (14 metrics, 5 gated)": each benchmark counted once, its class that of its
// gated measures; "5 metrics" the metrics of the regressed benchmarks that got worse.
std::string headline(const ReportSummary& summary) {
    if (!summary.benchmarks) return metric_headline(summary);
    const auto& counts = summary.benchmark_counts;
    const std::size_t regressed = regressions_in(counts);
    std::string text = "no benchmark regressed";
    if (regressed > 0) {
        text = plural(regressed, "benchmark", "benchmarks") + " regressed (" +
               regression_parts(counts);
        if (summary.regressed_metrics) {
            text += "; " + plural(*summary.regressed_metrics, "metric", "metrics");
        }
        text += ")";
    }
    text += ", " + std::to_string(count_in(counts, "improved")) + " improved, " +
            std::to_string(count_in(counts, "unchanged")) + " unchanged" + other_classes(counts);
    const std::size_t metrics = summary.comparisons.value_or(0);
    const std::size_t not_gated = count_in(summary.counts, "not_gated");
    text += " of " + plural(*summary.benchmarks, "benchmark", "benchmarks") + " (" +
            plural(metrics, "metric", "metrics");
    if (not_gated > 0) text += ", " + std::to_string(metrics - not_gated) + " gated";
    return text + ")";
}

void set_summary(data& view, const ReportSummary& summary) {
    // Benchmarks when the report counts them, as the headline does; else metrics.
    data counts(data::type::list);
    for (const auto& [name, count] :
         summary.benchmarks ? summary.benchmark_counts : summary.counts) {
        data entry;
        entry.set("class", name);
        entry.set("count", std::to_string(count));
        counts.push_back(entry);
    }
    view.set("counts", counts);
    view.set("headline", headline(summary));
    view.set("has_geomean", boolean(summary.geomean.has_value()));
    if (const auto& g = summary.geomean) {
        std::string text = model::format_ratio(g->ratio);
        if (g->ci) text += ' ' + interval_text(*g->ci);
        view.set("geomean", text);
        view.set("geomean_metrics", g->benchmarks
                                        ? plural(*g->benchmarks, "benchmark", "benchmarks")
                                        : plural(g->metrics, "metric", "metrics"));
    }
}

// The gate file of a gated report (a report written before it was recorded has no line):
// its path and the first 12 hex digits of its SHA-256, as `sha256sum FILE | cut -c1-12`.
void set_gate_file(data& view, const Report& report) {
    view.set("has_gate_line", boolean(report.gated && report.gate_file_recorded));
    view.set("has_gate_file", boolean(report.gate_file.has_value()));
    view.set("gate_file", report.gate_file ? report.gate_file->path : std::string());
    view.set("gate_file_sha256",
             report.gate_file ? report.gate_file->sha256.substr(0, 12) : std::string());
}

void set_sides(data& view, const Report& report) {
    view.set("baseline_label", report.baseline.label);
    view.set("has_baseline_commit", boolean(false));
    if (const auto& provenance = report.baseline.provenance) {
        view.set("baseline_created", provenance->created);
        view.set("baseline_commit", provenance->commit.substr(0, 12));
        view.set("has_baseline_commit", boolean(!provenance->commit.empty()));
    }
    std::string candidate_files;
    if (const auto& rounds = report.rounds) {
        // An ab run's files are temporary or one per round: its commands and rounds say more.
        candidate_files = "head: " + rounds->head_command + ", " +
                          plural(rounds->run, "paired round", "paired rounds");
        if (rounds->run != rounds->requested) {
            candidate_files += " of " + std::to_string(rounds->requested) + " asked";
        }
        if (rounds->stopped_by_max_time) candidate_files += " (stopped by --max-time)";
        if (rounds->seed) candidate_files += ", order from seed " + std::to_string(*rounds->seed);
    }
    for (const model::Source& source : report.candidate.sources) {
        if (report.rounds) break;  // listed above
        if (!candidate_files.empty()) candidate_files += ", ";
        candidate_files += source.path + " (" + source.format + ")";
    }
    view.set("candidate_files", candidate_files);
}

}  // namespace

data header_view(const Report& report) {
    data view;
    const std::string verdict(model::to_string(report.verdict));
    std::string title = verdict;
    std::transform(title.begin(), title.end(), title.begin(),
                   [](unsigned char ch) { return static_cast<char>(std::toupper(ch)); });
    view.set("gated", boolean(report.gated));
    view.set("command", report.command);
    view.set("verdict", verdict);
    view.set("verdict_icon", level_icon(report.verdict));
    view.set("verdict_title", title);
    view.set("title", report.gated
                          ? std::string(level_icon(report.verdict)) + " caws-gate: " + title
                          : std::string("caws-gate compare"));
    view.set("truncated", boolean(false));
    view.set("omitted", "0");
    view.set("full_report", "the JSON report (--json FILE)");
    set_scores(view, report.scores);
    set_method(view, report);
    if (report.tool) view.set("tool_version", report.tool->version);
    set_summary(view, report.summary);
    set_sides(view, report);
    set_gate_file(view, report);
    set_between_run(view, report);
    return view;
}

std::string sample_sizes(const model::Comparison& c) {
    return std::to_string(c.n_baseline) + " vs " + std::to_string(c.n_candidate);
}

std::string ratio_text(const model::Comparison& c) {
    return c.ratio ? model::format_ratio(*c.ratio) : std::string("—");
}

}  // namespace caws::report
