#include "gate/gate_file.hpp"

#include <gtest/gtest.h>

#include "support/fixtures.hpp"
#include "util/error.hpp"
#include "util/file_io.hpp"

namespace caws::gate {
namespace {

std::string error_of(const std::string& text) {
    try {
        parse_gate(text, "gates/x.json");
    } catch (const util::Error& error) {
        return error.what();
    }
    return "no error";
}

// A gate file with `body` after the schema.
std::string gate_with(const std::string& body) {
    return R"({"schema": "caws-gate/gate@1")" + (body.empty() ? "" : ", " + body) + "}";
}

TEST(GateFile, TheSmallestGateHasTheBuiltInDefaults) {
    const Gate gate = parse_gate(gate_with(""), "g.json");
    EXPECT_EQ(gate.path, "g.json");
    EXPECT_EQ(gate.defaults.settings.statistic, compare::Statistic::median);
    EXPECT_DOUBLE_EQ(gate.defaults.settings.thresholds.minor, 1.2);
    EXPECT_DOUBLE_EQ(gate.defaults.settings.alpha, 0.05);
    EXPECT_EQ(gate.defaults.correction, compare::Correction::bh);
    EXPECT_EQ(gate.defaults.settings.min_samples, 1u);
    EXPECT_EQ(gate.defaults.settings.levels.minor, model::Level::warn);
    EXPECT_TRUE(gate.defaults.measures.empty());
    EXPECT_TRUE(gate.rules.empty());
    EXPECT_FALSE(gate.trend);
    EXPECT_FALSE(gate.scores.min_health);
}

TEST(GateFile, ReadsEverySection) {
    const Gate gate = parse_gate(gate_with(R"(
      "defaults": {"statistic": "p90", "measures": ["cpu_time"], "alpha": 0.01, "test": "welch",
                   "correction": "holm", "min_samples": 5,
                   "thresholds": {"minor": 1.1},
                   "levels": {"minor": "info", "removed": "fail"}},
      "rules": [{"match": "BM_Sort/*", "measure": "cpu_time",
                 "thresholds": {"moderate": 1.3, "severe": 1.6}},
                {"match": "BM_Exp*", "ignore": true},
                {"match": "rps", "direction": "higher", "levels": {"severe": "warn"}}],
      "budgets": [{"metric": "ttfa", "statistic": "p95", "warning": "50 ms", "critical": 0.1},
                  {"metric": "rss", "measure": "memory", "warning": "800 MB", "critical": "1 GiB"},
                  {"metric": "rps", "limit": "lower", "warning": "100 req/s", "critical": "50 /s"},
                  {"metric": "BM_Parse*", "max_ratio": 1.1, "level": "warn"}],
      "required": ["BM_Sort/*", "ttfa"],
      "waivers": [{"match": "BM_Legacy*", "reason": "rewrite in 2.0", "link": "https://x/1",
                   "expires": "2028-02-29"}],
      "scores": {"min_health": 70, "min_trust": 50.5},
      "trend": {"degrading": "info", "change_point_within": 3})"),
                                 "g.json");
    const MetricSettings& d = gate.defaults.settings;
    EXPECT_EQ(d.statistic, compare::Statistic::p90);
    EXPECT_EQ(gate.defaults.measures, std::vector<std::string>{"cpu_time"});
    EXPECT_DOUBLE_EQ(d.alpha, 0.01);
    EXPECT_EQ(d.test, compare::SignificanceTest::welch);
    EXPECT_EQ(gate.defaults.correction, compare::Correction::holm);
    EXPECT_EQ(d.min_samples, 5u);
    EXPECT_DOUBLE_EQ(d.thresholds.minor, 1.1);
    EXPECT_DOUBLE_EQ(d.thresholds.moderate, 1.5);
    EXPECT_EQ(d.levels.minor, model::Level::info);
    EXPECT_EQ(d.levels.removed, model::Level::fail);
    EXPECT_EQ(d.levels.severe, model::Level::fail);

    ASSERT_EQ(gate.rules.size(), 3u);
    EXPECT_EQ(gate.rules[0].match, "BM_Sort/*");
    EXPECT_EQ(gate.rules[0].measure, "cpu_time");
    ASSERT_TRUE(gate.rules[0].thresholds);
    // Missing keys come from the defaults.
    EXPECT_DOUBLE_EQ(gate.rules[0].thresholds->minor, 1.1);
    EXPECT_DOUBLE_EQ(gate.rules[0].thresholds->moderate, 1.3);
    EXPECT_DOUBLE_EQ(gate.rules[0].thresholds->severe, 1.6);
    EXPECT_EQ(gate.rules[0].pointer, "/rules/0");
    EXPECT_EQ(gate.rules[1].ignore, true);
    EXPECT_EQ(gate.rules[2].direction, model::Direction::higher);
    ASSERT_TRUE(gate.rules[2].levels);
    EXPECT_EQ(gate.rules[2].levels->severe, model::Level::warn);
    EXPECT_EQ(gate.rules[2].levels->minor, model::Level::info);

    ASSERT_EQ(gate.budgets.size(), 4u);
    EXPECT_EQ(gate.budgets[0].statistic, compare::Statistic::p95);
    EXPECT_DOUBLE_EQ(gate.budgets[0].warning->value, 0.05);
    EXPECT_EQ(gate.budgets[0].warning->dimension, model::Dimension::time);
    EXPECT_EQ(gate.budgets[0].warning->text, "50 ms");
    EXPECT_DOUBLE_EQ(gate.budgets[0].critical->value, 0.1);
    EXPECT_FALSE(gate.budgets[0].critical->dimension);
    EXPECT_EQ(gate.budgets[1].measure, "memory");
    EXPECT_EQ(gate.budgets[1].statistic, compare::Statistic::p90);  // the default statistic
    EXPECT_DOUBLE_EQ(gate.budgets[1].warning->value, 800e6);
    EXPECT_DOUBLE_EQ(gate.budgets[1].critical->value, 1073741824.0);
    EXPECT_EQ(gate.budgets[2].limit, Limit::lower);
    EXPECT_DOUBLE_EQ(gate.budgets[2].warning->value, 100);
    EXPECT_EQ(gate.budgets[2].warning->dimension, model::Dimension::rate);
    EXPECT_DOUBLE_EQ(*gate.budgets[3].max_ratio, 1.1);
    EXPECT_EQ(gate.budgets[3].ratio_level, model::Level::warn);
    EXPECT_FALSE(gate.budgets[3].warning);

    EXPECT_EQ(gate.required, (std::vector<std::string>{"BM_Sort/*", "ttfa"}));
    ASSERT_EQ(gate.waivers.size(), 1u);
    EXPECT_EQ(gate.waivers[0].owner, "https://x/1");
    EXPECT_EQ(gate.waivers[0].expires, "2028-02-29");
    EXPECT_EQ(gate.scores.min_health, 70);
    EXPECT_EQ(gate.scores.min_trust, 50.5);
    ASSERT_TRUE(gate.trend);
    EXPECT_EQ(gate.trend->degrading, model::Level::info);
    EXPECT_EQ(gate.trend->change_point, model::Level::fail);
    EXPECT_EQ(gate.trend->change_point_within, 3u);
    EXPECT_FALSE(gate.trend->min_magnitude);
}

TEST(GateFile, SyntaxErrorsNameLineAndColumn) {
    EXPECT_EQ(error_of("{\"schema\": \"caws-gate/gate@1\",\n  \"rules\": [}\n"),
              "gates/x.json: line 2, column 13: invalid JSON: syntax error while parsing value - "
              "unexpected '}'; expected '[', '{', or a literal");
    EXPECT_EQ(error_of(""),
              "gates/x.json: line 1, column 1: invalid JSON: syntax error while parsing value - "
              "unexpected end of input; expected '[', '{', or a literal");
}

TEST(GateFile, NumbersTooLargeForADoubleNameWhereTheyEnd) {
    EXPECT_EQ(error_of("{\"schema\": \"caws-gate/gate@1\",\n  \"defaults\": {\"alpha\": 1e999}}"),
              "gates/x.json: line 2, column 29: expected a number within the range of a double, "
              "got 1e999");
}

TEST(GateFile, UnknownKeysSuggestTheClosestValidKey) {
    EXPECT_EQ(error_of(gate_with(R"("defaults": {"treshold": {}})")),
              "gates/x.json: /defaults/treshold: unknown key; did you mean \"thresholds\"?");
    EXPECT_EQ(error_of(gate_with(R"("budget": [])")),
              "gates/x.json: /budget: unknown key; did you mean \"budgets\"?");
    EXPECT_EQ(error_of(gate_with(R"("rules": [{"match": "a", "measures": "x"}])")),
              "gates/x.json: /rules/0/measures: unknown key; did you mean \"measure\"?");
    EXPECT_EQ(error_of(gate_with(R"("scores": {"zzzzzzzzzzzz": 1})")),
              "gates/x.json: /scores/zzzzzzzzzzzz: unknown key; expected one of \"min_health\", "
              "\"min_trust\"");
    EXPECT_EQ(error_of(gate_with(R"("rules": [{"match": "a", "correction": "bh"}])")),
              "gates/x.json: /rules/0/correction: the correction applies to all metrics of a run "
              "together; set it in /defaults/correction");
}

TEST(GateFile, SchemaIsRequiredAndVersioned) {
    EXPECT_EQ(error_of("{}"),
              "gates/x.json: /schema: expected \"schema\": \"caws-gate/gate@1\" (is this a "
              "caws-gate gate file?)");
    EXPECT_EQ(error_of(R"({"schema": "caws-gate/gate@2"})"),
              "gates/x.json: /schema: this gate file has schema \"caws-gate/gate@2\"; this "
              "caws-gate reads \"caws-gate/gate@1\"");
    EXPECT_EQ(error_of("[]"), "gates/x.json: expected a JSON object at the top level");
}

TEST(GateFile, WrongTypesAndValuesNameThePointer) {
    EXPECT_EQ(error_of(gate_with(R"("defaults": {"alpha": "0.05"})")),
              "gates/x.json: /defaults/alpha: expected a number, got \"0.05\"");
    EXPECT_EQ(error_of(gate_with(R"("defaults": {"alpha": 1.5})")),
              "gates/x.json: /defaults/alpha: expected a number between 0 and 1 (exclusive), got "
              "1.5");
    EXPECT_EQ(error_of(gate_with(R"("defaults": {"statistic": "p50x"})")),
              "gates/x.json: /defaults/statistic: expected one of median, mean, min, max, p90, "
              "p95, p99, got \"p50x\"");
    EXPECT_EQ(error_of(gate_with(R"("defaults": {"test": "t"})")),
              "gates/x.json: /defaults/test: expected one of auto, mann-whitney, "
              "mann-whitney-exact, welch, moderated-t, got \"t\"");
    EXPECT_EQ(error_of(gate_with(R"("defaults": {"correction": "bonferroni"})")),
              "gates/x.json: /defaults/correction: expected one of none, holm, bh, got "
              "\"bonferroni\"");
    EXPECT_EQ(error_of(gate_with(R"("defaults": {"levels": {"minor": "error"}})")),
              "gates/x.json: /defaults/levels/minor: expected one of pass, info, warn, fail, got "
              "\"error\"");
    EXPECT_EQ(error_of(gate_with(R"("defaults": {"min_samples": 0})")),
              "gates/x.json: /defaults/min_samples: expected an integer of at least 1, got 0");
    EXPECT_EQ(error_of(gate_with(R"("rules": {})")),
              "gates/x.json: /rules: expected an array, got an object");
    EXPECT_EQ(error_of(gate_with(R"("rules": [{"ignore": true}])")),
              "gates/x.json: /rules/0/match: expected the metric pattern \"match\"");
    EXPECT_EQ(error_of(gate_with(R"("rules": [{"match": "a", "ignore": "yes"}])")),
              "gates/x.json: /rules/0/ignore: expected true or false, got \"yes\"");
    EXPECT_EQ(error_of(gate_with(R"("rules": [{"match": "a", "direction": "up"}])")),
              "gates/x.json: /rules/0/direction: expected one of lower, higher, got \"up\"");
    EXPECT_EQ(error_of(gate_with(R"("required": ["ttfa", 3])")),
              "gates/x.json: /required/1: expected a string, got 3");
    EXPECT_EQ(error_of(gate_with(R"("scores": {"min_health": 101})")),
              "gates/x.json: /scores/min_health: expected a score from 0 to 100, got 101");
    EXPECT_EQ(error_of(gate_with(R"("trend": {"change_point_within": 2.5})")),
              "gates/x.json: /trend/change_point_within: expected an integer of at least 1, got "
              "2.5");
    EXPECT_EQ(error_of(gate_with(R"("trend": {"min_magnitude": 0.9})")),
              "gates/x.json: /trend/min_magnitude: expected a ratio of at least 1, got 0.9");
    EXPECT_EQ(error_of(gate_with(R"("trend": {"min_magnitude": "1.1x"})")),
              "gates/x.json: /trend/min_magnitude: expected a number, got \"1.1x\"");
}

TEST(GateFile, TrendMinMagnitude) {
    const Gate gate = parse_gate(R"({"schema": "caws-gate/gate@1",
        "trend": {"min_magnitude": 1.1}})",
                                 "g.json");
    ASSERT_TRUE(gate.trend);
    EXPECT_EQ(gate.trend->min_magnitude, 1.1);
}

