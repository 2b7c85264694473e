// The trend and leak commands in-process through cli::run.
#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <cmath>
#include <sstream>

#include "cli/cli.hpp"
#include "stats/random.hpp"
#include "store/history_file.hpp"
#include "support/fake_environment.hpp"
#include "support/temp_dir.hpp"

namespace caws::cli {
namespace {

struct Outcome {
    int exit_code;
    std::string out;
    std::string err;
};

Outcome run_with(const std::vector<std::string>& args) {
    test::FakeEnvironment env;
    std::ostringstream out;
    std::ostringstream err;
    const int code = run(args, out, err, env);
    return {code, out.str(), err.str()};
}

// 30 runs of two metrics; BM_Step doubles at run 28 of 30.
std::string history_text() {
    stats::Random random(4);
    std::string text;
    for (int r = 0; r < 30; ++r) {
        store::HistoryEntry e;
        e.date = std::string(r + 1 < 10 ? "2026-11-0" : "2026-11-") + std::to_string(r + 1) +
                 "T03:00:00Z";
        e.commit = std::string("c") + std::to_string(r);
        for (const char* name : {"BM_Flat", "BM_Step"}) {
            store::HistoryMetric m;
            m.name = name;
            m.measure = "cpu_time";
            m.unit = std::string(1, 's');
            m.direction = model::Direction::lower;
            m.n = 10;
            const double level = std::string(name) == "BM_Step" && r >= 27 ? 2.0 : 1.0;
            m.median = 1e-6 * level * (1 + 0.02 * random.normal());
            e.metrics.push_back(m);
        }
        text += store::history_line(e);
    }
    return text;
}

TEST(TrendCommand, ARecentStepFailsAndTheReportsAreWritten) {
    test::TempDir dir;
    const std::string history = dir.write("perf.jsonl", history_text());
    const Outcome r = run_with({"trend", history, "--json", dir.file("t.json"), "--latex",
                                dir.file("t.tex"), "--md", dir.file("t.md")});
    EXPECT_EQ(r.exit_code, 1) << r.err;
    EXPECT_NE(r.out.find("```mermaid"), std::string::npos) << r.out;
    const auto json = nlohmann::json::parse(test::read_text(dir.file("t.json")));
    EXPECT_EQ(json["schema"], "caws-gate/trend@1");
    EXPECT_EQ(json["verdict"], "fail");
    EXPECT_EQ(json["trends"][1]["metric"], "BM_Step");
    EXPECT_EQ(json["trends"][1]["change_points"][0]["index"], 27);
    EXPECT_EQ(json["trends"][1]["change_points"][0]["class"], "severe");
    EXPECT_EQ(test::read_text(dir.file("t.md")), r.out);
    EXPECT_NE(test::read_text(dir.file("t.tex")).find("BM\\_Step & cpu\\_time & 28 & c27"),
              std::string::npos);
}

TEST(TrendCommand, FailOnNoneAndMetricFilter) {
    test::TempDir dir;
    const std::string history = dir.write("perf.jsonl", history_text());
    EXPECT_EQ(run_with({"trend", history, "--fail-on", "none", "--quiet"}).exit_code, 0);
    const Outcome flat = run_with({"trend", history, "--metric", "BM_F*", "--quiet"});
    EXPECT_EQ(flat.exit_code, 0) << flat.err;
    EXPECT_EQ(flat.out, "");
    EXPECT_EQ(run_with({"trend", history, "--method", "otava", "--quiet"}).exit_code, 1);
}

TEST(TrendCommand, TheGateFilesTrendSectionSetsTheLevelsAndTheCommandLineWins) {
    test::TempDir dir;
    const std::string history = dir.write("perf.jsonl", history_text());
    const std::string warn = dir.write("warn.json", R"({"schema": "caws-gate/gate@1",
  "trend": {"change_point": "warn"}})");
    const Outcome warned =
        run_with({"trend", history, "--gate", warn, "--json", dir.file("w.json")});
    EXPECT_EQ(warned.exit_code, 0) << warned.err;
    const auto json = nlohmann::json::parse(test::read_text(dir.file("w.json")));
    EXPECT_EQ(json["verdict"], "warn");
    // The step at run 28 of 30 is not among the newest 2 runs, but is among the newest 5.
    const std::string within = dir.write("within.json", R"({"schema": "caws-gate/gate@1",
  "trend": {"change_point_within": 2}})");
    EXPECT_EQ(run_with({"trend", history, "--gate", within, "--quiet"}).exit_code, 0);
    EXPECT_EQ(run_with({"trend", history, "--gate", within, "--recent", "5", "--quiet"}).exit_code,
              1);
    const std::string typo = dir.write("typo.json", R"({"schema": "caws-gate/gate@1",
  "trend": {"change_points": "warn"}})");
    const Outcome bad = run_with({"trend", history, "--gate", typo, "--quiet"});
    EXPECT_EQ(bad.exit_code, 2);
    EXPECT_NE(bad.err.find("/trend/change_points: unknown key"), std::string::npos) << bad.err;
}

TEST(TrendCommand, ABrokenHistoryIsAUsageErrorAndWritesNothing) {
    test::TempDir dir;
    const std::string history = dir.write("perf.jsonl", "{\"schema\": 3}\n");
    const Outcome r = run_with({"trend", history, "--json", dir.file("t.json")});
    EXPECT_EQ(r.exit_code, 2);
    EXPECT_EQ(r.err.rfind("caws-gate: error: " + history, 0), 0u) << r.err;
    EXPECT_EQ(test::read_text(dir.file("t.json")), "");
}

TEST(LeakCommand, DeclaresALeakInATimeSeriesCsv) {
    test::TempDir dir;
    std::string csv = "time,value (MB)\n";
    stats::Random random(1);
    for (int t = 0; t < 600; ++t) {
        csv += std::to_string(1795427700 + t) + "," +
               std::to_string(200 + 0.8 * t + 5 * random.normal()) + "\n";
    }
    const std::string path = dir.write("rss.csv", csv);
    const Outcome leak = run_with({"leak", path, "--leak-threshold", "0.5"});
    EXPECT_EQ(leak.exit_code, 1) << leak.err;
    EXPECT_EQ(leak.out.rfind("rss (memory): leak: 0.8", 0), 0u) << leak.out;
    EXPECT_EQ(run_with({"leak", path}).exit_code, 0);  // below the default 1 MB/s
}

}  // namespace
}  // namespace caws::cli
