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
    EXPECT_TRUE(looks_like_series_csv("t_s,rss_mb\n0,212.5\n"));
    EXPECT_TRUE(looks_like_series_csv("time,value\n"));
    EXPECT_FALSE(looks_like_series_csv("time,commit,metric1\n"));
    EXPECT_FALSE(looks_like_series_csv("1,2\n3,4\n"));
    EXPECT_FALSE(looks_like_series_csv("name,label\nBM_A,fast\n"));
    const model::Run run = parse_results("time,value\n1,2\n", "m.csv", std::nullopt);
    EXPECT_EQ(run.sources.at(0).format, "series-csv");
    EXPECT_EQ(parse_results("t_s,rss_mb\n0,1\n", "m.csv", std::nullopt).sources.at(0).format,
              "series-csv");
}

TEST(SeriesCsvReader, UnitsComeFromColumnNameSuffixes) {
    const model::Run run = parse("t_s,rss_mb\n0,212.5\n60,214\n");
    const model::Metric& m = run.metrics[0];
    EXPECT_EQ(m.name, "rss");
    EXPECT_EQ(m.measure, "memory");
    EXPECT_EQ(m.samples, (std::vector<double>{212.5e6, 214e6}));
    EXPECT_EQ(m.timestamps, (std::vector<double>{0, 60}));
    EXPECT_EQ(parse("t_ms,heap_KiB\n1500,2\n").metrics[0].samples[0], 2048);
    EXPECT_EQ(parse("t_ms,heap_KiB\n1500,2\n").metrics[0].timestamps[0], 1.5);
    EXPECT_EQ(parse("t_min,used_gib\n2,1\n").metrics[0].timestamps[0], 120);
    EXPECT_EQ(parse("t_min,used_gib\n2,1\n").metrics[0].samples[0], 1073741824.0);
    EXPECT_EQ(parse("timestamp,memory_bytes\n1795427700,7\n").metrics[0].samples[0], 7);
    EXPECT_EQ(parse("t_h,rss_kb\n1,3\n").metrics[0].timestamps[0], 3600);
    EXPECT_DOUBLE_EQ(parse("t_us,rss_b\n5,3\n").metrics[0].timestamps[0], 5e-6);
}

TEST(SeriesCsvReader, UnitsComeFromParentheses) {
    const model::Run run = parse("time (s),rss (MiB)\n0,1\n0.5,2\n");
    EXPECT_EQ(run.metrics[0].samples, (std::vector<double>{1048576, 2097152}));
    EXPECT_EQ(parse("elapsed (ms), rss (MB)\n250,1\n").metrics[0].timestamps[0], 0.25);
}

TEST(SeriesCsvReader, ColumnsWithoutAUnitAreSecondsAndBytes) {
    const model::Run run = parse("when,rss\n10,2048\n");
    EXPECT_EQ(run.metrics[0].timestamps[0], 10);
    EXPECT_EQ(run.metrics[0].samples[0], 2048);
    EXPECT_EQ(run.metrics[0].unit, model::bytes());
    // An unknown suffix is part of the name, not a unit.
    EXPECT_EQ(parse("t,heap_used\n0,5\n").metrics[0].samples[0], 5);
}

TEST(SeriesCsvReader, ColumnsPicksTwoOfAWiderFile) {
    ReadOptions options;
    options.columns = {"t_s", "heap_mb"};
    const model::Run run = parse_series_csv("t_s,rss_mb,heap_mb\n0,500,100\n1,501,102\n",
                                            model::Source{"svc.csv", "series-csv"}, options);
    EXPECT_EQ(run.metrics[0].samples, (std::vector<double>{100e6, 102e6}));
    options.columns = {"t_s", "vsz_mb"};
    try {
        parse_series_csv("t_s,rss_mb,heap_mb\n0,500,100\n", model::Source{"svc.csv", ""}, options);
        FAIL() << "no error";
    } catch (const util::Error& error) {
        EXPECT_STREQ(error.what(),
                     "svc.csv: line 1, column 1: no column \"vsz_mb\" (--columns); the columns "
                     "are \"t_s\", \"rss_mb\", \"heap_mb\"");
    }
}

TEST(SeriesCsvReader, BrokenInputIsLocated) {
    EXPECT_EQ(error_of(""),
              "data/rss.csv: expected a header naming the time and value columns "
              "(\"t_s,rss_mb\"), got an empty file");
    EXPECT_EQ(error_of("t_s,rss_mb,heap_mb\n1,2,3\n"),
              "data/rss.csv: line 1, column 1: expected two columns, a time and a value, got 3 "
              "(\"t_s\", \"rss_mb\", \"heap_mb\"); pick two with --columns TIME,VALUE");
    EXPECT_EQ(error_of("time\n1\n"),
              "data/rss.csv: line 1, column 1: expected two columns, a time and a value, got 1 "
              "(\"time\"); pick two with --columns TIME,VALUE");
    EXPECT_EQ(error_of("time,\n"),
              "data/rss.csv: line 1, column 6: expected a column name, got none");
    EXPECT_EQ(error_of("time,value (parsecs)\n"),
              "data/rss.csv: line 1, column 6: unknown unit \"parsecs\" in column \"value "
              "(parsecs)\"; expected a size (B, kB, MB, MiB, GiB, ...), a time (s, ms, ...) or "
              "another unit caws-gate knows");
    EXPECT_EQ(error_of("t_mb,rss_mb\n1,2\n"),
              "data/rss.csv: line 1, column 1: expected a time unit (s, ms, us, ns, min, h) in "
              "the time column \"t_mb\", got a B column");
    EXPECT_EQ(error_of("time,value\n1795427700\n"),
              "data/rss.csv: line 2, column 1: expected 2 fields like the header, got 1");
    EXPECT_EQ(error_of("time,value\n1,2,3\n"),
              "data/rss.csv: line 2, column 1: expected 2 fields like the header, got 3");
    EXPECT_EQ(error_of("time,value\n1,2\nnoon,12\n"),
              "data/rss.csv: line 3, column 1: expected a time (a number or an ISO 8601 date) "
              "in column \"time\", got \"noon\"");
    EXPECT_EQ(error_of("t_s,rss_mb\n1795427700,lots\n"),
              "data/rss.csv: line 2, column 12: expected a number in column \"rss_mb\", got "
              "\"lots\"");
    EXPECT_EQ(error_of("time,value\n1795427700,-5\n"),
              "data/rss.csv: line 2, column 12: expected a value that is not negative, got -5");
    EXPECT_EQ(error_of("t_s,rss_mb\n0,1\n10,2\n10,3\n"),
              "data/rss.csv: line 4, column 1: expected a time after the previous sample's (10 "
              "s), got 10 s; the samples must be in time order");
    EXPECT_EQ(error_of("t_s,rss_mb\n5,1\n4,2\n"),
              "data/rss.csv: line 3, column 1: expected a time after the previous sample's (5 "
              "s), got 4 s; the samples must be in time order");
    EXPECT_EQ(error_of("time,value\n# nothing\n"),
              "data/rss.csv: expected at least one sample line after the header");
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