TEST(GateFile, ThresholdsMustBeOrdered) {
    EXPECT_EQ(error_of(gate_with(R"("defaults": {"thresholds": {"minor": 1.6, "moderate": 1.5}})")),
              "gates/x.json: /defaults/thresholds: expected minor < moderate < severe, got minor "
              "1.6, moderate 1.5, severe 2");
    // A rule's thresholds are completed from the defaults before the check.
    EXPECT_EQ(error_of(gate_with(R"("rules": [{"match": "a", "thresholds": {"severe": 1.4}}])")),
              "gates/x.json: /rules/0/thresholds: expected minor < moderate < severe, got minor "
              "1.2, moderate 1.5, severe 1.4");
    EXPECT_EQ(error_of(gate_with(R"("defaults": {"thresholds": {"minor": 0.9}})")),
              "gates/x.json: /defaults/thresholds/minor: expected a ratio above 1, got 0.9");
}

TEST(GateFile, MalformedGlobsAreErrors) {
    EXPECT_EQ(error_of(gate_with(R"("rules": [{"match": "BM_[Sort"}])")),
              "gates/x.json: /rules/0/match: malformed pattern \"BM_[Sort\": '[' at offset 3 is "
              "never closed");
    EXPECT_EQ(error_of(gate_with(R"("required": ["a[z-a]"])")),
              "gates/x.json: /required/0: malformed pattern \"a[z-a]\": the range 'z-a' at "
              "offset 1 is reversed");
    EXPECT_EQ(error_of(gate_with(R"("budgets": [{"metric": "", "max_ratio": 1.1}])")),
              "gates/x.json: /budgets/0/metric: expected a non-empty string");
}

TEST(GateFile, BudgetsAreChecked) {
    EXPECT_EQ(error_of(gate_with(R"("budgets": [{"metric": "ttfa", "warning": "120 ms",
                                                  "critical": "100 ms"}])")),
              "gates/x.json: /budgets/0/warning: the warning \"120 ms\" is above the critical "
              "\"100 ms\"; a budget warns before it fails");
    EXPECT_EQ(error_of(gate_with(R"("budgets": [{"metric": "rps", "limit": "lower",
                                                  "warning": 50, "critical": 100}])")),
              "gates/x.json: /budgets/0/warning: the warning \"50\" is below the critical "
              "\"100\"; a lower limit warns before it fails");
    EXPECT_EQ(error_of(gate_with(R"("budgets": [{"metric": "ttfa", "warning": "50 mss"}])")),
              "gates/x.json: /budgets/0/warning: unknown unit \"mss\" in \"50 mss\"; expected a "
              "time (ns, us, ms, s), a size (B, kB, MB, MiB, GB, GiB), a percentage (%) or a "
              "rate (1/s, req/s, MB/s)");
    EXPECT_EQ(error_of(gate_with(R"("budgets": [{"metric": "ttfa", "warning": "fast"}])")),
              "gates/x.json: /budgets/0/warning: expected a number and a unit such as \"50 ms\", "
              "got \"fast\"");
    EXPECT_EQ(error_of(gate_with(R"("budgets": [{"metric": "ttfa", "warning": "50 ms",
                                                  "critical": "1 GB"}])")),
              "gates/x.json: /budgets/0/critical: \"1 GB\" is a size, but the warning \"50 ms\" "
              "is a time");
    EXPECT_EQ(error_of(gate_with(R"("budgets": [{"metric": "ttfa"}])")),
              "gates/x.json: /budgets/0: expected \"warning\", \"critical\" or \"max_ratio\"");
    EXPECT_EQ(error_of(gate_with(R"("budgets": [{"metric": "ttfa", "max_ratio": 0.9}])")),
              "gates/x.json: /budgets/0/max_ratio: expected an oriented ratio of at least 1, got "
              "0.9");
    EXPECT_EQ(error_of(gate_with(R"("budgets": [{"metric": "ttfa", "warning": 1,
                                                  "level": "warn"}])")),
              "gates/x.json: /budgets/0/level: \"level\" is the level of \"max_ratio\", which is "
              "not set");
    EXPECT_EQ(error_of(gate_with(R"("budgets": [{"metric": "a", "warnign": 1}])")),
              "gates/x.json: /budgets/0/warnign: unknown key; did you mean \"warning\"?");
}

