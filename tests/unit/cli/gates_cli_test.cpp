// `check --gate` and `validate` in-process through cli::run, with a fixed date.
#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <sstream>

#include "cli/cli.hpp"
#include "report/escape.hpp"
#include "support/fake_environment.hpp"
#include "support/fixtures.hpp"
#include "support/temp_dir.hpp"

namespace caws::cli {
namespace {

struct Outcome {
    int exit_code;
    std::string out;
    std::string err;
};

Outcome run_with(const std::vector<std::string>& args) {
    test::FakeEnvironment env;  // 2026-11-23
    std::ostringstream out;
    std::ostringstream err;
    const int code = run(args, out, err, env);
    return {code, out.str(), err.str()};
}

TEST(GatesCli, ValidateAcceptsTheExampleGatesAndBaselines) {
    const std::string service = test::source_path("gates/service.json");
    const std::string micro = test::source_path("gates/microbench.json");
    const std::string baseline = test::source_path("examples/service/baselines/service.json");
    const Outcome r = run_with({"validate", service, micro, baseline});
    EXPECT_EQ(r.exit_code, 0) << r.err;
    EXPECT_EQ(r.out,
              service + ": valid gate file (2 rules, 5 budgets, 2 required metrics, 2 waivers)\n" +
                  micro + ": valid gate file (2 rules, 1 budget, 1 required metric, 0 waivers)\n" +
                  baseline + ": valid baseline of suite \"service\" (8 metrics)\n");
    // The expired waiver of the example is worth a warning, not an error.
    EXPECT_EQ(r.err, "caws-gate: warning: " + service +
                         ": /waivers/1/expires: the waiver for \"search_latency\" expired on "
                         "2026-10-31\n");
}

TEST(GatesCli, ValidateReportsEveryInvalidFileAndExitsTwo) {
    test::TempDir dir;
    const std::string typo = dir.write("typo.json", R"({"schema": "caws-gate/gate@1",
  "defaults": {"treshold": {"minor": 1.1}}})");
    const std::string syntax =
        dir.write("syntax.json", "{\"schema\": \"caws-gate/gate@1\",\n  \"rules\": [\n");
    const std::string other = dir.write("other.json", R"({"schema": "caws-gate/metrics@1"})");
    const std::string baseline = dir.write("b.json", R"({"schema": "caws-gate/baseline@1"})");
    const std::string good = test::source_path("gates/microbench.json");
    const Outcome r = run_with({"validate", typo, syntax, good, other, baseline});
    EXPECT_EQ(r.exit_code, 2);
    EXPECT_EQ(r.out,
              good + ": valid gate file (2 rules, 1 budget, 1 required metric, 0 waivers)\n");
    EXPECT_EQ(r.err,
              "caws-gate: error: " + typo +
                  ": /defaults/treshold: unknown key; did you mean \"thresholds\"?\n"
                  "caws-gate: error: " +
                  syntax +
                  ": line 3, column 1: invalid JSON: syntax error while parsing value - unexpected "
                  "end of input; expected '[', '{', or a literal\n"
                  "caws-gate: error: " +
                  other +
                  ": /schema: expected a gate file (\"caws-gate/gate@1\") or a baseline file "
                  "(\"caws-gate/baseline@1\"), got \"caws-gate/metrics@1\"\n"
                  "caws-gate: error: " +
                  baseline + ": /metrics: expected the \"metrics\" array\n");
}

TEST(GatesCli, ABadGateFileStopsCheckBeforeAnythingIsWritten) {
    test::TempDir dir;
    const std::string gate = dir.write("gate.json", R"({"schema": "caws-gate/gate@1",
  "waivers": [{"match": "x", "reason": "r", "owner": "@o", "expires": "2026-02-30"}]})");
    const Outcome r =
        run_with({"check", test::source_path("examples/service/results.json"), "--baseline",
                  test::source_path("examples/service/baselines/service.json"), "--gate", gate,
                  "--json", dir.file("r.json")});
    EXPECT_EQ(r.exit_code, 2);
    EXPECT_EQ(r.out, "");
    EXPECT_EQ(r.err, "caws-gate: error: " + gate +
                         ": /waivers/0/expires: expected a date YYYY-MM-DD, got \"2026-02-30\"\n");
    EXPECT_EQ(test::read_text(dir.file("r.json")), "");
}

