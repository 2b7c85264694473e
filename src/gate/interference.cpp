#include "gate/interference.hpp"

#include <algorithm>
#include <cmath>

#include "compare/gated_measures.hpp"
#include "model/quantity_format.hpp"
#include "util/string_map.hpp"

namespace caws::gate {
namespace {

// Compared on both sides with a ratio: not added, removed, failed or skipped.
bool measured(const model::Comparison& c) {
    return model::is_compared(c.change) && c.ratio.has_value() && std::isfinite(*c.ratio);
}

// "real_time 1.58x, cpu_time 0.99x"
std::string clock_ratios(const Interference& interference) {
    return "real_time " + model::format_ratio(*interference.wall->ratio) + ", cpu_time " +
           model::format_ratio(*interference.cpu->ratio);
}

// CPU time got worse beyond the noise of the run, also when the between-run noise of the
// history then classed the change unchanged: the clock itself moved, so a wait for the CPU
// does not explain the wall time.
bool cpu_grew(const model::Comparison& c, double minor, double alpha) {
    if (c.between_run && c.between_run->reclassified_from &&
        model::is_regression(*c.between_run->reclassified_from)) {
        return true;
    }
    return compare::worse_beyond_noise(c, minor, alpha);
}

}  // namespace

InterferenceScan scan_interference(std::span<const model::Comparison> comparisons, double minor,
                                   double alpha) {
    // The two clocks of each benchmark, in the order the benchmarks first come.
    std::vector<Interference> clocks;
    util::StringMap<std::size_t> index;
    for (const model::Comparison& c : comparisons) {
        const bool wall = c.measure == "real_time";
        if ((!wall && c.measure != "cpu_time") || !measured(c)) continue;
        const auto [found, inserted] = index.try_emplace(c.metric, clocks.size());
        if (inserted) clocks.emplace_back();
        (wall ? clocks[found->second].wall : clocks[found->second].cpu) = &c;
    }
    InterferenceScan scan;
    for (const Interference& pair : clocks) {
        if (pair.wall == nullptr || pair.cpu == nullptr) continue;
        if (compare::google_benchmark_clock(pair.wall->metric) != "cpu_time") continue;
        ++scan.judged;
        if (compare::worse_beyond_noise(*pair.wall, minor, alpha) &&
            !cpu_grew(*pair.cpu, minor, alpha)) {
            scan.suspected.push_back(pair);
        }
    }
    return scan;
}

std::string interference_sentence(const Interference& interference) {
    return "wall time grew without CPU time: interference suspected (" +
           clock_ratios(interference) + ")";
}

void add_interference_findings(model::Verdict& verdict, double minor, double alpha) {
    const InterferenceScan scan = scan_interference(verdict.comparisons, minor, alpha);
    for (const Interference& found : scan.suspected) {
        const std::string sentence = interference_sentence(found);
        const bool wall_gated = found.wall->gated;
        std::string message = found.wall->metric + ": " + sentence + ". ";
        message += wall_gated
                       ? "The gate file gates real_time, which counts the time the benchmark "
                         "waited for a CPU another process held: check the change against "
                         "cpu_time, or measure again on a quieter machine."
                       : "Another process held the CPU while the benchmark ran; cpu_time, which "
                         "is gated, leaves that wait out. Measure on a quieter machine, or "
                         "interleave the repetitions (--benchmark_enable_random_interleaving="
                         "true) so that such a burst spreads over every benchmark.";
        const model::Level level = wall_gated ? model::Level::warn : model::Level::info;
        verdict.findings.push_back(model::Finding{level, "interference", found.wall->metric,
                                                  "real_time", std::move(message), std::nullopt});
        verdict.level = std::max(verdict.level, std::min(level, model::Level::warn));
        const auto at = static_cast<std::size_t>(found.wall - verdict.comparisons.data());
        verdict.comparisons[at].notes.push_back(sentence);
    }
    if (verdict.level == model::Level::info) verdict.level = model::Level::pass;
}

model::ScoreComponent interference_component(const model::Verdict& verdict, double minor,
                                             double alpha, double weight) {
    const InterferenceScan scan = scan_interference(verdict.comparisons, minor, alpha);
    if (scan.judged == 0) {
        return {"interference", 100, weight,
                "no benchmark timed by CPU time has both real_time and cpu_time compared"};
    }
    const std::size_t suspected = scan.suspected.size();
    const double score =
        std::round(100 * (1 - static_cast<double>(suspected) / static_cast<double>(scan.judged)));
    std::string detail = std::to_string(suspected) + " of " + std::to_string(scan.judged) +
                         (scan.judged == 1 ? " benchmark" : " benchmarks") +
                         " timed by CPU time grew in wall time without CPU time";
    if (suspected > 0) {
        detail += " (first: " + scan.suspected.front().wall->metric + ", " +
                  clock_ratios(scan.suspected.front()) + ")";
    }
    return {"interference", score, weight, detail};
}

}  // namespace caws::gate
