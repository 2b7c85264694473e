#include "trend/leak.hpp"

#include <gtest/gtest.h>

#include "stats/random.hpp"

namespace caws::trend {
namespace {

// `n` memory samples one second apart: 200 MB growing `mb_per_s`, with normal noise of
// `noise_mb`.
model::Metric memory_series(double mb_per_s, std::size_t n, double noise_mb, std::uint64_t seed) {
    stats::Random random(seed);
    model::Metric metric;
    metric.name = "service";
    metric.measure = "memory";
    metric.unit = model::bytes();
    metric.direction = model::Direction::lower;
    for (std::size_t i = 0; i < n; ++i) {
        const double t = static_cast<double>(i);
        metric.timestamps.push_back(1795427700 + t);
        metric.samples.push_back((200 + mb_per_s * t + noise_mb * random.normal()) * 1e6);
    }
    return metric;
}

TEST(Leak, DetectsAGrowthAboveTheThresholdAndItsIntervalCoversTheTruth) {
    const model::Metric metric = memory_series(0.8, 600, 20, 42);
    LeakOptions options;
    options.threshold.mb_per_s = 0.5;  // below the true 0.8 MB/s
    const Leak leak = analyse_leak(metric, options);
    EXPECT_EQ(leak.level, model::Level::fail);
    EXPECT_LT(leak.low, 0.8);
    EXPECT_GT(leak.high, 0.8);
    EXPECT_GT(leak.low, 0.5);
    EXPECT_NEAR(leak.per_hour, leak.slope * 3600, 1e-9);
    EXPECT_EQ(leak.n, 600u);
    EXPECT_DOUBLE_EQ(leak.duration, 599);
    EXPECT_GT(leak.r_squared, 0.9);
}

TEST(Leak, TheDefaultThresholdOfOneMegabytePerSecondIsNotExceededBy0Point8) {
    const Leak leak = analyse_leak(memory_series(0.8, 600, 20, 42));
    EXPECT_EQ(leak.level, model::Level::pass);
}

TEST(Leak, AFlatSeriesIsNotALeak) {
    for (const double threshold : {0.0, 0.5, 1.0}) {
        LeakOptions options;
        options.threshold.mb_per_s = threshold;
        const Leak leak = analyse_leak(memory_series(0, 600, 20, 7), options);
        EXPECT_NE(leak.level, model::Level::fail) << threshold;
        EXPECT_LT(leak.low, 0);
        EXPECT_GT(leak.high, 0);
    }
}

TEST(Leak, ASlopeAboveTheThresholdWithAWideIntervalIsAPossibleLeak) {
    // Few, very noisy samples: the slope is above 1 MB/s, the interval reaches below it.
    model::Metric metric = memory_series(0, 5, 0, 1);
    const double mb[] = {200, 203, 199, 206, 204};
    for (std::size_t i = 0; i < 5; ++i) metric.samples[i] = mb[i] * 1e6;
    const Leak leak = analyse_leak(metric);
    ASSERT_GT(leak.slope, 1.0);
    ASSERT_LT(leak.low, 1.0);
    EXPECT_EQ(leak.level, model::Level::warn);
    const auto finding = leak_finding(leak);
    ASSERT_TRUE(finding.has_value());
    EXPECT_EQ(finding->code, "leak");
    EXPECT_EQ(finding->level, model::Level::warn);
    EXPECT_NE(finding->message.find("Possible memory leak: service grows"), std::string::npos)
        << finding->message;
}

TEST(Leak, OnlySizesWithATimestampPerSampleAreMemorySeries) {
    model::Metric metric = memory_series(1, 10, 0, 1);
    EXPECT_TRUE(is_memory_series(metric));
    metric.timestamps.pop_back();
    EXPECT_FALSE(is_memory_series(metric));
    model::Metric time = memory_series(1, 10, 0, 1);
    time.unit = model::seconds();
    EXPECT_FALSE(is_memory_series(time));
}

TEST(Leak, FindingsRaiseTheVerdict) {
    model::Run run;
    run.metrics.push_back(memory_series(3, 120, 1, 3));
    run.metrics.push_back(memory_series(0, 120, 1, 4));
    run.metrics.back().name = "flat";
    model::Verdict verdict;
    add_leak_findings(verdict, run);
    EXPECT_EQ(verdict.level, model::Level::fail);
    ASSERT_EQ(verdict.findings.size(), 1u);
    EXPECT_EQ(verdict.findings[0].metric, "service");
    EXPECT_EQ(verdict.findings[0].measure, "memory");
    EXPECT_NE(verdict.findings[0].message.find("Memory leak: service grows 3"), std::string::npos)
        << verdict.findings[0].message;
}

}  // namespace
}  // namespace caws::trend

namespace caws::trend {
namespace {

TEST(LeakThreshold, ReadsMegabytesPerSecondAndRelativeGrowth) {
    const auto absolute = std::get<LeakThreshold>(parse_leak_threshold(" 0.5MB/s "));
    EXPECT_FALSE(absolute.relative());
    EXPECT_DOUBLE_EQ(absolute.mb_per_s, 0.5);
    EXPECT_EQ(describe(absolute), "0.500 MB/s");
    for (const auto& [text, seconds] : {std::pair<const char*, double>{"5%/s", 1},
                                        {"5%/min", 60},
                                        {"5 % / h", 3600},
                                        {"5%/d", 86400}}) {
        const auto relative = std::get<LeakThreshold>(parse_leak_threshold(text));
        EXPECT_TRUE(relative.relative()) << text;
        EXPECT_DOUBLE_EQ(relative.percent, 5) << text;
        EXPECT_DOUBLE_EQ(relative.per_seconds, seconds) << text;
    }
    for (const char* bad : {"5%", "5%/fortnight", "-1%/h", "abc", "", "nan", "%/h"}) {
        EXPECT_TRUE(std::holds_alternative<std::string>(parse_leak_threshold(bad))) << bad;
    }
}

TEST(LeakThreshold, ARelativeThresholdScalesWithTheFittedStart) {
    // 400 MB growing 0.8 MB/s: 5%/h of 400 MB is 0.00556 MB/s, far below the growth.
    model::Metric metric = memory_series(0.8, 600, 0, 1);
    for (double& sample : metric.samples) sample += 200e6;
    LeakOptions options;
    options.threshold = std::get<LeakThreshold>(parse_leak_threshold("5%/h"));
    const Leak leak = analyse_leak(metric, options);
    EXPECT_NEAR(leak.start, 400, 1e-6);
    EXPECT_NEAR(leak.threshold, 400 * 0.05 / 3600, 1e-12);
    EXPECT_EQ(leak.level, model::Level::fail);
    const auto finding = leak_finding(leak, options);
    ASSERT_TRUE(finding.has_value());
    EXPECT_NE(finding->message.find("above the threshold of 5%/h of 400.0 MB (0.00556 MB/s)"),
              std::string::npos)
        << finding->message;
    // 1000%/s of 400 MB is 4,000 MB/s: no leak.
    options.threshold = std::get<LeakThreshold>(parse_leak_threshold("1000%/s"));
    EXPECT_EQ(analyse_leak(metric, options).level, model::Level::pass);
}

}  // namespace
}  // namespace caws::trend
