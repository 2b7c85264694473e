// The report options and emit_reports follow the table of report formats: every format
// gets its file option and switches, and each file asked for holds that format.
#include "cli/outputs.hpp"

#include <gtest/gtest.h>

#include <sstream>
#include <string>

#include "compare/comparator.hpp"
#include "gate/policy.hpp"
#include "report/json_report.hpp"
#include "report/markdown_renderer.hpp"
#include "report/report_formats.hpp"
#include "support/fake_environment.hpp"
#include "support/simulated_runs.hpp"
#include "support/temp_dir.hpp"

namespace caws::cli {
namespace {

report::Report sample_report() {
    static const auto runs = test::simulate_runs({3.0, 1.0, 0.5}, 5, 5, 0.02, 5);
    static const model::Verdict verdict =
        gate::evaluate(compare::compare_runs(runs.baseline, runs.candidate));
    report::ReportInput input;
    input.verdict = &verdict;
    input.baseline = &runs.baseline;
    input.candidate = &runs.candidate;
    return report::build_report(input);
}

TEST(ReportOptions, EveryFormatOfTheTableHasItsOptions) {
    CLI::App app;
    ReportRequest request;
    add_report_options(app, request);
    std::string args;
    for (const report::ReportFormat& format : report::report_formats()) {
        EXPECT_NE(app.get_option_no_throw(std::string(format.flag)), nullptr) << format.flag;
        args += std::string(format.flag) + " out." + std::string(format.id) + " ";
        for (const report::FormatSwitch& option : format.switches) {
            EXPECT_NE(app.get_option_no_throw(std::string(option.flag)), nullptr) << option.flag;
            args += std::string(option.flag) + " ";
        }
    }
    for (const char* flag :
         {"--json", "--templates", "--quiet", "--annotations", "--artifact-url"}) {
        EXPECT_NE(app.get_option_no_throw(flag), nullptr) << flag;
    }
    app.parse(args, false);
    for (const report::ReportFormat& format : report::report_formats()) {
        EXPECT_EQ(request.files.at(std::string(format.flag)), "out." + std::string(format.id));
        for (const report::FormatSwitch& option : format.switches) {
            EXPECT_TRUE(request.switches.at(std::string(option.flag))) << option.flag;
        }
    }
}

TEST(ReportOptions, EachFileAskedForHoldsItsFormat) {
    const report::Report report = sample_report();
    test::TempDir dir;
    ReportRequest request;
    for (const report::ReportFormat& format : report::report_formats()) {
        request.files[std::string(format.flag)] = dir.file(std::string(format.id));
    }
    request.switches["--latex-standalone"] = true;
    request.json_path = dir.file("report.json");
    std::ostringstream out;
    emit_reports(report, request, out);
    const report::TemplateSet templates;
    for (const report::ReportFormat& format : report::report_formats()) {
        report::RenderOptions options;
        options.max_length = report::k_github_comment_limit;
        options.full_report = dir.file("report.json");
        if (format.id == "latex") options.switches = {"standalone"};
        EXPECT_EQ(test::read_text(dir.file(std::string(format.id))),
                  report::render_format(format, report, templates, options))
            << format.id;
    }
    EXPECT_EQ(test::read_text(dir.file("report.json")), report::serialize_report(report));
    EXPECT_EQ(out.str(), test::read_text(dir.file("markdown")));
}

TEST(ReportOptions, QuietPrintsNothingButTheJobSummaryStillGetsTheMarkdown) {
    const report::Report report = sample_report();
    test::TempDir dir;
    test::FakeEnvironment environment;
    environment.variables["GITHUB_STEP_SUMMARY"] = dir.write("summary.md", "before\n");
    ReportRequest request;
    request.quiet = true;
    enable_ci_outputs(request, environment);
    std::ostringstream out;
    emit_reports(report, request, out);
    EXPECT_EQ(out.str(), "");
    EXPECT_EQ(test::read_text(dir.file("summary.md")),
              "before\n" + report::render_markdown(report, report::TemplateSet{}));
}

}  // namespace
}  // namespace caws::cli
