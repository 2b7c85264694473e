#include "app/compare.hpp"

#include <optional>

#include "store/baseline_file.hpp"
#include "util/file_io.hpp"
#include "util/parallel.hpp"

namespace caws::app {
namespace {

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
    return Side{read_run({path}, inputs), std::nullopt};
}

}  // namespace

CompareResult run_compare(const CompareRequest& request, const util::Environment& environment) {
    // The two files are read at once, each on a core; an error in the old one is reported
    // first, as when they were read in turn.
    Side old_side;
    Side new_side;
    util::run_both(
        [&] { old_side = read_side(request.old_path, request.inputs); },
        [&] { new_side = read_side(request.new_path, request.inputs); },
        util::worth_two_threads(util::regular_file_bytes({request.old_path, request.new_path})));
    const GateSetup setup{std::nullopt, comparison_options(request.statistics), {}};
    const ComparedRuns runs{&old_side.run, request.old_path, old_side.provenance, &new_side.run};
    const std::int64_t now = environment.now();
    // Scores and advice inform a comparison by hand too; nothing gates on them here.
    ReportContext context;
    context.command = "compare";
    context.gated = false;
    return finish_verdict(compare_and_gate(runs, setup, now), runs, setup, std::move(context), now);
}

}  // namespace caws::app
