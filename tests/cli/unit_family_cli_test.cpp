// Sizes are shown in the family of prefixes the input wrote them in: a metric written in MB
// is reported in MB, one written in MiB in MiB, through compare, a baseline file and check.
#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <string>
#include <vector>

#include "support/process.hpp"
#include "support/temp_dir.hpp"

namespace caws {
namespace {

using test::ProcessResult;
using test::TempDir;

ProcessResult caws_gate(std::vector<std::string> args, const std::string& directory) {
    args.insert(args.begin(), CAWS_GATE_BINARY);
    return test::run_process(args, {{"SOURCE_DATE_EPOCH", "1795392000"}}, directory);
}

// A caws-metrics file with one memory metric of ten samples of `value` in `unit`.
std::string metrics(const std::string& unit, double value) {
    nlohmann::json samples = nlohmann::json::array();
    for (int i = 0; i < 10; ++i) samples.push_back(value + 0.01 * i);
    nlohmann::json metric = {{"name", "rss"},
                             {"measure", "memory"},
                             {"unit", unit},
                             {"direction", "lower"},
                             {"samples", samples}};
    return nlohmann::json{{"schema", "caws-gate/metrics@1"}, {"metrics", {metric}}}.dump();
}

std::string compared_markdown(const std::string& unit) {
    TempDir dir;
    dir.write("old.json", metrics(unit, 512));
    dir.write("new.json", metrics(unit, 512));
    const ProcessResult r =
        caws_gate({"compare", "old.json", "new.json", "--md", "r.md", "--quiet"}, dir.path());
    EXPECT_EQ(r.exit_code, 0) << r.err;
    return test::read_text(dir.file("r.md"));
}

TEST(UnitFamily, DecimalInputIsShownInDecimalUnits) {
    const std::string md = compared_markdown("MB");
    EXPECT_NE(md.find("| rss | 512\u00a0MB | 512\u00a0MB |"), std::string::npos) << md;
    EXPECT_EQ(md.find("MiB"), std::string::npos) << md;
}

TEST(UnitFamily, BinaryInputIsShownInBinaryUnits) {
    const std::string md = compared_markdown("MiB");
    EXPECT_NE(md.find("| rss | 512\u00a0MiB | 512\u00a0MiB |"), std::string::npos) << md;
}

TEST(UnitFamily, TheBaselineFileKeepsTheFamily) {
    TempDir dir;
    dir.write("run.json", metrics("GB", 2));
    ProcessResult r = caws_gate({"baseline", "update", "run.json", "--suite", "mem"}, dir.path());
    ASSERT_EQ(r.exit_code, 0) << r.err;
    const auto baseline = nlohmann::json::parse(test::read_text(dir.file("baselines/mem.json")));
    const std::string text = baseline.dump();
    EXPECT_NE(text.find(R"("unit_prefixes":"decimal")"), std::string::npos) << text;

    r = caws_gate(
        {"check", "run.json", "--suite", "mem", "--json", "r.json", "--md", "r.md", "--quiet"},
        dir.path());
    ASSERT_EQ(r.exit_code, 0) << r.err;
    EXPECT_NE(test::read_text(dir.file("r.md")).find("| rss | 2.04\u00a0GB | 2.04\u00a0GB |"),
              std::string::npos)
        << test::read_text(dir.file("r.md"));
    const auto report = nlohmann::json::parse(test::read_text(dir.file("r.json")));
    EXPECT_EQ(report["comparisons"][0]["unit"], "B");
    EXPECT_EQ(report["comparisons"][0]["unit_prefixes"], "decimal");
    // Re-rendered from the JSON report: still decimal.
    r = caws_gate({"report", "r.json", "--md", "again.md", "--quiet"}, dir.path());
    ASSERT_EQ(r.exit_code, 0) << r.err;
    EXPECT_EQ(test::read_text(dir.file("again.md")), test::read_text(dir.file("r.md")));
}

// The history keeps the family, so the trend of a size written in MB (its charts, its
// change points) is in MB too, in `trend` and in the trend section of `check`.
TEST(UnitFamily, TheHistoryAndItsTrendsKeepTheFamily) {
    TempDir dir;
    for (int run = 0; run < 8; ++run) {
        dir.write("run.json", metrics("MB", run < 4 ? 512 : 1024));
        const ProcessResult r =
            caws_gate({"baseline", "update", "run.json", "--suite", "mem", "--accept-regressions"},
                      dir.path());
        ASSERT_EQ(r.exit_code, 0) << r.err;
    }
    const std::string history = test::read_text(dir.file("baselines/history/mem.jsonl"));
    EXPECT_NE(history.find(R"("unit":"B","unit_prefixes":"decimal")"), std::string::npos)
        << history;
    ProcessResult r = caws_gate(
        {"trend", "baselines/history/mem.jsonl", "--md", "t.md", "--json", "t.json"}, dir.path());
    ASSERT_LE(r.exit_code, 1) << r.err;
    const std::string md = test::read_text(dir.file("t.md"));
    EXPECT_NE(md.find("512 MB → 1.02 GB"), std::string::npos) << md;  // the change point
    EXPECT_NE(md.find("y-axis \"GB\""), std::string::npos) << md;     // the chart
    EXPECT_EQ(md.find("MiB"), std::string::npos) << md;
    const auto report = nlohmann::json::parse(test::read_text(dir.file("t.json")));
    EXPECT_EQ(report["trends"][0]["unit_prefixes"], "decimal") << report.dump();

    dir.write("run.json", metrics("MB", 1024));
    r = caws_gate({"check", "run.json", "--suite", "mem", "--md", "c.md", "--quiet"}, dir.path());
    ASSERT_EQ(r.exit_code, 0) << r.err;
    const std::string check = test::read_text(dir.file("c.md"));
    EXPECT_EQ(check.find("MiB"), std::string::npos) << check;
}

TEST(UnitFamily, ABadFamilyInABaselineIsLocated) {
    TempDir dir;
    dir.write("run.json", metrics("MB", 512));
    ProcessResult r = caws_gate({"baseline", "update", "run.json", "--suite", "mem"}, dir.path());
    ASSERT_EQ(r.exit_code, 0) << r.err;
    std::string text = test::read_text(dir.file("baselines/mem.json"));
    const std::string good = R"("unit_prefixes":"decimal")";
    const auto at = text.find(good);
    ASSERT_NE(at, std::string::npos) << text;
    text.replace(at, good.size(), R"("unit_prefixes":"metric")");
    dir.write("baselines/mem.json", text);
    r = caws_gate({"check", "run.json", "--suite", "mem", "--quiet"}, dir.path());
    EXPECT_EQ(r.exit_code, 2);
    EXPECT_NE(r.err.find("/unit_prefixes: expected \"decimal\" or \"binary\", got \"metric\""),
              std::string::npos)
        << r.err;
}

}  // namespace
}  // namespace caws
