#include "compare/system_table.hpp"

#include <algorithm>
#include <cmath>
#include <map>
#include <utility>

#include "stats/statistic_interval.hpp"

namespace caws::compare {
namespace {

using Key = std::pair<std::string, std::string>;

std::optional<model::Interval> statistic_interval(const model::Metric& metric, Statistic statistic,
                                                  double confidence) {
    if (metric.samples.empty()) return std::nullopt;
    std::optional<stats::Interval> interval;
    switch (statistic) {
        case Statistic::median:
            interval = stats::quantile_interval(metric.samples, 0.5, confidence);
            break;
        case Statistic::p90:
            interval = stats::quantile_interval(metric.samples, 0.9, confidence);
            break;
        case Statistic::p95:
            interval = stats::quantile_interval(metric.samples, 0.95, confidence);
            break;
        case Statistic::p99:
            interval = stats::quantile_interval(metric.samples, 0.99, confidence);
            break;
        case Statistic::mean:
            interval = stats::mean_interval(metric.samples, confidence);
            break;
        case Statistic::min:
        case Statistic::max:
            break;
    }
    if (!interval) return std::nullopt;
    return model::Interval{interval->low, interval->high};
}

bool better(double a, double b, model::Direction direction) {
    return direction == model::Direction::higher ? a > b : a < b;
}

// compare_runs with every measure that has a direction gated: a paper table has no gate,
// so every measure it shows is tested and its p-value adjusted with the others.
std::vector<model::Comparison> compare_all_measures(const model::Run& a, const model::Run& b,
                                                    const Options& options) {
    return compare_runs(a, b, options, [&](const model::Metric& m) {
        if (m.direction == model::Direction::unknown) return MetricGate{std::nullopt, true};
        return MetricGate{options, true};
    });
}

// Adjusted p-values of the comparisons of two systems that are not the reference, by
// metric; each pair is compared once, when a row first needs it.
class PairwiseTests {
  public:
    PairwiseTests(std::span<const SystemRun> systems, const Options& options)
        : systems_(systems), options_(options) {}

    std::optional<double> p_adjusted(std::size_t a, std::size_t b, const Key& key) {
        const std::pair<std::size_t, std::size_t> pair{std::min(a, b), std::max(a, b)};
        auto found = tests_.find(pair);
        if (found == tests_.end()) {
            std::map<Key, std::optional<double>> by_metric;
            for (const auto& c : compare_all_measures(systems_[pair.first].run,
                                                      systems_[pair.second].run, options_)) {
                if (c.tested) by_metric[Key{c.metric, c.measure}] = c.p_adjusted;
            }
            found = tests_.emplace(pair, std::move(by_metric)).first;
        }
        const auto p = found->second.find(key);
        return p == found->second.end() ? std::nullopt : p->second;
    }

