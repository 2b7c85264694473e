#include "gate/recommendations.hpp"

#include <gtest/gtest.h>

#include "compare/comparator.hpp"
#include "gate/policy.hpp"
#include "ingest/results.hpp"
#include "model/source_kind.hpp"
#include "support/fixtures.hpp"

namespace caws::gate {
namespace {

using model::ChangeClass;
using model::Level;

model::Comparison comparison(const std::string& metric, double cv = 0.01) {
    model::Comparison c;
    c.metric = metric;
    c.measure = "cpu_time";
    c.unit = model::seconds();
    c.direction = model::Direction::lower;
    c.change = ChangeClass::unchanged;
    c.ratio = 1.0;
    c.baseline = 1e-6;
    c.candidate = 1e-6;
    c.tested = true;
    c.n_baseline = 10;
    c.n_candidate = 10;
    c.noise_baseline = model::SideNoise{cv, 1e-8, 0};
    c.noise_candidate = model::SideNoise{cv, 1e-8, 0};
    c.power = model::Power{cv, 1.1, 6, false, std::nullopt, std::nullopt, std::nullopt};
    return c;
}

model::Comparison needing(const std::string& metric, std::optional<std::size_t> repetitions) {
    model::Comparison c = comparison(metric);
    c.power->min_detectable_ratio = 1.6;
    c.power->repetitions_needed = repetitions;
    c.power->needs_repetitions = true;
    return c;
}

model::Run run_on(const std::string& host, const std::string& build = "release") {
    model::Run run;
    run.context.host = host;
    run.context.build_type = build;
    run.context.num_cpus = 4;
    run.context.cpu_scaling_enabled = false;
    return run;
}

struct Case {
    model::Verdict verdict;
    model::Run baseline = run_on("ci");
    model::Run candidate = run_on("ci");
    std::optional<double> age_days = 2.0;

