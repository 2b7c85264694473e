#include "app/statistics_request.hpp"

#include <gtest/gtest.h>

#include "util/error.hpp"

namespace caws::app {
namespace {

TEST(StatisticsOptions, ComparisonOptionsTranslateTheRequest) {
    StatisticsRequest request;
    request.test = "moderated-t";
    request.correction = "none";
    request.ci = "bootstrap";
    request.confidence = 0.99;
    request.seed = 12;
    request.drop_outliers = true;
    const compare::Options options = comparison_options(request);
    EXPECT_EQ(options.test, compare::SignificanceTest::moderated_t);
    EXPECT_EQ(options.correction, compare::Correction::none);
    EXPECT_EQ(options.ci, compare::CiMethod::bootstrap);
    EXPECT_EQ(options.confidence, 0.99);
    EXPECT_EQ(options.seed, 12U);
    EXPECT_TRUE(options.drop_outliers);
    request.test = "nope";
    EXPECT_THROW(comparison_options(request), util::Error);
}

}  // namespace
}  // namespace caws::app
