#include "gate/budgets.hpp"

#include <cmath>
#include <cstdlib>

#include "compare/statistic.hpp"
#include "gate/glob.hpp"
#include "ingest/units.hpp"
#include "model/quantity_format.hpp"
#include "util/error.hpp"

namespace caws::gate {
namespace {

std::string subject(const std::string& name, const std::string& measure) {
    // caws-metrics files name every measure "value": saying it adds nothing.
    if (measure.empty() || measure == "value") return name;
    return name + " (" + measure + ")";
}

// The value of a limit in the metric's unit, checking that the units fit.
double limit_value(const Gate& gate, const Budget& budget, const char* key, const Quantity& q,
                   const model::Metric& metric) {
    if (q.dimension && *q.dimension != metric.unit.dimension) {
        throw util::Error(gate.path, budget.pointer + "/" + key,
                          "\"" + q.text + "\" is " + dimension_noun(*q.dimension) +
                              ", but the metric \"" + metric.name + "\" is " +
                              dimension_noun(metric.unit.dimension) + " (" + metric.unit.symbol +
                              ")");
    }
    return q.value;
}

bool breaches(double value, double limit, Limit kind) {
    return kind == Limit::upper ? value > limit : value < limit;
}

model::Finding finding(model::Level level, std::string code, const model::Metric& metric,
                       std::string message) {
    return model::Finding{level,          std::move(code),    metric.name,
                          metric.measure, std::move(message), std::nullopt};
}

// Checks one budget on one metric: the check and any findings.
void check_one(const Gate& gate, const Budget& budget, const model::Metric& metric,
               const std::vector<model::Comparison>& comparisons, BudgetResults& out) {
    model::BudgetCheck check;
    check.metric = metric.name;
    check.measure = metric.measure;
    check.statistic = std::string(compare::to_string(budget.statistic));
    check.unit = metric.unit.symbol;
    if (budget.warning)
        check.warning = limit_value(gate, budget, "warning", *budget.warning, metric);
    if (budget.critical) {
        check.critical = limit_value(gate, budget, "critical", *budget.critical, metric);
    }
    check.max_ratio = budget.max_ratio;
    const std::string who = subject(metric.name, metric.measure);
    // Values in the unit the limits were written in ("1310 MB" next to "1200 MB"), sizes in
    // powers of 1000 when the limits have no unit; limits as written. The report's budget
    // table shows these same texts.
    const Quantity* written = budget.critical  ? &*budget.critical
                              : budget.warning ? &*budget.warning
                                               : nullptr;
    const auto show_value = [&metric, written](double v) {
        if (written == nullptr || !written->dimension) {
            return model::format_quantity(v, metric.unit, model::SizePrefixes::decimal);
        }
        const std::string number = model::format_number(v / written->scale);
        return number + " " + written->unit;
    };
    const auto show_limit = [&metric, &show_value](const Quantity& q) {
        if (q.dimension) return q.text;
        return show_value(q.value);
    };
    if (budget.warning) check.warning_text = show_limit(*budget.warning);
    if (budget.critical) check.critical_text = show_limit(*budget.critical);
    const char* side = budget.limit == Limit::upper ? "above" : "below";
    const char* back = budget.limit == Limit::upper ? "under" : "over";

    std::vector<std::string> sentences;
    if (check.warning || check.critical) {
        check.value = compare::statistic_value(metric, budget.statistic);
        if (!check.value) {
            check.level = model::Level::warn;
            const std::string why =
                metric.status == model::Status::ok
                    ? "has no " + check.statistic + " in the results"
                    : std::string(model::to_string(metric.status)) + " in this run";
            sentences.push_back(who + " " + why + ", so its budget cannot be checked; " +
                                "keep the samples or write its " + check.statistic + ".");
            out.findings.push_back(
                finding(model::Level::warn, "budget-missing", metric, sentences.back()));
        } else {
            const double value = *check.value;
            check.value_text = show_value(value);
            const std::string measured = who + " " + check.statistic + " is " + check.value_text;
            if (check.critical && breaches(value, *check.critical, budget.limit)) {
                check.level = model::Level::fail;
                sentences.push_back(
                    measured + ", " + side + " its critical budget of " +
                    show_limit(*budget.critical) +
                    (check.warning ? " (warning at " + show_limit(*budget.warning) + ")" : "") +
                    "; bring it back " + back + " " + show_limit(*budget.critical) +
                    ", or change the budget in the gate file if the new cost is accepted.");
                out.findings.push_back(
                    finding(model::Level::fail, "budget-critical", metric, sentences.back()));
            } else if (check.warning && breaches(value, *check.warning, budget.limit)) {
                check.level = model::Level::warn;
                sentences.push_back(
                    measured + ", " + side + " its warning budget of " +
                    show_limit(*budget.warning) +
                    (check.critical ? " (critical at " + show_limit(*budget.critical) + ")" : "") +
                    "; bring it back " + back + " " + show_limit(*budget.warning) +
                    " before it reaches the critical budget.");
                out.findings.push_back(
                    finding(model::Level::warn, "budget-warning", metric, sentences.back()));
            } else {
                std::string limits;
                if (check.warning) limits += "warning at " + show_limit(*budget.warning);
                if (check.critical) {
                    limits += (limits.empty() ? "" : ", ") + std::string("critical at ") +
                              show_limit(*budget.critical);
                }
                sentences.push_back(measured + ", within its budget (" + limits + ").");
            }
        }
    }
    if (budget.max_ratio) {
        const model::Comparison* match = nullptr;
        for (const model::Comparison& c : comparisons) {
            if (c.metric == metric.name && c.measure == metric.measure) match = &c;
        }
        // The ratio of another statistic says nothing about this one's: a p95 budget is not
        // checked on the median's ratio.
        const bool same_statistic = match != nullptr && match->statistic == check.statistic;
        if (same_statistic && match->ratio) check.ratio = match->ratio;
        const std::string limit = model::format_ratio(*budget.max_ratio);
        if (match != nullptr && match->ratio && !same_statistic) {
            if (check.level < model::Level::warn) check.level = model::Level::warn;
            sentences.push_back(who + " is compared by its " + match->statistic +
                                ", so its relative budget on the " + check.statistic + " (" +
                                limit + ") cannot be checked; give it a rule with \"statistic\": \"" +
                                check.statistic + "\" in the gate file.");
            out.findings.push_back(
                finding(model::Level::warn, "budget-missing", metric, sentences.back()));
        } else if (!check.ratio) {
            if (check.level < model::Level::warn) check.level = model::Level::warn;
            sentences.push_back(who + " has no ratio to the baseline, so its relative budget (" +
                                limit + ") cannot be checked; refresh the baseline to include it.");
            out.findings.push_back(
                finding(model::Level::warn, "budget-missing", metric, sentences.back()));
        } else if (*check.ratio > *budget.max_ratio) {
            if (check.level < budget.ratio_level) check.level = budget.ratio_level;
            sentences.push_back(who + " is " + model::format_ratio(*check.ratio) +
                                " worse than the baseline, above its relative budget of " + limit +
                                "; find the change that caused it, or refresh the baseline if it "
                                "is intended.");
            if (budget.ratio_level > model::Level::pass) {
                out.findings.push_back(
                    finding(budget.ratio_level, "budget-ratio", metric, sentences.back()));
            }
        } else {
            sentences.push_back(who + " is " + model::format_ratio(*check.ratio) +
                                " of the baseline, within its relative budget of " + limit + ".");
        }
    }
    for (const std::string& sentence : sentences) {
        check.message += (check.message.empty() ? "" : " ") + sentence;
    }
    out.checks.push_back(std::move(check));
}

}  // namespace

std::optional<Quantity> parse_quantity(std::string_view text, std::string& error) {
    const std::string copy(text);
    const char* begin = copy.c_str();
    char* end = nullptr;
    const double number = std::strtod(begin, &end);
    if (end == begin || !std::isfinite(number)) {
        error = "expected a number and a unit such as \"50 ms\", got \"" + copy + "\"";
        return std::nullopt;
    }
    std::string_view unit(end);
    while (!unit.empty() && unit.front() == ' ') unit.remove_prefix(1);
    while (!unit.empty() && unit.back() == ' ') unit.remove_suffix(1);
    if (unit.empty()) return Quantity{number, std::nullopt, copy, {}, 1};
    const auto conversion = ingest::canonical_unit(unit);
    if (!conversion || conversion->unit.dimension == model::Dimension::other ||
        (conversion->unit.dimension == model::Dimension::count && conversion->unit.symbol != "1")) {
        error = "unknown unit \"" + std::string(unit) + "\" in \"" + copy +
                "\"; expected a time (ns, us, ms, s), a size (B, kB, MB, MiB, GB, GiB), a "
                "percentage (%) or a rate (1/s, req/s, MB/s)";
        return std::nullopt;
    }
    return Quantity{number * conversion->scale, conversion->unit.dimension, copy, std::string(unit),
                    conversion->scale};
}

std::string dimension_noun(model::Dimension dimension) {
    switch (dimension) {
        case model::Dimension::time:
            return "a time";
        case model::Dimension::size:
            return "a size";
        case model::Dimension::count:
            return "a count";
        case model::Dimension::rate:
            return "a rate";
        case model::Dimension::byte_rate:
            return "a byte rate";
        case model::Dimension::fraction:
            return "a fraction";
        case model::Dimension::other:
            break;
    }
    return "in another unit";
}

BudgetResults check_budgets(const Gate& gate, const model::Run& candidate,
                            const std::vector<model::Comparison>& comparisons) {
    BudgetResults out;
    for (const Budget& budget : gate.budgets) {
        bool matched = false;
        for (const model::Metric& metric : candidate.metrics) {
            if (!budget.measure.empty() && metric.measure != budget.measure) continue;
            if (!glob_match(budget.metric, metric.name)) continue;
            matched = true;
            check_one(gate, budget, metric, comparisons, out);
        }
        if (matched) continue;
        model::BudgetCheck check;
        check.metric = budget.metric;
        check.measure = budget.measure;
        check.statistic = std::string(compare::to_string(budget.statistic));
        if (budget.warning) {
            check.warning = budget.warning->value;
            check.warning_text = budget.warning->text;
        }
        if (budget.critical) {
            check.critical = budget.critical->value;
            check.critical_text = budget.critical->text;
        }
        check.max_ratio = budget.max_ratio;
        check.level = model::Level::warn;
        check.message = "no metric in the results matches the budget on \"" +
                        subject(budget.metric, budget.measure) +
                        "\", so it cannot be checked; make sure the run writes it, or fix the "
                        "budget's metric name in the gate file.";
        out.findings.push_back(model::Finding{model::Level::warn, "budget-missing", budget.metric,
                                              budget.measure, check.message, std::nullopt});
        out.checks.push_back(std::move(check));
    }
    return out;
}

}  // namespace caws::gate
