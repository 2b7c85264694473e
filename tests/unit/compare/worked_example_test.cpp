// docs/statistics.md, "Worked example": the quoted report rows and the figures of the text
// come from this comparison of benchstat's crc32 fixtures.

#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <string>
#include <vector>

#include "compare/comparator.hpp"
#include "compare/geomean.hpp"
#include "gate/policy.hpp"
#include "report/json_report.hpp"
#include "report/markdown_renderer.hpp"
#include "support/fixtures.hpp"
#include "support/go_bench.hpp"
#include "support/temp_dir.hpp"

namespace caws::compare {
namespace {

struct Example {
    model::Run baseline;
    model::Run candidate;
    model::Verdict verdict;
    report::Report report;
    std::string markdown;
};

Example run_example(std::size_t repetitions) {
    Example e;
    e.baseline = test::go_bench_times(test::read_fixture("benchstat/crc-old.txt"));
    e.candidate = test::go_bench_times(test::read_fixture("benchstat/crc-new.txt"));
    for (auto* run : {&e.baseline, &e.candidate}) {
        for (auto& metric : run->metrics) metric.samples.resize(repetitions);
    }
    const Options options;
    e.verdict = gate::evaluate(compare_runs(e.baseline, e.candidate, options));
    report::ReportInput input;
    input.command = "compare";
    input.gated = false;
    input.verdict = &e.verdict;
    input.baseline = &e.baseline;
    input.baseline_label = "crc-old.txt";
    input.candidate = &e.candidate;
    input.options = options;
    input.geomean = geometric_mean_of_ratios(e.verdict.comparisons, options);
    e.report = report::build_report(input);
    e.markdown = report::render_markdown(e.report, report::TemplateSet{});
    // The report joins numbers and units with no-break spaces; the documentation quotes the
    // rows with plain ones.
    for (std::size_t at = e.markdown.find("\u00a0"); at != std::string::npos;
         at = e.markdown.find("\u00a0", at)) {
        e.markdown.replace(at, 2, " ");
    }
    return e;
}

// The lines of docs/statistics.md between <!-- NAME:begin --> and <!-- NAME:end -->.
std::vector<std::string> quoted(const std::string& name) {
    const std::string doc = test::read_text(test::source_path("docs/statistics.md"));
    const std::size_t begin = doc.find("<!-- " + name + ":begin -->");
    const std::size_t end = doc.find("<!-- " + name + ":end -->");
    EXPECT_NE(begin, std::string::npos) << name;
    EXPECT_NE(end, std::string::npos) << name;
    std::vector<std::string> lines;
    std::size_t at = doc.find('\n', begin) + 1;
    while (at < end) {
        const std::size_t next = doc.find('\n', at);
        lines.push_back(doc.substr(at, next - at));
        at = next + 1;
    }
    return lines;
}

const model::Comparison& find(const Example& e, const std::string& name) {
    const auto found = std::find_if(e.verdict.comparisons.begin(), e.verdict.comparisons.end(),
                                    [&](const model::Comparison& c) { return c.metric == name; });
    EXPECT_NE(found, e.verdict.comparisons.end()) << name;
    return *found;
}

TEST(WorkedExample, TenRepetitionsRowsAreInTheReport) {
    const Example e = run_example(10);
    const auto lines = quoted("worked-example");
    ASSERT_EQ(lines.size(), 5U);
    for (const std::string& line : lines) {
        EXPECT_NE(e.markdown.find(line + "\n"), std::string::npos) << line;
    }
    EXPECT_NE(e.markdown.find("**0.69x [0.542, 0.868]** over 36 benchmarks"), std::string::npos);
    EXPECT_NE(e.markdown.find("\nAll rows: time; Mann-Whitney U, 10 vs 10 samples.\n"),
              std::string::npos);
}

TEST(WorkedExample, TenRepetitionsFiguresOfTheText) {
    const Example e = run_example(10);
    std::size_t improved = 0;
    double smallest_mdr = 10;
    double largest_mdr = 0;
    for (const model::Comparison& c : e.verdict.comparisons) {
        EXPECT_EQ(c.test, "mann-whitney");
        EXPECT_EQ(c.test_variant, "asymptotic");
        ASSERT_TRUE(c.power && c.power->min_detectable_ratio);
        EXPECT_FALSE(c.power->needs_repetitions);
        smallest_mdr = std::min(smallest_mdr, *c.power->min_detectable_ratio);
        largest_mdr = std::max(largest_mdr, *c.power->min_detectable_ratio);
        if (c.change == model::ChangeClass::improved) {
            ++improved;
            EXPECT_NEAR(*c.p_adjusted, 0.00073, 0.000005);
        }
    }
    EXPECT_EQ(improved, 8U);
    EXPECT_NEAR(smallest_mdr, 1.03, 0.005);
    EXPECT_NEAR(largest_mdr, 1.14, 0.005);
    const model::Comparison& ieee = find(e, "CRC32/poly=IEEE/size=512/align=0-8");
    EXPECT_NEAR(*ieee.noise_baseline->cv, 0.027, 0.0005);
    EXPECT_NEAR(*ieee.noise_candidate->cv, 0.020, 0.0005);
    const model::Comparison& castagnoli = find(e, "CRC32/poly=Castagnoli/size=40/align=1-8");
    EXPECT_NEAR(*castagnoli.p_value, 0.040, 0.0005);
    EXPECT_NEAR(*castagnoli.p_adjusted, 0.072, 0.0005);
    EXPECT_EQ(castagnoli.change, model::ChangeClass::unchanged);
    const model::Comparison& koopman = find(e, "CRC32/poly=Koopman/size=1kB/align=1-8");
    EXPECT_TRUE(koopman.significant);
    EXPECT_EQ(koopman.change, model::ChangeClass::unchanged);
}

TEST(WorkedExample, ThreeRepetitionsUseTheModeratedTest) {
    const Example e = run_example(3);
    const auto lines = quoted("worked-example-3");
    ASSERT_EQ(lines.size(), 2U);
    for (const std::string& line : lines) {
        EXPECT_NE(e.markdown.find(line + "\n"), std::string::npos) << line;
    }
    EXPECT_NE(
        e.markdown.find("\nAll rows: time; moderated t-test on log values, 3 vs 3 samples.\n"),
        std::string::npos);
    for (const model::Comparison& c : e.verdict.comparisons) {
        EXPECT_EQ(c.test, "moderated-t");
        EXPECT_EQ(c.ci_method, "t");
    }
}

}  // namespace
}  // namespace caws::compare
