#include "ingest/series_json_reader.hpp"

#include <gtest/gtest.h>

#include "ingest/results.hpp"
#include "support/fixtures.hpp"
#include "support/temp_dir.hpp"
#include "util/error.hpp"

namespace caws::ingest {
namespace {

model::Run parse(const std::string& text, std::vector<std::string> columns = {}) {
    ReadOptions options;
    options.columns = std::move(columns);
    return parse_series_json(text, model::Source{"data/rss.json", "series-json"}, options);
}

std::string error_of(const std::string& text, std::vector<std::string> columns = {}) {
    try {
        parse(text, std::move(columns));
    } catch (const util::Error& error) {
        return error.what();
    }
    return "no error";
}

TEST(SeriesJsonReader, ReadsParallelArraysWithUnitsFromTheKeys) {
    const model::Run run = parse(R"({"t_s": [0, 60, 120], "rss_mb": [212, 214.5, 216]})");
    ASSERT_EQ(run.metrics.size(), 1u);
    const model::Metric& m = run.metrics[0];
    EXPECT_EQ(m.name, "rss");
    EXPECT_EQ(m.measure, "memory");
    EXPECT_EQ(m.unit, model::bytes());
    EXPECT_EQ(m.samples, (std::vector<double>{212e6, 214.5e6, 216e6}));
    EXPECT_EQ(m.timestamps, (std::vector<double>{0, 60, 120}));
    const model::Run mib = parse(R"x({"time (ms)": [500, 1000], "rss (MiB)": [1, 2]})x");
    EXPECT_EQ(mib.metrics[0].timestamps, (std::vector<double>{0.5, 1}));
    EXPECT_EQ(mib.metrics[0].samples, (std::vector<double>{1048576, 2097152}));
}

TEST(SeriesJsonReader, ColumnsPicksTwoArrays) {
    const std::string text = R"({"t_s": [0, 1], "rss_mb": [5, 6], "heap_mb": [1, 3]})";
    EXPECT_EQ(parse(text, {"t_s", "heap_mb"}).metrics[0].samples, (std::vector<double>{1e6, 3e6}));
    EXPECT_EQ(error_of(text),
              "data/rss.json: expected two columns, a time and a value, got 3 (\"t_s\", "
              "\"rss_mb\", \"heap_mb\"); pick two with --columns TIME,VALUE");
    EXPECT_EQ(error_of(text, {"t_s", "vsz"}),
              "data/rss.json: no column \"vsz\" (--columns); the columns are \"t_s\", "
              "\"rss_mb\", \"heap_mb\"");
}

TEST(SeriesJsonReader, IsDetectedAsAnObjectOfArraysOfNumbers) {
    EXPECT_TRUE(looks_like_series_json(R"({"t_s": [0, 1], "rss_mb": [1, 2]})"));
    EXPECT_FALSE(looks_like_series_json(R"({"benchmarks": [{"name": "a"}]})"));
    EXPECT_FALSE(looks_like_series_json(R"([1, 2])"));
    const model::Run run =
        parse_results(R"({"t_s": [0, 1], "rss_mb": [1, 2]})", "svc.json", std::nullopt);
    EXPECT_EQ(run.sources.at(0).format, "series-json");
}

TEST(SeriesJsonReader, BrokenInputIsLocated) {
    EXPECT_EQ(error_of(R"({"t_s": [0, 1, 2], "rss_mb": [1, 2]})"),
              "data/rss.json: /rss_mb: expected 3 values like \"t_s\", got 2");
    EXPECT_EQ(error_of(R"({"t_s": [0, 1], "rss_mb": [1, "x"]})"),
              "data/rss.json: /rss_mb/1: expected a number, got \"x\"");
    EXPECT_EQ(error_of(R"({"t_s": [0, 2, 1], "rss_mb": [1, 2, 3]})"),
              "data/rss.json: /t_s/2: expected a time after the previous sample's (2 s), got 1 "
              "s; the samples must be in time order");
    EXPECT_EQ(error_of(R"({"t_s": [], "rss_mb": []})"),
              "data/rss.json: /t_s: expected at least one sample, got none");
    EXPECT_EQ(error_of(R"({"t_s": [0], "rss_mb": [-1]})"),
              "data/rss.json: /rss_mb/0: expected a value that is not negative, got -1");
    EXPECT_EQ(error_of(R"({"t_s": 0, "rss_mb": [1]})"),
              "data/rss.json: /t_s: expected an array, got 0");
    EXPECT_EQ(error_of(R"({"t_gb": [0], "rss_mb": [1]})"),
              "data/rss.json: /t_gb: expected a time unit (s, ms, us, ns, min, h) in the time "
              "column \"t_gb\", got a B column");
    EXPECT_NE(error_of(R"({"t_s": [0, 1], "rss_mb": [1, 2)"), "no error");
    EXPECT_NE(error_of(R"([0, 1])"), "no error");
}

TEST(SeriesJsonReader, TheDocumentedExampleReadsAsThePageSays) {
    const std::string page = test::read_text(test::source_path("docs/formats/series-json.md"));
    const std::string start = "## Example\n\n```json\n";
    const std::size_t begin = page.find(start) + start.size();
    const std::string text = page.substr(begin, page.find("\n```", begin) + 1 - begin);
    const model::Run run = parse_results(text, "series-json.md", std::nullopt);
    ASSERT_EQ(run.metrics.size(), 1u);
    EXPECT_EQ(run.metrics[0].name, "series-json");
    EXPECT_EQ(run.metrics[0].measure, "memory");
    EXPECT_EQ(run.metrics[0].samples.size(), 4u);
    EXPECT_EQ(run.metrics[0].samples[0], 212e6);
}

}  // namespace
}  // namespace caws::ingest
