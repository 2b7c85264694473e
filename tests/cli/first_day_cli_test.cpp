// The rough edges a new user hit on the first day with a real project, through the built
// binary: the suite a check picks, exclusive options, baselines copied under another name.
#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <algorithm>
#include <filesystem>

#include "support/process.hpp"
#include "support/temp_dir.hpp"

namespace caws::test {
namespace {

const std::string k_fixtures =
    std::string(CAWS_GATE_SOURCE_DIR) + "/tests/fixtures/google-benchmark/google-benchmark-tools/";

ProcessResult caws_gate(const std::vector<std::string>& args, const std::string& directory) {
    std::vector<std::string> argv{CAWS_GATE_BINARY};
    argv.insert(argv.end(), args.begin(), args.end());
    return run_process(argv, {{"SOURCE_DATE_EPOCH", "1795392000"}}, directory);
}

// dir/run1.json and dir/run2.json, and a baseline of run1 as suite "snappy".
void record_snappy(const TempDir& dir) {
    dir.write("run1.json", read_text(k_fixtures + "test1_run1.json"));
    dir.write("run2.json", read_text(k_fixtures + "test1_run2.json"));
    const ProcessResult r =
        caws_gate({"baseline", "update", "run1.json", "--suite", "snappy"}, dir.path());
    ASSERT_EQ(r.exit_code, 0) << r.err;
}

TEST(FirstDay, ACheckWithoutSuiteNamesTheSuitesTheBaselinesHave) {
    TempDir dir;
    record_snappy(dir);
    const ProcessResult r = caws_gate({"check", "run2.json", "--json", "r.json"}, dir.path());
    EXPECT_EQ(r.exit_code, 2);
    EXPECT_EQ(r.err,
              "caws-gate: error: baselines/run2.json: no baseline for suite \"run2\"; baselines/ "
              "has: snappy; pass --suite snappy (or create it with: caws-gate baseline update "
              "run2.json --suite run2, or name one with --baseline FILE)\n");
    EXPECT_FALSE(std::filesystem::exists(dir.file("r.json")));
    // Named, the suite is found: run2 is slower than run1, a verdict and not an error.
    EXPECT_EQ(caws_gate({"check", "run2.json", "--suite", "snappy", "-q"}, dir.path()).exit_code,
              1);
}

// The same results file given to `baseline update` twice: one run, one history line.
TEST(FirstDay, ARunIsTakenIntoTheHistoryOnce) {
    TempDir dir;
    record_snappy(dir);
    // Another run measured at the same second (its samples differ) is another run.
    ASSERT_EQ(caws_gate({"baseline", "update", "run2.json", "--suite", "snappy", "--policy",
                         "rolling:3", "--accept-regressions"},
                        dir.path())
                  .exit_code,
              0);
    const std::string baseline = read_text(dir.file("baselines/snappy.json"));
    const std::string history = read_text(dir.file("baselines/history/snappy.jsonl"));
    ASSERT_EQ(std::count(history.begin(), history.end(), '\n'), 2);

    // The newest run again (a retried job): the update was made; nothing to do.
    ProcessResult r = caws_gate({"baseline", "update", "run2.json", "--suite", "snappy", "--policy",
                                 "rolling:3", "--accept-regressions"},
                                dir.path());
    EXPECT_EQ(r.exit_code, 0) << r.err;
    EXPECT_EQ(r.out,
              "caws-gate: baselines/history/snappy.jsonl already ends with this run (measured "
              "2016-08-02T17:44:46Z), taken into baselines/snappy.json before: nothing to do\n");
    EXPECT_EQ(read_text(dir.file("baselines/snappy.json")), baseline);
    EXPECT_EQ(read_text(dir.file("baselines/history/snappy.jsonl")), history);

    // An older run again would count it twice: refused, nothing written.
    r = caws_gate({"baseline", "update", "run1.json", "--suite", "snappy", "--policy", "rolling:3"},
                  dir.path());
    EXPECT_EQ(r.exit_code, 2);
    EXPECT_EQ(r.err,
              "caws-gate: error: run1.json: this run (measured 2016-08-02T17:44:46Z) is already "
              "in the history baselines/history/snappy.jsonl, as its run 1 of 2: taking it again "
              "would count one run twice and make runs look steadier than they are; give a new "
              "run's results (nothing was written)\n");
    EXPECT_EQ(read_text(dir.file("baselines/snappy.json")), baseline);
    EXPECT_EQ(read_text(dir.file("baselines/history/snappy.jsonl")), history);
}

// Results without a date of their own are dated by the update: two updates of one such
// file are two runs, as nothing tells them apart.
TEST(FirstDay, UndatedResultsAreTakenEachTime) {
    TempDir dir;
    dir.write("m.json",
              R"({"schema": "caws-gate/metrics@1", "metrics": [)"
              R"({"name": "x_ms", "unit": "ms", "direction": "lower", "samples": [1, 2, 3]}]})");
    for (int i = 0; i < 2; ++i) {
        const ProcessResult r = caws_gate(
            {"baseline", "update", "m.json", "--suite", "m", "--accept-regressions"}, dir.path());
        ASSERT_EQ(r.exit_code, 0) << r.err;
    }
    const std::string history = read_text(dir.file("baselines/history/m.jsonl"));
    EXPECT_EQ(std::count(history.begin(), history.end(), '\n'), 2);
}

TEST(FirstDay, BaselineAndSuiteAreExclusive) {
    TempDir dir;
    record_snappy(dir);
    for (const std::vector<std::string>& order :
         {std::vector<std::string>{"--baseline", "baselines/snappy.json", "--suite", "other"},
          std::vector<std::string>{"--suite", "other", "--baseline", "baselines/snappy.json"}}) {
        std::vector<std::string> args{"check", "run1.json", "--json", "r.json"};
        args.insert(args.end(), order.begin(), order.end());
        const ProcessResult r = caws_gate(args, dir.path());
        EXPECT_EQ(r.exit_code, 2);
        EXPECT_TRUE(r.err.starts_with("caws-gate: error: --baseline excludes --suite\n")) << r.err;
        EXPECT_FALSE(std::filesystem::exists(dir.file("r.json")));
    }
}

TEST(FirstDay, ABaselineCopiedUnderAnotherNameIsNamedInAWarning) {
    TempDir dir;
    record_snappy(dir);
    dir.write("baselines/other.json", read_text(dir.file("baselines/snappy.json")));
    const std::string warning =
        "baselines/other.json: /suite: the file holds the baseline of suite \"snappy\" but is "
        "named other.json; rename it to snappy.json, or record suite \"other\" with: caws-gate "
        "baseline update RESULTS --suite other";

    const ProcessResult check =
        caws_gate({"check", "run1.json", "--suite", "other", "-q", "--json", "r.json"}, dir.path());
    EXPECT_EQ(check.exit_code, 0) << check.err;
    EXPECT_EQ(check.err, "caws-gate: warning: " + warning + "\n");
    const nlohmann::json report = nlohmann::json::parse(read_text(dir.file("r.json")));
    const nlohmann::json& notes = report["notes"];
    EXPECT_NE(std::find(notes.begin(), notes.end(), "baseline: " + warning), notes.end()) << notes;

    const ProcessResult validate = caws_gate({"validate", "baselines/other.json"}, dir.path());
    EXPECT_EQ(validate.exit_code, 0) << validate.err;
    EXPECT_TRUE(
        validate.out.starts_with("baselines/other.json: valid baseline of suite \"snappy\""))
        << validate.out;
    EXPECT_EQ(validate.err, "caws-gate: warning: " + warning + "\n");

    // The file of the suite it holds gives no warning.
    EXPECT_EQ(caws_gate({"validate", "baselines/snappy.json"}, dir.path()).err, "");
    EXPECT_EQ(caws_gate({"check", "run1.json", "--suite", "snappy", "-q"}, dir.path()).err, "");
}

TEST(FirstDay, BaselineUpdateLeavesNoLockForGitAddToPickUp) {
    TempDir dir;
    record_snappy(dir);
    EXPECT_TRUE(std::filesystem::exists(dir.file("baselines/snappy.json")));
    EXPECT_FALSE(std::filesystem::exists(dir.file("baselines/snappy.lock")));
}

}  // namespace
}  // namespace caws::test
