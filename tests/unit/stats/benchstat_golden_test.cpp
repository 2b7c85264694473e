// The tie-aware exact Mann-Whitney test against p-values that benchstat published for the
// crc32 fixtures (see tests/fixtures/benchstat/README.md).

#include <gtest/gtest.h>

#include <cstdio>
#include <string>
#include <utility>
#include <vector>

#include "stats/mann_whitney_ties.hpp"
#include "stats/noise.hpp"
#include "support/fixtures.hpp"
#include "support/go_bench.hpp"

namespace caws::stats {
namespace {

using test::GoBenchmarks;
using test::parse_go_bench;

// benchstat before v2 dropped values outside Tukey's fences with type-8 quartiles.
std::vector<double> benchstat_v1_kept(const std::vector<double>& values) {
    return without_outliers(values, tukey_fences(values, 1.5, QuantileMethod::median_unbiased));
}

std::string three_decimals(double p) {
    char buffer[16];
    std::snprintf(buffer, sizeof buffer, "%.3f", p);
    return buffer;
}

struct GoldenRow {
    const char* benchmark;  // after "CRC32/poly=", before "-8"
    const char* p;          // as benchstat printed it
    std::size_t n_old;
    std::size_t n_new;
};

// golang/perf cmd/benchstat/testdata/oldnewhtml.golden, "time/op" rows.
const GoldenRow k_time_rows[] = {
    {"IEEE/size=15/align=0", "0.008", 10, 10},
    {"IEEE/size=15/align=1", "0.539", 10, 10},
    {"IEEE/size=40/align=0", "0.000", 8, 10},
    {"IEEE/size=40/align=1", "0.000", 9, 10},
    {"IEEE/size=512/align=0", "0.000", 10, 10},
    {"IEEE/size=512/align=1", "0.000", 10, 10},
    {"IEEE/size=1kB/align=0", "0.000", 10, 8},
    {"IEEE/size=1kB/align=1", "0.000", 10, 8},
    {"IEEE/size=4kB/align=0", "0.000", 10, 9},
    {"IEEE/size=4kB/align=1", "0.000", 10, 10},
    {"IEEE/size=32kB/align=0", "0.000", 10, 10},
    {"IEEE/size=32kB/align=1", "0.000", 10, 10},
    {"Castagnoli/size=15/align=0", "0.615", 9, 9},
    {"Castagnoli/size=15/align=1", "0.650", 9, 10},
    {"Castagnoli/size=40/align=0", "0.694", 10, 10},
    {"Castagnoli/size=40/align=1", "0.036", 10, 10},
    {"Castagnoli/size=512/align=0", "0.614", 10, 10},
    {"Castagnoli/size=512/align=1", "0.952", 10, 9},
    {"Castagnoli/size=1kB/align=0", "0.003", 9, 8},
    {"Castagnoli/size=1kB/align=1", "0.190", 10, 9},
    {"Castagnoli/size=4kB/align=0", "0.032", 10, 10},
    {"Castagnoli/size=4kB/align=1", "0.005", 10, 10},
    {"Castagnoli/size=32kB/align=0", "0.882", 9, 9},
    {"Castagnoli/size=32kB/align=1", "0.002", 9, 10},
    {"Koopman/size=15/align=0", "0.216", 10, 10},
    {"Koopman/size=15/align=1", "0.508", 10, 9},
    {"Koopman/size=40/align=0", "0.002", 10, 10},
    {"Koopman/size=40/align=1", "0.055", 10, 10},
    {"Koopman/size=512/align=0", "0.000", 10, 10},
    {"Koopman/size=512/align=1", "0.143", 10, 10},
    {"Koopman/size=1kB/align=0", "0.010", 9, 10},
    {"Koopman/size=1kB/align=1", "0.000", 9, 10},
    {"Koopman/size=4kB/align=0", "0.971", 10, 10},
    {"Koopman/size=4kB/align=1", "0.754", 10, 10},
    {"Koopman/size=32kB/align=0", "0.684", 10, 10},
    {"Koopman/size=32kB/align=1", "0.000", 8, 10},
};

// The same golden file, "speed" (MB/s) rows.
const GoldenRow k_speed_rows[] = {
    {"IEEE/size=15/align=0", "0.009", 10, 10},
    {"IEEE/size=15/align=1", "0.579", 10, 10},
    {"IEEE/size=40/align=0", "0.001", 8, 10},
    {"IEEE/size=40/align=1", "0.000", 9, 10},
    {"IEEE/size=512/align=0", "0.000", 10, 10},
    {"IEEE/size=512/align=1", "0.000", 10, 10},
    {"IEEE/size=1kB/align=0", "0.000", 10, 8},
    {"IEEE/size=1kB/align=1", "0.000", 10, 8},
    {"IEEE/size=4kB/align=0", "0.000", 10, 9},
    {"IEEE/size=4kB/align=1", "0.000", 10, 10},
    {"IEEE/size=32kB/align=0", "0.000", 10, 10},
    {"IEEE/size=32kB/align=1", "0.000", 10, 10},
    {"Castagnoli/size=15/align=0", "0.489", 9, 9},
    {"Castagnoli/size=15/align=1", "0.661", 9, 10},
    {"Castagnoli/size=40/align=0", "0.684", 10, 10},
    {"Castagnoli/size=40/align=1", "0.063", 10, 10},
    {"Castagnoli/size=512/align=0", "0.529", 10, 10},
    {"Castagnoli/size=512/align=1", "0.780", 10, 9},
    {"Castagnoli/size=1kB/align=0", "0.002", 9, 8},
    {"Castagnoli/size=1kB/align=1", "0.211", 10, 9},
    {"Castagnoli/size=4kB/align=0", "0.052", 10, 10},
    {"Castagnoli/size=4kB/align=1", "0.005", 10, 10},
    {"Castagnoli/size=32kB/align=0", "0.842", 9, 10},
    {"Castagnoli/size=32kB/align=1", "0.002", 9, 10},
    {"Koopman/size=15/align=0", "0.218", 10, 10},
    {"Koopman/size=15/align=1", "0.497", 10, 9},
    {"Koopman/size=40/align=0", "0.002", 10, 10},
    {"Koopman/size=40/align=1", "0.052", 10, 10},
    {"Koopman/size=512/align=0", "0.000", 10, 10},
    {"Koopman/size=512/align=1", "0.143", 10, 10},
    {"Koopman/size=1kB/align=0", "0.052", 10, 10},
    {"Koopman/size=1kB/align=1", "0.000", 9, 10},
    {"Koopman/size=4kB/align=0", "0.971", 10, 10},
    {"Koopman/size=4kB/align=1", "0.739", 10, 10},
    {"Koopman/size=32kB/align=0", "0.684", 10, 10},
    {"Koopman/size=32kB/align=1", "0.000", 8, 10},
};

void check_rows(const GoldenRow* rows, std::size_t count, const std::string& unit,
                std::size_t& with_ties) {
    const GoBenchmarks old_runs = parse_go_bench(test::read_fixture("benchstat/crc-old.txt"));
    const GoBenchmarks new_runs = parse_go_bench(test::read_fixture("benchstat/crc-new.txt"));
    for (std::size_t i = 0; i < count; ++i) {
        const std::string name = std::string("CRC32/poly=") + rows[i].benchmark + "-8";
        ASSERT_TRUE(old_runs.contains(name)) << name;
        const std::vector<double> x = benchstat_v1_kept(old_runs.at(name).at(unit));
        const std::vector<double> y = benchstat_v1_kept(new_runs.at(name).at(unit));
        EXPECT_EQ(x.size(), rows[i].n_old) << name << " " << unit;
        EXPECT_EQ(y.size(), rows[i].n_new) << name << " " << unit;
        const MannWhitneyResult result = mann_whitney_tie_exact(x, y);
        EXPECT_TRUE(result.exact) << name;
        EXPECT_EQ(three_decimals(result.p_value), rows[i].p) << name << " " << unit;
        if (result.ties) ++with_ties;
    }
}

TEST(BenchstatGolden, CrcTimePValuesMatchToThePrintedPrecision) {
    std::size_t with_ties = 0;
    check_rows(k_time_rows, std::size(k_time_rows), "ns/op", with_ties);
    EXPECT_EQ(with_ties, 28U);  // most rows exercise the distribution conditional on ties
}

TEST(BenchstatGolden, CrcSpeedPValuesMatchToThePrintedPrecision) {
    std::size_t with_ties = 0;
    check_rows(k_speed_rows, std::size(k_speed_rows), "MB/s", with_ties);
    EXPECT_EQ(with_ties, 0U);  // two decimals: these rows exercise the distribution without ties
}

TEST(BenchstatGolden, ReadmeExample) {
    // golang/perf cmd/benchstat/README.md: GobEncode p=0.016 n=4+5, JSONEncode p=0.286 n=4+5.
    const std::vector<double> gob_old{13552735, 13553943, 13606356, 13683198};
    const std::vector<double> gob_new{11773189, 11942588, 11786159, 11628583, 11815924};
    const std::vector<double> json_old{32395067, 32334214, 31992891, 31735022};
    const std::vector<double> json_new{32036529, 32156552, 31288355, 31559706, 31765634};
    EXPECT_EQ(three_decimals(mann_whitney_tie_exact(gob_old, gob_new).p_value), "0.016");
    EXPECT_EQ(three_decimals(mann_whitney_tie_exact(json_old, json_new).p_value), "0.286");
}

TEST(BenchstatGolden, SmallSampleIsNotSignificant) {
    // smallSample.stdout: "~ (p=1.000 n=1)" for 100 ns/op against 101 ns/op.
    const GoBenchmarks runs = parse_go_bench(test::read_fixture("benchstat/smallSample.txt"));
    const std::vector<double>& values = runs.at("X").at("ns/op");
    ASSERT_EQ(values.size(), 2U);  // "before" then "after" in one file
    const std::string stdout_text = test::read_fixture("benchstat/smallSample.stdout");
    ASSERT_NE(stdout_text.find("p=1.000 n=1"), std::string::npos);
    const std::vector<double> before{values[0]};
    const std::vector<double> after{values[1]};
    EXPECT_EQ(three_decimals(mann_whitney_tie_exact(before, after).p_value), "1.000");
}

}  // namespace
}  // namespace caws::stats