  private:
    std::span<const SystemRun> systems_;
    const Options& options_;
    std::map<std::pair<std::size_t, std::size_t>, std::map<Key, std::optional<double>>> tests_;
};

// The index of the row's single best value; empty when none or tied.
std::optional<std::size_t> best_cell(const SystemRow& row) {
    std::optional<std::size_t> best;
    bool tied = false;
    for (std::size_t s = 0; s < row.cells.size(); ++s) {
        const auto& value = row.cells[s].value;
        if (!value) continue;
        if (!best || better(*value, *row.cells[*best].value, row.direction)) {
            best = s;
            tied = false;
        } else if (*value == *row.cells[*best].value) {
            tied = true;
        }
    }
    return tied ? std::nullopt : best;
}

// Marks the row's best value when it differs significantly from every other value: the
// tests against the reference are the row's, those of two other systems PairwiseTests'.
void mark_best(SystemRow& row, std::size_t reference, double alpha, PairwiseTests& tests) {
    const auto best = best_cell(row);
    if (!best) return;
    std::size_t others = 0;
    for (std::size_t s = 0; s < row.cells.size(); ++s) {
        if (s == *best || !row.cells[s].value) continue;
        const std::optional<double> p =
            *best == reference ? row.cells[s].p_adjusted
            : s == reference   ? row.cells[*best].p_adjusted
                               : tests.p_adjusted(*best, s, Key{row.metric, row.measure});
        if (!p || *p >= alpha) return;
        ++others;
    }
    row.cells[*best].best = others > 0;
}

}  // namespace

SystemTable build_system_table(std::span<const SystemRun> systems,
                               const SystemTableOptions& options) {
    SystemTable table;
    table.reference = options.reference;
    table.statistic = std::string(to_string(options.statistic));
    table.measure = options.measure;
    for (const auto& system : systems) table.systems.push_back(system.name);
    if (systems.empty() || options.reference >= systems.size()) return table;

    const auto wanted = [&](const model::Metric& m) {
        return m.direction != model::Direction::unknown &&
               (!options.measure || m.measure == *options.measure);
    };
    // Rows: the reference's metrics in order, then metrics only other systems have.
    std::map<Key, std::size_t> row_of;
    const auto add_rows = [&](const model::Run& run) {
        for (const auto& m : run.metrics) {
            if (!wanted(m)) continue;
            const Key key{m.name, m.measure};
            if (row_of.count(key) != 0) continue;
            row_of.emplace(key, table.rows.size());
            SystemRow row;
            row.metric = m.name;
            row.measure = m.measure;
            row.unit = m.unit;
            row.direction = m.direction;
            row.cells.resize(systems.size());
            table.rows.push_back(std::move(row));
        }
    };
    add_rows(systems[options.reference].run);
    for (std::size_t s = 0; s < systems.size(); ++s) {
        if (s != options.reference) add_rows(systems[s].run);
    }

    for (std::size_t s = 0; s < systems.size(); ++s) {
        for (const auto& m : systems[s].run.metrics) {
            const auto found = row_of.find(Key{m.name, m.measure});
            if (found == row_of.end() || m.status != model::Status::ok) continue;
            SystemCell& cell = table.rows[found->second].cells[s];
            cell.value = statistic_value(m, options.statistic);
            cell.interval = statistic_interval(m, options.statistic, options.compare.confidence);
        }
    }

    table.geomeans.resize(systems.size());
    const model::Run& reference = systems[options.reference].run;
    // The comparator tests the table's statistic, so that the ratio, its interval and the
    // p-value are all of it (a statistic's own bootstrap and permutation test when it is
    // not the median).
    Options compare = options.compare;
    compare.statistic = options.statistic;
    for (std::size_t s = 0; s < systems.size(); ++s) {
        if (s == options.reference) continue;
        std::vector<model::Comparison> comparisons =
            compare_all_measures(reference, systems[s].run, compare);
        std::vector<model::Comparison> summarised;
        for (model::Comparison& c : comparisons) {
            const auto found = row_of.find(Key{c.metric, c.measure});
            if (found == row_of.end()) continue;
            SystemRow& row = table.rows[found->second];
            SystemCell& cell = row.cells[s];
            const SystemCell& base = row.cells[options.reference];
            if (cell.value && base.value && *cell.value > 0 && *base.value > 0) {
                cell.ratio = row.direction == model::Direction::higher ? *base.value / *cell.value
                                                                       : *cell.value / *base.value;
            }
            if (c.statistic == table.statistic) cell.ratio_ci = c.ci;
            if (c.tested) cell.p_adjusted = c.p_adjusted;
            // The summary row averages the ratios of the chosen statistic.
            c.ratio = cell.ratio;
            if (c.ratio) summarised.push_back(c);
        }
        table.geomeans[s] = geometric_mean_of_ratios(summarised, compare);
    }

    PairwiseTests pairwise(systems, compare);
    for (SystemRow& row : table.rows) {
        mark_best(row, options.reference, options.compare.alpha, pairwise);
    }
    return table;
}

}  // namespace caws::compare
