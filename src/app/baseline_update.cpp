#include "app/baseline_update.hpp"

#include <charconv>

#include "app/check_between_run.hpp"
#include "compare/comparator.hpp"
#include "gate/policy.hpp"
#include "ingest/input_checks.hpp"
#include "store/history_file.hpp"
#include "store/suite_lock.hpp"
#include "store/suite_update.hpp"
#include "util/environment.hpp"
#include "util/error.hpp"
#include "util/strings.hpp"

namespace caws::app {
namespace {

std::optional<std::size_t> parse_history_limit(const std::optional<std::string>& text) {
    if (!text) return std::nullopt;
    std::size_t limit = 0;
    const char* end = text->data() + text->size();
    const auto [stop, error] = std::from_chars(text->data(), end, limit);
    if (text->empty() || error != std::errc() || stop != end || limit < 1) {
        throw util::Error("--history-limit", {},
                          "expected a whole number of runs of at least 1, got \"" + *text + "\"");
    }
    return limit;
}

// The findings that fail the gate.
std::vector<model::Finding> failing_findings(const model::Verdict& verdict) {
    std::vector<model::Finding> failing;
    for (const model::Finding& finding : verdict.findings) {
        if (finding.level == model::Level::fail) failing.push_back(finding);
    }
    return failing;
}

// Where the history already holds `run`: one that carries its own measurement date
// (Google Benchmark's context.date, ...) and whose history line would be byte for byte one
// that is there (the same date, commit, branch, host and per-metric summaries). 0 when it
// does not, else the run's number in the history (1 the oldest).
std::size_t recorded_as(const model::Run& run, const store::SuiteFiles& files,
                        const std::string& date, const store::Provenance& provenance) {
    if (files.history_lines.empty() || !util::parse_date(run.context.date)) return 0;
    const std::string line =
        store::history_line(store::summarize_run(run, date, provenance.commit, provenance.branch));
    const std::string_view wanted = util::trim(line);
    for (std::size_t i = files.history_lines.size(); i > 0; --i) {
        if (util::trim(files.history_lines[i - 1]) == wanted) return i;
    }
    return 0;
}

}  // namespace

std::string history_date(const model::Run& run, const store::Provenance& provenance) {
    if (const auto measured = util::parse_date(run.context.date)) {
        return util::format_utc(*measured);
    }
    return provenance.created;
}

UpdateResult run_baseline_update(const UpdateRequest& request,
                                 const util::Environment& environment) {
    // Check the request and read every input before anything is locked or written.
    UpdateResult result;
    result.policy = store::parse_update_policy(request.policy);
    store::HistoryOptions history;
    history.write = !request.no_history;
    history.limit = parse_history_limit(request.history_limit);
    if (request.no_history && history.limit) {
        throw util::Error("--history-limit", {}, "cannot be combined with --no-history");
    }
    const compare::Options compare_options = comparison_options(request.statistics);
    const std::string suite = request.suite.value_or(default_suite(request.results.front()));
    store::check_suite_name(suite);
    model::Run run = read_run(request.results, request.inputs);
    const store::Provenance provenance = store::collect_provenance(environment);
    const std::string date = history_date(run, provenance);

    const bool rolling = result.policy.kind == store::UpdatePolicy::Kind::rolling;
    const store::SuiteLock lock(store::lock_path(request.directory, suite), request.lock_timeout);
    const store::SuiteFiles files =
        store::read_suite_files(request.directory, suite, rolling, history.write);
    result.baseline_path = files.baseline_path;
    result.history_path = files.history_path;
    // A run the history holds already. As its newest run, this update has been made (a
    // retry after the job was killed, say): nothing to do but the leftovers of the killed
    // one. Older, taking it again would count one run twice and make runs look steadier
    // than they are to the between-run noise of check and of the guard.
    if (const std::size_t recorded = recorded_as(run, files, date, provenance)) {
        const std::size_t lines = files.history_lines.size();
        if (recorded == lines && files.baseline) {
            store::remove_leftovers(files, files.baseline->provenance.runs);
            result.already_recorded = true;
            result.recorded_date = date;
            return result;
        }
        throw util::Error(
            request.results.front(), {},
            "this run (measured " + date +
                (run.context.host.empty() ? ""
                                          : " on " + ingest::printable_name(run.context.host)) +
                ") is already in the history " + files.history_path + ", as its run " +
                std::to_string(recorded) + " of " + std::to_string(lines) +
                ": taking it again would count one run twice and make runs look steadier than "
                "they are; give a new run's results (nothing was written)");
    }

    // The guard: a run that fails the gate against the current baseline is not taken. A
    // change inside the between-run noise of the history is no regression, as in `check`.
    if (files.baseline) {
        compare::BetweenRunOptions between_options = request.between_run;
        between_options.other_statistics = compare_options.statistic != compare::Statistic::median;
        const CheckBetweenRun between =
            guard_between_run(files.history_path, files.baseline->provenance, date,
                              provenance.commit, between_options);
        compare::Options guard_options = compare_options;
        guard_options.between_run = &between.noise;
        const model::Verdict verdict =
            gate::evaluate(compare::compare_runs(files.baseline->run, run, guard_options));
        if (verdict.level == model::Level::fail) {
            result.failing = failing_findings(verdict);
            if (!request.accept_regressions) {
                result.exit_code = k_exit_fail;
                return result;
            }
        }
    }

    result.metrics = run.metrics.size();
    result.commit = provenance.commit;
    const store::SuiteUpdate update =
        store::plan_update(files, std::move(run), provenance, result.policy, history, date);
    store::apply_update(files, update);
    result.pooled_runs = update.baseline.provenance.runs.size();
    if (update.history_text) result.history_lines = update.history_lines;
    return result;
}

}  // namespace caws::app
