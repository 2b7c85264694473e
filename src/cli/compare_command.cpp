#include <memory>
#include <optional>

#include "cli/cli.hpp"
#include "cli/command.hpp"
#include "cli/compare_options.hpp"
#include "cli/inputs.hpp"
#include "cli/outputs.hpp"
#include "compare/comparator.hpp"
#include "compare/geomean.hpp"
#include "gate/policy.hpp"
#include "gate/recommendations.hpp"
#include "gate/scores.hpp"
#include "ingest/results.hpp"
#include "report/json_report.hpp"
#include "store/baseline_file.hpp"

namespace caws::cli {
namespace {

struct CompareOptions {
    std::string old_path;
    std::string new_path;
    InputRequest inputs;
    StatisticsRequest statistics;
    ReportRequest reports;
};

// A side of the comparison: a caws-gate baseline file or a results file.
struct Side {
    model::Run run;
    std::optional<store::Provenance> provenance;
};

Side read_side(const std::string& path, const InputRequest& inputs) {
    if (store::looks_like_baseline_file(path)) {
        store::Baseline baseline = store::load_baseline(path);
        return Side{std::move(baseline.run), baseline.provenance};
    }
    return Side{ingest::read_results({path}, inputs.format, read_options(inputs)), std::nullopt};
}

int run_compare(const CompareOptions& options, const Io& io) {
    const Side old_side = read_side(options.old_path, options.inputs);
    const Side new_side = read_side(options.new_path, options.inputs);
    const compare::Options compare_options = comparison_options(options.statistics);
    model::Verdict verdict =
        gate::evaluate(compare::compare_runs(old_side.run, new_side.run, compare_options));
    // Scores and advice inform a comparison by hand too; nothing gates on them here.
    const gate::ScoreInput score_input{
        &old_side.run, &new_side.run,
        old_side.provenance ? gate::age_in_days(old_side.provenance->created, io.environment.now())
                            : std::nullopt,
        compare_options.thresholds.minor, compare_options.alpha};
    gate::apply_scores(verdict, score_input);
    verdict.recommendations = gate::recommend(verdict, score_input);
    report::ReportInput input;
    input.command = "compare";
    input.gated = false;
    input.verdict = &verdict;
    input.baseline = &old_side.run;
    input.baseline_label = options.old_path;
    input.baseline_provenance = old_side.provenance;
    input.candidate = &new_side.run;
    input.options = compare_options;
    input.geomean = compare::geometric_mean_of_ratios(verdict.comparisons, compare_options);
    emit_reports(report::build_report(input), options.reports, io.out);
    return k_exit_pass;
}

}  // namespace

Handler setup_compare(CLI::App& command, const Io& io) {
    auto options = std::make_shared<CompareOptions>();
    command.add_option("old", options->old_path, "The older run: results or a baseline file")
        ->required();
    command.add_option("new", options->new_path, "The newer run: results or a baseline file")
        ->required();
    add_input_options(command, options->inputs);
    add_statistics_options(command, options->statistics);
    add_report_options(command, options->reports);
    return [options, &io] { return run_compare(*options, io); };
}

}  // namespace caws::cli
