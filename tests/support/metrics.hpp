#pragma once

// Small runs built by hand for unit tests of comparisons.

#include <string>
#include <vector>

#include "model/metric.hpp"
#include "model/run.hpp"

namespace caws::test {

// A lower-is-better time in seconds: `name`'s `measure` with these samples.
model::Metric timing(const std::string& name, std::vector<double> samples,
                     const std::string& measure = "cpu_time");

// A run of these metrics, with nothing else.
model::Run run_of(std::vector<model::Metric> metrics);

}  // namespace caws::test
