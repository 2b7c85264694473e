// The JUnit XML view (templates/junit.mustache). A row of the report's table of formats
// (report_formats.cpp).

#include <string>
#include <unordered_map>
#include <vector>

#include "report/report_formats.hpp"
#include "report/report_view.hpp"
#include "report/row_list.hpp"
#include "report/trend_section_view.hpp"
#include "report/view_fields.hpp"

namespace caws::report {
namespace {

using kainjow::mustache::data;

const std::vector<std::string> k_case_keys = {"name",    "failure",    "skipped", "type",
                                              "message", "has_output", "output"};

// The test cases of one <testsuite> and their counts.
struct Suite {
    RowList* cases;
    std::size_t tests = 0;
    std::size_t failures = 0;
    std::size_t skipped = 0;

    // A failure carries its sentence; a warning prints it on the case's output.
    void add(std::string name, model::Level level, bool skip, std::string type,
             std::string message) {
        const RowList::Row entry = cases->add_row();
        const bool failed = level == model::Level::fail;
        std::string output = level == model::Level::warn ? "warning: " + message : std::string();
        put(entry, "name", std::move(name));
        put(entry, "failure", boolean(failed));
        put(entry, "skipped", boolean(!failed && skip));
        put(entry, "type", std::move(type));
        put(entry, "message", std::move(message));
        put(entry, "has_output", boolean(!failed && !output.empty()));
        put(entry, "output", std::move(output));
        ++tests;
        if (failed) {
            ++failures;
        } else if (skip) {
            ++skipped;
        }
    }
};

std::string key_of(const std::string& metric, const std::string& measure) {
    return metric + '\x1f' + measure;
}

// One test case per gated metric; a failure or warning carries the sentence of the
// finding about that metric (and measure), or else the benchmark's own message.
Suite metric_cases(const Report& report, RowLists& lists) {
    std::unordered_map<std::string, const model::Finding*> finding_of;
    for (const model::Finding& f : report.findings) {
        finding_of.emplace(key_of(f.metric, f.measure), &f);
        if (f.measure.empty()) finding_of.emplace(f.metric, &f);
    }
    const auto sentence_for = [&](const model::Comparison& c) -> std::string {
        if (const auto found = finding_of.find(key_of(c.metric, c.measure));
            found != finding_of.end()) {
            return found->second->message;
        }
        if (const auto found = finding_of.find(c.metric); found != finding_of.end()) {
            return found->second->message;
        }
        if (!c.message.empty()) return c.message;
        return c.metric + ": " + std::string(model::to_string(c.change));
    };
    Suite suite{&lists.add("metric_cases", k_case_keys, report.comparisons.size())};
    for (const model::Comparison& c : report.comparisons) {
        if (!c.gated) continue;
        std::string name = c.metric;
        if (!c.measure.empty()) name += " (" + c.measure + ")";
        suite.add(std::move(name), c.level, c.change == model::ChangeClass::skipped,
                  std::string(model::to_string(c.change)), sentence_for(c));
    }
    return suite;
}

// One test case per budget.
Suite budget_cases(const Report& report, RowLists& lists) {
    Suite suite{&lists.add("budget_cases", k_case_keys, report.budgets.size())};
    for (const model::BudgetCheck& b : report.budgets) {
        std::string name = b.metric;
        if (!b.measure.empty()) name += " (" + b.measure + ")";
        name += " " + b.statistic;
        suite.add(std::move(name), b.level, false, "budget", b.message);
    }
    return suite;
}

}  // namespace

// The header keys, `metric_cases` and `budget_cases` with their counts (`metric_tests`,
// `metric_failures`, `metric_skipped`, `has_budget_cases`, `budget_tests`, ...), the
// totals `tests`, `failures`, `skipped`, and the trend section with its test cases.
data junit_view(const Report& report, const RenderOptions& options, RowLists& lists) {
    data view = header_view(report);
    const Suite metrics = metric_cases(report, lists);
    const Suite budgets = budget_cases(report, lists);
    view.set("metric_tests", std::to_string(metrics.tests));
    view.set("metric_failures", std::to_string(metrics.failures));
    view.set("metric_skipped", std::to_string(metrics.skipped));
    view.set("has_budget_cases", boolean(budgets.tests > 0));
    view.set("budget_tests", std::to_string(budgets.tests));
    view.set("budget_failures", std::to_string(budgets.failures));
    view.set("budget_skipped", std::to_string(budgets.skipped));
    view.set("tests", std::to_string(metrics.tests + budgets.tests));
    view.set("failures", std::to_string(metrics.failures + budgets.failures));
    view.set("skipped", std::to_string(metrics.skipped + budgets.skipped));
    add_trend_section(view, report, true,
                      options.trend_rows);  // the trends' cases, added to the totals
    return view;
}

}  // namespace caws::report
