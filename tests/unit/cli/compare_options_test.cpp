// The statistics options of `check` and `compare`, through the whole program in-process.

#include "cli/compare_options.hpp"

#include <gtest/gtest.h>

#include <nlohmann/json.hpp>
#include <sstream>
#include <string>
#include <vector>

#include "cli/cli.hpp"
#include "support/fake_environment.hpp"
#include "support/gbench_json.hpp"
#include "support/temp_dir.hpp"

namespace caws::cli {
namespace {

struct Outcome {
    int code = 0;
    std::string out;
    std::string err;
};

Outcome run_cli(const std::vector<std::string>& args) {
    std::ostringstream out;
    std::ostringstream err;
    const test::FakeEnvironment environment;
    Outcome outcome;
    outcome.code = run(args, out, err, environment);
    outcome.out = out.str();
    outcome.err = err.str();
    return outcome;
}

// Two runs of three benchmarks, 6 repetitions each; BM_Slow is 1.6x slower in the new one,
// and one repetition of BM_Noisy is an outlier.
struct Files {
    test::TempDir dir;
    std::string old_path;
    std::string new_path;
    Files() {
        old_path = dir.write("old.json", test::google_benchmark_json({
                                             {"BM_Fast", {100, 101, 99, 100.5, 99.5, 100.2}},
                                             {"BM_Slow", {200, 202, 198, 201, 199, 200.5}},
                                             {"BM_Noisy", {50, 51, 49, 50.5, 49.5, 50.2}},
                                         }));
        new_path = dir.write("new.json", test::google_benchmark_json({
                                             {"BM_Fast", {100.1, 100.9, 99.2, 100.4, 99.7, 100.0}},
                                             {"BM_Slow", {320, 323, 317, 321.5, 318, 320.2}},
                                             {"BM_Noisy", {50.1, 51.2, 48.9, 90.0, 49.6, 50.0}},
                                         }));
    }
};

nlohmann::json read_json(const std::string& path) {
    return nlohmann::json::parse(test::read_text(path));
}

TEST(StatisticsOptions, DefaultsAreWrittenToTheReport) {
    const Files files;
    const std::string json = files.dir.file("report.json");
    const Outcome outcome =
        run_cli({"compare", files.old_path, files.new_path, "--json", json, "-q"});
    ASSERT_EQ(outcome.code, k_exit_pass) << outcome.err;
    const auto report = read_json(json);
    EXPECT_EQ(report["settings"]["test"], "auto");
    EXPECT_EQ(report["settings"]["correction"], "bh");
    EXPECT_EQ(report["settings"]["ci"]["method"], "hl");
    EXPECT_EQ(report["settings"]["ci"]["confidence"], 0.95);
    EXPECT_EQ(report["settings"]["seed"], 0);
    EXPECT_EQ(report["settings"]["drop_outliers"], false);
    EXPECT_TRUE(report["summary"]["geomean"].is_object());
    for (const auto& c : report["comparisons"]) EXPECT_TRUE(c.contains("p_adjusted"));
}

TEST(StatisticsOptions, EveryOptionReachesTheComparison) {
    const Files files;
    const std::string json = files.dir.file("report.json");
    const Outcome outcome =
        run_cli({"compare", files.old_path, files.new_path, "--test", "mann-whitney-exact",
                 "--correction", "holm", "--ci", "bootstrap", "--confidence", "0.9", "--seed", "7",
                 "--drop-outliers", "--json", json, "-q"});
    ASSERT_EQ(outcome.code, k_exit_pass) << outcome.err;
    const auto report = read_json(json);
    EXPECT_EQ(report["settings"]["test"], "mann-whitney-exact");
    EXPECT_EQ(report["settings"]["correction"], "holm");
    EXPECT_EQ(report["settings"]["ci"]["method"], "bootstrap");
    EXPECT_EQ(report["settings"]["ci"]["confidence"], 0.9);
    EXPECT_EQ(report["settings"]["seed"], 7);
    EXPECT_EQ(report["settings"]["drop_outliers"], true);
    bool dropped = false;
    for (const auto& c : report["comparisons"]) {
        EXPECT_EQ(c["test"], "mann-whitney-exact");
        EXPECT_EQ(c["ci_method"], "bootstrap");
        if (c["metric"] == "BM_Noisy" && c["n"][1] == 5) dropped = true;
    }
    EXPECT_TRUE(dropped);
}

TEST(StatisticsOptions, CheckAcceptsThemToo) {
    const Files files;
    const std::string baselines = files.dir.file("baselines");
    ASSERT_EQ(
        run_cli({"baseline", "update", files.old_path, "--suite", "suite", "--dir", baselines})
            .code,
        k_exit_pass);
    const std::string json = files.dir.file("check.json");
    const Outcome outcome =
        run_cli({"check", files.new_path, "--suite", "suite", "--dir", baselines, "--test", "welch",
                 "--correction", "none", "--json", json, "-q"});
    EXPECT_EQ(outcome.code, k_exit_fail) << outcome.err;  // BM_Slow: a moderate regression
    const auto report = read_json(json);
    EXPECT_EQ(report["settings"]["test"], "welch");
    for (const auto& c : report["comparisons"]) {
        EXPECT_EQ(c["test"], "welch");
        if (c["metric"] == "BM_Slow" && c["measure"] == "cpu_time") {
            EXPECT_EQ(c["class"], "moderate");
        }
    }
}

TEST(StatisticsOptions, BadValuesExitTwoWithTheAllowedValues) {
    const Files files;
    struct Case {
        std::vector<std::string> args;
        std::string message;
    };
    const std::vector<Case> cases = {
        {{"--test", "ttest"},
         "--test: expected one of auto, mann-whitney, mann-whitney-exact, welch, moderated-t, got "
         "\"ttest\""},
        {{"--correction", "bonferroni"},
         "--correction: expected one of none, holm, bh, got \"bonferroni\""},
        {{"--ci", "t"}, "--ci: expected one of hl, bootstrap, got \"t\""},
        {{"--confidence", "1.5"},
         "--confidence: expected a number between 0 and 1 (exclusive), got \"1.5\""},
        {{"--confidence", "high"}, "expected a number between 0 and 1 (exclusive), got \"high\""},
        {{"--seed", "-3"}, "--seed: expected a non-negative integer, got \"-3\""},
        {{"--seed", "1e3"}, "--seed: expected a non-negative integer, got \"1e3\""},
    };
    for (const char* command : {"compare", "check"}) {
        for (const Case& c : cases) {
            std::vector<std::string> args{command, files.old_path};
            if (std::string(command) == "compare") args.push_back(files.new_path);
            args.insert(args.end(), c.args.begin(), c.args.end());
            const std::string json = files.dir.file("never.json");
            args.insert(args.end(), {"--json", json});
            const Outcome outcome = run_cli(args);
            EXPECT_EQ(outcome.code, k_exit_usage) << command << " " << c.args[0];
            EXPECT_EQ(outcome.err.rfind("caws-gate: error: ", 0), 0U) << outcome.err;
            EXPECT_NE(outcome.err.find(c.message), std::string::npos) << outcome.err;
            EXPECT_TRUE(test::read_text(json).empty()) << "a report was written";
        }
    }
}

}  // namespace
}  // namespace caws::cli
