#include "trend/leak.hpp"

#include <algorithm>

#include "model/quantity_format.hpp"
#include "stats/linear_regression.hpp"

namespace caws::trend {
namespace {

constexpr double k_bytes_per_mb = 1e6;

std::string mb_per_s(double value) {
    return model::format_number(value, 3) + " MB/s";
}

}  // namespace

bool is_memory_series(const model::Metric& metric, const LeakOptions& options) {
    return metric.status == model::Status::ok && metric.unit.dimension == model::Dimension::size &&
           metric.timestamps.size() == metric.samples.size() &&
           metric.samples.size() >= options.min_samples && metric.samples.size() >= 3;
}

Leak analyse_leak(const model::Metric& metric, const LeakOptions& options) {
    Leak leak;
    leak.metric = metric.name;
    leak.measure = metric.measure;
    leak.n = metric.samples.size();
    if (leak.n == 0) return leak;
    std::vector<double> seconds(leak.n);
    std::vector<double> megabytes(leak.n);
    const double start = metric.timestamps.front();
    double last = start;
    for (std::size_t i = 0; i < leak.n; ++i) {
        seconds[i] = metric.timestamps[i] - start;
        megabytes[i] = metric.samples[i] / k_bytes_per_mb;
        last = std::max(last, metric.timestamps[i]);
    }
    leak.duration = last - start;
    const stats::LinearFit fit = stats::linear_regression(seconds, megabytes, options.confidence);
    leak.slope = fit.slope;
    leak.low = fit.low;
    leak.high = fit.high;
    leak.per_hour = fit.slope * 3600;
    leak.r_squared = fit.r_squared;
    if (leak.low > options.threshold) {
        leak.level = model::Level::fail;
    } else if (leak.slope > options.threshold) {
        leak.level = model::Level::warn;
    }
    return leak;
}

std::vector<Leak> find_leaks(const model::Run& run, const LeakOptions& options) {
    std::vector<Leak> leaks;
    for (const model::Metric& metric : run.metrics) {
        if (is_memory_series(metric, options)) leaks.push_back(analyse_leak(metric, options));
    }
    return leaks;
}

std::optional<model::Finding> leak_finding(const Leak& leak, const LeakOptions& options) {
    if (leak.level != model::Level::warn && leak.level != model::Level::fail) return std::nullopt;
    model::Finding finding;
    finding.level = leak.level;
    finding.code = "leak";
    finding.metric = leak.metric;
    finding.measure = leak.measure;
    const std::string growth = "grows " + mb_per_s(leak.slope) + " (" +
                               model::format_number(leak.per_hour, 3) + " MB per hour; " +
                               model::format_plain_percent(options.confidence) + " interval " +
                               mb_per_s(leak.low) + " to " + mb_per_s(leak.high) + ", " +
                               std::to_string(leak.n) + " samples)";
    if (leak.level == model::Level::fail) {
        finding.message = "Memory leak: " + leak.metric + " " + growth +
                          ", above the threshold of " + mb_per_s(options.threshold) +
                          "; find what keeps allocating.";
    } else {
        finding.message = "Possible memory leak: " + leak.metric + " " + growth +
                          "; the interval reaches below the threshold of " +
                          mb_per_s(options.threshold) + ", measure longer to be sure.";
    }
    return finding;
}

std::vector<model::Finding> leak_findings(const model::Run& run, const LeakOptions& options) {
    std::vector<model::Finding> findings;
    for (const Leak& leak : find_leaks(run, options)) {
        if (auto finding = leak_finding(leak, options)) findings.push_back(std::move(*finding));
    }
    return findings;
}

void add_leak_findings(model::Verdict& verdict, const model::Run& run, const LeakOptions& options) {
    for (model::Finding& finding : leak_findings(run, options)) {
        verdict.level = std::max(verdict.level, finding.level);
        verdict.findings.push_back(std::move(finding));
    }
}

}  // namespace caws::trend
