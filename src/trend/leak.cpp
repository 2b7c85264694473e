#include "trend/leak.hpp"

#include <algorithm>
#include <charconv>
#include <cmath>

#include "model/quantity_format.hpp"
#include "stats/ar1_regression.hpp"
#include "util/strings.hpp"

namespace caws::trend {
namespace {

constexpr double k_bytes_per_mb = 1e6;

std::string mb_per_s(double value) {
    return model::format_number(value, 3) + " MB/s";
}

struct TimeUnit {
    std::string_view name;
    double seconds;
};
constexpr TimeUnit k_time_units[] = {{"s", 1}, {"min", 60}, {"h", 3600}, {"d", 86400}};

std::optional<double> number(std::string_view text) {
    text = util::trim(text);
    double value = 0;
    const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
    if (error != std::errc() || end != text.data() + text.size() || !std::isfinite(value)) {
        return std::nullopt;
    }
    return value;
}

std::variant<LeakThreshold, std::string> relative_threshold(std::string_view text,
                                                            std::size_t percent_sign) {
    const std::string written(text);
    const std::optional<double> percent = number(text.substr(0, percent_sign));
    if (!percent) return "expected a number before \"%\", as in \"5%/h\", got \"" + written + "\"";
    const std::string_view rest = util::trim(text.substr(percent_sign + 1));
    if (!rest.starts_with('/')) {
        return "expected a time unit after \"%\", as in \"5%/h\" (s, min, h or d), got \"" +
               written + "\"";
    }
    const std::string_view unit = util::trim(rest.substr(1));
    const auto* found = std::find_if(std::begin(k_time_units), std::end(k_time_units),
                                     [unit](const TimeUnit& u) { return u.name == unit; });
    if (found == std::end(k_time_units)) {
        return "unknown time unit \"" + std::string(unit) + "\" in \"" + written +
               "\"; expected s, min, h or d";
    }
    if (*percent < 0) return "expected a growth that is not negative, got \"" + written + "\"";
    LeakThreshold threshold;
    threshold.percent = *percent;
    threshold.per_seconds = found->seconds;
    threshold.text =
        std::string(util::trim(text.substr(0, percent_sign))) + "%/" + std::string(found->name);
    return threshold;
}

// The threshold in MB/s for a series starting at `start` MB; a relative threshold of a
// series that starts at or below zero has nothing to be relative to and is 0.
double threshold_mb_per_s(const LeakThreshold& threshold, double start) {
    if (!threshold.relative()) return threshold.mb_per_s;
    return std::max(0.0, start) * threshold.percent / 100 / threshold.per_seconds;
}

std::string threshold_text(const Leak& leak, const LeakOptions& options) {
    if (!options.threshold.relative()) return mb_per_s(leak.threshold);
    return options.threshold.text + " of " + model::format_number(leak.start, 4) + " MB (" +
           mb_per_s(leak.threshold) + ")";
}

}  // namespace

std::variant<LeakThreshold, std::string> parse_leak_threshold(std::string_view text) {
    const std::string_view content = util::trim(text);
    if (const std::size_t percent = content.find('%'); percent != std::string_view::npos) {
        return relative_threshold(content, percent);
    }
    std::string_view digits = content;
    if (digits.ends_with("MB/s")) digits.remove_suffix(4);
    const std::optional<double> value = number(digits);
    if (!value) {
        return "expected a growth in MB/s (\"1.5\") or relative to the series' starting level "
               "(\"5%/h\"), got \"" +
               std::string(text) + "\"";
    }
    if (*value < 0) {
        return "expected a growth that is not negative, got \"" + std::string(text) + "\"";
    }
    LeakThreshold threshold;
    threshold.mb_per_s = *value;
    return threshold;
}

std::string describe(const LeakThreshold& threshold) {
    return threshold.relative() ? threshold.text : mb_per_s(threshold.mb_per_s);
}

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
    const stats::LinearFit fit = stats::ar1_regression(seconds, megabytes, options.confidence);
    leak.slope = fit.slope;
    leak.low = fit.low;
    leak.high = fit.high;
    leak.per_hour = fit.slope * 3600;
    leak.r_squared = fit.r_squared;
    leak.start = fit.intercept;
    leak.df = fit.df;
    leak.rho = fit.rho;
    leak.threshold = threshold_mb_per_s(options.threshold, leak.start);
    if (leak.low > leak.threshold) {
        leak.level = model::Level::fail;
    } else if (leak.slope > leak.threshold) {
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
                          ", above the threshold of " + threshold_text(leak, options) +
                          "; find what keeps allocating.";
    } else {
        finding.message = "Possible memory leak: " + leak.metric + " " + growth +
                          "; the interval reaches below the threshold of " +
                          threshold_text(leak, options) + ", measure longer to be sure.";
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
