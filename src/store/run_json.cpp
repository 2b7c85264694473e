#include "store/run_json.hpp"

namespace caws::store {

nlohmann::ordered_json context_to_json(const model::Context& context) {
    nlohmann::ordered_json out = nlohmann::ordered_json::object();
    if (!context.host.empty()) out["host"] = context.host;
    if (!context.date.empty()) out["date"] = context.date;
    if (!context.executable.empty()) out["executable"] = context.executable;
    if (!context.build_type.empty()) out["build_type"] = context.build_type;
    if (context.num_cpus) out["num_cpus"] = *context.num_cpus;
    if (context.mhz_per_cpu) out["mhz_per_cpu"] = *context.mhz_per_cpu;
    if (context.cpu_scaling_enabled) out["cpu_scaling_enabled"] = *context.cpu_scaling_enabled;
    if (!context.load_avg.empty()) out["load_avg"] = context.load_avg;
    if (!context.extra.empty()) {
        nlohmann::ordered_json extra = nlohmann::ordered_json::object();
        for (const auto& [key, value] : context.extra) extra[key] = value;
        out["extra"] = std::move(extra);
    }
    return out;
}

nlohmann::ordered_json sources_to_json(const std::vector<model::Source>& sources) {
    nlohmann::ordered_json out = nlohmann::ordered_json::array();
    for (const auto& source : sources) {
        out.push_back({{"path", source.path}, {"format", source.format}});
    }
    return out;
}

nlohmann::ordered_json summary_to_json(const model::Summary& summary) {
    nlohmann::ordered_json out = nlohmann::ordered_json::object();
    out["n"] = summary.n;
    const auto put = [&out](const char* key, const std::optional<double>& value) {
        if (value) out[key] = *value;
    };
    put("mean", summary.mean);
    put("stddev", summary.stddev);
    put("median", summary.median);
    put("min", summary.min);
    put("max", summary.max);
    put("p90", summary.p90);
    put("p95", summary.p95);
    put("p99", summary.p99);
    return out;
}

nlohmann::ordered_json metric_to_json(const model::Metric& metric) {
    nlohmann::ordered_json out = nlohmann::ordered_json::object();
    out["name"] = metric.name;
    out["measure"] = metric.measure;
    out["unit"] = metric.unit.symbol;
    // Only sizes and byte rates written in kB, MB, ... say so; binary is the default.
    if (metric.unit.prefixes == model::SizePrefixes::decimal) {
        out["unit_prefixes"] = model::to_string(metric.unit.prefixes);
    }
    out["dimension"] = model::to_string(metric.unit.dimension);
    out["direction"] = model::to_string(metric.direction);
    if (metric.status != model::Status::ok) {
        out["status"] = model::to_string(metric.status);
        out["message"] = metric.message;
    }
    if (!metric.samples.empty()) out["samples"] = metric.samples;
    if (!metric.timestamps.empty()) out["timestamps"] = metric.timestamps;
    if (metric.summary) out["summary"] = summary_to_json(*metric.summary);
    if (!metric.labels.empty()) {
        nlohmann::ordered_json labels = nlohmann::ordered_json::object();
        for (const auto& [key, value] : metric.labels) labels[key] = value;
        out["labels"] = std::move(labels);
    }
    return out;
}

}  // namespace caws::store
