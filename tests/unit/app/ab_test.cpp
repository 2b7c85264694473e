// The ab use case called directly: fake benchmark scripts and the real ab_sample programs
// run in rounds, kept runs analysed again, and the requests it refuses.
#include "app/ab.hpp"

#include <gtest/gtest.h>

#include <filesystem>
#include <string>

#include "support/fake_environment.hpp"
#include "support/gbench_json.hpp"
#include "support/temp_dir.hpp"
#include "unit/app/fake_benchmark.hpp"
#include "util/error.hpp"

namespace caws::app {
namespace {

// A progress sink that keeps the text.
class QuietSink final : public exec::ProgressSink {
  public:
    bool is_terminal() const override { return false; }
    void write(std::string_view text) override { text_ += text; }
    const std::string& text() const { return text_; }

  private:
    std::string text_;
};

class RunAbTest : public ::testing::Test {
  protected:
    AbRequest request(int head_fails_at = 0) const {
        AbRequest r;
        r.run.base_command = bench_.command("base");
        r.run.head_command = bench_.command("head", head_fails_at);
        r.run.temp_root = temp_.path();
        r.gate.path = temp_.write("gate.json", R"({"schema": "caws-gate/gate@1"})");
        return r;
    }

    // A request under a gate file that gates both clocks: six metrics, which need 8 rounds.
    AbRequest both_clocks() const {
        AbRequest r = request();
        r.gate.path = temp_.write("clocks.json", R"({"schema": "caws-gate/gate@1",
            "defaults": {"measures": ["real_time", "cpu_time"]}})");
        return r;
    }

    AbResult run(const AbRequest& r) { return run_ab(r, environment_, sink_); }

    // The message of the util::Error that `r` throws.
    std::string error_of(const AbRequest& r) {
        try {
            run(r);
        } catch (const util::Error& error) {
            return error.what();
        }
        return "no error";
    }

