#include "support/metrics.hpp"

namespace caws::test {

model::Metric timing(const std::string& name, std::vector<double> samples,
                     const std::string& measure) {
    model::Metric metric;
    metric.name = name;
    metric.measure = measure;
    metric.unit = model::seconds();
    metric.direction = model::Direction::lower;
    metric.samples = std::move(samples);
    return metric;
}

model::Run run_of(std::vector<model::Metric> metrics) {
    model::Run run;
    run.metrics = std::move(metrics);
    return run;
}

}  // namespace caws::test