TEST(GateFile, WaiversNeedReasonOwnerAndAValidDate) {
    EXPECT_EQ(error_of(gate_with(R"("waivers": [{"match": "a", "reason": "r", "owner": "@t",
                                                  "expires": "2026-02-30"}])")),
              "gates/x.json: /waivers/0/expires: expected a date YYYY-MM-DD, got \"2026-02-30\"");
    EXPECT_EQ(error_of(gate_with(R"("waivers": [{"match": "a", "reason": "r", "owner": "@t",
                                                  "expires": "31.12.2026"}])")),
              "gates/x.json: /waivers/0/expires: expected a date YYYY-MM-DD, got \"31.12.2026\"");
    EXPECT_EQ(error_of(gate_with(R"("waivers": [{"match": "a", "owner": "@t",
                                                  "expires": "2026-12-31"}])")),
              "gates/x.json: /waivers/0/reason: expected why the waiver is granted");
    EXPECT_EQ(error_of(gate_with(R"("waivers": [{"match": "a", "reason": "r",
                                                  "expires": "2026-12-31"}])")),
              "gates/x.json: /waivers/0/owner: expected who owns the waiver: \"owner\" or "
              "\"link\"");
    EXPECT_EQ(error_of(gate_with(R"("waivers": [{"match": "a", "reason": "r", "owner": "@t"}])")),
              "gates/x.json: /waivers/0/expires: expected the date the waiver expires, YYYY-MM-DD");
}

