#include "cli/check_trends.hpp"

#include <filesystem>

#include "cli/baseline_update.hpp"
#include "cli/trend_rules.hpp"
#include "report/trend_section.hpp"
#include "store/baseline_file.hpp"
#include "store/history_file.hpp"
#include "trend/series.hpp"
#include "util/file_io.hpp"

namespace caws::cli {

void add_check_trend_options(CLI::App& command, CheckTrendRequest& request) {
    auto* history = command.add_option(
        "--history", request.history,
        "History file whose trends the report shows (default: DIR/history/SUITE.jsonl next "
        "to the baseline, when it exists)");
    command
        .add_flag("--no-trends", request.disabled,
                  "Do not analyse the history (no trend section, no trend findings)")
        ->excludes(history);
    command
        .add_option("--history-last", request.last,
                    "Analyse only the newest N runs of the history (with this run)")
        ->check(CLI::Range(std::size_t{1}, std::size_t{1} << 30))
        ->capture_default_str();
}

std::string history_next_to(const std::string& baseline_path) {
    const std::filesystem::path baseline(baseline_path);
    const std::filesystem::path history =
        baseline.parent_path() / "history" / (baseline.stem().string() + ".jsonl");
    return history.string();
}

std::optional<CheckTrends> analyse_check_history(const CheckTrendRequest& request,
                                                 const std::string& baseline_path,
                                                 const model::Run& candidate,
                                                 const std::optional<gate::Gate>& gate,
                                                 const compare::Options& compare_options,
                                                 const util::Environment& environment) {
    if (request.disabled) return std::nullopt;
    CheckTrends result;
    if (request.history) {
        result.history = *request.history;
    } else {
        result.history = history_next_to(baseline_path);
        if (!util::file_exists(result.history)) return std::nullopt;
    }
    store::HistoryTable history = store::read_history_table(result.history);
    const std::size_t history_runs = history.runs.size();

    // The candidate as the newest point, exactly as `baseline update` would record it.
    const store::Provenance provenance = store::collect_provenance(environment);
    const store::HistoryEntry point = store::summarize_run(
        candidate, history_date(candidate, provenance), provenance.commit, provenance.branch);
    // A run checked after it was recorded (a nightly job) is not counted twice.
    const bool recorded = !history.runs.empty() && !point.commit.empty() &&
                          history.runs.back().commit == point.commit &&
                          history.runs.back().date == point.date;
    if (!recorded) store::append_run(history, point);

    trend::Options options;
    options.thresholds = compare_options.thresholds;
    result.rules = check_trend_rules(gate);
    trend::SeriesOptions series_options;
    series_options.last = request.last;
    series_options.first_run =
        history.runs.size() > request.last ? history.runs.size() - request.last : 0;
    std::vector<trend::Series> series = trend::build_series(history, series_options);
    history = {};
    result.trends = trend::analyse_all(std::move(series), options, result.rules);

    report::TrendSectionInput input;
    input.history = result.history;
    input.trends = &result.trends;
    input.options = options;
    input.rules = result.rules;
    input.last = request.last;
    input.history_runs = history_runs;
    input.includes_candidate = !recorded;
    result.section = report::build_trend_section(input);
    return result;
}

}  // namespace caws::cli
