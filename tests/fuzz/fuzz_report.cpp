// The report pipeline with hostile input. The first byte picks the mode:
//  - even: the rest is a JSON report, read as `caws-gate report` reads it, then rendered;
//  - odd: the rest describes two runs (hostile names, measures, messages and paths, and
//    the sample values), which are compared and gated, written as the JSON report, read
//    back and rendered as Markdown, LaTeX, JUnit and workflow annotations.
// Every rendering is checked to be inert: Markdown holds no HTML but the template's own
// tags and keeps every table row's cells, LaTeX runs no file or definition commands, and
// the JUnit XML parses.
#include <algorithm>
#include <cmath>
#include <cstdint>
#include <string>
#include <string_view>

#include <nlohmann/json.hpp>
#include <pugixml.hpp>

#include "compare/comparator.hpp"
#include "gate/policy.hpp"
#include "gate/recommendations.hpp"
#include "gate/scores.hpp"
#include "report/annotation_renderer.hpp"
#include "report/json_report.hpp"
#include "report/junit_renderer.hpp"
#include "report/latex_renderer.hpp"
#include "report/markdown_renderer.hpp"
#include "report/report_reader.hpp"
#include "support.hpp"
#include "util/error.hpp"

namespace {

using namespace caws;

// Unescaped `|` in a Markdown line: those not preceded by an odd number of backslashes.
std::size_t cell_separators(std::string_view line) {
    std::size_t count = 0;
    std::size_t backslashes = 0;
    for (char c : line) {
        if (c == '|' && backslashes % 2 == 0) ++count;
        backslashes = c == '\\' ? backslashes + 1 : 0;
    }
    return count;
}

void check_markdown(const std::string& markdown) {
    for (std::size_t at = markdown.find('<'); at != std::string::npos;
         at = markdown.find('<', at + 1)) {
        const std::string_view tag = std::string_view(markdown).substr(at + 1, 9);
        // Only `<` before a letter, `/`, `!` or `?` can open HTML ("<0.0001" is text).
        const char next = tag.empty() ? ' ' : tag.front();
        const bool opens_html = (next >= 'a' && next <= 'z') || (next >= 'A' && next <= 'Z') ||
                                next == '/' || next == '!' || next == '?';
        if (!opens_html) continue;
        bool known = false;
        for (std::string_view allowed :
             {"details>", "/details>", "summary>", "/summary>", "sub>", "/sub>"}) {
            known = known || tag.substr(0, allowed.size()) == allowed;
        }
        fuzz::require(known, "Markdown holds HTML that the template did not write", markdown);
    }
    // Rows of one table keep the cell count of its header.
    std::size_t columns = 0;
    std::size_t start = 0;
    while (start < markdown.size()) {
        std::size_t end = markdown.find('\n', start);
        if (end == std::string::npos) end = markdown.size();
        const std::string_view line = std::string_view(markdown).substr(start, end - start);
        // A Mermaid chart's title is one string: a quote of a name cannot end it.
        if (line.substr(0, 11) == "    title \"") {
            fuzz::require(std::count(line.begin(), line.end(), '"') == 2,
                          "a Mermaid title holds a quote of its own", markdown);
        }
        if (!line.empty() && line.front() == '|') {
            const std::size_t separators = cell_separators(line);
            if (columns == 0) columns = separators;
            fuzz::require(separators == columns, "a Markdown table row gained or lost cells",
                          markdown);
        } else {
            columns = 0;
        }
        start = end + 1;
    }
}

void check_latex(const std::string& latex) {
    for (std::string_view command : {"\\input", "\\include{", "\\write", "\\openin", "\\openout",
                                     "\\catcode", "\\def", "\\immediate", "\\csname"}) {
        fuzz::require(latex.find(command) == std::string::npos, "LaTeX runs a command from input",
                      latex);
    }
}

void check_junit(const std::string& xml) {
    pugi::xml_document document;
    const pugi::xml_parse_result parsed = document.load_buffer(xml.data(), xml.size());
    fuzz::require(static_cast<bool>(parsed), "the JUnit report is not well-formed XML", xml);
    fuzz::require(static_cast<bool>(document.child("testsuites")),
                  "the JUnit report has no <testsuites>", xml);
}

void render_all(const report::Report& report) {
    const report::TemplateSet templates;
    const std::string markdown = report::render_markdown(report, templates);
    fuzz::trace("rendered " + std::to_string(markdown.size()) + " bytes of Markdown");
    check_markdown(markdown);
    check_markdown(report::render_markdown(report, templates, {4096, "report.json"}));
    check_latex(report::render_latex(report, templates));
    check_latex(report::render_latex(report, templates, {true, true}));
    check_junit(report::render_junit(report, templates));
    (void)report::render_annotations(report);
}

double sample_value(fuzz::Bytes& input, double scale) {
    return scale * (1.0 + input.byte() / 64.0);
}

model::Run runs_from(fuzz::Bytes& input, model::Run& baseline) {
    model::Run candidate;
    baseline.sources.push_back({std::string(input.field('\0', 100)), "google-benchmark"});
    candidate.sources.push_back({std::string(input.field('\0', 100)), "google-benchmark"});
    baseline.context.host = std::string(input.field('\0', 100));
    candidate.context.host = std::string(input.field('\0', 100));
    const std::size_t metrics = 1 + input.byte() % 12;
    for (std::size_t i = 0; i < metrics && !input.empty(); ++i) {
        model::Metric metric;
        metric.name = std::string(input.field('\0', 200));
        const std::uint8_t kind = input.byte();
        switch (kind % 5) {
            case 0:
                metric.measure = "cpu_time";
                metric.unit = model::seconds();
                break;
            case 1:
                metric.measure = "bytes";
                metric.unit = model::bytes();
                break;
            case 2:
                metric.measure = "items_per_second";
                metric.unit = model::per_second();
                break;
            case 3:
                metric.measure = std::string(input.field('\0', 60));
                metric.unit = model::count(std::string(input.field('\0', 20)));
                break;
            default:
                metric.measure = "fraction";
                metric.unit = model::fraction();
                break;
        }
        metric.direction = kind / 5 % 3 == 0   ? model::Direction::lower
                           : kind / 5 % 3 == 1 ? model::Direction::higher
                                               : model::Direction::unknown;
        const std::uint8_t shape = input.byte();
        const double scale = std::pow(10.0, -static_cast<int>(shape % 10));
        const std::size_t in_baseline = shape / 10 % 7;
        const std::size_t in_candidate = shape / 70 % 4 * 2;
        model::Metric old_metric = metric;
        for (std::size_t k = 0; k < in_baseline; ++k)
            old_metric.samples.push_back(sample_value(input, scale));
        for (std::size_t k = 0; k < in_candidate; ++k)
            metric.samples.push_back(sample_value(input, scale));
        const std::uint8_t status = input.byte();
        if (status % 8 == 1 || status % 8 == 2) {
            metric.status = status % 8 == 1 ? model::Status::failed : model::Status::skipped;
            metric.message = std::string(input.field('\0', 100));
            metric.samples.clear();
        }
        if (!old_metric.samples.empty()) baseline.metrics.push_back(std::move(old_metric));
        if (!metric.samples.empty() || metric.status != model::Status::ok)
            candidate.metrics.push_back(std::move(metric));
    }
    return candidate;
}

void compare_and_render(fuzz::Bytes& input) {
    model::Run baseline;
    const model::Run candidate = runs_from(input, baseline);
    fuzz::trace("runs of " + std::to_string(baseline.metrics.size()) + " and " +
                std::to_string(candidate.metrics.size()) + " metrics");
    compare::Options options;
    options.resamples = 100;
    model::Verdict verdict = gate::evaluate(compare::compare_runs(baseline, candidate, options));
    const gate::ScoreInput score_input{&baseline, &candidate, 3.0, 1.2, 0.05};
    gate::apply_scores(verdict, score_input);
    verdict.recommendations = gate::recommend(verdict, score_input);
    report::ReportInput report_input;
    report_input.verdict = &verdict;
    report_input.baseline = &baseline;
    report_input.baseline_label = baseline.sources.front().path;
    report_input.candidate = &candidate;
    report_input.options = options;
    const std::string written = report::serialize_report(report::build_report(report_input));
    report::Report report;
    try {
        report = report::parse_report(written, "report.json");
    } catch (const util::Error& error) {
        fuzz::fail(std::string("a written report does not read back: ") + error.what(), written);
    }
    render_all(report);
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    fuzz::Bytes input(data, size);
    if (input.byte() % 2 == 1) {
        compare_and_render(input);
        return 0;
    }
    report::Report report;
    try {
        report = report::parse_report(input.rest(), "report.json");
    } catch (const util::Error& error) {
        fuzz::trace(error.what());
        return 0;
    }
    try {
        render_all(report);
    } catch (const nlohmann::json::exception&) {
        // `caws-gate report` turns these into an error naming the file (content the
        // reader let through but a renderer cannot use).
    }
    return 0;
}
