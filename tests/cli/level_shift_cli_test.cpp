// A real run whose machine changed while it ran (the mild noisy corpus's interleaved run
// 08: BM_SortInts's CPU time steps 1.8x after four repetitions) checked through the built
// binary: a warning with its level-shift finding, not a failure; and a rerun that shows
// the same slowdown throughout makes it a failure again.
#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <string>
#include <vector>

#include "support/process.hpp"
#include "support/temp_dir.hpp"

namespace caws::test {
namespace {

const std::string k_corpus =
    std::string(CAWS_GATE_SOURCE_DIR) + "/tests/fixtures/noisy-corpus-mild/base-interleaved/";

ProcessResult caws_gate(const std::vector<std::string>& args, const std::string& cwd) {
    std::vector<std::string> argv{CAWS_GATE_BINARY};
    argv.insert(argv.end(), args.begin(), args.end());
    return run_process(argv, {{"SOURCE_DATE_EPOCH", "1795392000"}}, cwd);
}

// Suite "s" in DIR/b: a rolling baseline of five quiet runs of the corpus, with history.
void make_suite(const TempDir& dir) {
    for (const char* run : {"00", "01", "02", "03", "04"}) {
        const ProcessResult r = caws_gate({"baseline", "update", k_corpus + run + ".json",
                                           "--suite", "s", "--dir", "b", "--policy", "rolling:5"},
                                          dir.path());
        ASSERT_EQ(r.exit_code, 0) << r.err;
    }
}

const nlohmann::json* comparison(const nlohmann::json& report, const std::string& prefix) {
    for (const auto& c : report["comparisons"]) {
        if (c["metric"].get<std::string>().rfind(prefix, 0) == 0 && c["measure"] == "cpu_time") {
            return &c;
        }
    }
    return nullptr;
}

TEST(LevelShiftCli, ARunWhoseMachineChangedWarnsInsteadOfFailing) {
    TempDir dir;
    make_suite(dir);
    const ProcessResult r = caws_gate({"check", k_corpus + "08.json", "--suite", "s", "--dir", "b",
                                       "--json", "r.json", "--md", "r.md"},
                                      dir.path());
    EXPECT_EQ(r.exit_code, 0) << r.err;
    const auto report = nlohmann::json::parse(read_text(dir.file("r.json")));
    EXPECT_EQ(report["verdict"], "warn");
    const nlohmann::json* sort = comparison(report, "BM_SortInts/");
    ASSERT_NE(sort, nullptr);
    EXPECT_EQ((*sort)["class"], "moderate");
    EXPECT_EQ((*sort)["level"], "warn");
    EXPECT_EQ((*sort)["level_shift"]["side"], "candidate");
    EXPECT_EQ((*sort)["level_shift"]["at"], 4);
    EXPECT_EQ((*sort)["level_shift"]["n"], 10);
    bool finding = false;
    for (const auto& f : report["findings"]) {
        finding = finding || (f["code"] == "level-shift" &&
                              f["metric"].get<std::string>().rfind("BM_SortInts/", 0) == 0);
    }
    EXPECT_TRUE(finding);
    const std::string markdown = read_text(dir.file("r.md"));
    EXPECT_NE(markdown.find("the candidate's repetitions moved from 8.65 µs to 15.7 µs (1.82x) "
                            "after 4 of 10, in the order they ran"),
              std::string::npos)
        << markdown;

    // A rerun where BM_SortInts is at the new level in every repetition (run 08 with its
    // first four raised to it): the slowdown is confirmed, so it fails.
    auto rerun = nlohmann::json::parse(read_text(k_corpus + "08.json"));
    int raised = 0;
    for (auto& b : rerun["benchmarks"]) {
        if (b["run_name"].get<std::string>().rfind("BM_SortInts/", 0) != 0) continue;
        if (b["run_type"] != "iteration" || raised == 4) continue;
        b["cpu_time"] = b["cpu_time"].get<double>() * 1.82;
        b["real_time"] = b["real_time"].get<double>() * 1.82;
        ++raised;
    }
    dir.write("rerun.json", rerun.dump());
    const ProcessResult confirmed =
        caws_gate({"check", k_corpus + "08.json", "--suite", "s", "--dir", "b", "--confirm",
                   "rerun.json", "--json", "c.json"},
                  dir.path());
    EXPECT_EQ(confirmed.exit_code, 1) << confirmed.err;
    const auto after = nlohmann::json::parse(read_text(dir.file("c.json")));
    const nlohmann::json* confirmed_sort = comparison(after, "BM_SortInts/");
    ASSERT_NE(confirmed_sort, nullptr);
    EXPECT_EQ((*confirmed_sort)["confirmation"]["confirmed"], true);
    EXPECT_EQ((*confirmed_sort)["level"], "fail");
}

// The history of a measure that check does not gate (real_time beside the gated
// cpu_time) is reported, not gated: a change point of real_time in five real runs of the
// noisy corpus and the run checked adds no finding and leaves the check passing.
TEST(UngatedTrendsCli, ASecondClocksHistoryIsReportedNotGated) {
    TempDir dir;
    const std::string plain =
        std::string(CAWS_GATE_SOURCE_DIR) + "/tests/fixtures/noisy-corpus/base-plain/";
    for (const char* run : {"10", "13", "16", "17", "19"}) {
        const ProcessResult r =
            caws_gate({"baseline", "update", plain + run + ".json", "--suite", "s", "--dir", "b",
                       "--policy", "rolling:5", "--accept-regressions"},
                      dir.path());
        ASSERT_EQ(r.exit_code, 0) << r.err;
    }
    const ProcessResult r = caws_gate(
        {"check", plain + "05.json", "--suite", "s", "--dir", "b", "--json", "r.json"}, dir.path());
    EXPECT_EQ(r.exit_code, 0) << r.err;
    const auto report = nlohmann::json::parse(read_text(dir.file("r.json")));
    for (const auto& f : report["findings"]) {
        EXPECT_NE(f.value("measure", ""), "real_time") << f.dump();
    }
    bool found = false;
    for (const auto& t : report["trends"]["trends"]) {
        if (t["measure"] != "real_time" || t["change_points"].empty()) continue;
        found = true;
        EXPECT_EQ(t["level"], "pass");
        EXPECT_NE(t["notes"].dump().find("not gated in this check"), std::string::npos);
    }
    EXPECT_TRUE(found) << "no real_time trend with a change point to test";
}

}  // namespace
}  // namespace caws::test
