#include "compare/ratio_interval.hpp"

#include <cmath>
#include <string>

#include "model/quantity_format.hpp"
#include "stats/bootstrap.hpp"
#include "stats/hodges_lehmann.hpp"
#include "stats/random.hpp"
#include "util/hash.hpp"

namespace caws::compare {
namespace {

// An interval of candidate / baseline, oriented like the ratio.
model::Interval oriented_interval(double low, double high, model::Direction direction) {
    if (direction == model::Direction::higher) return {1 / high, 1 / low};
    return {low, high};
}

// The interval of the t-test on log values, exponentiated: what is left when the sample
// sizes are too small for a distribution-free interval at the requested level.
bool add_t_interval(model::Comparison& c, const std::optional<stats::TTestResult>& t,
                    const Options& options) {
    if (!t || !(t->standard_error > 0) || !std::isfinite(t->standard_error)) return false;
    const double half =
        stats::student_t_quantile(1 - (1 - options.confidence) / 2, t->df) * t->standard_error;
    c.ci = oriented_interval(std::exp(t->difference - half), std::exp(t->difference + half),
                             c.direction);
    c.ci_method = std::string("t");  // not = "t": GCC 12 warns falsely (-Wrestrict)
    return true;
}

}  // namespace

std::uint64_t metric_stream(const model::Metric& metric) {
    return util::fnv1a(metric.measure, util::fnv1a("\x1f", util::fnv1a(metric.name)));
}

void add_interval(model::Comparison& c, const model::Metric& metric, const Side& b, const Side& s,
                  const Options& options, const std::optional<stats::TTestResult>& log_t) {
    if (b.values.empty() || s.values.empty()) return;
    if (!b.positive || !s.positive) {
        c.notes.emplace_back(k_no_ratio_interval_note);
        return;
    }
    const std::string level = model::format_plain_percent(options.confidence);
    // With a single value on a side, "too few samples to test" already says it all.
    const bool worth_a_note = b.values.size() >= 2 && s.values.size() >= 2;
    if (options.ci == CiMethod::hodges_lehmann) {
        const stats::ShiftEstimate shift =
            stats::hodges_lehmann(b.logs, s.logs, options.confidence);
        if (!shift.interval) {
            if (add_t_interval(c, log_t, options)) return;
            if (worth_a_note) c.notes.push_back("too few samples for a " + level + " interval");
            return;
        }
        c.ci = oriented_interval(std::exp(shift.interval->low), std::exp(shift.interval->high),
                                 c.direction);
        c.ci_method = "hodges-lehmann";
        return;
    }
    if (!worth_a_note) return;
    stats::BootstrapOptions bootstrap;
    bootstrap.resamples = options.resamples;
    bootstrap.confidence = options.confidence;
    bootstrap.seed = stats::derive_seed(options.seed, metric_stream(metric));
    if (const auto interval = stats::bootstrap_median_ratio(b.values, s.values, bootstrap)) {
        c.ci = oriented_interval(interval->low, interval->high, c.direction);
        c.ci_method = "bootstrap";
    }
}

}  // namespace caws::compare
