#include "store/update_policy.hpp"

#include <charconv>

#include "util/error.hpp"
#include "util/string_map.hpp"

namespace caws::store {
namespace {

constexpr std::size_t k_max_pooled_runs = 1000;

[[noreturn]] void bad_policy(std::string_view text) {
    throw util::Error("--policy", {},
                      "expected \"replace\" or \"rolling:N\" with N a whole number from 1 to " +
                          std::to_string(k_max_pooled_runs) + ", got \"" + std::string(text) +
                          "\"");
}

}  // namespace

UpdatePolicy parse_update_policy(std::string_view text) {
    if (text == "replace") return {};
    constexpr std::string_view k_rolling = "rolling:";
    if (text.substr(0, k_rolling.size()) != k_rolling) bad_policy(text);
    const std::string_view number = text.substr(k_rolling.size());
    std::size_t runs = 0;
    const auto [end, error] = std::from_chars(number.data(), number.data() + number.size(), runs);
    if (number.empty() || error != std::errc() || end != number.data() + number.size() ||
        runs < 1 || runs > k_max_pooled_runs) {
        bad_policy(text);
    }
    return {UpdatePolicy::Kind::rolling, runs};
}

std::string to_string(const UpdatePolicy& policy) {
    if (policy.kind == UpdatePolicy::Kind::replace) return "replace";
    return "rolling:" + std::to_string(policy.runs);
}

model::Run pool_runs(const std::vector<const model::Run*>& runs) {
    if (runs.empty()) return {};
    const model::Run& newest = *runs.back();
    if (runs.size() == 1) return newest;

    // Where each metric of the older runs is, by name and measure.
    std::vector<util::StringMap<const model::Metric*>> index(runs.size() - 1);
    for (std::size_t r = 0; r + 1 < runs.size(); ++r) {
        for (const model::Metric& metric : runs[r]->metrics) {
            index[r].emplace(metric.name + '\x1f' + metric.measure, &metric);
        }
    }
    model::Run pooled;
    pooled.context = newest.context;
    pooled.sources = newest.sources;
    pooled.notes = newest.notes;
    pooled.notes.push_back("samples pooled from the last " + std::to_string(runs.size()) +
                           " accepted runs");
    pooled.metrics.reserve(newest.metrics.size());
    for (const model::Metric& metric : newest.metrics) {
        if (metric.status != model::Status::ok || metric.samples.empty()) {
            pooled.metrics.push_back(metric);
            continue;
        }
        const std::string key = metric.name + '\x1f' + metric.measure;
        model::Metric out = metric;
        out.samples.clear();
        out.timestamps.clear();
        bool all_timestamps = true;
        std::vector<const model::Metric*> parts;
        for (const auto& older : index) {
            const auto found = older.find(key);
            if (found == older.end()) continue;
            const model::Metric& part = *found->second;
            if (part.status != model::Status::ok || part.samples.empty() ||
                part.unit.symbol != metric.unit.symbol) {
                continue;
            }
            parts.push_back(&part);
        }
        parts.push_back(&metric);
        for (const model::Metric* part : parts) {
            out.samples.insert(out.samples.end(), part->samples.begin(), part->samples.end());
            all_timestamps = all_timestamps && part->timestamps.size() == part->samples.size();
        }
        if (all_timestamps) {
            for (const model::Metric* part : parts) {
                out.timestamps.insert(out.timestamps.end(), part->timestamps.begin(),
                                      part->timestamps.end());
            }
        }
        pooled.metrics.push_back(std::move(out));
    }
    return pooled;
}

}  // namespace caws::store
