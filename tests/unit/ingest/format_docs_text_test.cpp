// The examples in docs/formats/*.md of the text and XML formats are read as the page
// says: detected as that format, with the metrics the page lists.
#include <gtest/gtest.h>

#include <cmath>

#include "ingest/results.hpp"
#include "support/fixtures.hpp"
#include "support/temp_dir.hpp"

namespace caws::ingest {
namespace {

// The ```text block after "## Example" in docs/formats/<id>.md.
std::string example_of(const std::string& id) {
    const std::string page = test::read_text(test::source_path("docs/formats/" + id + ".md"));
    const std::string start = "## Example\n\n```text\n";
    const std::size_t at = page.find(start);
    if (at == std::string::npos) throw std::runtime_error(id + ".md has no example");
    const std::size_t begin = at + start.size();
    return page.substr(begin, page.find("\n```", begin) + 1 - begin);
}

model::Run read_example(const std::string& id) {
    const std::string text = example_of(id);
    EXPECT_EQ(std::count(text.begin(), text.end(), '\n'), 5) << id << ": five lines";
    const model::Run run = parse_results(text, id + ".md", std::nullopt);
    EXPECT_EQ(run.sources.at(0).format, id);
    return run;
}

const model::Metric& metric(const model::Run& run, const std::string& name,
                            const std::string& measure) {
    for (const auto& m : run.metrics) {
        if (m.name == name && m.measure == measure) return m;
    }
    throw std::runtime_error("no metric " + name + " " + measure);
}

TEST(FormatDocs, GoExample) {
    const model::Run run = read_example("go");
    ASSERT_EQ(run.metrics.size(), 4u);
    EXPECT_EQ(metric(run, "BenchmarkFNV/size=64", "sec/op").samples,
              (std::vector<double>{39.22e-9, 44.89e-9}));
    EXPECT_EQ(metric(run, "BenchmarkFNV/size=64", "B/s").samples,
              (std::vector<double>{1631.91e6, 1425.72e6}));
}

TEST(FormatDocs, RustLibtestExample) {
    const model::Run run = read_example("rust-libtest");
    ASSERT_EQ(run.metrics.size(), 3u);
    EXPECT_EQ(metric(run, "tests::bench_copy_4k", "throughput").samples,
              std::vector<double>{117028e6});
    EXPECT_DOUBLE_EQ(metric(run, "tests::bench_fib_20", "time").samples.at(0), 14650.87e-9);
}

TEST(FormatDocs, CriterionExample) {
    const model::Run run = read_example("criterion");
    ASSERT_EQ(run.metrics.size(), 2u);
    EXPECT_EQ(metric(run, "checksum/64", "time").summary->n, 20u);
    EXPECT_DOUBLE_EQ(*metric(run, "checksum/64", "time").summary->mean, 29.528e-9);
    EXPECT_DOUBLE_EQ(*metric(run, "checksum/64", "throughput").summary->mean,
                     2.0186 * 1024 * 1024 * 1024);
}

TEST(FormatDocs, Catch2ConsoleExample) {
    const model::Run run = read_example("catch2-console");
    ASSERT_EQ(run.metrics.size(), 1u);
    const model::Summary& s = *metric(run, "insert 100", "time").summary;
    EXPECT_EQ(s.n, 20u);
    EXPECT_DOUBLE_EQ(*s.mean, 2.41223e-6);
    EXPECT_DOUBLE_EQ(*s.stddev, 129.657e-9);
}

TEST(FormatDocs, Catch2XmlExample) {
    const model::Run run = read_example("catch2-xml");
    ASSERT_EQ(run.metrics.size(), 1u);
    const model::Metric& m = metric(run, "insert 100", "time");
    EXPECT_DOUBLE_EQ(*m.summary->mean, 2554.79e-9);
    EXPECT_DOUBLE_EQ(*m.summary->stddev, 129.657e-9);
    EXPECT_EQ(m.labels.at(0), (std::pair<std::string, std::string>{"test_case", "std::map"}));
}

TEST(FormatDocs, BenchmarkjsExample) {
    const model::Run run = read_example("benchmarkjs");
    ASSERT_EQ(run.metrics.size(), 3u);
    const model::Summary& s = *metric(run, "fib(10)", "throughput").summary;
    EXPECT_EQ(s.n, 63u);
    EXPECT_DOUBLE_EQ(*s.mean, 1557562);
    EXPECT_NEAR(*s.stddev, 463604, 1);
    metric(run, "join x 3 strings", "throughput");
}

}  // namespace
}  // namespace caws::ingest
