// The format table, detection and merging as the JSON formats use them.
#include <gtest/gtest.h>

#include "ingest/results.hpp"
#include "store/baseline_file.hpp"
#include "support/fixtures.hpp"
#include "support/run_queries.hpp"
#include "support/temp_dir.hpp"

namespace caws::ingest {
namespace {

using test::error_of;
using test::find_metric;

TEST(JsonFormats, EveryFixtureIsDetectedAsItsFormat) {
    const std::vector<std::pair<std::string, std::vector<std::string>>> fixtures{
        {"pytest-benchmark",
         {"pytest-benchmark/github-action-benchmark/pytest_output.json",
          "pytest-benchmark/github-action-benchmark/pytest_several_units.json",
          "pytest-benchmark/bencher/two.json", "pytest-benchmark/bencher/four.json",
          "pytest-benchmark/generated/with_data.json",
          "pytest-benchmark/generated/stats_only.json"}},
        {"hyperfine",
         {"hyperfine/bencher/one.json", "hyperfine/bencher/two.json",
          "hyperfine/generated/sleep.json", "hyperfine/generated/parameters.json"}},
        {"custom-json",
         {"custom-json/github-action-benchmark/customBiggerIsBetter_output.json",
          "custom-json/github-action-benchmark/customSmallerIsBetter_output.json",
          "custom-json/github-action-benchmark/customSmallerIsBetter_output2.json"}},
        {"jmh",
         {"jmh/github-action-benchmark/jmh_output.json",
          "jmh/github-action-benchmark/jmh_output_2.json", "jmh/bencher/latency.json",
          "jmh/bencher/throughput.json", "jmh/bencher/six.json"}},
        {"benchmarkdotnet",
         {"benchmarkdotnet/github-action-benchmark/benchmarkdotnet.json",
          "benchmarkdotnet/bencher/memory.json", "benchmarkdotnet/bencher/null_namespace.json",
          "benchmarkdotnet/bencher/two.json", "benchmarkdotnet/bencher/two_more.json"}},
        {"julia-benchmarktools",
         {"julia-benchmarktools/github-action-benchmark/julia_output.json"}},
        {"bmf",
         {"bmf/bencher/report_bmf_mixed.json", "bmf/bencher/report_dhat.json",
          "bmf/bencher/report_latency.json"}},
        {"k6", {"k6/summary-export.json", "k6/handle-summary.json"}},
        {"prometheus",
         {"prometheus/vector_memory.json", "prometheus/matrix_memory.json",
          "prometheus/vector_rate_without_name.json", "prometheus/vector_up.json",
          "prometheus/scalar_time.json"}},
        {"caws-metrics", {"caws-metrics/tts.json", "caws-metrics/phases-only.json"}},
        {"metric-summary",
         {"metric-summary/percentile-baseline.json", "metric-summary/load-test-summary.json"}},
        {"google-benchmark", {"google-benchmark/github-action-benchmark/googlecpp_output.json"}},
    };
    ReadOptions options;
    options.direction = model::Direction::lower;  // custom JSON needs it
    for (const auto& [format, files] : fixtures) {
        ASSERT_NE(find_format(format), nullptr) << format;
        for (const std::string& file : files) {
            const model::Run run =
                parse_results(test::read_fixture(file), file, std::nullopt, options);
            ASSERT_EQ(run.sources.size(), 1u);
            EXPECT_EQ(run.sources[0].format, format) << file;
            EXPECT_FALSE(run.metrics.empty()) << file;
        }
    }
}

TEST(JsonFormats, AnUnknownFileListsTheFormats) {
    const std::string message = error_of([] {
        parse_results(test::read_fixture("lighthouse/budgets.json"), "budgets.json", std::nullopt);
    });
    EXPECT_EQ(message.rfind("budgets.json: cannot tell which benchmark tool wrote this file; "
                            "expected one of: google-benchmark, ",
                            0),
              0u)
        << message;
    for (const char* id :
         {"pytest-benchmark", "hyperfine", "jmh", "benchmarkdotnet", "julia-benchmarktools",
          "custom-json", "bmf", "k6", "prometheus", "caws-metrics", "metric-summary"}) {
        EXPECT_NE(message.find(std::string(", ") + id), std::string::npos) << id;
    }
    EXPECT_NE(message.find(" (force one with --format)"), std::string::npos);
}

TEST(JsonFormats, ForcingAFormatReportsItsOwnErrors) {
    EXPECT_EQ(error_of([] {
                  parse_results(test::read_fixture("k6/summary-export.json"), "k6.json",
                                std::string("hyperfine"));
              }),
              "k6.json: expected a \"results\" array (hyperfine --export-json)");
}

TEST(JsonFormats, DirectionFillsWhatTheFileDoesNotSay) {
    const std::string text = test::read_fixture("prometheus/matrix_memory.json");
    const model::Run unknown = parse_results(text, "q.json", std::nullopt);
    EXPECT_EQ(unknown.metrics.at(0).direction, model::Direction::unknown);
    ReadOptions options;
    options.direction = model::Direction::lower;
    const model::Run lower = parse_results(text, "q.json", std::nullopt, options);
    EXPECT_EQ(lower.metrics.at(0).direction, model::Direction::lower);
    // A direction the file gives stays.
    options.direction = model::Direction::lower;
    const model::Run k6 = parse_results(test::read_fixture("k6/summary-export.json"), "k6.json",
                                        std::nullopt, options);
    EXPECT_EQ(find_metric(k6, "http_reqs", "rate").direction, model::Direction::higher);
    EXPECT_EQ(find_metric(k6, "vus", "value").direction, model::Direction::lower);
}

TEST(JsonFormats, RepetitionsInSeveralFilesKeepTheirTimestamps) {
    const test::TempDir dir;
    const auto series = [](const char* first, const char* second) {
        std::string text = R"({"status": "success", "data": {"resultType": "matrix", "result": [
            {"metric": {"__name__": "rss_bytes"}, "values": [[)";
        text += first;
        text += R"(, "100"], [)";
        text += second;
        text += R"(, "110"]]}]}})";
        return text;
    };
    const std::string a = dir.write("a.json", series("1000", "1001"));
    const std::string b = dir.write("b.json", series("1002", "1003"));
    const model::Run merged = read_results({a, b}, std::nullopt);
    const model::Metric& rss = find_metric(merged, "rss_bytes", "value");
    EXPECT_EQ(rss.samples, (std::vector<double>{100, 110, 100, 110}));
    EXPECT_EQ(rss.timestamps, (std::vector<double>{1000, 1001, 1002, 1003}));

    // With a part that has no timestamps, the merged samples have none.
    const std::string c =
        dir.write("c.json", R"({"schema": "caws-gate/metrics@1", "metrics": [{"name": "rss_bytes",
            "unit": "B", "direction": "unknown", "samples": [120]}]})");
    const model::Run mixed = read_results({a, c}, std::nullopt);
    EXPECT_EQ(find_metric(mixed, "rss_bytes", "value").samples.size(), 3u);
    EXPECT_TRUE(find_metric(mixed, "rss_bytes", "value").timestamps.empty());
}

TEST(JsonFormats, BaselinesKeepTimestamps) {
    store::Baseline baseline;
    baseline.suite = "memory";
    baseline.provenance.created = "2026-11-23T00:00:00Z";
    baseline.run =
        parse_results(test::read_fixture("prometheus/matrix_memory.json"), "q.json", std::nullopt);
    const std::string text = store::serialize_baseline(baseline);
    const store::Baseline read = store::parse_baseline(text, "memory.json");
    ASSERT_EQ(read.run.metrics.size(), 1u);
    EXPECT_EQ(read.run.metrics[0].timestamps, baseline.run.metrics[0].timestamps);
    EXPECT_EQ(read.run.metrics[0].samples, baseline.run.metrics[0].samples);

    std::string broken = text;
    broken.replace(broken.find("\"timestamps\":[") + 14, 0, "1,");
    EXPECT_EQ(error_of([&] { store::parse_baseline(broken, "memory.json"); }),
              "memory.json: /metrics/0/timestamps: expected one timestamp per sample, got 21 "
              "timestamps for 20 samples");
}

}  // namespace
}  // namespace caws::ingest
