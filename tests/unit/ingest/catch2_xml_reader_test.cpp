#include "ingest/catch2_xml_reader.hpp"

#include <gtest/gtest.h>

#include "ingest/catch2_console_reader.hpp"
#include "ingest/results.hpp"
#include "support/fixtures.hpp"
#include "util/error.hpp"

namespace caws::ingest {
namespace {

model::Run parse(const std::string& text, const std::string& path = "report.xml") {
    return parse_catch2_xml(text, model::Source{path, "catch2-xml"});
}

model::Run parse_fixture(const std::string& relative) {
    return parse(test::read_fixture("catch2/" + relative), relative);
}

const model::Metric& metric(const model::Run& run, const std::string& name) {
    for (const auto& m : run.metrics) {
        if (m.name == name && m.measure == "time") return m;
    }
    throw std::runtime_error("no metric " + name);
}

std::string error_of(const std::string& text) {
    try {
        parse(text);
    } catch (const util::Error& error) {
        return error.what();
    }
    return "no error";
}

// A report as Catch2 v3's XmlReporter writes it (src/catch2/reporters/catch_reporter_xml.cpp);
// Debian 12 ships Catch2 v2 only, so v3's shape is written out here.
const std::string k_v3 = R"(<?xml version="1.0" encoding="UTF-8"?>
<Catch2TestRun name="tests" rng-seed="1234" xml-format-version="3" catch2-version="3.4.0">
  <TestCase name="Sorting" tags="[bench]" filename="sort.cpp" line="10">
    <BenchmarkResults name="std::sort 1000" samples="100" resamples="100000" iterations="3" clockResolution="19.5" estimatedDuration="5123400">
      <!-- All values in nano seconds -->
      <mean value="17263.2" lowerBound="17210.4" upperBound="17342.1" ci="0.95"/>
      <standardDeviation value="311.9" lowerBound="210.3" upperBound="467.8" ci="0.95"/>
      <outliers variance="0.1" lowMild="0" lowSevere="0" highMild="2" highSevere="1"/>
    </BenchmarkResults>
    <OverallResult success="true" skips="0"/>
  </TestCase>
  <OverallResults successes="0" failures="0" expectedFailures="0" skips="0"/>
  <OverallResultsCases successes="1" failures="0" expectedFailures="0" skips="0"/>
</Catch2TestRun>
)";

TEST(Catch2XmlReader, RealCatch2Report) {
    // tests/fixtures/catch2/sample/make.sh: -r xml, Catch2 2.13.10.
    const model::Run run = parse_fixture("sample/report.xml");
    ASSERT_EQ(run.metrics.size(), 6u);
    const model::Metric& fib = metric(run, "fibonacci 10");
    EXPECT_EQ(fib.unit, model::seconds());
    EXPECT_EQ(fib.direction, model::Direction::lower);
    ASSERT_TRUE(fib.summary.has_value());
    EXPECT_EQ(fib.summary->n, 20u);
    EXPECT_DOUBLE_EQ(*fib.summary->mean, 50.0488e-9);
    EXPECT_DOUBLE_EQ(*fib.summary->stddev, 2.66969e-9);
    EXPECT_TRUE(fib.samples.empty());
    EXPECT_EQ(fib.labels,
              (std::vector<std::pair<std::string, std::string>>{{"test_case", "Fibonacci"}}));
    // The same names as the console reader gives: shared names qualified by test case.
    EXPECT_DOUBLE_EQ(*metric(run, "insert 100 (std::map)").summary->mean, 2554.79e-9);
    EXPECT_DOUBLE_EQ(*metric(run, "insert 100 (std::unordered_map)").summary->mean, 1982.24e-9);
    const model::Metric& find = metric(run, "find 50");
    EXPECT_EQ(find.labels, (std::vector<std::pair<std::string, std::string>>{
                               {"test_case", "std::unordered_map"}, {"section", "lookups"}}));
    EXPECT_EQ(run.context.executable, "sample");
}

TEST(Catch2XmlReader, NamesMatchTheConsoleReport) {
    const model::Run xml = parse_fixture("sample/report.xml");
    const model::Run console = parse_catch2_console(test::read_fixture("catch2/sample/console.txt"),
                                                    model::Source{"console.txt", "catch2-console"});
    ASSERT_EQ(xml.metrics.size(), console.metrics.size());
    for (std::size_t i = 0; i < xml.metrics.size(); ++i) {
        EXPECT_EQ(xml.metrics[i].name, console.metrics[i].name);
        EXPECT_EQ(xml.metrics[i].labels, console.metrics[i].labels);
    }
}

TEST(Catch2XmlReader, NoAnalysisKeepsNoStandardDeviation) {
    const model::Run run = parse_fixture("sample/report_no_analysis.xml");
    const model::Metric& find = metric(run, "find 50");
    EXPECT_DOUBLE_EQ(*find.summary->mean, 2.38779e-9);
    EXPECT_FALSE(find.summary->stddev.has_value());
}

TEST(Catch2XmlReader, FailedBenchmark) {
    const model::Run run = parse_fixture("sample/report_failed.xml");
    ASSERT_EQ(run.metrics.size(), 1u);
    const model::Metric& m = metric(run, "throws");
    EXPECT_EQ(m.status, model::Status::failed);
    EXPECT_EQ(m.message, "explicit failure");
    EXPECT_FALSE(m.summary.has_value());
}

TEST(Catch2XmlReader, Catch2Version3Report) {
    const model::Run run = parse(k_v3);
    const model::Metric& m = metric(run, "std::sort 1000");
    EXPECT_EQ(m.summary->n, 100u);
    EXPECT_DOUBLE_EQ(*m.summary->mean, 17263.2e-9);
    EXPECT_DOUBLE_EQ(*m.summary->stddev, 311.9e-9);
    EXPECT_EQ(run.context.executable, "tests");
    EXPECT_EQ(run.context.extra.at(0),
              (std::pair<std::string, std::string>{"catch2_version", "3.4.0"}));
}

TEST(Catch2XmlReader, MalformedReportsAreErrorsWithLineAndColumn) {
    std::string bad = k_v3;
    bad.replace(bad.find("17263.2"), 7, "fast");
    EXPECT_EQ(
        error_of(bad),
        "report.xml: line 6, column 7: expected a number in \"value\" of <mean>, got \"fast\"");
    std::string no_samples = k_v3;
    no_samples.replace(no_samples.find(" samples=\"100\""), 14, "");
    EXPECT_EQ(
        error_of(no_samples),
        "report.xml: line 4, column 5: expected a \"samples\" attribute on <BenchmarkResults>");
    std::string negative = k_v3;
    negative.replace(negative.find("311.9"), 5, "-1");
    EXPECT_EQ(error_of(negative),
              "report.xml: line 7, column 7: expected a finite, non-negative time in \"value\" of "
              "<standardDeviation>, got \"-1\"");
    EXPECT_EQ(error_of("<?xml version=\"1.0\"?>\n<testsuites></testsuites>\n"),
              "report.xml: line 2, column 1: expected a Catch2 XML report (<Catch> or "
              "<Catch2TestRun>), got <testsuites>");
    EXPECT_EQ(error_of("<Catch name=\"x\"><Group name=\"x\"></Group></Catch>"),
              "report.xml: expected at least one <BenchmarkResults> element, found none");
    EXPECT_EQ(error_of("<Catch name=\"x\"><Group></Catch>"),
              "report.xml: line 1, column 26: expected well-formed XML: start-end tags mismatch");
}

TEST(Catch2XmlReader, TruncatedFilesAreErrors) {
    const std::string text = test::read_fixture("catch2/sample/report.xml");
    const std::size_t in_attribute = text.find("value=\"50.0488\"") + 9;
    EXPECT_EQ(error_of(text.substr(0, in_attribute)),
              "report.xml: line 7, column 22: expected well-formed XML: error parsing element "
              "attribute");
    const std::size_t after_element = text.find("</TestCase>") + 11;
    EXPECT_EQ(error_of(text.substr(0, after_element)),
              "report.xml: line 18, column 15: expected well-formed XML: start-end tags mismatch");
}

TEST(Catch2XmlReader, Detection) {
    for (const char* file :
         {"sample/report.xml", "sample/report_failed.xml", "sample/report_no_analysis.xml"}) {
        const std::string text = test::read_fixture(std::string("catch2/") + file);
        EXPECT_TRUE(looks_like_catch2_xml(text)) << file;
        EXPECT_EQ(parse_results(text, file, std::nullopt).sources.at(0).format, "catch2-xml")
            << file;
    }
    EXPECT_TRUE(looks_like_catch2_xml(k_v3));
    EXPECT_FALSE(looks_like_catch2_xml("<?xml version=\"1.0\"?>\n<testsuites/>"));
    EXPECT_FALSE(looks_like_catch2_xml("<Catcher/>"));
    EXPECT_FALSE(looks_like_catch2_xml(test::read_fixture("catch2/sample/console.txt")));
}

}  // namespace
}  // namespace caws::ingest
