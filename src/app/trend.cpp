#include "app/trend.hpp"

#include "app/gate_setup.hpp"
#include "app/trend_rules.hpp"
#include "report/trend_report.hpp"
#include "store/history_file.hpp"
#include "trend/series.hpp"

namespace caws::app {
namespace {

trend::GateRules gate_rules(const TrendRequest& request) {
    trend::GateRules rules;
    const std::optional<gate::Gate> gate = read_gate_file(request.gate);
    if (gate && gate->trend) rules = trend_rules_of(*gate->trend);
    if (request.recent) rules.change_point_within = *request.recent;
    if (request.fail_on.empty()) return rules;
    rules.degrading = model::Level::warn;
    rules.change_point = model::Level::warn;
    for (const std::string& kind : request.fail_on) {
        if (kind == "degrading") rules.degrading = model::Level::fail;
        if (kind == "change-point") rules.change_point = model::Level::fail;
    }
    return rules;
}

}  // namespace

TrendResult run_trend(const TrendRequest& request) {
    TrendResult result;
    result.rules = gate_rules(request);
    // Read every history before anything is analysed.
    store::HistoryTable history;
    for (const std::string& path : request.histories) {
        store::append_table(history, store::read_history_table(path));
    }
    trend::SeriesOptions series_options;
    series_options.metric_glob = request.metric;
    series_options.last = request.last.value_or(0);
    std::vector<trend::Series> series = trend::build_series(history, series_options);
    history = {};
    std::vector<trend::Trend> trends =
        trend::analyse_all(std::move(series), request.analysis, result.rules);
    result.level = trend::verdict_of(trends);
    result.exit_code = exit_code_of(result.level);

    report::TrendReportInput input;
    input.histories = request.histories;
    input.trends = std::move(trends);
    input.options = request.analysis;
    input.rules = result.rules;
    input.last = request.last;
    input.metric = request.metric;
    result.report = report::build_trend_report(std::move(input));
    return result;
}

}  // namespace caws::app
