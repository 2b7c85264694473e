#include "support/run_queries.hpp"

#include <stdexcept>

#include "util/error.hpp"

namespace caws::test {

const model::Metric& find_metric(const model::Run& run, const std::string& name,
                                 const std::string& measure) {
    for (const auto& metric : run.metrics) {
        if (metric.name == name && metric.measure == measure) return metric;
    }
    throw std::runtime_error("no metric \"" + name + "\" (" + measure + ")");
}

bool has_metric(const model::Run& run, const std::string& name, const std::string& measure) {
    for (const auto& metric : run.metrics) {
        if (metric.name == name && metric.measure == measure) return true;
    }
    return false;
}

std::string label_of(const model::Metric& metric, const std::string& key) {
    for (const auto& [label, value] : metric.labels) {
        if (label == key) return value;
    }
    return "<no label " + key + ">";
}

std::string error_of(const std::function<void()>& body) {
    try {
        body();
    } catch (const util::Error& error) {
        return error.what();
    }
    return "no error";
}

}  // namespace caws::test