TEST(GateFile, TheExampleGatesAreValid) {
    for (const char* name : {"gates/microbench.json", "gates/service.json"}) {
        const Gate gate = load_gate(test::source_path(name));
        EXPECT_FALSE(gate.rules.empty()) << name;
        EXPECT_FALSE(gate.budgets.empty()) << name;
    }
    const Gate service = load_gate(test::source_path("gates/service.json"));
    ASSERT_EQ(service.budgets.size(), 5u);
    EXPECT_DOUBLE_EQ(service.budgets[0].warning->value, 0.05);
    EXPECT_DOUBLE_EQ(service.budgets[2].critical->value, 1.2e9);
    EXPECT_DOUBLE_EQ(service.budgets[3].warning->value, 0.6);
    EXPECT_DOUBLE_EQ(service.budgets[4].critical->value, 0.05);
}

}  // namespace
}  // namespace caws::gate

namespace caws::gate {
namespace {

// The JSON blocks of a Markdown page, in order.
std::vector<std::string> json_blocks(const std::string& page) {
    std::vector<std::string> blocks;
    std::size_t at = 0;
    while ((at = page.find("```json\n", at)) != std::string::npos) {
        at += 8;
        const std::size_t end = page.find("```", at);
        blocks.push_back(page.substr(at, end - at));
        at = end + 3;
    }
    return blocks;
}

TEST(GateFile, TheDocumentedGatesAreValidAndTheServiceGateIsTheExampleFile) {
    const std::string page = util::read_file(test::source_path("docs/gates.md"));
    const std::vector<std::string> blocks = json_blocks(page);
    ASSERT_GE(blocks.size(), 2u);
    EXPECT_EQ(blocks[0], util::read_file(test::source_path("gates/service.json")));
    const Gate micro = parse_gate(blocks[1], "docs/gates.md");
    EXPECT_EQ(micro.defaults.measures.size(), 3u);
    EXPECT_EQ(micro.rules.size(), 2u);
    EXPECT_EQ(micro.required, std::vector<std::string>{"BM_Sum*"});
}

}  // namespace
}  // namespace caws::gate

