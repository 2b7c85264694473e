// check with a history next to its baseline: the built caws-gate run as a process on a
// baselines directory whose history holds a step change and a drift (fixed seed).
#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <algorithm>
#include <cstdint>
#include <cstdio>
#include <filesystem>
#include <random>
#include <string>
#include <vector>

#include "support/process.hpp"
#include "support/temp_dir.hpp"

namespace caws::test {
namespace {

ProcessResult caws_gate(const std::vector<std::string>& args, const std::string& directory = {}) {
    std::vector<std::string> argv{CAWS_GATE_BINARY};
    argv.insert(argv.end(), args.begin(), args.end());
    return run_process(argv,
                       {{"SOURCE_DATE_EPOCH", "1795392000"},
                        {"GITHUB_SHA", "0123456789abcdef0123"},
                        {"GITHUB_REF_NAME", "feature"}},
                       directory);
}

constexpr std::size_t k_history_runs = 30;
constexpr std::size_t k_step_run = 26;  // 0-based: the first run on the new level

// The value of each metric in run `i` (the candidate is run k_history_runs), in ms.
double step_ms(std::size_t i) {
    return i < k_step_run ? 10.0 : 16.0;
}
double flat_ms(std::size_t) {
    return 20.0;
}
double drift_ms(std::size_t i) {
    return 10.0 * (1 + 0.02 * static_cast<double>(i));
}

// ±1% of noise, the same on every platform (mt19937's output is specified).
class Noise {
  public:
    double next() { return 1 + 0.01 * (static_cast<double>(generator_() % 2001) / 1000.0 - 1.0); }

