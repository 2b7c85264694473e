#include "ingest/catch2_results.hpp"

#include <utility>

#include "ingest/benchmark_names.hpp"
#include "util/string_map.hpp"

namespace caws::ingest {

std::vector<model::Metric> catch2_metrics(std::vector<Catch2Result> results,
                                          std::vector<std::string>& notes) {
    // Drop repeats of the same benchmark in the same test case and section.
    std::vector<Catch2Result> kept;
    kept.reserve(results.size());
    util::StringMap<std::size_t> seen;  // group \x1f name -> times seen
    std::vector<std::string> repeated;
    for (Catch2Result& result : results) {
        const std::string key = result.test_case + '\x1e' + result.section + '\x1f' + result.name;
        const auto [found, inserted] = seen.try_emplace(key, 1);
        if (!inserted) {
            if (found->second++ == 1) repeated.push_back(key);
            continue;
        }
        kept.push_back(std::move(result));
    }
    for (const std::string& key : repeated) {
        const std::size_t split = key.find('\x1f');
        const std::string group = key.substr(0, split);
        const std::size_t mark = group.find('\x1e');
        const std::string test_case = group.substr(0, mark);
        notes.push_back("benchmark \"" + key.substr(split + 1) + "\" of test case \"" + test_case +
                        "\" ran " + std::to_string(seen.find(key)->second) +
                        " times (Catch2 runs a test case once per section); its first result "
                        "was kept");
    }

    std::vector<GroupedName> grouped;
    grouped.reserve(kept.size());
    for (const Catch2Result& result : kept) {
        grouped.push_back(GroupedName{
            result.section.empty() ? result.test_case : result.test_case + " / " + result.section,
            result.name});
    }
    const std::vector<std::string> names = qualified_names(grouped);

    std::vector<model::Metric> metrics;
    metrics.reserve(kept.size());
    for (std::size_t i = 0; i < kept.size(); ++i) {
        Catch2Result& result = kept[i];
        model::Metric metric;
        metric.name = names[i];
        metric.measure = "time";
        metric.unit = model::seconds();
        metric.direction = model::Direction::lower;
        metric.status = result.status;
        metric.message = std::move(result.message);
        if (!result.test_case.empty()) metric.labels.emplace_back("test_case", result.test_case);
        if (!result.section.empty()) metric.labels.emplace_back("section", result.section);
        if (result.status == model::Status::ok) metric.summary = result.summary;
        metrics.push_back(std::move(metric));
    }
    return metrics;
}

}  // namespace caws::ingest