// The example of docs/gates.md: a service run that breaks one budget at warning and one
// at critical, with a waived regression and one whose waiver has expired.
TEST(GatesCli, TheServiceExampleFailsWithItsFindings) {
    test::TempDir dir;
    const Outcome r = run_with({"check", test::source_path("examples/service/results.json"),
                                "--gate", test::source_path("gates/service.json"), "--baseline",
                                test::source_path("examples/service/baselines/service.json"),
                                "--json", dir.file("report.json"), "--md", dir.file("report.md")});
    EXPECT_EQ(r.exit_code, 1) << r.err;
    EXPECT_EQ(r.err, "");
    const auto report = nlohmann::json::parse(test::read_text(dir.file("report.json")));
    EXPECT_EQ(report["verdict"], "fail");

    std::vector<std::string> findings;
    for (const auto& f : report["findings"]) {
        findings.push_back(f["level"].get<std::string>() + " " + f["code"].get<std::string>() +
                           " " + f["metric"].get<std::string>());
    }
    EXPECT_EQ(findings, (std::vector<std::string>{
                            "info waived thumbnail_render",
                            "fail regression search_latency",
                            "warn budget-warning ttfa",
                            "fail budget-critical rss",
                            "warn waiver-expired search_latency",
                            "fail low-health ",
                        }));
    // The gate's "scores" section: health 50 is below its minimum of 70.
    EXPECT_EQ(report["scores"]["health"], 50);
    // samples 85 and noise 53 weigh 0.2 and 0.15, the unknown between-run noise (20) 0.1,
    // all divided by 1.1
    EXPECT_EQ(report["scores"]["trust"], 77);
    EXPECT_EQ(report["findings"][5]["message"].get<std::string>().rfind(
                  "health 50/100 is below the minimum 70; pulled down by changes 49/100", 0),
              0u);
    const auto& waived = report["findings"][0];
    EXPECT_EQ(waived["message"],
              "thumbnail_render (value) is 1.63x worse than the baseline (median 11.8 ms -> "
              "19.3 ms, p = 0.00043 (mann-whitney, adjusted), n = 10 vs 10): a moderate "
              "regression; find the change that caused it, or refresh the baseline if it is "
              "intended. Waived until 2027-03-31 by @media-team: the new codec lands in 3.2.");
    EXPECT_EQ(waived["waiver"]["expired"], false);
    EXPECT_EQ(waived["waiver"]["owner"], "@media-team");
    EXPECT_EQ(report["findings"][1]["waiver"]["expired"], true);
    EXPECT_EQ(report["findings"][2]["message"],
              "ttfa p95 is 63.0 ms, above its warning budget of 50 ms (critical at 100 ms); bring "
              "it back under 50 ms before it reaches the critical budget.");
    EXPECT_EQ(report["findings"][3]["message"],
              "rss (memory) max is 1310 MB, above its critical budget of 1200 MB (warning at 800 "
              "MB); bring it back under 1200 MB, or change the budget in the gate file if the new "
              "cost is accepted.");
    EXPECT_EQ(report["findings"][4]["message"],
              "the waiver for \"search_latency\" (@search-team (https://example.com/tickets/4711): "
              "index rebuild in progress) expired on 2026-10-31, so the regression of "
              "search_latency (value) counts again; fix it, or renew the waiver with a new date.");

    std::vector<std::string> budgets;
    for (const auto& b : report["budgets"]) {
        budgets.push_back(b["metric"].get<std::string>() + " " + b["statistic"].get<std::string>() +
                          " " + b["level"].get<std::string>());
    }
    EXPECT_EQ(budgets,
              (std::vector<std::string>{"ttfa p95 warn", "api_latency p95 pass", "rss max fail",
                                        "cpu mean pass", "error_rate mean pass"}));
    EXPECT_DOUBLE_EQ(report["budgets"][2]["value"].get<double>(), 1.31e9);
    EXPECT_DOUBLE_EQ(report["budgets"][2]["critical"].get<double>(), 1.2e9);
    EXPECT_EQ(report["budgets"][2]["unit"], "B");

    // Every finding of the JSON report is in the Markdown report, which stdout repeats.
    const std::string markdown = test::read_text(dir.file("report.md"));
    EXPECT_EQ(r.out, markdown);
    EXPECT_NE(markdown.find("| thumbnail_render | value | waived | the new codec lands in 3.2 | "
                            "@media-team | 2027-03-31 |"),
              std::string::npos)
        << markdown;
    for (const auto& f : report["findings"]) {
        // Regressions are in the attention table, waived findings in the waivers table.
        if (f["code"] == "regression" || f["code"] == "waived") continue;
        const std::string message = report::escape_markdown(f["message"].get<std::string>());
        EXPECT_NE(markdown.find(message), std::string::npos) << message;
    }
    EXPECT_NE(markdown.find("| search_latency | "), std::string::npos) << markdown;
    // The budget table writes values and limits in the gate file's units, as the sentences.
    EXPECT_NE(
        markdown.find("| ❌ | rss | memory (max) | 1310\u00a0MB | 800\u00a0MB | 1200\u00a0MB | — |"),
        std::string::npos)
        << markdown;
    EXPECT_NE(
        markdown.find(
            "| ⚠️ | ttfa | value (p95) | 63.0\u00a0ms | 50\u00a0ms | 100\u00a0ms | — |"),
        std::string::npos)
        << markdown;
    EXPECT_EQ(
        report["budgets"][2]["shown"],
        (nlohmann::json{{"value", "1310 MB"}, {"warning", "800 MB"}, {"critical", "1200 MB"}}));
}

