// Real Google Benchmark output through the built binary: one time measure gated per
// benchmark, the summary counted by benchmark, the order of the repetitions read from the
// file, and interference (wall time without CPU time) reported, not failed on.
#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <algorithm>
#include <stdexcept>
#include <string>
#include <vector>

#include "support/process.hpp"
#include "support/temp_dir.hpp"

namespace caws::test {
namespace {

const std::string k_fixtures = std::string(CAWS_GATE_SOURCE_DIR) + "/tests/fixtures/";
// gbench_sample, 5 benchmarks x 3 repetitions, without and with random interleaving.
const std::string k_back_to_back = k_fixtures + "google-benchmark/sample/back-to-back.json";
const std::string k_interleaved = k_fixtures + "google-benchmark/sample/interleaved.json";
// ab_sample, 12 benchmarks x 10 repetitions back to back: 00 quiet, 05 beside the noise
// process (tests/fixtures/noisy-corpus/README.md).
const std::string k_quiet = k_fixtures + "noisy-corpus/base-plain/00.json";
const std::string k_noisy = k_fixtures + "noisy-corpus/base-plain/05.json";

ProcessResult caws_gate(const std::vector<std::string>& args) {
    std::vector<std::string> argv{CAWS_GATE_BINARY};
    argv.insert(argv.end(), args.begin(), args.end());
    return run_process(argv, {{"SOURCE_DATE_EPOCH", "1795392000"}});
}

nlohmann::json read_json(const std::string& path) {
    return nlohmann::json::parse(read_text(path));
}

const nlohmann::json& component(const nlohmann::json& report, const std::string& name) {
    for (const auto& c : report["scores"]["components"]["trust"]) {
        if (c["name"] == name) return c;
    }
    throw std::runtime_error("no trust component " + name);
}

std::vector<std::string> codes(const nlohmann::json& list) {
    std::vector<std::string> out;
    for (const auto& entry : list) out.push_back(entry["code"]);
    return out;
}

bool contains(const std::vector<std::string>& list, const std::string& value) {
    return std::find(list.begin(), list.end(), value) != list.end();
}

TEST(MeasuresCli, OneTimeMeasurePerBenchmarkIsGatedAndTheSummaryCountsBenchmarks) {
    TempDir dir;
    const ProcessResult r =
        caws_gate({"compare", k_back_to_back, k_interleaved, "--json", dir.file("r.json")});
    ASSERT_EQ(r.exit_code, 0) << r.err;
    const auto report = read_json(dir.file("r.json"));
    std::size_t gated = 0;
    for (const auto& c : report["comparisons"]) {
        const std::string measure = c["measure"];
        SCOPED_TRACE(c["metric"].get<std::string>() + " " + measure);
        EXPECT_EQ(c["gated"], measure == "cpu_time");
        if (measure == "cpu_time") ++gated;
        if (measure == "real_time") {
            EXPECT_EQ(c["notes"].back(), "a second clock beside cpu_time: reported, not gated");
        }
        if (measure == "items_per_second" || measure == "bytes_per_second") {
            EXPECT_EQ(c["notes"].back(), "a rate derived from cpu_time: reported, not gated");
        }
    }
    EXPECT_EQ(gated, 5u);
    const auto& summary = report["summary"];
    EXPECT_EQ(summary["comparisons"], 14);
    EXPECT_EQ(summary["benchmarks"], 5);
    std::size_t counted = 0;
    for (const auto& [name, count] : summary["benchmark_counts"].items()) {
        counted += count.get<std::size_t>();
    }
    EXPECT_EQ(counted, 5u);  // each benchmark once
    EXPECT_EQ(summary["geomean"]["benchmarks"], 5);
    EXPECT_NE(r.out.find(" of 5 benchmarks (14 metrics, 5 gated).**"), std::string::npos) << r.out;
}

TEST(MeasuresCli, TheOrderOfTheRepetitionsIsReadFromTheFileAndCountsInTrust) {
    TempDir dir;
    ASSERT_EQ(
        caws_gate({"compare", k_back_to_back, k_interleaved, "--json", dir.file("mixed.json")})
            .exit_code,
        0);
    const auto mixed = read_json(dir.file("mixed.json"));
    EXPECT_EQ(mixed["baseline"]["context"]["repetitions"], "back-to-back");
    EXPECT_EQ(mixed["candidate"]["context"]["repetitions"], "interleaved");
    EXPECT_EQ(component(mixed, "interleaving")["score"], 50);
    EXPECT_EQ(component(mixed, "interleaving")["detail"],
              "each benchmark's repetitions ran back to back in the baseline: a machine that "
              "slows down for a while shifts one benchmark's whole sample");
    EXPECT_TRUE(contains(codes(mixed["recommendations"]), "interleave-repetitions"));

    // Interleaved on both sides: nothing to hold against them.
    ASSERT_EQ(caws_gate({"compare", k_interleaved, k_interleaved, "--json", dir.file("i.json")})
                  .exit_code,
              0);
    const auto interleaved = read_json(dir.file("i.json"));
    EXPECT_EQ(component(interleaved, "interleaving")["score"], 100);
    EXPECT_FALSE(contains(codes(interleaved["recommendations"]), "interleave-repetitions"));

    // check against a baseline file: the baseline does not keep the order, the candidate's
    // counts.
    ASSERT_EQ(caws_gate({"baseline", "update", k_interleaved, "--suite", "sample", "--dir",
                         dir.file("baselines"), "--no-history"})
                  .exit_code,
              0);
    const ProcessResult check = caws_gate({"check", k_back_to_back, "--baseline",
                                           dir.file("baselines/sample.json"), "--json",
                                           dir.file("c.json"), "--quiet"});
    ASSERT_NE(check.exit_code, 2) << check.err;
    const auto checked = read_json(dir.file("c.json"));
    EXPECT_FALSE(checked["baseline"]["context"].contains("repetitions"));
    EXPECT_EQ(checked["candidate"]["context"]["repetitions"], "back-to-back");
    EXPECT_EQ(component(checked, "interleaving")["score"], 50);
}

TEST(MeasuresCli, WallTimeWithoutCpuTimeIsInterferenceNotARegression) {
    TempDir dir;
    ASSERT_EQ(caws_gate({"baseline", "update", k_quiet, "--suite", "quiet", "--dir",
                         dir.file("baselines"), "--no-history"})
                  .exit_code,
              0);
    const std::string baseline = dir.file("baselines/quiet.json");
    // The same program beside a busy process: CPU time as before, wall time up to 1.9x.
    const ProcessResult r =
        caws_gate({"check", k_noisy, "--baseline", baseline, "--json", dir.file("r.json")});
    EXPECT_EQ(r.exit_code, 0) << r.out;
    const auto report = read_json(dir.file("r.json"));
    std::vector<std::string> suspected;
    for (const auto& f : report["findings"]) {
        if (f["code"] != "interference") continue;
        suspected.push_back(f["metric"]);
        EXPECT_EQ(f["level"], "info");
        EXPECT_EQ(f["measure"], "real_time");
        EXPECT_NE(f["message"].get<std::string>().find(
                      ": wall time grew without CPU time: interference suspected (real_time "),
                  std::string::npos)
            << f["message"];
    }
    EXPECT_EQ(suspected,
              (std::vector<std::string>{"BM_Fnv1aHash/min_time:0.020",
                                        "BM_StringBuild/min_time:0.020",
                                        "BM_StringFind/min_time:0.020",
                                        "BM_MemCopy/min_time:0.020"}));
    for (const auto& c : report["comparisons"]) {
        if (c["metric"] != "BM_StringBuild/min_time:0.020") continue;
        if (c["measure"] == "real_time") {
            EXPECT_EQ(c["gated"], false);
            EXPECT_EQ(c["notes"].back(),
                      "wall time grew without CPU time: interference suspected (real_time "
                      "1.92x, cpu_time 0.98x)");
        }
    }
    EXPECT_EQ(component(report, "interference")["score"], 67);  // 100 * (1 - 4 / 12)
    EXPECT_EQ(component(report, "interference")["detail"],
              "4 of 12 benchmarks timed by CPU time grew in wall time without CPU time (first: "
              "BM_Fnv1aHash/min_time:0.020, real_time 1.84x, cpu_time 0.96x)");
    EXPECT_NE(r.out.find("ℹ️ **interference**: BM_Fnv1aHash/min_time:0.020: wall time grew"),
              std::string::npos)
        << r.out;

    // A gate file that gates wall time counts the wait: it fails, and says why.
    const std::string wall = dir.write(
        "wall.json", R"({"schema": "caws-gate/gate@1", "defaults": {"measures": ["real_time"]}})");
    const ProcessResult gated = caws_gate({"check", k_noisy, "--baseline", baseline, "--gate",
                                           wall, "--json", dir.file("w.json"), "--quiet"});
    EXPECT_EQ(gated.exit_code, 1) << gated.err;
    std::size_t warnings = 0;
    const auto wall_report = read_json(dir.file("w.json"));
    for (const auto& f : wall_report["findings"]) {
        if (f["code"] != "interference") continue;
        ++warnings;
        EXPECT_EQ(f["level"], "warn");
        EXPECT_NE(f["message"].get<std::string>().find("The gate file gates real_time"),
                  std::string::npos);
    }
    EXPECT_EQ(warnings, 4u);
}

}  // namespace
}  // namespace caws::test
