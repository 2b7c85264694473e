// How the Google Benchmark reader tells the order of the repetitions from the order of the
// benchmarks (model::Context::repetitions).
#include <gtest/gtest.h>

#include <optional>
#include <string>
#include <vector>

#include "ingest/google_benchmark_reader.hpp"
#include "support/fixtures.hpp"

namespace caws::ingest {
namespace {

using model::RepetitionOrder;

std::optional<RepetitionOrder> order_of(const std::string& text) {
    return parse_google_benchmark(text, model::Source{"perf.json", "google-benchmark"})
        .context.repetitions;
}

// One iteration row of instance `instance` of family `family`; `family` < 0 leaves the
// registration out, as versions before 1.6 did.
std::string row(const std::string& name, int family, int repetition, int repetitions = 3,
                int instance = 0) {
    std::string text = R"({"name": ")" + name + R"(", "run_name": ")" + name + R"(", )";
    if (family >= 0) {
        text += R"("family_index": )" + std::to_string(family) +
                R"(, "per_family_instance_index": )" + std::to_string(instance) + ", ";
    }
    return text + R"("run_type": "iteration", "repetitions": )" + std::to_string(repetitions) +
           R"(, "repetition_index": )" + std::to_string(repetition) +
           R"(, "threads": 1, "iterations": 10, "real_time": 100, "cpu_time": 99, )"
           R"("time_unit": "ns"})";
}

struct Bench {
    std::string name;
    int family = 0;
    int instance = 0;
};

// The rows of benchmarks, each with `repetitions` rows together, in the order given.
std::string file(const std::vector<Bench>& benchmarks, int repetitions = 3) {
    std::string rows;
    for (const Bench& b : benchmarks) {
        for (int r = 0; r < repetitions; ++r) {
            rows += (rows.empty() ? "" : ",\n") + row(b.name, b.family, r, repetitions, b.instance);
        }
    }
    return R"({"context": {"date": "2026-12-07"}, "benchmarks": [)" + rows + "]}";
}

TEST(GoogleBenchmarkRepetitions, RealRunsTellInterleavedFromBackToBack) {
    EXPECT_EQ(order_of(test::read_fixture("google-benchmark/sample/interleaved.json")),
              RepetitionOrder::interleaved);
    EXPECT_EQ(order_of(test::read_fixture("google-benchmark/sample/back-to-back.json")),
              RepetitionOrder::back_to_back);
}

TEST(GoogleBenchmarkRepetitions, BenchmarksOutOfRegistrationOrderWereInterleaved) {
    EXPECT_EQ(order_of(file({{"BM_C", 2}, {"BM_A", 0}})), RepetitionOrder::interleaved);
    // Instances of one family count too: (family, instance) is the order.
    EXPECT_EQ(order_of(file({{"BM_A/2", 0, 1}, {"BM_A/1", 0, 0}})),
              RepetitionOrder::interleaved);
    EXPECT_EQ(order_of(file({{"BM_A/1", 0, 0}, {"BM_A/2", 0, 1}})),
              RepetitionOrder::undetermined);
}

TEST(GoogleBenchmarkRepetitions, RowsComingBackToABenchmarkWereInterleaved) {
    // A writer that wrote each repetition as it ran.
    const std::string text = R"({"benchmarks": [)" + row("BM_A", -1, 0) + "," +
                             row("BM_B", -1, 0) + "," + row("BM_A", -1, 1) + "]}";
    EXPECT_EQ(order_of(text), RepetitionOrder::interleaved);
}

TEST(GoogleBenchmarkRepetitions, RegistrationOrderIsBackToBackFromFourBenchmarks) {
    EXPECT_EQ(order_of(file({{"BM_A", 0}, {"BM_B", 1}, {"BM_C", 2}, {"BM_D", 3}})),
              RepetitionOrder::back_to_back);
    // Three in order: an interleaved run keeps that order one time in six.
    EXPECT_EQ(order_of(file({{"BM_A", 0}, {"BM_B", 1}, {"BM_C", 2}})),
              RepetitionOrder::undetermined);
}

TEST(GoogleBenchmarkRepetitions, FilesWithoutFamilyIndexAreBackToBack) {
    // Versions that wrote no family_index had no random interleaving.
    EXPECT_EQ(order_of(file({{"BM_A", -1}, {"BM_B", -1}})), RepetitionOrder::back_to_back);
    // Some rows with it, some without: nothing to go by.
    EXPECT_EQ(order_of(file({{"BM_A", -1}, {"BM_B", 1}})), RepetitionOrder::undetermined);
}

TEST(GoogleBenchmarkRepetitions, OneRepetitionEachIsSingle) {
    EXPECT_EQ(order_of(file({{"BM_B", 1}, {"BM_A", 0}}, 1)), RepetitionOrder::single);
    // Aggregates only: the repetitions they were computed from count.
    const std::string aggregates = R"({"benchmarks": [
        {"name": "BM_A_mean", "run_name": "BM_A", "family_index": 1, "run_type": "aggregate",
         "aggregate_name": "mean", "repetitions": 5, "real_time": 10, "cpu_time": 10,
         "time_unit": "ns"},
        {"name": "BM_B_mean", "run_name": "BM_B", "family_index": 0, "run_type": "aggregate",
         "aggregate_name": "mean", "repetitions": 5, "real_time": 10, "cpu_time": 10,
         "time_unit": "ns"}]})";
    EXPECT_EQ(order_of(aggregates), RepetitionOrder::interleaved);
}

TEST(GoogleBenchmarkRepetitions, AFamilyIndexThatIsNotACountIsIgnored) {
    std::string text = file({{"BM_A", 0}, {"BM_B", 1}, {"BM_C", 2}, {"BM_D", 3}});
    // Every row of BM_C: a benchmark with no valid registration leaves the order untold.
    for (auto at = text.find(R"("family_index": 2)"); at != std::string::npos;
         at = text.find(R"("family_index": 2)", at)) {
        text.replace(at, 17, R"("family_index": "x")");
    }
    EXPECT_EQ(order_of(text), RepetitionOrder::undetermined);
}

}  // namespace
}  // namespace caws::ingest
