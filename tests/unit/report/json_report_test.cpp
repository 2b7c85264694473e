#include "report/json_report.hpp"

#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "compare/comparator.hpp"
#include "compare/geomean.hpp"
#include "gate/policy.hpp"
#include "report/markdown_renderer.hpp"
#include "support/simulated_runs.hpp"

namespace caws::report {
namespace {

struct Built {
    model::Verdict verdict;
    Report document;
    nlohmann::ordered_json report;
};

// A run of 30 metrics, 5 vs 5, CV 20%: three of them 3x slower.
Built build(const compare::Options& options = {}) {
    std::vector<double> ratios(30, 1.0);
    ratios[0] = ratios[1] = ratios[2] = 3.0;
    static const auto runs = test::simulate_runs(ratios, 5, 5, 0.2, 31);
    Built built;
    built.verdict = gate::evaluate(compare::compare_runs(runs.baseline, runs.candidate, options));
    ReportInput input;
    input.verdict = &built.verdict;
    input.baseline = &runs.baseline;
    input.baseline_label = "baselines/suite.json";
    input.candidate = &runs.candidate;
    input.options = options;
    input.geomean = compare::geometric_mean_of_ratios(built.verdict.comparisons, options);
    built.document = build_report(input);
    built.report = built.document;
    return built;
}

TEST(JsonReport, KeepsTheStableCoreOfEveryComparison) {
    const Built built = build();
    for (const auto& c : built.report.at("comparisons")) {
        for (const char* key :
             {"metric", "measure", "unit", "direction", "statistic", "baseline", "candidate",
              "ratio", "ci", "p_value", "n", "test", "tested", "class", "level", "gated"}) {
            EXPECT_TRUE(c.contains(key)) << key;
        }
    }
    for (const char* key :
         {"schema", "verdict", "settings", "summary", "comparisons", "budgets", "findings"}) {
        EXPECT_TRUE(built.report.contains(key)) << key;
    }
}

TEST(JsonReport, ComparisonsCarryAdjustedPTestNoiseAndPower) {
    const Built built = build();
    const auto& first = built.report.at("comparisons").at(0);
    EXPECT_EQ(first.at("test"), "moderated-t");
    EXPECT_EQ(first.at("test_variant"), "log");
    EXPECT_TRUE(first.at("p_value").is_number());
    EXPECT_TRUE(first.at("p_adjusted").is_number());
    EXPECT_GE(first.at("p_adjusted").get<double>(), first.at("p_value").get<double>());
    EXPECT_EQ(first.at("significant"), true);
    EXPECT_EQ(first.at("class"), "severe");
    ASSERT_TRUE(first.at("ci").is_array());
    EXPECT_EQ(first.at("ci_method"), "hodges-lehmann");
    const auto& noise = first.at("noise");
    for (const char* side : {"baseline", "candidate"}) {
        EXPECT_TRUE(noise.at(side).at("cv").is_number());
        EXPECT_TRUE(noise.at(side).at("mad").is_number());
        EXPECT_TRUE(noise.at(side).at("outliers").is_number_unsigned());
    }
    EXPECT_EQ(noise.at("outliers_dropped"), false);
    const auto& power = first.at("power");
    EXPECT_TRUE(power.at("noise").is_number());
    EXPECT_TRUE(power.at("min_detectable_ratio").is_number());
    EXPECT_TRUE(power.at("repetitions_needed").is_number_unsigned());
    EXPECT_TRUE(power.at("needs_repetitions").is_boolean());
    // The model and the JSON agree.
    const model::Comparison& c = built.verdict.comparisons.front();
    EXPECT_EQ(first.at("p_adjusted").get<double>(), *c.p_adjusted);
    EXPECT_EQ(power.at("repetitions_needed").get<std::size_t>(), *c.power->repetitions_needed);
}

TEST(JsonReport, SummaryHasTheGeometricMeanAndSettingsTheMethods) {
    compare::Options options;
    options.correction = compare::Correction::holm;
    options.ci = compare::CiMethod::bootstrap;
    options.seed = 17;
    options.drop_outliers = true;
    const Built built = build(options);
    const auto& summary = built.report.at("summary");
    EXPECT_EQ(summary.at("comparisons"), 30);
    EXPECT_EQ(summary.at("tested"), 30);
    EXPECT_TRUE(summary.at("needs_repetitions").is_number_unsigned());
    const auto& geomean = summary.at("geomean");
    EXPECT_EQ(geomean.at("metrics"), 30);
    EXPECT_EQ(geomean.at("benchmarks"), 30);
    EXPECT_GT(geomean.at("ratio").get<double>(), 1.0);
    ASSERT_TRUE(geomean.at("ci").is_array());
    EXPECT_LE(geomean.at("ci")[0].get<double>(), geomean.at("ratio").get<double>());
    const auto& settings = built.report.at("settings");
    EXPECT_EQ(settings.at("alpha"), 0.05);
    EXPECT_EQ(settings.at("test"), "auto");
    EXPECT_EQ(settings.at("correction"), "holm");
    EXPECT_EQ(settings.at("ci").at("method"), "bootstrap");
    EXPECT_EQ(settings.at("ci").at("confidence"), 0.95);
    EXPECT_EQ(settings.at("ci").at("resamples"), 2000);
    EXPECT_EQ(settings.at("seed"), 17);
    EXPECT_EQ(settings.at("drop_outliers"), true);
    EXPECT_EQ(built.report.at("comparisons").at(0).at("ci_method"), "bootstrap");
}

TEST(JsonReport, CarriesBudgetsWaiversScoresAndRecommendations) {
    static const auto runs = test::simulate_runs({1.0}, 5, 5, 0.1, 7);
    model::Verdict verdict;
    verdict.level = model::Level::warn;
    model::BudgetCheck budget;
    budget.metric = "ttfa";
    budget.measure = "time";
    budget.statistic = "p95";
    budget.unit = "s";
    budget.value = 0.061;
    budget.warning = 0.05;
    budget.critical = 0.1;
    budget.level = model::Level::warn;
    budget.message = "ttfa p95 is 61 ms, above the warning budget of 50 ms.";
    budget.value_text = "61 ms";
    budget.warning_text = "50 ms";
    verdict.budgets.push_back(budget);
    model::Finding finding{
        model::Level::info, "waived",
        "BM_Old",           "cpu_time",
        "accepted",         model::Waiver{"BM_Old*", "known", "@team", "2026-12-31", false}};
    verdict.findings.push_back(finding);
    verdict.scores =
        model::Scores{model::Score{80, {model::ScoreComponent{"budgets", 80, 0.5, "1 of 1 warns"}}},
                      model::Score{55, {}}};
    verdict.recommendations.push_back({"add-repetitions", "BM_X", "Run 12 repetitions."});
    ReportInput input;
    input.verdict = &verdict;
    input.baseline = &runs.baseline;
    input.candidate = &runs.candidate;
    const nlohmann::ordered_json report = build_report(input);

    EXPECT_EQ(report.at("scores").at("health"), 80.0);
    EXPECT_EQ(report.at("scores").at("trust"), 55.0);
    EXPECT_EQ(report.at("scores").at("components").at("health").at(0).at("name"), "budgets");
    const auto& b = report.at("budgets").at(0);
    EXPECT_EQ(b.at("statistic"), "p95");
    EXPECT_EQ(b.at("value"), 0.061);
    EXPECT_EQ(b.at("warning"), 0.05);
    EXPECT_EQ(b.at("critical"), 0.1);
    EXPECT_EQ(b.at("level"), "warn");
    EXPECT_FALSE(b.contains("max_ratio"));
    // The numbers as the message writes them; none for the missing critical text.
    EXPECT_EQ(b.at("shown"), (nlohmann::ordered_json{{"value", "61 ms"}, {"warning", "50 ms"}}));
    EXPECT_EQ(report.at("findings").at(0).at("waiver").at("expires"), "2026-12-31");
    EXPECT_EQ(report.at("recommendations").at(0).at("code"), "add-repetitions");

    verdict.scores.reset();
    EXPECT_TRUE(nlohmann::ordered_json(build_report(input)).at("scores").is_null());
}

TEST(JsonReport, SameInputsGiveTheSameBytes) {
    compare::Options options;
    options.ci = compare::CiMethod::bootstrap;
    EXPECT_EQ(serialize_report(build(options).document), serialize_report(build(options).document));
    EXPECT_EQ(serialize_report(build().document), serialize_report(build().document));
}

TEST(MarkdownReport, ShowsIntervalsTestsGeomeanAndRepetitions) {
    const Built built = build();
    const std::string markdown = render_markdown(built.document, TemplateSet{});
    EXPECT_NE(markdown.find("Geometric mean of the ratios: **"), std::string::npos);
    EXPECT_NE(markdown.find("over 30 benchmarks"), std::string::npos);
    // The test: once under the table when every row shares it, else in a column.
    EXPECT_TRUE(markdown.find("moderated t-test on log values, 5 vs 5 samples.") !=
                    std::string::npos ||
                markdown.find("| moderated-t") != std::string::npos)
        << markdown;
    EXPECT_NE(markdown.find("x ["), std::string::npos);  // a ratio with its interval
    EXPECT_NE(markdown.find("### Needs more repetitions"), std::string::npos);
    EXPECT_NE(markdown.find("repetitions per side"), std::string::npos);
    EXPECT_NE(markdown.find("adjusted with Benjamini-Hochberg across 30 tested metrics"),
              std::string::npos);
    EXPECT_NE(markdown.find("95% Hodges-Lehmann"), std::string::npos);
    // Every regression finding names a metric that the Markdown shows.
    for (const auto& finding : built.report.at("findings")) {
        EXPECT_NE(markdown.find(finding.at("metric").get<std::string>()), std::string::npos);
    }
}

model::Comparison compared(const std::string& metric, const std::string& measure,
                           model::ChangeClass change, bool gated = true) {
    model::Comparison c;
    c.metric = metric;
    c.measure = measure;
    c.unit = model::seconds();
    c.direction = model::Direction::lower;
    c.change = change;
    c.gated = gated;
    c.ratio = 1.0;
    return c;
}

TEST(JsonReport, SummaryCountsEachBenchmarkOnceBesideTheMetrics) {
    using model::ChangeClass;
    model::Verdict verdict;
    // BM_A's wall time moved with its gated CPU time: one benchmark, two metrics worse.
    model::Comparison wall = compared("BM_A", "real_time", ChangeClass::unchanged, false);
    wall.tested = true;
    wall.p_value = 0.001;
    wall.ratio = 1.6;
    verdict.comparisons = {
        wall,
        compared("BM_A", "cpu_time", ChangeClass::moderate),
        compared("BM_A", "items_per_second", ChangeClass::unchanged, false),
        // Two gated measures, one slower and one faster: the benchmark regressed.
        compared("BM_B", "cpu_time", ChangeClass::improved),
        compared("BM_B", "max_bytes_used", ChangeClass::minor),
        compared("BM_C", "cpu_time", ChangeClass::unchanged),
        compared("BM_D", "cache_misses", ChangeClass::unchanged, false),
        compared("BM_E", "cpu_time", ChangeClass::failed),
        compared("BM_E", "real_time", ChangeClass::failed, false),
    };
    model::Run baseline;
    model::Run candidate;
    candidate.context.repetitions = model::RepetitionOrder::interleaved;
    ReportInput input;
    input.verdict = &verdict;
    input.baseline = &baseline;
    input.candidate = &candidate;
    const Report document = build_report(input);
    const nlohmann::ordered_json report = document;
    const auto& summary = report.at("summary");
    EXPECT_EQ(summary.at("comparisons"), 9);
    EXPECT_EQ(summary.at("counts").at("not_gated"), 4);
    EXPECT_EQ(summary.at("benchmarks"), 5);
    const nlohmann::ordered_json expected = {
        {"severe", 0}, {"moderate", 1}, {"minor", 1},  {"improved", 0}, {"unchanged", 1},
        {"added", 0},  {"removed", 0},  {"failed", 1}, {"skipped", 0},  {"not_gated", 1}};
    EXPECT_EQ(summary.at("benchmark_counts"), expected);
    EXPECT_EQ(summary.at("regressed_metrics"), 3);
    EXPECT_EQ(report.at("candidate").at("context").at("repetitions"), "interleaved");
    EXPECT_FALSE(report.at("baseline").at("context").contains("repetitions"));

    const std::string markdown = render_markdown(document, TemplateSet{});
    EXPECT_NE(markdown.find("**2 benchmarks regressed (1 moderate, 1 minor; 3 metrics), 0 "
                            "improved, 1 unchanged, 1 failed, 1 not gated of 5 benchmarks (9 "
                            "metrics, 5 gated).**"),
              std::string::npos)
        << markdown;
    // The JSON reads back into the same counts.
    const Report again = from_json(report, "report.json");
    EXPECT_EQ(again.summary.benchmarks, 5u);
    EXPECT_EQ(again.summary.benchmark_counts, document.summary.benchmark_counts);
    EXPECT_EQ(again.summary.regressed_metrics, 3u);
}

TEST(MarkdownReport, ListsAtMostTenMetricsNeedingRepetitions) {
    const Built built = build();
    const std::string markdown = render_markdown(built.document, TemplateSet{});
    const std::size_t flagged = built.report.at("summary").at("needs_repetitions");
    ASSERT_GT(flagged, 10U);
    EXPECT_NE(markdown.find("…and " + std::to_string(flagged - 10) + " more in the JSON report."),
              std::string::npos);
}

}  // namespace
}  // namespace caws::report
