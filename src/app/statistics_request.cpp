#include "app/statistics_request.hpp"

#include "util/error.hpp"

namespace caws::app {

compare::Options comparison_options(const StatisticsRequest& request) {
    compare::Options options;
    const auto test = compare::test_from_string(request.test);
    const auto correction = compare::correction_from_string(request.correction);
    const auto ci = compare::ci_method_from_string(request.ci);
    if (!test) throw util::Error("--test", {}, "unknown test \"" + request.test + "\"");
    if (!correction) {
        throw util::Error("--correction", {}, "unknown correction \"" + request.correction + "\"");
    }
    if (!ci) throw util::Error("--ci", {}, "unknown interval method \"" + request.ci + "\"");
    if (!(request.confidence > 0 && request.confidence < 1)) {
        throw util::Error("--confidence", {}, "expected a number between 0 and 1 (exclusive)");
    }
    options.test = *test;
    options.correction = *correction;
    options.ci = *ci;
    options.confidence = request.confidence;
    options.seed = request.seed;
    options.drop_outliers = request.drop_outliers;
    return options;
}

}  // namespace caws::app