    std::vector<model::Recommendation> recommendations() const {
        return recommend(verdict, ScoreInput{&baseline, &candidate, age_days, 1.2, 0.05});
    }
    std::vector<std::string> codes() const {
        std::vector<std::string> out;
        for (const auto& r : recommendations()) out.push_back(r.code);
        return out;
    }
};

Case quiet_case() {
    Case c;
    for (int i = 0; i < 4; ++i)
        c.verdict.comparisons.push_back(comparison("BM_" + std::to_string(i)));
    return c;
}

// The one recommendation of `list` (a copy: `list` is often a temporary).
model::Recommendation only(const std::vector<model::Recommendation>& list) {
    EXPECT_EQ(list.size(), 1u);
    if (list.empty()) return {"none", {}, {}};
    return list.front();
}

TEST(Recommend, AGoodMeasurementNeedsNoAdvice) {
    EXPECT_TRUE(quiet_case().recommendations().empty());
}

TEST(Recommend, ReleaseBuildWhenEitherSideIsDebug) {
    Case c = quiet_case();
    c.baseline.context.build_type = "Debug";
    c.baseline.sources.push_back({"perf.json", "google-benchmark"});
    const auto& r = only(c.recommendations());
    EXPECT_EQ(r.code, "release-build");
    EXPECT_EQ(r.metric, "");
    EXPECT_EQ(r.message,
              "Rebuild in release mode (e.g. `-DCMAKE_BUILD_TYPE=Release`) and measure again: the "
              "baseline reports build type debug, and unoptimised timings say little about "
              "release performance.");
    c.baseline.context.build_type = "release";
    c.candidate.context.build_type = "relwithdebinfo";
    EXPECT_TRUE(c.recommendations().empty());
}

TEST(Recommend, GoogleBenchmarksLibraryBuildTypeOnlyWhenTheCodesIsUnknown) {
    Case c = quiet_case();
    c.baseline.sources.push_back({"perf.json", "google-benchmark"});
    c.baseline.context.extra.emplace_back("library_build_type", "debug");
    c.candidate.context.extra.emplace_back("library_build_type", "debug");
    // The code's build type known (release): the library's says nothing of it.
    EXPECT_TRUE(c.recommendations().empty());
    c.baseline.context.build_type.clear();
    c.candidate.context.build_type.clear();
    EXPECT_EQ(only(c.recommendations()).message,
              "Check that the benchmarked code is built in release mode (e.g. "
              "`-DCMAKE_BUILD_TYPE=Release`) and say so with `--build-type release` or "
              "`--benchmark_context=CMAKE_BUILD_TYPE=Release`: both runs report "
              "library_build_type debug, which is Google Benchmark's own library compiled "
              "without NDEBUG (Debian's and Ubuntu's libbenchmark packages are, optimised or "
              "not) and says nothing of how the code it times was built.");
}

TEST(Recommend, SameMachineWhenTheHostsDiffer) {
    Case c = quiet_case();
    c.candidate.context.host = "runner-2";
    const auto& r = only(c.recommendations());
    EXPECT_EQ(r.code, "same-machine");
    EXPECT_NE(r.message.find("baseline on host ci, candidate on host runner-2"), std::string::npos);
    c.candidate.context.host.clear();  // unknown is not different
    EXPECT_TRUE(c.recommendations().empty());
}

TEST(Recommend, BackticksInNamesAndHostsCannotOpenACodeSpan) {
    Case c = quiet_case();
    c.candidate.context.host = "run`ner";
    c.verdict.comparisons.push_back(needing("BM_`a", 14));
    c.verdict.comparisons.push_back(needing("BM_b`", 14));
    const auto list = c.recommendations();
    ASSERT_EQ(list.size(), 2u);
    EXPECT_NE(list[0].message.find("candidate on host run`` ` ``ner."), std::string::npos)
        << list[0].message;
    EXPECT_NE(list[1].message.find("2 benchmarks (BM_`` ` ``a and BM_b`` ` ``)"), std::string::npos)
        << list[1].message;
}

TEST(Recommend, PinCpuWhenScalingIsOnOrNoiseIsHigh) {
    Case c = quiet_case();
    c.candidate.context.cpu_scaling_enabled = true;
    EXPECT_EQ(only(c.recommendations()).message,
              "Pin the benchmark to an idle CPU and disable frequency scaling (e.g. `cpupower "
              "frequency-set --governor performance` and `taskset -c 3`, the last of the "
              "machine's 4 CPUs): CPU frequency scaling was enabled on the candidate.");
    c.candidate.context.cpu_scaling_enabled = false;
    for (auto& comparison : c.verdict.comparisons) comparison.noise_candidate->cv = 0.08;
    const auto& r = only(c.recommendations());
    EXPECT_EQ(r.code, "pin-cpu");
    EXPECT_NE(r.message.find("the median coefficient of variation is 8.0% (above 5.0%)"),
              std::string::npos)
        << r.message;
    // 5% is not above 5%.
    for (auto& comparison : c.verdict.comparisons) comparison.noise_candidate->cv = 0.05;
    EXPECT_TRUE(c.recommendations().empty());
}

TEST(Recommend, PinCpuSuggestsACpuTheMachineHas) {
    Case c = quiet_case();
    c.candidate.context.cpu_scaling_enabled = true;
    c.baseline.context.num_cpus = 8;  // the candidate's machine is the one to pin on
    c.candidate.context.num_cpus = 2;
    EXPECT_NE(
        only(c.recommendations()).message.find("`taskset -c 1`, the last of the machine's 2 CPUs)"),
        std::string::npos);
    c.candidate.context.num_cpus = 1;
    EXPECT_NE(only(c.recommendations()).message.find("`taskset -c 0`, the machine's only CPU)"),
              std::string::npos);
    c.candidate.context.num_cpus.reset();
    EXPECT_NE(only(c.recommendations()).message.find("`taskset -c 7`, the last of the machine's 8"),
              std::string::npos);
    c.baseline.context.num_cpus.reset();
    EXPECT_NE(
        only(c.recommendations()).message.find("`taskset -c CPU` with CPU an idle CPU number)"),
        std::string::npos);
}

TEST(Recommend, AddRepetitionsWithTheNumberOfThePowerAnalysis) {
    Case c = quiet_case();
    c.verdict.comparisons.push_back(needing("BM_Sort", 14));
    c.verdict.comparisons.push_back(needing("BM_Sort", 9));  // another measure, same benchmark
    c.verdict.comparisons.push_back(needing("BM_Hash", 22));
    const auto& r = only(c.recommendations());
    EXPECT_EQ(r.code, "add-repetitions");
    EXPECT_EQ(r.metric, "");
    EXPECT_EQ(
        r.message,
        "Run at least 22 repetitions per side (Google Benchmark: "
        "`--benchmark_repetitions=22`): 2 benchmarks (BM_Sort and BM_Hash) cannot detect a 1.2x "
        "slowdown with the samples at hand; 22 per side is what the power analysis asks "
        "for with the measured noise.");
}

TEST(Recommend, AMaximumThatCannotSeeTheChangeGetsAQuantileNotRepetitions) {
    // compare::drop_extreme_advice leaves a max without repetitions needed: more samples
    // help it little. It is not "noise unknown" (add-repetitions) but gate-a-quantile.
    Case c = quiet_case();
    model::Comparison max = needing("ttfa_ms", std::nullopt);
    max.statistic = "max";
    c.verdict.comparisons.push_back(max);
    const auto& r = only(c.recommendations());
    EXPECT_EQ(r.code, "gate-a-quantile");
    EXPECT_EQ(r.metric, "ttfa_ms");
    EXPECT_EQ(r.message,
              "Gate a quantile instead of the maximum (`\"statistic\": \"p99\"` in the gate "
              "file's rule): ttfa_ms is compared by the maximum, whose test cannot detect a "
              "1.2x change, and more samples help it little: it moves with the most extreme "
              "values a larger sample meets.");
    // Beside a median that needs repetitions, each gets its own advice.
    c.verdict.comparisons.push_back(needing("BM_Sort", 14));
    std::vector<std::string> codes;
    for (const auto& advice : c.recommendations()) codes.push_back(advice.code);
    EXPECT_EQ(codes, (std::vector<std::string>{"add-repetitions", "gate-a-quantile"}));
    for (const auto& advice : c.recommendations()) {
        if (advice.code == "add-repetitions") EXPECT_EQ(advice.metric, "BM_Sort");
    }
}

TEST(Recommend, AddRepetitionsNamesOneMetricOrCountsMany) {
    Case one = quiet_case();
    one.verdict.comparisons.push_back(needing("BM_Sort", 14));
    EXPECT_EQ(only(one.recommendations()).metric, "BM_Sort");
    Case many = quiet_case();
    for (int i = 0; i < 8; ++i)
        many.verdict.comparisons.push_back(needing("M" + std::to_string(i), 12));
    EXPECT_NE(only(many.recommendations())
                  .message.find("8 benchmarks (M0, M1, M2, M3, M4 and 3 more) cannot detect"),
              std::string::npos);
}

TEST(Recommend, AddRepetitionsWithoutMeasuredNoiseUsesTheRankTestMinimum) {
    // Single samples: no noise, no power number; 2 compared metrics, alpha 0.05 / 2:
    // the exact Mann-Whitney test reaches 0.025 first at 5 vs 5 (2 / 252 = 0.0079; 4 vs 4
    // gives 2 / 70 = 0.029).
    Case c;
    for (const char* name : {"A", "B"}) {
        model::Comparison x = comparison(name);
        x.n_baseline = x.n_candidate = 1;
        x.tested = false;
        x.noise_baseline.reset();
        x.noise_candidate.reset();
        x.power = model::Power{std::nullopt, std::numeric_limits<double>::infinity(),
                               std::nullopt, true,
                               std::nullopt, std::nullopt,
                               std::nullopt};
        c.verdict.comparisons.push_back(x);
    }
    const auto& r = only(c.recommendations());
    EXPECT_EQ(r.code, "add-repetitions");
    EXPECT_EQ(r.message.rfind("Run at least 5 repetitions per side", 0), 0u) << r.message;
    EXPECT_NE(r.message.find("the noise is unknown with these samples"), std::string::npos);
}

TEST(Recommend, ApplicationMetricsGetNoBenchmarkHygiene) {
    Case c = quiet_case();
    c.baseline.context.build_type = "debug";
    c.candidate.context.cpu_scaling_enabled = true;
    c.candidate.context.repetitions = model::RepetitionOrder::back_to_back;
    c.verdict.comparisons.push_back(needing("ttfa", 14));
    c.verdict.comparisons.push_back(needing("rtf", 9));
    for (model::Run* run : {&c.baseline, &c.candidate})
        run->sources.push_back({"tts.json", "caws-metrics"});
    c.candidate.sources.push_back({"load.json", "k6"});
    const auto& r = only(c.recommendations());
    EXPECT_EQ(r.code, "add-repetitions");
    EXPECT_EQ(r.message.rfind("Collect at least 14 samples per side (a longer load test or more "
                              "requests per run): 2 metrics (ttfa and rtf) cannot detect",
                              0),
              0u)
        << r.message;
    // One benchmark file among the inputs: the advice is back.
    c.candidate.sources.push_back({"perf.json", "google-benchmark"});
    EXPECT_EQ(c.codes(), (std::vector<std::string>{"release-build", "pin-cpu",
                                                   "interleave-repetitions", "add-repetitions"}));
}

TEST(Recommend, TheApplicationFormatsAreInputFormats) {
    for (const std::string_view format : model::k_application_formats) {
        EXPECT_NE(ingest::find_format(format), nullptr) << format;
    }
    EXPECT_FALSE(model::is_application_format("google-benchmark"));
}

TEST(Recommend, RefreshAnOldBaseline) {
    Case c = quiet_case();
    c.age_days = 30;
    EXPECT_TRUE(c.recommendations().empty());
    c.age_days = 45.5;
    const auto& r = only(c.recommendations());
    EXPECT_EQ(r.code, "refresh-baseline");
    EXPECT_EQ(r.message,
              "Refresh the baseline (`caws-gate baseline update`): it was created 45 days ago, "
              "more than 30, and compilers, libraries and runners have changed since.");
    c.age_days.reset();
    EXPECT_TRUE(c.recommendations().empty());
}

TEST(Recommend, ALeakFindingBecomesAnInvestigation) {
    Case c = quiet_case();
    c.verdict.findings.push_back(
        {Level::warn,
         "leak",
         "rss",
         "memory",
         "rss grows 1.2 MiB per minute over the run (OLS slope, p = 0.0004).",
         {}});
    c.verdict.findings.push_back({Level::fail, "regression", "BM_0", "cpu_time", "slower", {}});
    const auto& r = only(c.recommendations());
    EXPECT_EQ(r.code, "investigate-leak");
    EXPECT_EQ(r.metric, "rss");
    EXPECT_EQ(r.message,
              "Look for a memory leak behind rss (memory) (heaptrack, `valgrind --tool=massif` or "
              "LeakSanitizer): rss grows 1.2 MiB per minute over the run (OLS slope, p = "
              "0.0004).");
}

TEST(Recommend, BottleneckPhaseOfTheBundledMetricsFixture) {
    const model::Run run = ingest::parse_results(test::read_fixture("caws-metrics/tts.json"),
                                                 "tts.json", std::nullopt);
    const model::Verdict verdict = evaluate(compare::compare_runs(run, run));
    const auto list = recommend(verdict, ScoreInput{&run, &run, 1.0, 1.2, 0.05});
    std::vector<model::Recommendation> phases;
    for (const auto& r : list) {
        if (r.code == "bottleneck-phase") phases.push_back(r);
    }
    // ttfa{acme}: audio_capture median 1.15 ms, synthesis 3.9 ms, end to end 5.45 ms.
    const auto& r = only(phases);
    EXPECT_EQ(r.metric, "ttfa{provider=acme,text_length=120}");
    EXPECT_EQ(r.message,
              "Speed up the synthesis phase of ttfa{provider=acme,text_length=120} first: it "
              "dominates with median 3.90 ms, 72% of the end-to-end median 5.45 ms.");
}

TEST(Recommend, BottleneckPhaseWithoutTheEndToEndMetricUsesTheSum) {
    Case c;
    for (const auto& [phase, value] : {std::pair{"queue", 0.4e-3}, std::pair{"render", 0.6e-3}}) {
        model::Comparison x = comparison(std::string("latency.phase.") + phase);
        x.candidate = value;
        c.verdict.comparisons.push_back(x);
        model::Metric m;
        m.name = x.metric;
        m.measure = x.measure;
        m.labels = {{"phase", phase}};
        c.candidate.metrics.push_back(m);
    }
    EXPECT_EQ(only(c.recommendations()).message,
              "Speed up the render phase of latency first: it dominates with median 600 µs, 60% "
              "of the sum of the phases' medians 1.00 ms.");
    // Without the phase label it is a benchmark that happens to be named so.
    for (auto& m : c.candidate.metrics) m.labels.clear();
    EXPECT_TRUE(c.recommendations().empty());
}

TEST(Recommend, BottleneckPhaseNamesThePhaseThatGrewWhenTheLatencyRegressed) {
    // The bundled metrics file against a copy whose synthesis phase takes 2 ms more and
    // whose end-to-end samples take 2.5 ms more.
    std::string text = test::read_fixture("caws-metrics/tts.json");
    const auto replace = [&text](const std::string& from, const std::string& to) {
        const auto at = text.find(from);
        ASSERT_NE(at, std::string::npos) << from;
        text.replace(at, from.size(), to);
    };
    const model::Run baseline = ingest::parse_results(text, "tts.json", std::nullopt);
    replace(R"("samples": [5.1, 5.4, 5.6, 5.2, 6.9, 5.5])",
            R"("samples": [7.6, 7.9, 8.1, 7.7, 9.4, 8.0])");
    replace(R"("p50": 3900, "p95": 5100, "mean": 4050)",
            R"("p50": 5900, "p95": 7100, "mean": 6050)");
    const model::Run candidate = ingest::parse_results(text, "tts.json", std::nullopt);
    const model::Verdict verdict = evaluate(compare::compare_runs(baseline, candidate));
    std::vector<model::Recommendation> phases;
    for (const auto& r : recommend(verdict, ScoreInput{&baseline, &candidate, 1.0, 1.2, 0.05})) {
        if (r.code == "bottleneck-phase") phases.push_back(r);
    }
    // End to end: median 5.45 ms -> 7.95 ms (1.46x, minor); synthesis 3.9 ms -> 5.9 ms.
    EXPECT_EQ(only(phases).message,
              "Speed up the synthesis phase of ttfa{provider=acme,text_length=120} first: it "
              "dominates with median 5.90 ms, 74% of the end-to-end median 7.95 ms. The "
              "end-to-end median grew by 2.50 ms (a minor regression), most in synthesis: "
              "+2.00 ms, 80% of the growth.");
}

TEST(Recommend, OneLonePhaseIsNoBottleneck) {
    Case c;
    model::Comparison x = comparison("latency.phase.queue");
    c.verdict.comparisons.push_back(x);
    model::Metric m;
    m.name = x.metric;
    m.measure = x.measure;
    m.labels = {{"phase", "queue"}};
    c.candidate.metrics.push_back(m);
    EXPECT_TRUE(c.recommendations().empty());
}

TEST(Recommend, RulesComeInTheirDocumentedOrder) {
    Case c = quiet_case();
    c.age_days = 90;
    c.candidate = run_on("other", "debug");
    c.candidate.context.cpu_scaling_enabled = true;
    c.verdict.comparisons.push_back(needing("BM_Sort", 14));
    c.verdict.findings.push_back({Level::warn, "leak", "rss", "memory", "grows.", {}});
    EXPECT_EQ(c.codes(), (std::vector<std::string>{"release-build", "same-machine", "pin-cpu",
                                                   "add-repetitions", "refresh-baseline",
                                                   "investigate-leak"}));
    // Deterministic.
    const auto a = c.recommendations();
    const auto b = c.recommendations();
    ASSERT_EQ(a.size(), b.size());
    for (std::size_t i = 0; i < a.size(); ++i) EXPECT_EQ(a[i].message, b[i].message);
}

TEST(Recommend, DuplicatesAreDroppedAndTheListIsCapped) {
    Case c = quiet_case();
    // The same leak found for two measures of one metric: one recommendation.
    c.verdict.findings.push_back({Level::warn, "leak", "rss", "memory", "grows.", {}});
    c.verdict.findings.push_back({Level::warn, "leak", "rss", "heap", "grows.", {}});
    EXPECT_EQ(c.codes(), std::vector<std::string>{"investigate-leak"});
    // Twelve leaking metrics: seven kept (sorted by metric), the rest counted.
    for (int i = 0; i < 11; ++i) {
        c.verdict.findings.push_back(
            {Level::warn, "leak", "proc" + std::to_string(10 + i), "memory", "grows.", {}});
    }
    const auto list = c.recommendations();
    ASSERT_EQ(list.size(), k_max_recommendations);
    EXPECT_EQ(list[0].metric, "proc10");
    EXPECT_EQ(list[6].metric, "proc16");
    EXPECT_EQ(list.back().code, "more-recommendations");
    EXPECT_EQ(list.back().message,
              "5 more recommendations left out (5 investigate-leak); act on the ones above first.");
}

}  // namespace
}  // namespace caws::gate
