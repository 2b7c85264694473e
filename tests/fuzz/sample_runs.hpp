// Two small runs of one suite, a baseline and a slower candidate, for the targets that
// need something to compare (gate files, reports).
#pragma once

#include <initializer_list>
#include <string>

#include "model/run.hpp"

namespace caws::fuzz {

inline model::Metric sample_metric(std::string name, std::string measure, model::Unit unit,
                                   model::Direction direction,
                                   std::initializer_list<double> samples) {
    model::Metric metric;
    metric.name = std::move(name);
    metric.measure = std::move(measure);
    metric.unit = std::move(unit);
    metric.direction = direction;
    metric.samples = samples;
    return metric;
}

// `factor` scales the times of the candidate (1 for the baseline).
inline model::Run sample_run(double factor, const std::string& path) {
    using model::Direction;
    model::Run run;
    run.sources.push_back({path, "google-benchmark"});
    run.context.host = "ci-1";
    for (const char* name : {"BM_Sort/8", "BM_Sort/64", "BM_Parse<json>", "net/latency"}) {
        run.metrics.push_back(sample_metric(
            name, "cpu_time", model::seconds(), Direction::lower,
            {1e-6 * factor, 1.1e-6 * factor, 0.9e-6 * factor, 1.05e-6 * factor, 0.95e-6 * factor}));
        run.metrics.push_back(sample_metric(name, "real_time", model::seconds(), Direction::lower,
                                            {2e-6 * factor, 2.2e-6 * factor, 1.9e-6 * factor}));
    }
    run.metrics.push_back(
        sample_metric("BM_Alloc", "bytes", model::bytes(), Direction::lower, {4096 * factor}));
    run.metrics.push_back(sample_metric("BM_Sort/8", "items_per_second", model::per_second(),
                                        Direction::higher,
                                        {1e6 / factor, 1.1e6 / factor, 0.9e6 / factor}));
    model::Metric failed =
        sample_metric("BM_Broken", "cpu_time", model::seconds(), Direction::lower, {});
    failed.status = model::Status::failed;
    failed.message = "out of memory";
    run.metrics.push_back(failed);
    return run;
}

}  // namespace caws::fuzz
