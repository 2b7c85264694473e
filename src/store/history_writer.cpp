#include <algorithm>
#include <utility>

#include "json/writer.hpp"
#include "stats/descriptive.hpp"
#include "store/baseline_file.hpp"
#include "store/history_file.hpp"
#include "store/history_line.hpp"

namespace caws::store {
namespace {

HistoryMetric summarize_metric(const model::Metric& metric) {
    HistoryMetric out;
    out.name = metric.name;
    out.measure = metric.measure;
    out.unit = metric.unit.symbol;
    out.prefixes = metric.unit.prefixes;
    out.direction = metric.direction;
    if (!metric.samples.empty()) {
        std::vector<double> sorted = metric.samples;
        std::sort(sorted.begin(), sorted.end());
        out.n = sorted.size();
        out.median = stats::quantile_sorted(sorted, 0.5);
        out.p95 = stats::quantile_sorted(sorted, 0.95);
        out.mean = stats::mean(sorted);
        if (sorted.size() >= 2) out.stddev = stats::sample_stddev(sorted);
        out.min = sorted.front();
        out.max = sorted.back();
    } else if (metric.summary) {
        const model::Summary& s = *metric.summary;
        out.n = s.n;
        out.median = s.median;
        out.mean = s.mean;
        out.stddev = s.stddev;
        out.min = s.min;
        out.max = s.max;
        out.p95 = s.p95;
    }
    return out;
}

}  // namespace

std::string history_path(const std::string& directory, const std::string& suite) {
    check_suite_name(suite);
    std::string path = directory.empty() ? std::string(".") : directory;
    if (path.back() != '/') path += '/';
    return path + "history/" + suite + ".jsonl";
}

HistoryEntry summarize_run(const model::Run& run, std::string date, std::string commit,
                           std::string branch) {
    HistoryEntry entry;
    entry.date = std::move(date);
    entry.commit = std::move(commit);
    entry.branch = std::move(branch);
    entry.host = run.context.host;
    entry.metrics.reserve(run.metrics.size());
    for (const model::Metric& metric : run.metrics) {
        if (metric.status != model::Status::ok) continue;
        entry.metrics.push_back(summarize_metric(metric));
    }
    return entry;
}

std::string history_line(const HistoryEntry& entry) {
    using json::append_number;
    using json::append_string;
    std::string out;
    out.reserve(160 + entry.metrics.size() * 200);
    out += "{\"schema\":";
    append_string(out, k_history_schema);
    out += ",\"date\":";
    append_string(out, entry.date);
    out += ",\"commit\":";
    append_string(out, entry.commit);
    out += ",\"branch\":";
    append_string(out, entry.branch);
    out += ",\"host\":";
    append_string(out, entry.host);
    out += ",\"metrics\":[";
    bool first = true;
    for (const HistoryMetric& metric : entry.metrics) {
        if (!first) out += ',';
        first = false;
        out += "{\"name\":";
        append_string(out, metric.name);
        out += ",\"measure\":";
        append_string(out, metric.measure);
        out += ",\"unit\":";
        append_string(out, metric.unit);
        if (metric.prefixes == model::SizePrefixes::decimal) {
            out += ",\"";
            out += k_prefixes_key;
            out += "\":\"decimal\"";
        }
        out += ",\"direction\":";
        append_string(out, model::to_string(metric.direction));
        out += ",\"n\":";
        out += std::to_string(metric.n);
        for (std::size_t k = 0; k < k_statistic_count; ++k) {
            out += ",\"";
            out += k_metric_keys[k_required_metric_keys + k];
            out += "\":";
            append_number(out, metric.*k_statistics[k]);
        }
        out += '}';
    }
    out += "]}\n";
    return out;
}

}  // namespace caws::store
