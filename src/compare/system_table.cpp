#include "compare/system_table.hpp"

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

}  // namespace

SystemTable build_system_table(std::span<const SystemRun> systems,
                               const SystemTableOptions& options) {
    SystemTable table;
    table.reference = options.reference;
    table.statistic = std::string(to_string(options.statistic));
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
            compare_runs(reference, systems[s].run, compare);
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

    for (SystemRow& row : table.rows) {
        std::optional<double> best;
        for (const SystemCell& cell : row.cells) {
            if (cell.value && (!best || better(*cell.value, *best, row.direction))) {
                best = cell.value;
            }
        }
        for (SystemCell& cell : row.cells) cell.best = best && cell.value && *cell.value == *best;
    }
    return table;
}

}  // namespace caws::compare
