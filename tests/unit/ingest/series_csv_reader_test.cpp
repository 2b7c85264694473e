#include "ingest/series_csv_reader.hpp"

#include <gtest/gtest.h>

#include "ingest/results.hpp"
#include "support/fixtures.hpp"
#include "support/temp_dir.hpp"
#include "util/error.hpp"

namespace caws::ingest {
namespace {

model::Run parse(const std::string& text, const std::string& path = "data/rss.csv") {
    return parse_series_csv(text, model::Source{path, "series-csv"});
}

std::string error_of(const std::string& text) {
    try {
        parse(text);
    } catch (const util::Error& error) {
        return error.what();
    }
    return "no error";
}

TEST(SeriesCsvReader, ReadsSamplesWithTimestampsInBytes) {
    const model::Run run = parse(
        "time,value (MiB)\n# comment\n\n1795427700,212.0\r\n"
        "2026-11-23T10:03:00Z,214.5\n");
    ASSERT_EQ(run.metrics.size(), 1u);
    const model::Metric& m = run.metrics[0];
    EXPECT_EQ(m.name, "rss");
    EXPECT_EQ(m.measure, "memory");
    EXPECT_EQ(m.unit, model::bytes());
    EXPECT_EQ(m.direction, model::Direction::lower);
    EXPECT_EQ(m.samples, (std::vector<double>{212.0 * 1048576, 214.5 * 1048576}));
    EXPECT_EQ(m.timestamps, (std::vector<double>{1795427700, 1795428180}));
}

TEST(SeriesCsvReader, WithoutAUnitValuesAreBytes) {
    const model::Run run = parse("time,value\n0,100\n1.5,200\n");
    EXPECT_EQ(run.metrics[0].samples, (std::vector<double>{100, 200}));
    EXPECT_EQ(run.metrics[0].timestamps, (std::vector<double>{0, 1.5}));
}

TEST(SeriesCsvReader, OtherUnitsAreValues) {
    const model::Run run = parse("time,value (ms)\n0,1.5\n");
    EXPECT_EQ(run.metrics[0].measure, "value");
    EXPECT_EQ(run.metrics[0].unit, model::seconds());
}

TEST(SeriesCsvReader, IsDetectedByItsHeader) {
    EXPECT_TRUE(looks_like_series_csv("# memory\ntime,value (MiB)\n1,2\n"));
    EXPECT_FALSE(looks_like_series_csv("time,commit,metric1\n"));
    const model::Run run = parse_results("time,value\n1,2\n", "m.csv", std::nullopt);
    EXPECT_EQ(run.sources.at(0).format, "series-csv");
}

TEST(SeriesCsvReader, BrokenInputIsLocated) {
    EXPECT_EQ(error_of(""), "data/rss.csv: expected the header \"time,value\", got an empty file");
    EXPECT_EQ(error_of("t,v\n1,2\n"),
              "data/rss.csv: line 1, column 1: expected the header \"time,value\" or "
              "\"time,value (UNIT)\"");
    EXPECT_EQ(error_of("time,value [MiB]\n"),
              "data/rss.csv: line 1, column 12: expected the unit in parentheses after "
              "\"value\", as in \"value (MiB)\"");
    EXPECT_EQ(error_of("time,value (parsecs)\n"),
              "data/rss.csv: line 1, column 12: unknown unit \"parsecs\"; expected a size (B, "
              "kB, MB, MiB, GiB, ...) or another unit caws-gate knows");
    EXPECT_EQ(error_of("time,value\n1795427700\n"),
              "data/rss.csv: line 2, column 1: expected two fields \"time,value\", got one");
    EXPECT_EQ(error_of("time,value\n1,2,3\n"),
              "data/rss.csv: line 2, column 4: expected two fields \"time,value\", got more");
    EXPECT_EQ(error_of("time,value\n1,2\nnoon,12\n"),
              "data/rss.csv: line 3, column 1: expected a time (Unix seconds or an ISO 8601 "
              "date), got \"noon\"");
    EXPECT_EQ(error_of("time,value\n1795427700,lots\n"),
              "data/rss.csv: line 2, column 12: expected a number, got \"lots\"");
    EXPECT_EQ(error_of("time,value\n1795427700,-5\n"),
              "data/rss.csv: line 2, column 12: expected a value that is not negative, got -5");
    EXPECT_EQ(error_of("time,value\n# nothing\n"),
              "data/rss.csv: expected at least one \"time,value\" line after the header");
}

TEST(SeriesCsvReader, TheDocumentedExampleReadsAsThePageSays) {
    const std::string page = test::read_text(test::source_path("docs/formats/series-csv.md"));
    const std::string start = "## Example\n\n```text\n";
    const std::size_t begin = page.find(start) + start.size();
    const std::string text = page.substr(begin, page.find("\n```", begin) + 1 - begin);
    const model::Run run = parse_results(text, "series-csv.md", std::nullopt);
    ASSERT_EQ(run.metrics.size(), 1u);
    EXPECT_EQ(run.metrics[0].name, "series-csv");
    EXPECT_EQ(run.metrics[0].measure, "memory");
    EXPECT_EQ(run.metrics[0].samples.size(), 4u);
    EXPECT_EQ(run.metrics[0].samples[0], 222298112.0);
}

}  // namespace
}  // namespace caws::ingest
