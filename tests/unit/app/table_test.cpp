// The table use case called directly on three runs.
#include "app/table.hpp"

#include <gtest/gtest.h>

#include "support/temp_dir.hpp"
#include "unit/app/use_case_inputs.hpp"
#include "util/error.hpp"

namespace caws::app {
namespace {

// gcc, clang and icx runs of BM_Sort and BM_Hash; clang sorts twice as fast.
class RunTable : public ::testing::Test {
  protected:
    RunTable() {
        request_.runs = {
            test::write_benchmarks(dir_, "gcc.json", {{"BM_Sort", 1000}, {"BM_Hash", 400}}),
            "fast=" +
                test::write_benchmarks(dir_, "clang.json", {{"BM_Sort", 500}, {"BM_Hash", 400}}),
            test::write_benchmarks(dir_, "icx.json", {{"BM_Sort", 1000}, {"BM_Hash", 800}})};
        request_.measure = "real_time";
    }

    test::TempDir dir_;
    TableRequest request_;
};

TEST_F(RunTable, ThreeRunsSideBySideAgainstTheFirst) {
    const TableResult result = run_table(request_);
    EXPECT_EQ(result.table.systems, (std::vector<std::string>{"gcc", "fast", "icx"}));
    EXPECT_EQ(result.table.reference, 0u);
    EXPECT_EQ(result.table.statistic, "median");
    ASSERT_EQ(result.table.rows.size(), 2u);  // one measure of two benchmarks
    const compare::SystemRow& sort = result.table.rows[0];
    EXPECT_EQ(sort.metric, "BM_Sort");
    ASSERT_EQ(sort.cells.size(), 3u);
    EXPECT_NEAR(*sort.cells[1].ratio, 0.5, 1e-9);  // oriented: faster is below 1
    EXPECT_NEAR(*result.table.rows[1].cells[2].ratio, 2.0, 1e-9);
}

TEST_F(RunTable, TheReferenceIsNamed) {
    request_.reference = "fast";
    const TableResult result = run_table(request_);
    EXPECT_EQ(result.table.reference, 1u);
    EXPECT_NEAR(*result.table.rows[0].cells[0].ratio, 2.0, 1e-9);
}

TEST_F(RunTable, BadRequestsAreErrors) {
    TableRequest unknown = request_;
    unknown.reference = "msvc";
    try {
        run_table(unknown);
        FAIL() << "expected an error";
    } catch (const util::Error& error) {
        EXPECT_EQ(std::string(error.what()),
                  "--reference: no run named \"msvc\"; the runs are gcc, fast, icx");
    }
    TableRequest twice = request_;
    twice.runs.push_back(twice.runs.front());
    EXPECT_THROW(run_table(twice), util::Error);
    TableRequest statistic = request_;
    statistic.statistic = "mode";
    EXPECT_THROW(run_table(statistic), util::Error);
}

}  // namespace
}  // namespace caws::app