    test::FakeBenchmark bench_;
    test::TempDir temp_;
    test::FakeEnvironment environment_;
    QuietSink sink_;
};

const model::Comparison* find(const std::vector<model::Comparison>& comparisons,
                              const std::string& metric, const std::string& measure = "cpu_time") {
    for (const model::Comparison& c : comparisons) {
        if (c.metric == metric && c.measure == measure) return &c;
    }
    return nullptr;
}

TEST_F(RunAbTest, GatesOnThePairsOfTheRounds) {
    const AbResult result = run(request());
    EXPECT_EQ(result.exit_code, k_exit_fail);
    ASSERT_NE(find(result.report.comparisons, "BM_Crc"), nullptr);
    EXPECT_EQ(find(result.report.comparisons, "BM_Crc")->change, model::ChangeClass::severe);
    EXPECT_EQ(find(result.report.comparisons, "BM_Hash")->change, model::ChangeClass::minor);
    EXPECT_EQ(find(result.report.comparisons, "BM_Same")->change, model::ChangeClass::unchanged);
    EXPECT_EQ(find(result.report.comparisons, "BM_Crc")->test, "wilcoxon");
    EXPECT_EQ(find(result.report.comparisons, "BM_Crc")->n_candidate, 10u);
    EXPECT_EQ(bench_.runs("base"), 10);
    EXPECT_EQ(bench_.runs("head"), 10);

    const AbDesign& design = result.design;
    EXPECT_TRUE(design.paired);
    EXPECT_EQ(design.rounds_requested, 10u);
    EXPECT_EQ(design.rounds_run, 10u);
    EXPECT_EQ(design.seed, k_default_ab_seed);
    EXPECT_EQ(design.orders, "HB HB HB BH HB BH BH BH HB HB");  // seed 1, see exec/rounds.hpp
    EXPECT_FALSE(design.stopped_by_max_time);
    EXPECT_FALSE(design.reanalysed);
    EXPECT_EQ(design.directory, "");
    EXPECT_EQ(design.head_command, bench_.command("head"));
    // Three benchmarks: CPU time gated, real time reported beside it.
    EXPECT_EQ(design.needed.gated_metrics, 3u);
    EXPECT_EQ(design.needed.rounds, 7u);
    const model::Comparison* wall = find(result.report.comparisons, "BM_Crc", "real_time");
    ASSERT_NE(wall, nullptr);
    EXPECT_FALSE(wall->gated);
    EXPECT_EQ(wall->notes.back(), "a second clock beside cpu_time: reported, not gated");

    for (const auto& entry : std::filesystem::directory_iterator(temp_.path())) {
        EXPECT_EQ(entry.path().filename().string().rfind("caws-gate-ab-", 0), std::string::npos)
            << "the temporary directory of the rounds is gone";
    }
}

TEST_F(RunAbTest, TheSeedChangesTheOrderOfTheSides) {
    AbRequest r = request();
    r.run.seed = 42;
    const AbResult result = run(r);
    EXPECT_EQ(result.design.seed, 42u);
    EXPECT_NE(result.design.orders, "HB HB HB BH HB BH BH BH HB HB");
}

TEST_F(RunAbTest, AGateFileChoosesTheMeasuresAndSoTheRoundsNeeded) {
    AbRequest r = request();
    r.gate.path = temp_.write("clocks.json", R"({"schema": "caws-gate/gate@1",
        "defaults": {"measures": ["real_time", "cpu_time"]},
        "rules": [{"match": "BM_Hash", "thresholds": {"minor": 1.1, "moderate": 1.25}}]})");
    r.run.rounds = 8;  // six gated metrics: 8 rounds reach 0.05 / 6
    const AbResult result = run(r);
    EXPECT_EQ(result.design.needed.gated_metrics, 6u);
    EXPECT_EQ(result.design.needed.rounds, 8u);
    EXPECT_EQ(find(result.report.comparisons, "BM_Hash")->change, model::ChangeClass::moderate);
    EXPECT_TRUE(find(result.report.comparisons, "BM_Hash", "real_time")->gated);
}

TEST_F(RunAbTest, TooFewRoundsForTheGatedMetricsStopAfterTheFirstRound) {
    AbRequest r = both_clocks();
    r.run.rounds = 7;
    EXPECT_EQ(error_of(r),
              "--rounds: 7 rounds are too few: 6 gated metrics need at least 8 rounds (the most "
              "significant must reach p < 0.05 / 6 = 0.00833 under the Benjamini-Hochberg "
              "correction, and with n rounds the Wilcoxon signed-rank test's smallest p-value "
              "is 2 / 2^n); run --rounds 8 or more, or gate fewer metrics");
    EXPECT_EQ(bench_.runs("base"), 1);
    EXPECT_EQ(bench_.runs("head"), 1);

    r.statistics.correction = "none";
    r.gate.override_correction = true;
    EXPECT_EQ(run(r).design.needed.rounds, 6u);
}

TEST_F(RunAbTest, FewerRoundsThanTheExactTestCanUseAreRefusedBeforeAnythingRuns) {
    AbRequest r = request();
    r.run.rounds = 5;
    EXPECT_EQ(error_of(r),
              "--rounds: expected at least 6 rounds: with 5 the Wilcoxon signed-rank test's "
              "smallest p-value is 0.0625, above alpha 0.05");
    EXPECT_EQ(bench_.runs("base"), 0);
}

TEST_F(RunAbTest, ATimeLimitThatLeavesTooFewRoundsIsAnError) {
    AbRequest r = both_clocks();
    r.run.max_seconds = 1e-9;  // the first round always runs whole; then the limit has passed
    EXPECT_EQ(error_of(r),
              "--max-time: the time limit stopped the run after 1 of 10 rounds, and 6 gated "
              "metrics need at least 8 rounds (the most significant must reach p < 0.05 / 6 = "
              "0.00833 under the Benjamini-Hochberg correction, and with n rounds the Wilcoxon "
              "signed-rank test's smallest p-value is 2 / 2^n); nothing was compared: allow "
              "more time or gate fewer metrics");
}

