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
