#include "app/check_trends.hpp"

#include <filesystem>
#include <set>
#include <utility>

#include "app/baseline_update.hpp"
#include "app/trend_rules.hpp"
#include "report/trend_section.hpp"
#include "store/baseline_file.hpp"
#include "store/history_file.hpp"
#include "trend/findings.hpp"
#include "trend/series.hpp"
#include "util/error.hpp"
#include "util/file_io.hpp"
#include "util/parallel.hpp"

namespace caws::app {

std::optional<std::string> baseline_history(const std::string& baseline_path) {
    const std::filesystem::path baseline(baseline_path);
    const std::string directory = baseline.parent_path().string();
    std::string history;
    try {
        history = store::history_path(directory, baseline.stem().string());
    } catch (const util::Error&) {
        // Not a suite name (a file named with --baseline): no update keeps its history.
        return std::nullopt;
    }
    // store::history_path spells the working directory "./"; the history of a baseline
    // named without a directory is named without one too, as the report always showed it.
    if (directory.empty()) history.erase(0, 2);
    return history;
}

std::optional<CheckHistory> read_check_history(const CheckTrendRequest& request,
                                               const std::string& baseline_path) {
    CheckHistory result;
    if (request.history) {
        result.path = *request.history;
    } else {
        const std::optional<std::string> next_to = baseline_history(baseline_path);
        if (!next_to || !util::file_exists(*next_to)) return std::nullopt;
        result.path = *next_to;
    }
    result.table = store::read_history_table(result.path);
    return result;
}

void add_candidate_point(CheckHistory& result, const model::Run& candidate,
                         const util::Environment& environment) {
    // The candidate as the newest point, as `baseline update` would record it but for the
    // branch, which nothing in a check reads (and which would cost a git process).
    const store::Provenance provenance = store::collect_provenance_without_branch(environment);
    result.candidate = store::summarize_run(candidate, history_date(candidate, provenance),
                                            provenance.commit, provenance.branch);
    // A run checked after it was recorded (a nightly job) is not counted twice.
    const store::HistoryTable& history = result.table;
    result.recorded = !history.runs.empty() && !result.candidate.commit.empty() &&
                      history.runs.back().commit == result.candidate.commit &&
                      history.runs.back().date == result.candidate.date;
}

namespace {

// The trends of the measures the check compares without gating them are reported only:
// gating a second clock's history would undo gating one measure per benchmark.
void report_ungated_trends(std::vector<trend::Trend>& trends,
                           const std::vector<model::Comparison>& comparisons) {
    std::set<std::pair<std::string, std::string>> ungated;
    for (const model::Comparison& c : comparisons) {
        if (!c.gated && c.direction != model::Direction::unknown) {
            ungated.emplace(c.metric, c.measure);
        }
    }
    if (ungated.empty()) return;
    for (trend::Trend& t : trends) {
        if (ungated.count({t.series.metric, t.series.measure}) > 0) {
            trend::report_only(t, "not gated in this check: its trend is reported, not gated");
        }
    }
}

}  // namespace

CheckTrends analyse_check_history(const CheckTrendRequest& request, CheckHistory read,
                                  const std::optional<gate::Gate>& gate,
                                  const compare::Options& compare_options,
                                  model::Verdict& verdict) {
    CheckTrends result;
    result.history = std::move(read.path);
    store::HistoryTable history = std::move(read.table);
    const std::size_t history_runs = history.runs.size();
    const bool recorded = read.recorded;
    if (!recorded) store::append_run(history, read.candidate);

    trend::Options options;
    options.thresholds = compare_options.thresholds;
    const trend::GateRules rules = check_trend_rules(gate);
    trend::SeriesOptions series_options;
    series_options.last = request.last;
    series_options.first_run =
        history.runs.size() > request.last ? history.runs.size() - request.last : 0;
    std::vector<trend::Series> series = trend::build_series(history, series_options);
    history = {};
    // The table was most of the memory so far, much of it in the reading threads' arenas:
    // give it back before the trends and the report take theirs (36 MB of the peak of a
    // 20,000-benchmark check).
    util::release_free_memory();
    std::vector<trend::Trend> trends = trend::analyse_all(std::move(series), options, rules);
    report_ungated_trends(trends, verdict.comparisons);
    trend::add_trend_findings(verdict, trends, rules);

    report::TrendSectionInput input;
    input.history = result.history;
    input.trends = std::move(trends);
    input.options = options;
    input.rules = rules;
    input.last = request.last;
    input.history_runs = history_runs;
    input.includes_candidate = !recorded;
    result.section = report::build_trend_section(std::move(input));
    return result;
}

}  // namespace caws::app
