// A gate rule on p95 tests the p95 (tests/fixtures/caws-metrics/tail): 500 samples per
// side, the median unchanged and the p95 1.6x worse, through the built binary.
#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <string>
#include <vector>

#include "support/process.hpp"
#include "support/temp_dir.hpp"

namespace caws::test {
namespace {

const std::string k_tail = std::string(CAWS_GATE_SOURCE_DIR) + "/tests/fixtures/caws-metrics/tail/";

ProcessResult caws_gate(const std::vector<std::string>& args) {
    std::vector<std::string> argv{CAWS_GATE_BINARY};
    argv.insert(argv.end(), args.begin(), args.end());
    return run_process(argv, {{"SOURCE_DATE_EPOCH", "1795392000"}});
}

// The baseline of the fixture in `dir`, then `check` of the candidate with the p95 gate.
ProcessResult check_tail(TempDir& dir, const std::string& json, const std::string& md,
                         const std::vector<std::string>& extra = {}) {
    const ProcessResult update =
        caws_gate({"baseline", "update", k_tail + "baseline.json", "--suite", "tts", "--dir",
                   dir.file("baselines"), "--no-history"});
    EXPECT_EQ(update.exit_code, 0) << update.err;
    std::vector<std::string> args{"check",   k_tail + "candidate.json",
                                  "--suite", "tts",
                                  "--dir",   dir.file("baselines"),
                                  "--gate",  k_tail + "gate.json",
                                  "--json",  dir.file(json),
                                  "--md",    dir.file(md),
                                  "--quiet", "--no-trends"};
    args.insert(args.end(), extra.begin(), extra.end());
    return caws_gate(args);
}

nlohmann::json comparison(const nlohmann::json& report, const std::string& metric) {
    for (const auto& c : report["comparisons"]) {
        if (c["metric"] == metric) return c;
    }
    ADD_FAILURE() << "no comparison of " << metric;
    return {};
}

TEST(TailStatisticProcess, AP95RuleFindsTheTailRegressionWithItsOwnInterval) {
    TempDir dir;
    const ProcessResult r = check_tail(dir, "r.json", "r.md");
    EXPECT_EQ(r.exit_code, 1) << r.err;
    const auto report = nlohmann::json::parse(read_text(dir.file("r.json")));
    const auto ttfa = comparison(report, "ttfa_ms");
    EXPECT_EQ(ttfa["statistic"], "p95");
    const double ratio = ttfa["ratio"];
    EXPECT_NEAR(ratio, 1.6, 0.01);
    EXPECT_EQ(ttfa["test"], "permutation");
    EXPECT_EQ(ttfa["ci_method"], "bca-bootstrap");
    const double low = ttfa["ci"][0];
    const double high = ttfa["ci"][1];
    EXPECT_LE(low, ratio);
    EXPECT_GE(high, ratio);
    EXPECT_GT(low, 1.2);
    EXPECT_LT(ttfa["p_value"].get<double>(), 0.01);
    EXPECT_EQ(ttfa["class"], "moderate");
    // The other metric keeps the median and its methods.
    const auto asr = comparison(report, "asr_ms");
    EXPECT_EQ(asr["statistic"], "median");
    EXPECT_EQ(asr["test"], "mann-whitney");
    EXPECT_EQ(asr["ci_method"], "hodges-lehmann");
    EXPECT_EQ(asr["class"], "unchanged");
    const std::string md = read_text(dir.file("r.md"));
    EXPECT_NE(md.find("permutation"), std::string::npos);
}

TEST(TailStatisticProcess, TheSameSeedGivesTheSameBytesAndAnotherSeedOtherDraws) {
    TempDir dir;
    check_tail(dir, "a.json", "a.md");
    check_tail(dir, "b.json", "b.md");
    EXPECT_EQ(read_text(dir.file("a.json")), read_text(dir.file("b.json")));
    EXPECT_EQ(read_text(dir.file("a.md")), read_text(dir.file("b.md")));
    check_tail(dir, "c.json", "c.md", {"--seed", "7"});
    const auto a = nlohmann::json::parse(read_text(dir.file("a.json")));
    const auto c = nlohmann::json::parse(read_text(dir.file("c.json")));
    EXPECT_NE(comparison(a, "ttfa_ms")["ci"], comparison(c, "ttfa_ms")["ci"]);
    EXPECT_EQ(comparison(a, "asr_ms")["ci"], comparison(c, "asr_ms")["ci"]);
}

}  // namespace
}  // namespace caws::test
