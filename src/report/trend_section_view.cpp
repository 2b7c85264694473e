#include "report/trend_section_view.hpp"

#include <algorithm>
#include <map>
#include <string>
#include <utility>
#include <vector>

#include "report/trend_view.hpp"
#include "report/view_fields.hpp"

namespace caws::report {
namespace {

using kainjow::mustache::data;

std::string string_of(const data& object, const std::string& key) {
    const data* value = object.get(key);
    return value != nullptr && value->is_string() ? value->string_value() : std::string();
}

// "31 runs: the newest 30 of the history's 340 and this run".
std::string analysed_text(const TrendReport& section) {
    std::size_t runs = 0;
    for (const TrendReportEntry& t : section.trends) runs = std::max(runs, t.n());
    const std::size_t history = section.history_runs.value_or(runs);
    const bool candidate = section.includes_candidate.value_or(false);
    const std::size_t from_history = candidate && runs > 0 ? runs - 1 : runs;
    std::string text = plural(runs, "run", "runs") + ": ";
    if (from_history < history) {
        text += "the newest " + std::to_string(from_history) + " of the history's " +
                std::to_string(history);
    } else {
        text += "the history's " + std::to_string(history);
    }
    if (candidate) text += " and this run";
    return text;
}

// Adds one JUnit test case per gated metric of the trends; the failures and warnings
// carry the messages of the trend findings about that metric.
void add_trend_cases(data& trends, data& view, const Report& report, const TrendReport& section) {
    std::map<std::string, std::string> messages;
    for (const model::Finding& f : report.findings) {
        if (!f.code.starts_with("trend-")) continue;
        std::string& text = messages[f.metric + '\x1f' + f.measure];
        if (!text.empty()) text += " ";
        text += f.message;
    }
    data cases(data::type::list);
    rows_of(cases).reserve(section.trends.size());
    std::size_t tests = 0;
    std::size_t failures = 0;
    for (const TrendReportEntry& item : section.trends) {
        const trend::Trend& t = item.trend;
        if (t.series.direction == model::Direction::unknown) continue;
        const std::string& metric = t.series.metric;
        const std::string& measure = t.series.measure;
        const std::string level(model::to_string(t.level));
        std::string message = messages[metric + '\x1f' + measure];
        if (message.empty()) {
            message = metric + (measure.empty() ? "" : " (" + measure + ")") + ": " +
                      std::string(trend::to_string(t.drift.drift)) + ", " +
                      plural(t.change_points.size(), "change point", "change points");
        }
        data entry;
        entry.set("name", metric + (measure.empty() ? "" : " (" + measure + ")"));
        entry.set("failure", boolean(level == "fail"));
        entry.set("message", message);
        entry.set("has_output", boolean(level == "warn"));
        entry.set("output", "warning: " + message);
        rows_of(cases).push_back(std::move(entry));
        ++tests;
        if (level == "fail") ++failures;
    }
    put(trends, "trend_cases", std::move(cases));
    trends.set("trend_tests", std::to_string(tests));
    trends.set("trend_failures", std::to_string(failures));
    // The totals of the whole file include the trend cases.
    const auto add_to = [&view](const char* key, std::size_t count) {
        const std::string now = string_of(view, key);
        view.set(key, std::to_string((now.empty() ? 0 : std::stoul(now)) + count));
    };
    add_to("tests", tests);
    add_to("failures", failures);
}

}  // namespace

void add_trend_section(data& view, const Report& report, bool junit_cases, bool rows) {
    view.set("has_trends", boolean(report.trends.has_value()));
    if (!report.trends) return;
    const TrendReport& section = *report.trends;
    std::size_t total = 0;
    data trends = trend_view(section, k_report_trend_charts, total, rows);
    trends.set("history", section.histories.empty() ? std::string() : section.histories[0]);
    trends.set("analysed", analysed_text(section));

    // Charts of failing metrics first, then warnings, each group in the report's order (the
    // view drew only those shown).
    std::vector<const data*> charts;
    if (const data* list = trends.get("charts"); list != nullptr && list->is_list()) {
        for (const data& chart : list->list_value()) charts.push_back(&chart);
    }
    std::stable_sort(charts.begin(), charts.end(), [](const data* a, const data* b) {
        return level_rank(string_of(*a, "level")) < level_rank(string_of(*b, "level"));
    });
    const std::size_t shown = std::min(charts.size(), k_report_trend_charts);
    data kept(data::type::list);
    for (std::size_t i = 0; i < shown; ++i) kept.push_back(*charts[i]);
    put(trends, "charts", std::move(kept));
    trends.set("has_charts_omitted", boolean(total > shown));
    trends.set("charts_omitted", std::to_string(total - shown));
    const data* points = trends.get("all_change_points");
    trends.set("has_change_points",
               boolean(points != nullptr && points->is_list() && !points->list_value().empty()));
    if (junit_cases) add_trend_cases(trends, view, report, section);
    put(view, "trends", std::move(trends));
}

}  // namespace caws::report