TEST_F(RunAbTest, AFailingCommandStopsTheRunNamingTheRoundSideAndItsStandardError) {
    const AbRequest r = request(3);
    EXPECT_EQ(error_of(r), "round 3, head: \"" + r.run.head_command +
                               "\" exited with status 1\n"
                               "  last 2 lines of its standard error:\n"
                               "  | reading input.dat\n"
                               "  | error: input.dat: No such file or directory");
}

TEST_F(RunAbTest, UnreadableStandardOutputSuggestsAnOutputFile) {
    AbRequest r = request();
    r.run.base_command = "echo Benchmark 1: ./old";
    const std::string message = error_of(r);
    EXPECT_EQ(message.rfind("round 1, base: \"echo Benchmark 1: ./old\" wrote results that cannot "
                            "be read (base-00.txt): ",
                            0),
              0u)
        << message;
    EXPECT_NE(message.find("(force one with --format); this command's standard output was read "
                           "as its results: for a tool that writes them to a file, put {out} where "
                           "the file's path goes (hyperfine --export-json {out})"),
              std::string::npos)
        << message;
}

TEST_F(RunAbTest, SidesWithoutACommonBenchmarkAreRefusedAfterTheFirstRound) {
    AbRequest r = request();
    r.run.head_command =
        "sh -c 'sed s/BM_/bm_/g \"$0\" > \"$1\"' " +
        temp_.write("other.json",
                    test::google_benchmark_json({{"BM_Other", {1e3}}, {"BM_More", {1e3}}})) +
        " {out}";
    EXPECT_EQ(error_of(r),
              "round 1: the base and the head measured no benchmark of the same name (base: "
              "\"BM_Crc\", \"BM_Hash\", \"BM_Same\"; head: \"bm_Other\", \"bm_More\"), so there is "
              "nothing to compare");
    EXPECT_EQ(bench_.runs("base"), 1);
}

TEST_F(RunAbTest, AKeptRunAnalysedAgainGivesTheSameVerdictAndReport) {
    AbRequest r = request();
    r.run.keep_directory = temp_.file("kept");
    r.run.seed = 9;
    const AbResult first = run(r);
    EXPECT_EQ(first.design.directory, temp_.file("kept"));

    AbRequest again;
    again.from_directory = temp_.file("kept");
    again.gate = r.gate;
    const AbResult second = run(again);
    EXPECT_EQ(bench_.runs("base"), 10);  // nothing ran again
    EXPECT_TRUE(second.design.reanalysed);
    EXPECT_EQ(second.design.seed, 9u);
    EXPECT_EQ(second.design.orders, first.design.orders);
    EXPECT_EQ(second.exit_code, first.exit_code);
    // The reports are compared byte for byte in tests/cli/ab_cli_test.cpp.
    ASSERT_EQ(second.report.comparisons.size(), first.report.comparisons.size());
    for (std::size_t i = 0; i < first.report.comparisons.size(); ++i) {
        const model::Comparison& a = first.report.comparisons[i];
        const model::Comparison& b = second.report.comparisons[i];
        EXPECT_EQ(b.metric + b.measure, a.metric + a.measure);
        EXPECT_EQ(b.ratio, a.ratio);
        EXPECT_EQ(b.p_adjusted, a.p_adjusted);
        EXPECT_EQ(b.change, a.change);
    }
}

