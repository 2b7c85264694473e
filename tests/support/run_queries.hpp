#pragma once

#include <functional>
#include <string>

#include "model/run.hpp"

namespace caws::test {

// The metric (name, measure) of a run; throws std::runtime_error naming it when absent.
const model::Metric& find_metric(const model::Run& run, const std::string& name,
                                 const std::string& measure);

// Whether the run has the metric (name, measure).
bool has_metric(const model::Run& run, const std::string& name, const std::string& measure);

// The value of a metric's label, or "<no label KEY>".
std::string label_of(const model::Metric& metric, const std::string& key);

// The message of the util::Error that `body` throws, or "no error".
std::string error_of(const std::function<void()>& body);

}  // namespace caws::test