  private:
    std::mt19937 generator_{42};
};

std::string metric_line(const std::string& name, double ms) {
    const nlohmann::json metric = {
        {"name", name},    {"measure", "value"}, {"unit", "s"},      {"direction", "lower"},
        {"n", 5},          {"median", ms / 1e3}, {"mean", ms / 1e3}, {"stddev", nullptr},
        {"min", ms / 1e3}, {"max", ms / 1e3},    {"p95", ms / 1e3}};
    return metric.dump();
}

// 30 runs, one a day from 2026-10-01, commits c000..c029.
std::string history_text() {
    Noise noise;
    std::string text;
    for (std::size_t i = 0; i < k_history_runs; ++i) {
        char date[32];
        std::snprintf(date, sizeof date, "2026-10-%02zuT03:00:00Z", i + 1);
        char commit[8];
        std::snprintf(commit, sizeof commit, "c%03zu", i);
        text += std::string(R"({"schema":"caws-gate/history@1","date":")") + date +
                R"(","commit":")" + commit + R"(","branch":"main","host":"ci","metrics":[)" +
                metric_line("drift", drift_ms(i) * noise.next()) + "," +
                metric_line("flat", flat_ms(i) * noise.next()) + "," +
                metric_line("step", step_ms(i) * noise.next()) + "]}\n";
    }
    return text;
}

// The candidate: five samples per metric around its value at run 30.
std::string candidate_text() {
    Noise noise;
    nlohmann::json metrics = nlohmann::json::array();
    for (const auto& [name, ms] :
         std::vector<std::pair<std::string, double>>{{"drift", drift_ms(k_history_runs)},
                                                     {"flat", flat_ms(k_history_runs)},
                                                     {"step", step_ms(k_history_runs)}}) {
        std::vector<double> samples;
        for (int k = 0; k < 5; ++k) samples.push_back(ms * noise.next());
        metrics.push_back(
            {{"name", name}, {"unit", "ms"}, {"direction", "lower"}, {"samples", samples}});
    }
    return nlohmann::json{{"schema", "caws-gate/metrics@1"},
                          {"context", {{"date", "2026-10-31T03:00:00Z"}}},
                          {"metrics", metrics}}
        .dump(2);
}

// dir/perf.json, its baseline dir/baselines/perf.json (the same run: every comparison is
// unchanged) and the history dir/baselines/history/perf.jsonl.
struct Suite {
    TempDir dir;
    std::string results;
    std::string history;
    Suite() {
        results = dir.write("perf.json", candidate_text());
        const ProcessResult update =
            caws_gate({"baseline", "update", results, "--dir", dir.file("baselines")});
        EXPECT_EQ(update.exit_code, 0) << update.err;
        history = dir.write("baselines/history/perf.jsonl", history_text());
    }
};

const nlohmann::json* trend_of(const nlohmann::json& report, const std::string& metric) {
    for (const auto& t : report["trends"]["trends"]) {
        if (t["metric"] == metric) return &t;
    }
    return nullptr;
}

std::vector<std::string> finding_codes(const nlohmann::json& report, const std::string& metric) {
    std::vector<std::string> codes;
    for (const auto& f : report["findings"]) {
        if (f["metric"] == metric) codes.push_back(f["code"]);
    }
    return codes;
}

TEST(CheckTrends, AHistoryNextToTheBaselineAddsTrendsFindingsAndCharts) {
    Suite suite;
    const ProcessResult r =
        caws_gate({"check", "perf.json", "--json", "r.json", "--md", "r.md", "--latex", "r.tex",
                   "--latex-standalone", "--junit", "r.xml"},
                  suite.dir.path());
    // Without a gate file trend findings only warn.
    EXPECT_EQ(r.exit_code, 0) << r.err;
    const auto report = nlohmann::json::parse(read_text(suite.dir.file("r.json")));
    EXPECT_EQ(report["verdict"], "warn");
    EXPECT_EQ(report["summary"]["counts"]["unchanged"], 3);

    const auto& trends = report["trends"];
    EXPECT_EQ(trends["schema"], "caws-gate/trend@1");
    EXPECT_EQ(trends["histories"], nlohmann::json::array({"baselines/history/perf.jsonl"}));
    EXPECT_EQ(trends["history_runs"], k_history_runs);
    EXPECT_EQ(trends["includes_candidate"], true);
    EXPECT_EQ(trends["options"]["last"], 100);
    EXPECT_EQ(trends["options"]["rules"]["change_point"], "warn");
    EXPECT_EQ(trends["options"]["rules"]["degrading"], "warn");
    ASSERT_EQ(trends["trends"].size(), 3u);

    // The step: one change point, at run 27, recent, a moderate regression (16/10 ms).
    const nlohmann::json* step = trend_of(report, "step");
    ASSERT_NE(step, nullptr);
    EXPECT_EQ((*step)["n"], k_history_runs + 1);
    EXPECT_EQ((*step)["level"], "warn");
    ASSERT_EQ((*step)["change_points"].size(), 1u) << step->dump(1);
    const auto& cp = (*step)["change_points"][0];
    EXPECT_EQ(cp["index"], k_step_run);
    EXPECT_EQ(cp["commit"], "c026");
    EXPECT_EQ(cp["date"], "2026-10-27T03:00:00Z");
    EXPECT_EQ(cp["class"], "moderate");
    EXPECT_EQ(cp["recent"], true);
    EXPECT_EQ(cp["level"], "warn");
    EXPECT_NEAR(cp["ratio"].get<double>(), 1.6, 0.03);
    // The candidate is the newest point, dated and attributed as baseline update would.
    const auto& newest = trends["runs"].at((*step)["series"]["runs"].back().get<std::size_t>());
    EXPECT_EQ(newest["date"], "2026-10-31T03:00:00Z");
    EXPECT_EQ(newest["commit"], "0123456789abcdef0123");
    EXPECT_EQ(trends["runs"].size(), k_history_runs + 1);
    EXPECT_EQ((*step)["series"]["first"], 0);
    EXPECT_EQ((*step)["series"]["values"].size(), k_history_runs + 1);
    // A step is a change point, not a drift: the drift is measured since the step.
    EXPECT_EQ((*step)["drift"]["class"], "stable");
    EXPECT_EQ((*step)["drift"]["since"], k_step_run);
    EXPECT_NE((*step)["notes"].dump().find("drift measured on the 5 runs since the change point "
                                           "at run 27: a step is a change point, not a drift"),
              std::string::npos)
        << (*step)["notes"].dump();
    EXPECT_EQ(finding_codes(report, "step"), (std::vector<std::string>{"trend-change-point"}));

    // The drift: degrading, with its finding; the flat series: stable, nothing to say.
    const nlohmann::json* drift = trend_of(report, "drift");
    ASSERT_NE(drift, nullptr);
    EXPECT_EQ((*drift)["drift"]["class"], "degrading");
    const auto drift_codes = finding_codes(report, "drift");
    EXPECT_NE(std::find(drift_codes.begin(), drift_codes.end(), "trend-degrading"),
              drift_codes.end());
    const nlohmann::json* flat = trend_of(report, "flat");
    ASSERT_NE(flat, nullptr);
    EXPECT_EQ((*flat)["drift"]["class"], "stable");
    EXPECT_TRUE((*flat)["change_points"].empty());
    EXPECT_EQ((*flat)["level"], "pass");
    EXPECT_TRUE(finding_codes(report, "flat").empty());

    // Markdown: the section, a Mermaid chart for the step and the drift, none for flat.
    const std::string markdown = read_text(suite.dir.file("r.md"));
    EXPECT_EQ(markdown, r.out);
    EXPECT_NE(markdown.find("### ⚠️ Trends"), std::string::npos) << markdown;
    EXPECT_NE(markdown.find("31 runs: the history's 30 and this run"), std::string::npos);
    EXPECT_NE(markdown.find("#### ⚠️ step (value): stable"), std::string::npos) << markdown;
    EXPECT_NE(markdown.find(
                  "change point at run 27 (c026), 2026-10-27T03:00:00Z: 9.98 ms → 16.0 ms, 1.61x, "
                  "moderate"),
              std::string::npos)
        << markdown;
    EXPECT_NE(markdown.find("```mermaid\nxychart-beta\n    title \"step value (median)\"\n"),
              std::string::npos)
        << markdown;
    EXPECT_NE(markdown.find("title \"drift value (median)\""), std::string::npos);
    EXPECT_EQ(markdown.find("title \"flat value"), std::string::npos);
    EXPECT_NE(markdown.find("**trend-change-point**: step (value) moved to a worse level at run "
                            "27 of 31 in its history (c026, 2026-10-27T03:00:00Z)"),
              std::string::npos)
        << markdown;

    // LaTeX: the change-point table, after the comparisons.
    const std::string latex = read_text(suite.dir.file("r.tex"));
    EXPECT_NE(latex.find("\\label{tab:caws-gate-trends}"), std::string::npos) << latex;
    EXPECT_NE(latex.find("\nstep & value & 27 & c026 & 2026-10-27T03:00:00Z & "), std::string::npos)
        << latex;
    EXPECT_LT(latex.find("\\label{tab:caws-gate}"), latex.find("\\label{tab:caws-gate-trends}"));

    // JUnit: a test suite of the trends, one case per metric, warnings as output.
    const std::string junit = read_text(suite.dir.file("r.xml"));
    EXPECT_NE(junit.find("<testsuite name=\"caws-gate check: trends\" tests=\"3\" failures=\"0\""),
              std::string::npos)
        << junit;
    EXPECT_NE(junit.find("<testsuites name=\"caws-gate\" tests=\"6\" failures=\"0\""),
              std::string::npos);

    // The report command renders the same bytes from the JSON.
    const ProcessResult again =
        caws_gate({"report", "r.json", "--md", "again.md", "--latex", "again.tex",
                   "--latex-standalone", "--junit", "again.xml", "--quiet"},
                  suite.dir.path());
    EXPECT_EQ(again.exit_code, 0) << again.err;
    EXPECT_EQ(read_text(suite.dir.file("again.md")), markdown);
    EXPECT_EQ(read_text(suite.dir.file("again.tex")), latex);
    EXPECT_EQ(read_text(suite.dir.file("again.xml")), junit);
}

TEST(CheckTrends, TheGateFilesTrendSectionCanFailTheCheck) {
    Suite suite;
    const std::string gate = suite.dir.write("gate.json", R"({"schema": "caws-gate/gate@1",
            "trend": {"degrading": "warn", "change_point": "fail", "change_point_within": 5}})");
    const ProcessResult r = caws_gate(
        {"check", "perf.json", "--gate", gate, "--json", "r.json", "-q"}, suite.dir.path());
    EXPECT_EQ(r.exit_code, 1) << r.err;
    const auto report = nlohmann::json::parse(read_text(suite.dir.file("r.json")));
    EXPECT_EQ(report["verdict"], "fail");
    EXPECT_EQ(report["trends"]["options"]["rules"]["change_point"], "fail");
    bool failing = false;
    for (const auto& f : report["findings"]) {
        if (f["code"] == "trend-change-point" && f["metric"] == "step") {
            failing = f["level"] == "fail";
        }
    }
    EXPECT_TRUE(failing) << report["findings"].dump(1);