TEST_F(RunAbTest, AKeptRunThatFailedOrHasTooFewRoundsIsNotCompared) {
    AbRequest r = request(3);
    r.run.keep_directory = temp_.file("failed");
    error_of(r);
    AbRequest again;
    again.from_directory = temp_.file("failed");
    EXPECT_EQ(error_of(again),
              temp_.file("failed") +
                  "/manifest.json: /outcome: the kept run stopped on an error, and its rounds "
                  "are not compared: round 3, head: \"" +
                  r.run.head_command + "\" exited with status 1");

    // Six rounds kept under a gate of one metric, which needed 6; read again under a gate
    // of all six metrics, which need 8.
    r = request();
    r.run.keep_directory = temp_.file("six");
    r.run.rounds = 6;
    r.gate.path = temp_.write("one.json", R"({"schema": "caws-gate/gate@1",
        "defaults": {"measures": ["cpu_time"]},
        "rules": [{"match": "BM_Crc", "ignore": true}, {"match": "BM_Hash", "ignore": true}]})");
    EXPECT_EQ(run(r).design.needed.gated_metrics, 1u);
    again.from_directory = temp_.file("six");
    again.gate.path = both_clocks().gate.path;
    EXPECT_EQ(error_of(again).rfind(temp_.file("six") +
                                        "/manifest.json: /rounds: 6 rounds are too few: 6 gated "
                                        "metrics need at least 8 rounds",
                                    0),
              0u);
}

TEST_F(RunAbTest, OnlyThePairedTestIsAccepted) {
    AbRequest r = request();
    r.test = "mann-whitney";
    EXPECT_EQ(error_of(r),
              "--test: ab compares its rounds as pairs with the Wilcoxon signed-rank test; "
              "\"mann-whitney\" is a test of two independent samples (use auto or wilcoxon)");
    r.test = "paired";
    EXPECT_EQ(error_of(r), "--test: expected auto or wilcoxon, got \"paired\"");
    EXPECT_EQ(bench_.runs("base"), 0);
    r.test = "wilcoxon";
    r.run.rounds = 8;
    EXPECT_EQ(run(r).exit_code, k_exit_fail);
}

TEST_F(RunAbTest, RunsTheRealGoogleBenchmarkPrograms) {
    AbRequest r = request();
    r.run.base_command = AB_SAMPLE_BASE_BINARY;
    r.run.head_command = AB_SAMPLE_HEAD_BINARY;
    // Two benchmarks with real time, CPU time and bytes per second: CPU time is gated, the
    // others are reported beside it.
    r.run.extra_args = {"--benchmark_filter=BM_Crc32|BM_Fnv1aHash"};
    r.run.rounds = 8;
    const AbResult result = run(r);
    EXPECT_EQ(result.design.needed.gated_metrics, 2u);
    EXPECT_EQ(result.exit_code, k_exit_fail);
    const model::Comparison* crc = find(result.report.comparisons, "BM_Crc32/min_time:0.020");
    ASSERT_NE(crc, nullptr);
    EXPECT_TRUE(model::is_regression(crc->change));
    EXPECT_GT(*crc->ratio, 1.6);
    EXPECT_LT(*crc->ratio, 2.5);
    EXPECT_EQ(crc->n_baseline, 8u);
}

TEST(ParseDuration, UnitsAndPlainSeconds) {
    EXPECT_EQ(parse_duration("90s"), 90.0);
    EXPECT_EQ(parse_duration("10m"), 600.0);
    EXPECT_EQ(parse_duration("1h"), 3600.0);
    EXPECT_EQ(parse_duration("1m30s"), 90.0);
    EXPECT_EQ(parse_duration("1h5m"), 3900.0);
    EXPECT_EQ(parse_duration("90"), 90.0);
    EXPECT_EQ(parse_duration("2.5"), 2.5);
    EXPECT_EQ(parse_duration("1.5m"), 90.0);
    for (const char* bad :
         {"", "0", "0s", "-3", "10 min", "5ms", "1m30", "30s1m", "1h1h", "s", ".", "1e3", "m5"}) {
        EXPECT_EQ(parse_duration(bad), std::nullopt) << bad;
    }
    EXPECT_EQ(parse_duration(std::string(400, '9')), std::nullopt);  // beyond any double
}

}  // namespace
}  // namespace caws::app
