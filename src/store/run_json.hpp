#pragma once

#include <nlohmann/json.hpp>

#include "model/run.hpp"

namespace caws::store {

// JSON forms of model values shared by the baseline file and the reports.

nlohmann::ordered_json context_to_json(const model::Context& context);
nlohmann::ordered_json sources_to_json(const std::vector<model::Source>& sources);
// One metric: name, measure, unit, dimension, direction, status, samples (and their
// timestamps) or summary, labels.
nlohmann::ordered_json metric_to_json(const model::Metric& metric);
nlohmann::ordered_json summary_to_json(const model::Summary& summary);

}  // namespace caws::store
