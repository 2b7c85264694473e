#include "trend/findings.hpp"

#include <algorithm>
#include <string>

#include "model/quantity_format.hpp"
#include "model/unit.hpp"

namespace caws::trend {
namespace {

std::string label_of(const Series& series) {
    return series.measure.empty() ? series.metric : series.metric + " (" + series.measure + ")";
}

std::string signed_percent(double value) {
    // Built by appending: GCC 12's -Wrestrict misreads "literal" + std::string.
    std::string text = value > 0 ? "+" : "";
    text += model::format_number(value, 2);
    text += '%';
    return text;
}

std::string drift_message(const Trend& trend) {
    const Series& s = trend.series;
    std::string text = label_of(s) + " has been getting worse over the newest " +
                       std::to_string(s.values.size()) + " runs of its history";
    if (trend.drift.slope_percent) {
        text += ": " + signed_percent(*trend.drift.slope_percent) + " per run";
        if (trend.drift.low_percent && trend.drift.high_percent) {
            text += " [" + signed_percent(*trend.drift.low_percent) + ", " +
                    signed_percent(*trend.drift.high_percent) + "]";
        }
    }
    text += " (Mann-Kendall p " + model::format_p_value(trend.drift.mann_kendall.p_value) +
            "), a drift no single comparison may catch.";
    return text;
}

std::string change_point_message(const Trend& trend, const ChangePoint& point) {
    const Series& s = trend.series;
    model::Unit unit = model::unit_from_symbol(s.unit);
    unit.prefixes = s.prefixes;
    std::string where;
    if (!point.commit.empty()) where = point.commit.substr(0, 12);
    if (!point.date.empty()) where += (where.empty() ? "" : ", ") + point.date;
    return label_of(s) + " moved to a worse level at run " + std::to_string(point.index + 1) +
           " of " + std::to_string(s.values.size()) + " in its history" +
           (where.empty() ? std::string() : " (" + where + ")") + ": " +
           model::format_quantity(point.before, unit) + " → " +
           model::format_quantity(point.after, unit) + ", " + model::format_ratio(point.ratio) +
           ", a " + std::string(model::to_string(point.change)) + " change (p " +
           model::format_p_value(point.p_value) + ").";
}

}  // namespace

std::vector<model::Finding> trend_findings(const std::vector<Trend>& trends,
                                           const GateRules& rules) {
    std::vector<model::Finding> findings;
    for (const Trend& trend : trends) {
        const Series& s = trend.series;
        if (s.direction == model::Direction::unknown || trend.reported_only) continue;
        if (trend.drift.drift == DriftClass::degrading && rules.degrading != model::Level::pass) {
            model::Finding finding;
            finding.level = rules.degrading;
            finding.code = "trend-degrading";
            finding.metric = s.metric;
            finding.measure = s.measure;
            finding.message = drift_message(trend);
            findings.push_back(std::move(finding));
        }
        for (const ChangePoint& point : trend.change_points) {
            // analyse() leaves every change point it does not gate at info.
            if (!point.recent || !model::is_regression(point.change)) continue;
            if (point.level == model::Level::pass) continue;
            model::Finding finding;
            finding.level = point.level;
            finding.code = "trend-change-point";
            finding.metric = s.metric;
            finding.measure = s.measure;
            finding.message = change_point_message(trend, point);
            findings.push_back(std::move(finding));
        }
    }
    return findings;
}

void add_trend_findings(model::Verdict& verdict, const std::vector<Trend>& trends,
                        const GateRules& rules) {
    for (model::Finding& finding : trend_findings(trends, rules)) {
        if (finding.level == model::Level::warn || finding.level == model::Level::fail) {
            verdict.level = std::max(verdict.level, finding.level);
        }
        verdict.findings.push_back(std::move(finding));
    }
}

}  // namespace caws::trend