namespace caws::gate {
namespace {

TEST(GateFileLeak, TheThresholdIsMegabytesPerSecondOrRelative) {
    EXPECT_FALSE(parse_gate(gate_with(""), "g.json").leak_threshold.has_value());
    const Gate absolute = parse_gate(gate_with(R"("leak": {"threshold": 0.25})"), "g.json");
    ASSERT_TRUE(absolute.leak_threshold.has_value());
    EXPECT_FALSE(absolute.leak_threshold->relative());
    EXPECT_DOUBLE_EQ(absolute.leak_threshold->mb_per_s, 0.25);
    const Gate written = parse_gate(gate_with(R"("leak": {"threshold": "1.5 MB/s"})"), "g.json");
    EXPECT_DOUBLE_EQ(written.leak_threshold->mb_per_s, 1.5);
    const Gate relative = parse_gate(gate_with(R"("leak": {"threshold": "5%/h"})"), "g.json");
    ASSERT_TRUE(relative.leak_threshold->relative());
    EXPECT_DOUBLE_EQ(relative.leak_threshold->percent, 5);
    EXPECT_DOUBLE_EQ(relative.leak_threshold->per_seconds, 3600);
    EXPECT_EQ(relative.leak_threshold->text, "5%/h");
}

TEST(GateFileLeak, BadThresholdsAreLocated) {
    EXPECT_EQ(error_of(gate_with(R"("leak": {"threshold": "5%"})")),
              "gates/x.json: /leak/threshold: expected a time unit after \"%\", as in \"5%/h\" "
              "(s, min, h or d), got \"5%\"");
    EXPECT_EQ(error_of(gate_with(R"("leak": {"threshold": -1})")),
              "gates/x.json: /leak/threshold: expected a growth that is not negative, got \"-1\"");
    EXPECT_EQ(error_of(gate_with(R"("leak": {"threshold": true})")),
              "gates/x.json: /leak/threshold: expected a growth in MB/s (a number) or a string "
              "such as \"5%/h\", got true");
    EXPECT_EQ(error_of(gate_with(R"("leak": {"treshold": 1})")),
              "gates/x.json: /leak/treshold: unknown key; did you mean \"threshold\"?");
}

}  // namespace
}  // namespace caws::gate
