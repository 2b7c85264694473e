#include "compare/level_shift.hpp"

#include <algorithm>

#include "model/quantity_format.hpp"
#include "stats/level_shift.hpp"

namespace caws::compare {
namespace {

// The step of one side, when it is significant and at least the minor threshold in size.
std::optional<model::LevelShift> step_of(const model::Metric& metric, const char* side,
                                         const Options& options) {
    const std::optional<stats::LevelShift> found = stats::find_level_shift(metric.samples);
    if (!found || found->p_value > options.alpha) return std::nullopt;
    const double size = std::max(found->after / found->before, found->before / found->after);
    if (!(size >= options.thresholds.minor)) return std::nullopt;
    return model::LevelShift{side,          found->at,    found->n,
                             found->before, found->after, found->p_value};
}

std::string p_text(double p) {
    const std::string text = model::format_p_value(p);
    return text.front() == '<' ? "p " + text.substr(0, 1) + " " + text.substr(1) : "p = " + text;
}

}  // namespace

void find_level_shifts(std::vector<model::Comparison>& comparisons,
                       std::span<const std::pair<const model::Metric*, const model::Metric*>> pairs,
                       std::span<const Options* const> settings, bool baseline_in_run_order) {
    for (std::size_t i = 0; i < comparisons.size() && i < pairs.size(); ++i) {
        model::Comparison& c = comparisons[i];
        const auto [baseline, candidate] = pairs[i];
        if (!c.gated || !model::is_change(c.change) || baseline == nullptr || candidate == nullptr)
            continue;
        c.level_shift = step_of(*candidate, "candidate", *settings[i]);
        if (!c.level_shift && baseline_in_run_order) {
            c.level_shift = step_of(*baseline, "baseline", *settings[i]);
        }
        if (c.level_shift) {
            c.notes.push_back(describe_level_shift(*c.level_shift, c.unit) +
                              ": a warning, not a failure, until a rerun confirms it");
        }
    }
}

std::string describe_level_shift(const model::LevelShift& shift, const model::Unit& unit) {
    return "the " + shift.side + "'s repetitions moved from " +
           model::format_quantity(shift.before, unit) + " to " +
           model::format_quantity(shift.after, unit) + " (" +
           model::format_ratio(shift.after / shift.before) + ") after " + std::to_string(shift.at) +
           " of " + std::to_string(shift.n) + ", in the order they ran (" + p_text(shift.p_value) +
           "): the machine changed while it ran";
}

}  // namespace caws::compare
