#include "cli/check_trends.hpp"

namespace caws::cli {

void add_check_trend_options(CLI::App& command, app::CheckTrendRequest& request) {
    auto* history = command.add_option(
        "--history", request.history,
        "History file whose trends the report shows (default: DIR/history/SUITE.jsonl next "
        "to the baseline, when it exists)");
    command
        .add_flag("--no-trends", request.disabled,
                  "Do not analyse the history's trends (no trend section, no trend findings; its "
                  "between-run noise is still used)")
        ->excludes(history);
    command
        .add_option("--history-last", request.last,
                    "Analyse only the newest N runs of the history (with this run)")
        ->check(CLI::Range(std::size_t{1}, std::size_t{1} << 30))
        ->capture_default_str();
}

}  // namespace caws::cli
