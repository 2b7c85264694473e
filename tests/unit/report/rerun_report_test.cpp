// The report's "rerun" and "confirm" sections: built from the verdict, written and read
// back byte for byte, and the Markdown lines that tell how to rerun and what the rerun
// confirmed.
#include <gtest/gtest.h>

#include "compare/comparator.hpp"
#include "gate/confirmation.hpp"
#include "gate/policy.hpp"
#include "report/escape.hpp"
#include "report/json_report.hpp"
#include "report/markdown_renderer.hpp"
#include "report/report_reader.hpp"
#include "support/simulated_runs.hpp"
#include "util/error.hpp"

namespace caws::report {
namespace {

using nlohmann::ordered_json;

// BM_0 3x and BM_2 1.3x slower (fail, warn); BM_1 and BM_3 unchanged.
const test::SimulatedRuns& runs() {
    static const test::SimulatedRuns simulated =
        test::simulate_runs({3.0, 1.0, 1.3, 1.0}, 10, 10, 0.01, 7);
    return simulated;
}

ReportInput input_of(const model::Verdict& verdict, const std::string& command = "check") {
    ReportInput input;
    input.command = command;
    input.gated = command != "compare";
    input.verdict = &verdict;
    input.baseline = &runs().baseline;
    input.baseline_label = "baselines/suite.json";
    input.candidate = &runs().candidate;
    return input;
}

model::Verdict first_verdict() {
    return gate::evaluate(compare::compare_runs(runs().baseline, runs().candidate));
}

TEST(RerunReport, AFailingCheckListsTheBenchmarksToRerun) {
    const model::Verdict verdict = first_verdict();
    ASSERT_EQ(verdict.level, model::Level::fail);
    const Report report = build_report(input_of(verdict));
    ASSERT_TRUE(report.rerun.has_value());
    EXPECT_EQ(report.rerun->benchmarks, (std::vector<std::string>{"BM_0", "BM_2"}));
    EXPECT_EQ(report.rerun->filter, std::nullopt);  // simulated runs have no format
    const std::string markdown = render_markdown(report, TemplateSet{});
    EXPECT_NE(markdown.find("**Rerun to confirm:** run the whole suite (the results mix "
                            "formats), then check again with `--confirm RERUN`"),
              std::string::npos)
        << markdown;
    // `compare` does not gate: no rerun.
    EXPECT_FALSE(build_report(input_of(verdict, "compare")).rerun.has_value());
}

TEST(RerunReport, TheFilterIsShownAsOneShellWordInACodeSpan) {
    model::Run candidate = runs().candidate;
    candidate.sources = {{"perf.json", "google-benchmark"}};
    const model::Verdict verdict = first_verdict();
    ReportInput input = input_of(verdict);
    input.candidate = &candidate;
    const Report report = build_report(input);
    EXPECT_EQ(report.rerun->filter, "--benchmark_filter=^(BM_0|BM_2)$");
    const std::string markdown = render_markdown(report, TemplateSet{});
    EXPECT_NE(markdown.find("run the 2 benchmarks with a regression alone, with "
                            "`--benchmark_filter='^(BM_0|BM_2)$'`"),
              std::string::npos)
        << markdown;
    const std::string ab = render_markdown(build_report(input_of(verdict, "ab")), TemplateSet{});
    EXPECT_NE(ab.find("**Rerun:** the whole suite"), std::string::npos) << ab;
}

TEST(RerunReport, AFilterTooLongForACommentIsLeftToTheJson) {
    const auto many = test::simulate_runs(std::vector<double>(250, 3.0), 10, 10, 0.01, 9);
    model::Run candidate = many.candidate;
    candidate.sources = {{"perf.json", "google-benchmark"}};
    const model::Verdict verdict =
        gate::evaluate(compare::compare_runs(many.baseline, many.candidate));
    ReportInput input = input_of(verdict);
    input.baseline = &many.baseline;
    input.candidate = &candidate;
    const Report report = build_report(input);
    ASSERT_EQ(report.rerun->benchmarks.size(), 250u);
    EXPECT_GT(report.rerun->filter->size(), 1000u);
    const std::string markdown = render_markdown(report, TemplateSet{});
    EXPECT_NE(markdown.find("run the 250 benchmarks with a regression alone, with the filter in "
                            "the JSON report (`rerun.filter`)"),
              std::string::npos);
}

// The first verdict confirmed by a rerun in which BM_0 is slower again and BM_2 is not.
model::Verdict confirmed_verdict() {
    const auto rerun = test::simulate_runs({2.5, 1.0, 1.0, 1.0}, 10, 10, 0.01, 8);
    const model::Verdict second =
        gate::evaluate(compare::compare_runs(runs().baseline, rerun.candidate));
    model::Verdict verdict =
        gate::evaluate(gate::confirm_regressions(first_verdict().comparisons, second.comparisons));
    gate::add_confirmation_findings(verdict);
    return verdict;
}

Report confirmed_report() {
    static const model::Verdict verdict = confirmed_verdict();
    static model::Run rerun = [] {
        model::Run run = test::simulate_runs({1.0}, 10, 10, 0.01, 8).candidate;
        run.sources = {{"rerun.json", "google-benchmark"}};
        return run;
    }();
    ReportInput input = input_of(verdict);
    input.rerun = &rerun;
    return build_report(input);
}

TEST(RerunReport, TheConfirmSectionCountsTheRerunsJudgements) {
    const Report report = confirmed_report();
    ASSERT_TRUE(report.confirm.has_value());
    EXPECT_EQ(report.confirm->confirmed, 1u);
    EXPECT_EQ(report.confirm->not_confirmed, 1u);
    EXPECT_EQ(report.confirm->run.sources.at(0).path, "rerun.json");
    const ordered_json json = report;
    const ordered_json& bm2 = json.at("comparisons").at(2);
    EXPECT_EQ(bm2.at("class"), "unchanged");
    EXPECT_EQ(bm2.at("confirmation").at("confirmed"), false);
    EXPECT_EQ(bm2.at("confirmation").at("reason"), "not-significant");
    EXPECT_EQ(bm2.at("confirmation").at("first_class"), "minor");
    EXPECT_EQ(json.at("confirm").at("run").at("metrics"), 1);
    const std::string markdown = render_markdown(report, TemplateSet{});
    EXPECT_NE(
        markdown.find("**Confirmed by a rerun** (rerun.json): the rerun confirms 1 of the 2 "
                      "regressed benchmarks of this run; 1 not confirmed by the rerun does not "
                      "count."),
        std::string::npos)
        << markdown;
    EXPECT_NE(markdown.find("**unconfirmed**: BM_2 (cpu_time) was 1.3"), std::string::npos)
        << markdown;
    // The rerun was done: no advice to rerun again.
    EXPECT_EQ(markdown.find("Rerun to confirm"), std::string::npos) << markdown;
}

TEST(RerunReport, ReadingBackGivesTheSameBytes) {
    for (const Report& report : {confirmed_report(), build_report(input_of(first_verdict()))}) {
        const std::string text = serialize_report(report);
        const Report read = parse_report(text, "r.json");
        EXPECT_EQ(serialize_report(read), text);
        EXPECT_EQ(render_markdown(read, TemplateSet{}), render_markdown(report, TemplateSet{}));
    }
}

TEST(RerunReport, BadSectionsAreErrorsWithTheirPointer) {
    const auto error_of = [](void (*edit)(ordered_json&)) -> std::string {
        ordered_json json = confirmed_report();
        json["rerun"] = {{"format", "go"}, {"benchmarks", {"A"}}, {"filter", "-bench=^A$"}};
        edit(json);
        try {
            from_json(json, "r.json");
        } catch (const util::Error& error) {
            return error.what();
        }
        return "no error";
    };
    EXPECT_EQ(error_of([](ordered_json&) {}), "no error");
    EXPECT_EQ(error_of([](ordered_json& r) { r["rerun"]["filter"] = 3; }),
              "r.json: /rerun/filter: expected a string or null, got a number");
    EXPECT_EQ(error_of([](ordered_json& r) { r["confirm"]["confirmed"] = -1; }),
              "r.json: /confirm/confirmed: expected a count, got a number");
    EXPECT_EQ(error_of([](ordered_json& r) { r["comparisons"][2]["confirmation"]["reason"] = 1; }),
              "r.json: /comparisons/2/confirmation/reason: expected a string, got a number");
}

TEST(MarkdownCodeSpan, FencesLongerThanAnyBacktickRunInside) {
    EXPECT_EQ(markdown_code_span("a|b"), "`a|b`");
    EXPECT_EQ(markdown_code_span("a`b"), "``a`b``");
    EXPECT_EQ(markdown_code_span("`x``"), "``` `x`` ```");
    EXPECT_EQ(markdown_code_span("a\nb"), "`a b`");
}

}  // namespace
}  // namespace caws::report
