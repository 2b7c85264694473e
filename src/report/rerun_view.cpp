#include "report/rerun_view.hpp"

#include <string>

#include "report/escape.hpp"
#include "report/rerun_filter.hpp"
#include "report/view_fields.hpp"

namespace caws::report {
namespace {

// Longer filters (hundreds of regressions) would crowd a pull-request comment, which has
// a length limit: the report then points to the JSON report's copy.
constexpr std::size_t k_longest_filter_shown = 1000;

// A filter as the shell reads it, in a code span, or where to find a long one.
std::string filter_text(const std::string& filter) {
    const std::string word = shell_word(filter);
    if (word.size() > k_longest_filter_shown) {
        return "the filter in the JSON report (`rerun.filter`)";
    }
    return markdown_code_span(word);
}

// "the 2 benchmarks with a regression alone, with `FILTER`", or the whole suite when the
// results' format has no filter.
std::string what_to_rerun(const RerunSection& rerun) {
    if (rerun.filter) {
        const std::size_t count = rerun.benchmarks.size();
        return (count == 1 ? std::string("the benchmark with a regression")
                           : "the " + std::to_string(count) + " benchmarks with a regression") +
               " alone, with " + filter_text(*rerun.filter);
    }
    return "the whole suite (" +
           (rerun.format.empty() ? std::string("the results mix formats")
                                 : escape_markdown(rerun.format) + " results have no filter") +
           ")";
}

// What to do with the rerun, by command: `check` takes it back with --confirm, `ab` passes
// the filter to both commands after --.
std::string rerun_line(const RerunSection& rerun, const std::string& command) {
    if (command == "check") {
        return "**Rerun to confirm:** run " + what_to_rerun(rerun) +
               ", then check again with `--confirm RERUN` (the rerun's results file): only "
               "the regressions that the rerun confirms count.";
    }
    return "**Rerun:** " + what_to_rerun(rerun) + ", added after `--` to both commands.";
}

std::string confirm_line(const ConfirmSection& confirm) {
    std::string files;
    for (const model::Source& source : confirm.run.sources) {
        if (!files.empty()) files += ", ";
        files += escape_markdown(source.path);
    }
    const std::size_t total = confirm.confirmed + confirm.not_confirmed;
    std::string line = "**Confirmed by a rerun** (" + files + "): ";
    if (total == 0) return line + "this run has no regression to confirm.";
    line += "the rerun confirms " + std::to_string(confirm.confirmed) + " of the " +
            plural(total, "regressed benchmark", "regressed benchmarks") + " of this run";
    if (confirm.not_confirmed == 0) return line + ".";
    return line + "; " + std::to_string(confirm.not_confirmed) + " not confirmed by the rerun " +
           (confirm.not_confirmed == 1 ? "does" : "do") + " not count.";
}

}  // namespace

void add_rerun_view(kainjow::mustache::data& view, const Report& report) {
    view.set("has_confirm", boolean(report.confirm.has_value()));
    view.set("confirm_line", report.confirm ? confirm_line(*report.confirm) : std::string());
    const bool rerun = report.rerun.has_value() && !report.confirm;
    view.set("has_rerun", boolean(rerun));
    view.set("rerun_line", rerun ? rerun_line(*report.rerun, report.command) : std::string());
}

}  // namespace caws::report
