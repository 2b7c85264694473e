// caws-gate's change points on Apache Otava's own CSV example (tests/fixtures/otava/,
// Apache License 2.0, see LICENSE there): examples/csv/data/local_sample.csv with its
// config otava.yaml.
//
// Otava's expected output for this data (its tests/csv_e2e_test.py, `otava analyze
// local.sample` and `otava regressions local.sample`) is one change point, in metric2
// between aaa5 and aaa6, "metric2: 10.5 --> 9.12 (-12.9%)" (means of the segments), and
// none in metric1. caws-gate finds the same with both methods: E-divisive (permutation
// test, p = 1/101 for metric2) and the Otava-style windowed variant (t-test p far below
// 0.001). caws-gate reports medians (10.385 -> 9.12, ratio 0.878 for lower-is-better)
// where Otava reports means (10.48 -> 9.125, -12.9%).
#include <gtest/gtest.h>

#include <sstream>
#include <string>
#include <vector>

#include "support/temp_dir.hpp"
#include "trend/analysis.hpp"

namespace caws::trend {
namespace {

struct OtavaSample {
    std::vector<std::string> commits;
    std::vector<double> metric1;
    std::vector<double> metric2;
};

OtavaSample read_sample() {
    const std::string text = test::read_text(std::string(CAWS_GATE_SOURCE_DIR) +
                                             "/tests/fixtures/otava/local_sample.csv");
    std::istringstream lines(text);
    std::string line;
    std::getline(lines, line);  // time,commit,metric1,metric2
    OtavaSample sample;
    while (std::getline(lines, line)) {
        if (line.empty()) continue;
        std::vector<std::string> fields;
        std::istringstream cells(line);
        std::string cell;
        while (std::getline(cells, cell, ',')) fields.push_back(cell);
        sample.commits.push_back(fields.at(1));
        sample.metric1.push_back(std::stod(fields.at(2)));
        sample.metric2.push_back(std::stod(fields.at(3)));
    }
    return sample;
}

Series series_of(const OtavaSample& sample, const std::string& name,
                 const std::vector<double>& values) {
    Series s;
    s.metric = name;
    s.measure = "value";
    s.unit = std::string(1, '1');
    s.direction = model::Direction::lower;
    s.values = values;
    label_runs(s, std::vector<std::string>(values.size()), sample.commits);
    return s;
}

TEST(OtavaExample, FindsTheChangePointOtavaExpectsWithBothMethods) {
    const OtavaSample sample = read_sample();
    ASSERT_EQ(sample.metric2.size(), 10u);
    for (const ChangePointMethod method :
         {ChangePointMethod::e_divisive, ChangePointMethod::otava}) {
        SCOPED_TRACE(std::string(to_string(method)));
        Options options;
        options.method = method;
        // Otava counts every change point: min_magnitude 1 does too.
        GateRules every;
        every.min_magnitude = 1.0;
        const Trend metric2 = analyse(series_of(sample, "metric2", sample.metric2), options, every);
        ASSERT_EQ(metric2.change_points.size(), 1u);
        const ChangePoint& cp = metric2.change_points[0];
        EXPECT_EQ(cp.index, 6u);
        EXPECT_EQ(cp.commit, "aaa6");
        EXPECT_DOUBLE_EQ(cp.before, 10.385);  // median of 10.43 .. 10.69
        EXPECT_DOUBLE_EQ(cp.after, 9.12);     // median of 9.23, 9.11, 9.13, 9.03
        EXPECT_NEAR(cp.ratio, 9.12 / 10.385, 1e-12);
        EXPECT_EQ(cp.change, model::ChangeClass::unchanged);  // 0.88x: not past 1/1.2
        const Trend metric1 = analyse(series_of(sample, "metric1", sample.metric1), options, every);
        EXPECT_TRUE(metric1.change_points.empty());
        // By default a 0.88x step is under the minor threshold (1.2x either way): a shift.
        const Trend shifted = analyse(series_of(sample, "metric2", sample.metric2), options);
        EXPECT_TRUE(shifted.change_points.empty());
        ASSERT_EQ(shifted.shifts.size(), 1u);
        EXPECT_EQ(shifted.shifts[0].index, 6u);
    }
}

}  // namespace
}  // namespace caws::trend