    // Only change points among the newest K runs gate: run 27 of 31 is not among the
    // newest 3.
    const std::string narrow = suite.dir.write("narrow.json", R"({"schema": "caws-gate/gate@1",
            "trend": {"degrading": "info", "change_point": "fail", "change_point_within": 3}})");
    const ProcessResult n = caws_gate(
        {"check", "perf.json", "--gate", narrow, "--json", "n.json", "-q"}, suite.dir.path());
    const auto narrow_report = nlohmann::json::parse(read_text(suite.dir.file("n.json")));
    const auto narrow_codes = finding_codes(narrow_report, "step");
    EXPECT_EQ(std::find(narrow_codes.begin(), narrow_codes.end(), "trend-change-point"),
              narrow_codes.end())
        << narrow_report["findings"];
    EXPECT_EQ(n.exit_code, 0) << n.err;
    EXPECT_EQ(trend_of(narrow_report, "step")->at("change_points")[0]["level"], "info");
}

TEST(CheckTrends, HistoryOptions) {
    Suite suite;
    // --history-last N: the newest N runs, this one included.
    const ProcessResult last =
        caws_gate({"check", "perf.json", "--history-last", "10", "--json", "last.json", "-q"},
                  suite.dir.path());
    EXPECT_EQ(last.exit_code, 0) << last.err;
    const auto last_report = nlohmann::json::parse(read_text(suite.dir.file("last.json")));
    EXPECT_EQ(last_report["trends"]["options"]["last"], 10);
    for (const auto& t : last_report["trends"]["trends"]) EXPECT_EQ(t["n"], 10);

    // --no-trends: no section, no trend findings; the history still gives the between-run
    // noise of the comparison.
    const ProcessResult off =
        caws_gate({"check", "perf.json", "--no-trends", "--json", "off.json", "--md", "off.md"},
                  suite.dir.path());
    EXPECT_EQ(off.exit_code, 0) << off.err;
    auto off_report = nlohmann::json::parse(read_text(suite.dir.file("off.json")));
    EXPECT_FALSE(off_report.contains("trends"));
    EXPECT_EQ(off_report["verdict"], "pass");
    EXPECT_EQ(off_report["between_run"]["known"], true);
    EXPECT_EQ(read_text(suite.dir.file("off.md")).find("Trends"), std::string::npos);

    // Without a history file the report is the one of --no-trends but for what the
    // history's between-run noise adds: its intervals, its sentence, trust and advice.
    std::filesystem::remove(suite.history);
    const ProcessResult none =
        caws_gate({"check", "perf.json", "--json", "none.json", "-q"}, suite.dir.path());
    EXPECT_EQ(none.exit_code, 0) << none.err;
    auto none_report = nlohmann::json::parse(read_text(suite.dir.file("none.json")));
    EXPECT_EQ(none_report["between_run"]["known"], false);
    for (auto* report : {&off_report, &none_report}) {
        for (const char* key : {"between_run", "scores", "recommendations"}) report->erase(key);
        for (auto& c : (*report)["comparisons"]) c.erase("between_run");
    }
    EXPECT_EQ(none_report, off_report);

    // --history FILE names one anywhere; a missing one is an error and nothing is written.
    const std::string elsewhere = suite.dir.write("elsewhere.jsonl", history_text());
    const ProcessResult given =
        caws_gate({"check", "perf.json", "--history", elsewhere, "--json", "given.json", "-q"},
                  suite.dir.path());
    EXPECT_EQ(given.exit_code, 0) << given.err;
    const auto given_report = nlohmann::json::parse(read_text(suite.dir.file("given.json")));
    EXPECT_EQ(given_report["trends"]["histories"][0], elsewhere);
    const ProcessResult missing =
        caws_gate({"check", "perf.json", "--history", "nope.jsonl", "--json", "missing.json"},
                  suite.dir.path());
    EXPECT_EQ(missing.exit_code, 2);
    EXPECT_EQ(missing.err.rfind("caws-gate: error: nope.jsonl", 0), 0u) << missing.err;
    EXPECT_FALSE(std::filesystem::exists(suite.dir.file("missing.json")));

    // A broken history line is located; nothing is written.
    suite.dir.write("broken.jsonl", history_text() + "{\"schema\": 3}\n");
    const ProcessResult broken =
        caws_gate({"check", "perf.json", "--history", "broken.jsonl", "--json", "broken.json"},
                  suite.dir.path());
    EXPECT_EQ(broken.exit_code, 2);
    EXPECT_EQ(broken.err.rfind("caws-gate: error: broken.jsonl:31", 0), 0u) << broken.err;
    EXPECT_FALSE(std::filesystem::exists(suite.dir.file("broken.json")));

    // --history and --no-trends contradict each other.
    const ProcessResult both =
        caws_gate({"check", "perf.json", "--history", elsewhere, "--no-trends"}, suite.dir.path());
    EXPECT_EQ(both.exit_code, 2);
}

TEST(CheckTrends, ARunAlreadyInTheHistoryIsNotCountedTwice) {
    Suite suite;
    // The nightly order: baseline update appends the run, then check looks at it.
    std::string text = history_text();
    const ProcessResult update =
        caws_gate({"baseline", "update", "perf.json", "--dir", "baselines"}, suite.dir.path());
    ASSERT_EQ(update.exit_code, 0) << update.err;
    text = read_text(suite.history);
    const std::size_t lines = static_cast<std::size_t>(std::count(text.begin(), text.end(), '\n'));
    ASSERT_EQ(lines, k_history_runs + 1);
    const ProcessResult r =
        caws_gate({"check", "perf.json", "--json", "r.json", "-q"}, suite.dir.path());
    EXPECT_EQ(r.exit_code, 0) << r.err;
    const auto report = nlohmann::json::parse(read_text(suite.dir.file("r.json")));
    EXPECT_EQ(report["trends"]["includes_candidate"], false);
    EXPECT_EQ(trend_of(report, "step")->at("n"), k_history_runs + 1);
}

}  // namespace
}  // namespace caws::test
