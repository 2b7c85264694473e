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

// One budget checked on one metric: the check, the sentences of its message, and the
// findings, added to `out` by finish().
class OneBudget {
  public:
    OneBudget(const Gate& gate, const Budget& budget, const model::Metric& metric,
              BudgetResults& out);
    void check_limits();
    void check_ratio(const std::vector<model::Comparison>& comparisons);
    void finish();

  private:
    std::string show_value(double value) const;
    std::string show_limit(const Quantity& q) const;
    // Adds a sentence to the message, and a finding with it when `code` is given.
    void say(std::string sentence, model::Level level = model::Level::pass,
             const char* code = nullptr);
    void raise_to(model::Level level) {
        if (check_.level < level) check_.level = level;
    }
    void check_value(double value);

    const Budget& budget_;
    const model::Metric& metric_;
    BudgetResults& out_;
    // The limit whose unit values are shown in ("1310 MB" next to "1200 MB"), if any.
    const Quantity* written_;
    std::string who_;
    model::BudgetCheck check_;
    std::vector<std::string> sentences_;
};

OneBudget::OneBudget(const Gate& gate, const Budget& budget, const model::Metric& metric,
                     BudgetResults& out)
    : budget_(budget),
      metric_(metric),
      out_(out),
      written_(budget.critical  ? &*budget.critical
               : budget.warning ? &*budget.warning
                                : nullptr),
      who_(subject(metric.name, metric.measure)) {
    check_.metric = metric.name;
    check_.measure = metric.measure;
    check_.statistic = std::string(compare::to_string(budget.statistic));
    check_.unit = metric.unit.symbol;
    if (budget.warning) {
        check_.warning = limit_value(gate, budget, "warning", *budget.warning, metric);
        check_.warning_text = show_limit(*budget.warning);
    }
    if (budget.critical) {
        check_.critical = limit_value(gate, budget, "critical", *budget.critical, metric);
        check_.critical_text = show_limit(*budget.critical);
    }
    check_.max_ratio = budget.max_ratio;
}

// Values in the unit the limits were written in, sizes in powers of 1000 when the limits
// have no unit; limits as written. The report's budget table shows these same texts.
std::string OneBudget::show_value(double value) const {
    if (written_ == nullptr || !written_->dimension) {
        return model::format_quantity(value, metric_.unit, model::SizePrefixes::decimal);
    }
    return model::format_number(value / written_->scale) + " " + written_->unit;
}

std::string OneBudget::show_limit(const Quantity& q) const {
    return q.dimension ? q.text : show_value(q.value);
}

void OneBudget::say(std::string sentence, model::Level level, const char* code) {
    sentences_.push_back(std::move(sentence));
    if (code != nullptr) out_.findings.push_back(finding(level, code, metric_, sentences_.back()));
}

void OneBudget::check_limits() {
    if (!check_.warning && !check_.critical) return;
    check_.value = compare::statistic_value(metric_, budget_.statistic);
    if (check_.value) {
        check_value(*check_.value);
        return;
    }
    check_.level = model::Level::warn;
    const std::string why = metric_.status == model::Status::ok
                                ? "has no " + check_.statistic + " in the results"
                                : std::string(model::to_string(metric_.status)) + " in this run";
    say(who_ + " " + why + ", so its budget cannot be checked; " +
            "keep the samples or write its " + check_.statistic + ".",
        model::Level::warn, "budget-missing");
}

void OneBudget::check_value(double value) {
    const char* side = budget_.limit == Limit::upper ? "above" : "below";
    const char* back = budget_.limit == Limit::upper ? "under" : "over";
    check_.value_text = show_value(value);
    const std::string measured = who_ + " " + check_.statistic + " is " + check_.value_text;
    if (check_.critical && breaches(value, *check_.critical, budget_.limit)) {
        check_.level = model::Level::fail;
        const std::string limit = show_limit(*budget_.critical);
        say(measured + ", " + side + " its critical budget of " + limit +
                (check_.warning ? " (warning at " + show_limit(*budget_.warning) + ")" : "") +
                "; bring it back " + back + " " + limit +
                ", or change the budget in the gate file if the new cost is accepted.",
            model::Level::fail, "budget-critical");
    } else if (check_.warning && breaches(value, *check_.warning, budget_.limit)) {
        check_.level = model::Level::warn;
        const std::string limit = show_limit(*budget_.warning);
        say(measured + ", " + side + " its warning budget of " + limit +
                (check_.critical ? " (critical at " + show_limit(*budget_.critical) + ")" : "") +
                "; bring it back " + back + " " + limit + " before it reaches the critical budget.",
            model::Level::warn, "budget-warning");
    } else {
        std::string limits;
        if (check_.warning) limits += "warning at " + show_limit(*budget_.warning);
        if (check_.critical) {
            limits += (limits.empty() ? "" : ", ") + std::string("critical at ") +
                      show_limit(*budget_.critical);
        }
        say(measured + ", within its budget (" + limits + ").");
    }
}

void OneBudget::check_ratio(const std::vector<model::Comparison>& comparisons) {
    if (!budget_.max_ratio) return;
    const model::Comparison* match = nullptr;
    for (const model::Comparison& c : comparisons) {
        if (c.metric == metric_.name && c.measure == metric_.measure) match = &c;
    }
    // The ratio of another statistic says nothing about this one's: a p95 budget is not
    // checked on the median's ratio.
    const bool same_statistic = match != nullptr && match->statistic == check_.statistic;
    if (same_statistic && match->ratio) check_.ratio = match->ratio;
    const std::string limit = model::format_ratio(*budget_.max_ratio);
    if (match != nullptr && match->ratio && !same_statistic) {
        raise_to(model::Level::warn);
        say(who_ + " is compared by its " + match->statistic + ", so its relative budget on the " +
                check_.statistic + " (" + limit +
                ") cannot be checked; give it a rule with \"statistic\": \"" + check_.statistic +
                "\" in the gate file.",
            model::Level::warn, "budget-missing");
    } else if (!check_.ratio) {
        raise_to(model::Level::warn);
        say(who_ + " has no ratio to the baseline, so its relative budget (" + limit +
                ") cannot be checked; refresh the baseline to include it.",
            model::Level::warn, "budget-missing");
    } else if (*check_.ratio > *budget_.max_ratio) {
        raise_to(budget_.ratio_level);
        say(who_ + " is " + model::format_ratio(*check_.ratio) +
                " worse than the baseline, above its relative budget of " + limit +
                "; find the change that caused it, or refresh the baseline if it is intended.",
            budget_.ratio_level,
            budget_.ratio_level > model::Level::pass ? "budget-ratio" : nullptr);
    } else {
        say(who_ + " is " + model::format_ratio(*check_.ratio) +
            " of the baseline, within its relative budget of " + limit + ".");
    }
}

void OneBudget::finish() {
    for (const std::string& sentence : sentences_) {
        check_.message += (check_.message.empty() ? "" : " ") + sentence;
    }
    out_.checks.push_back(std::move(check_));
}

// Checks one budget on one metric: the check and any findings.
void check_one(const Gate& gate, const Budget& budget, const model::Metric& metric,
               const std::vector<model::Comparison>& comparisons, BudgetResults& out) {
    OneBudget one(gate, budget, metric, out);
    one.check_limits();
    one.check_ratio(comparisons);
    one.finish();
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