TEST(GatesCli, TheMicrobenchmarkGateGatesCpuTime) {
    test::TempDir dir;
    const Outcome r = run_with({"check", test::source_path("examples/results/demo.json"), "--gate",
                                test::source_path("gates/microbench.json"), "--baseline",
                                test::source_path("examples/baselines/demo.json"), "--json",
                                dir.file("report.json"), "--quiet"});
    EXPECT_EQ(r.exit_code, 1) << r.err;
    const auto report = nlohmann::json::parse(test::read_text(dir.file("report.json")));
    EXPECT_EQ(report["verdict"], "fail");
    std::vector<std::string> gated;
    for (const auto& c : report["comparisons"]) {
        const bool is_gated = c.value("gated", true);
        if (c["measure"] == "real_time") {
            EXPECT_FALSE(is_gated) << c["metric"];
        }
        if (is_gated && c["level"] != "pass") {
            gated.push_back(c["metric"].get<std::string>() + " " + c["measure"].get<std::string>() +
                            " " + c["class"].get<std::string>() + " " +
                            c["level"].get<std::string>());
        }
    }
    // In the baseline's order, which is the order the interleaved run finished them in.
    EXPECT_EQ(gated, (std::vector<std::string>{"BM_Hash/3000 cpu_time moderate fail",
                                               "BM_Sum/2000 cpu_time minor warn",
                                               "BM_Sum/2000 items_per_second minor warn"}));
    // The relative budget on BM_Parse and the required BM_Sum*.
    ASSERT_EQ(report["budgets"].size(), 1u);
    EXPECT_EQ(report["budgets"][0]["metric"], "BM_Parse/2500");
    EXPECT_EQ(report["budgets"][0]["max_ratio"], 1.1);
    EXPECT_EQ(report["budgets"][0]["level"], "pass");
    for (const auto& f : report["findings"]) EXPECT_NE(f["code"], "required-missing");
}

}  // namespace
}  // namespace caws::cli
