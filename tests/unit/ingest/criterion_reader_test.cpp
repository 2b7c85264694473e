#include "ingest/criterion_reader.hpp"

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <cmath>
#include <filesystem>

#include "ingest/results.hpp"
#include "stats/descriptive.hpp"
#include "support/fixtures.hpp"
#include "support/temp_dir.hpp"
#include "util/error.hpp"

namespace caws::ingest {
namespace {

const std::string k_data = "criterion/sample/target/criterion";

model::Run parse(const std::string& text, const std::string& path = "bench.txt") {
    return parse_criterion(text, model::Source{path, "criterion"});
}

model::Run parse_fixture(const std::string& relative) {
    return parse(test::read_fixture("criterion/" + relative), relative);
}

model::Run read_directory(const std::string& directory) {
    return read_criterion_directory(directory, model::Source{directory, "criterion"});
}

const model::Metric& metric(const model::Run& run, const std::string& name,
                            const std::string& measure = "time") {
    for (const auto& m : run.metrics) {
        if (m.name == name && m.measure == measure) return m;
    }
    throw std::runtime_error("no metric " + name + " " + measure);
}

std::string error_of(const std::string& text) {
    try {
        parse(text);
    } catch (const util::Error& error) {
        return error.what();
    }
    return "no error";
}

std::string directory_error_of(const std::string& directory) {
    try {
        read_directory(directory);
    } catch (const util::Error& error) {
        return error.what();
    }
    return "no error";
}

void expect_relative(double actual, double expected, double tolerance) {
    EXPECT_NEAR(actual, expected, tolerance * std::abs(expected));
}

// --- the data directory ----------------------------------------------------------------

TEST(CriterionReader, DirectorySamplesAreTimesDividedByIterations) {
    const model::Run run = read_directory(test::fixture_path(k_data));
    EXPECT_EQ(run.metrics.size(), 7u);  // five benchmarks, two with a throughput
    for (const std::string id : {"fib 15", "checksum/64", "checksum/4096", "may fail",
                                 "a benchmark with a name longer than twenty-three characters"}) {
        const model::Metric& time = metric(run, id);
        EXPECT_EQ(time.unit, model::seconds());
        EXPECT_EQ(time.direction, model::Direction::lower);
        ASSERT_EQ(time.samples.size(), 20u) << id;
        const auto sample =
            nlohmann::json::parse(test::read_fixture(k_data + "/" + id + "/new/sample.json"));
        EXPECT_DOUBLE_EQ(time.samples[3],
                         sample["times"][3].get<double>() / sample["iters"][3].get<double>() / 1e9);
        // Criterion's own point estimates are these statistics of the same samples.
        const auto estimates =
            nlohmann::json::parse(test::read_fixture(k_data + "/" + id + "/new/estimates.json"));
        expect_relative(stats::mean(time.samples),
                        estimates["mean"]["point_estimate"].get<double>() / 1e9, 1e-12);
        expect_relative(stats::median(time.samples),
                        estimates["median"]["point_estimate"].get<double>() / 1e9, 1e-12);
    }
}

TEST(CriterionReader, DirectoryThroughputAndLabels) {
    const model::Run run = read_directory(test::fixture_path(k_data));
    const model::Metric& time = metric(run, "checksum/64");
    const model::Metric& rate = metric(run, "checksum/64", "throughput");
    EXPECT_EQ(rate.unit, model::bytes_per_second());
    EXPECT_EQ(rate.direction, model::Direction::higher);
    ASSERT_EQ(rate.samples.size(), time.samples.size());
    EXPECT_DOUBLE_EQ(rate.samples[0], 64 / time.samples[0]);
    const std::vector<std::pair<std::string, std::string>> labels{{"group", "checksum"},
                                                                  {"parameter", "64"}};
    EXPECT_EQ(time.labels, labels);
    EXPECT_TRUE(metric(run, "fib 15").labels.empty());
}

TEST(CriterionReader, DirectoryCanBeTheDataFolderAnyFolderInsideOrAbove) {
    EXPECT_EQ(read_directory(test::fixture_path("criterion/sample/target")).metrics.size(), 7u);
    const model::Run group = read_directory(test::fixture_path(k_data + "/checksum"));
    EXPECT_EQ(group.metrics.size(), 4u);
    EXPECT_EQ(group.metrics[0].name, "checksum/4096");
}

TEST(CriterionReader, DirectoryWithoutSampleJsonUsesEstimates) {
    test::TempDir dir;
    const std::string folder = k_data + "/fib 15/new/";
    dir.write("fib/new/benchmark.json", test::read_fixture(folder + "benchmark.json"));
    dir.write("fib/new/estimates.json", test::read_fixture(folder + "estimates.json"));
    const model::Run run = read_directory(dir.path());
    const model::Metric& m = metric(run, "fib 15");
    ASSERT_TRUE(m.summary.has_value());
    const auto estimates = nlohmann::json::parse(test::read_fixture(folder + "estimates.json"));
    EXPECT_DOUBLE_EQ(*m.summary->mean, estimates["mean"]["point_estimate"].get<double>() / 1e9);
    EXPECT_DOUBLE_EQ(*m.summary->median, estimates["median"]["point_estimate"].get<double>() / 1e9);
    EXPECT_DOUBLE_EQ(*m.summary->stddev,
                     estimates["std_dev"]["point_estimate"].get<double>() / 1e9);
    ASSERT_EQ(run.notes.size(), 1u);
    EXPECT_EQ(run.notes[0], "1 benchmark(s) read from estimates.json only (no sample.json)");
}

TEST(CriterionReader, DirectoryWithACustomMeasurementKeepsItsUnit) {
    test::TempDir dir;
    dir.write("cycles/new/sample.json",
              R"({"sampling_mode":"Flat","iters":[10.0,10.0],"times":[1200.0,1300.0]})");
    dir.write("cycles/new/raw.csv",
              "group,function,value,throughput_num,throughput_type,sample_measured_value,unit,"
              "iteration_count\n\"cycles, a group\",,,,,1200.0,cycles,10\n");
    const model::Run run = read_directory(dir.path());
    const model::Metric& m = metric(run, "cycles", "cycles");
    EXPECT_EQ(m.samples, (std::vector<double>{120, 130}));
    EXPECT_EQ(m.unit, (model::Unit{model::Dimension::other, "cycles"}));
}

TEST(CriterionReader, BrokenDirectoriesAreErrorsNamingTheFile) {
    test::TempDir dir;
    const std::string sample = dir.write(
        "a/new/sample.json", R"({"sampling_mode":"Linear","iters":[1.0,2.0],"times":[10.0]})");
    EXPECT_EQ(directory_error_of(dir.path()),
              sample + ": /iters: expected as many iteration counts as times (1), got 2");
    dir.write("a/new/sample.json", R"({"iters":[1.0],"times":[-3.0]})");
    EXPECT_EQ(directory_error_of(dir.path()),
              sample + ": /times/0: expected a finite, non-negative time");
    dir.write("a/new/sample.json", R"({"iters":[0.0],"times":[3.0]})");
    EXPECT_EQ(directory_error_of(dir.path()),
              sample + ": /iters/0: expected a positive iteration count");
    dir.write("a/new/sample.json", R"({"iters":[1.0],"times":["fast"]})");
    EXPECT_EQ(directory_error_of(dir.path()),
              sample + ": /times/0: expected a number, got \"fast\"");
    // Cut short: a syntax error with its line and column.
    const std::string whole = test::read_fixture(k_data + "/fib 15/new/sample.json");
    dir.write("a/new/sample.json", whole.substr(0, 60));
    const std::string error = directory_error_of(dir.path());
    EXPECT_EQ(error.rfind(sample + ": line 1, column ", 0), 0u) << error;
    // Only base/ (Criterion's previous run) and reports: nothing to read.
    test::TempDir old;
    old.write("a/base/sample.json", whole);
    old.write("a/report/index.html", "<html></html>");
    EXPECT_EQ(directory_error_of(old.path()),
              old.path() +
                  ": expected Criterion.rs data (a <benchmark>/new/sample.json file) in this "
                  "directory, found none");
}

// --- console and bencher-style text ----------------------------------------------------

TEST(CriterionReader, ConsoleReportEstimatesMatchTheDataDirectory) {
    // make.sh saved the data directory of the run that printed console.txt: the printed
    // estimate is Criterion's slope (linear sampling), to the five digits printed.
    const model::Run console = parse_fixture("sample/console.txt");
    EXPECT_EQ(console.metrics.size(), 7u);
    for (const std::string id : {"fib 15", "checksum/64", "checksum/4096", "may fail",
                                 "a benchmark with a name longer than twenty-three characters"}) {
        const model::Metric& m = metric(console, id);
        ASSERT_TRUE(m.summary.has_value()) << id;
        EXPECT_EQ(m.summary->n, 20u) << id;
        const auto estimates =
            nlohmann::json::parse(test::read_fixture(k_data + "/" + id + "/new/estimates.json"));
        expect_relative(*m.summary->mean, estimates["slope"]["point_estimate"].get<double>() / 1e9,
                        1e-4);
    }
    EXPECT_DOUBLE_EQ(*metric(console, "fib 15").summary->mean, 1.4270e-6);
}

TEST(CriterionReader, ConsoleThroughputIsARate) {
    const model::Run run = parse_fixture("sample/console.txt");
    const model::Metric& rate = metric(run, "checksum/64", "throughput");
    EXPECT_EQ(rate.unit, model::bytes_per_second());
    EXPECT_EQ(rate.direction, model::Direction::higher);
    EXPECT_DOUBLE_EQ(*rate.summary->mean, 2.0186 * 1024 * 1024 * 1024);
    const model::Run elements = parse(
        "parse                   time:   [10.0 ns 10.5 ns 11.0 ns]\n"
        "                        thrpt:  [90.0 Melem/s 95.2 Melem/s 100.0 Melem/s]\n");
    const model::Metric& per_second = metric(elements, "parse", "throughput");
    EXPECT_EQ(per_second.unit, model::per_second());
    EXPECT_DOUBLE_EQ(*per_second.summary->mean, 95.2e6);
}

TEST(CriterionReader, ReadsBencherAdapterFixtures) {
    // The values of bencher's adapter tests (lib/bencher_adapter/src/adapters/rust/criterion.rs).
    const model::Run many = parse_fixture("bencher/many.txt");
    ASSERT_EQ(many.metrics.size(), 5u);
    EXPECT_DOUBLE_EQ(*metric(many, "file").summary->mean, 323.90e-12);
    EXPECT_DOUBLE_EQ(*metric(many, "rolling_file").summary->mean, 429.66e-12);
    EXPECT_DOUBLE_EQ(*metric(many, "tracing_file").summary->mean, 18.019e-6);
    EXPECT_DOUBLE_EQ(*metric(many, "tracing_rolling_file").summary->mean, 20.930e-6);
    EXPECT_DOUBLE_EQ(*metric(many, "benchmark: name with spaces").summary->mean, 20.930e-9);
    EXPECT_EQ(metric(many, "file").summary->n, 100u);
    EXPECT_EQ(metric(many, "tracing_file").labels.at(0),
              (std::pair<std::string, std::string>{"target", "trace4rs_bench"}));
    // Names on a line of their own.
    const model::Run dogfood = parse_fixture("bencher/dogfood.txt");
    ASSERT_EQ(dogfood.metrics.size(), 4u);
    EXPECT_DOUBLE_EQ(*metric(dogfood, "Adapter::Magic (JSON)").summary->mean, 3.4632e-6);
    EXPECT_DOUBLE_EQ(*metric(dogfood, "Adapter::Json").summary->mean, 3.4796e-6);
    EXPECT_DOUBLE_EQ(*metric(dogfood, "Adapter::Magic (Rust)").summary->mean, 14.726e-6);
    EXPECT_DOUBLE_EQ(*metric(dogfood, "Adapter::Rust").summary->mean, 14.884e-6);
    // A panic after the last result fails no benchmark; it is a note.
    const model::Run failed = parse_fixture("bencher/failed.txt");
    ASSERT_EQ(failed.metrics.size(), 4u);
    for (const auto& m : failed.metrics) EXPECT_EQ(m.status, model::Status::ok);
    ASSERT_EQ(failed.notes.size(), 1u);
    EXPECT_EQ(failed.notes[0],
              "a benchmark panicked outside a measurement: thread 'main' panicked at 'explicit "
              "panic', trace4rs/benches/trace4rs_bench.rs:42:5");
}

TEST(CriterionReader, BencherStyleTextIsAMedianAndAStandardDeviation) {
    // github-action-benchmark reads Criterion's --output-format bencher with its cargo
    // extractor: value and "± range".
    const model::Run run = parse_fixture("github-action-benchmark/criterion_output.txt");
    const auto expected = nlohmann::json::parse(
        test::read_fixture("criterion/github-action-benchmark/criterion_output.txt.expected.json"));
    ASSERT_EQ(run.metrics.size(), expected["benches"].size());
    for (const auto& bench : expected["benches"]) {
        const model::Metric& m = metric(run, bench["name"]);
        ASSERT_TRUE(m.summary.has_value());
        EXPECT_DOUBLE_EQ(*m.summary->median, bench["value"].get<double>() * 1e-9);
        const std::string range = bench["range"];  // "± 4"
        EXPECT_DOUBLE_EQ(*m.summary->stddev, std::stod(range.substr(range.find(' ') + 1)) * 1e-9);
        EXPECT_FALSE(m.summary->mean.has_value());
    }
    const model::Run sample = parse_fixture("sample/bencher.txt");
    EXPECT_EQ(sample.metrics.size(), 5u);
    EXPECT_DOUBLE_EQ(*metric(sample, "checksum/4096").summary->median, 3014e-9);
    EXPECT_DOUBLE_EQ(*metric(sample, "checksum/4096").summary->stddev, 182e-9);
}

TEST(CriterionReader, APanickingBenchmarkFails) {
    const model::Run run = parse_fixture("sample/console_failed.txt");
    ASSERT_EQ(run.metrics.size(), 1u);
    const model::Metric& m = metric(run, "may fail");
    EXPECT_EQ(m.status, model::Status::failed);
    EXPECT_EQ(m.message,
              "thread 'main' (32212) panicked at benches/sample.rs:22:13: failed on purpose "
              "(CAWS_SAMPLE_FAIL is set)");
    EXPECT_EQ(m.labels.at(0), (std::pair<std::string, std::string>{"target", "benches/sample.rs"}));
    // Standard output only: the benchmark was announced and never reported.
    const model::Run cut =
        parse("Benchmarking may fail\nBenchmarking may fail: Warming up for 200.00 ms\n");
    EXPECT_EQ(metric(cut, "may fail").status, model::Status::failed);
    EXPECT_EQ(metric(cut, "may fail").message,
              "no result after \"Benchmarking may fail\" (the benchmark crashed, or the output "
              "is cut short)");
}

TEST(CriterionReader, MalformedResultLinesAreErrorsWithLineAndColumn) {
    EXPECT_EQ(error_of("fib                     time:   [1.4 xs 1.5 xs 1.6 xs]\n"),
              "bench.txt: line 1, column 38: expected a time unit (ps, ns, µs, ms, s), got \"xs\"");
    EXPECT_EQ(error_of("fib                     time:   [1.4 ns 1,5x ns 1.6 ns]\n"),
              "bench.txt: line 1, column 41: expected a number, got \"1,5x\"");
    EXPECT_EQ(error_of("fib                     time:   [1.4 ns 1.5 ns]\n"),
              "bench.txt: line 1, column 47: expected three values with units between \"[\" and "
              "\"]\"");
    EXPECT_EQ(error_of("                        thrpt:  [1 GiB/s 2 GiB/s 3 GiB/s]\n"),
              "bench.txt: line 1, column 25: expected \"thrpt:\" after a \"time:\" line");
    EXPECT_EQ(error_of("a   time:   [1 ns 2 ns 3 ns]\nb   time:   [1 ns 2 ns 3 ns]\n"
                       "a   time:   [1 ns 2 ns 3 ns]\n"),
              "bench.txt: line 3, column 1: expected each benchmark once, but \"a\" was already "
              "reported on line 1");
    EXPECT_EQ(error_of("WARNING: nothing ran\n"),
              "bench.txt: expected at least one Criterion.rs result (\"name  time:   [1.2 µs 1.3 "
              "µs 1.4 µs]\" or \"test name ... bench: 1234 ns/iter (+/- 56)\"), found none");
}

TEST(CriterionReader, TruncatedFilesAreErrors) {
    const std::string text = test::read_fixture("criterion/sample/console.txt");
    const std::size_t cut = text.find("[1.4204 µs 1.4270") + 17;
    EXPECT_EQ(error_of(text.substr(0, cut)),
              "bench.txt: line 9, column 50: expected three values with units and \"]\" after "
              "\"time:\"");
    const std::string bencher = test::read_fixture("criterion/sample/bencher.txt");
    const std::size_t in_unit = bencher.find("1430 ns/iter") + 8;  // "1430 ns/"
    EXPECT_EQ(error_of(bencher.substr(0, in_unit)),
              "bench.txt: line 5, column 39: expected \"(+/- deviation)\" after \"ns/\"");
}

TEST(CriterionReader, ChangeBlocksAreNotResults) {
    const model::Run run = parse(
        "checksum/64             time:   [29.341 ns 29.528 ns 29.690 ns]\n"
        "                        thrpt:  [2.0076 GiB/s 2.0186 GiB/s 2.0314 GiB/s]\n"
        "                 change:\n"
        "                        time:   [-5.9962% -3.2253% -1.1549%] (p = 0.00 < 0.05)\n"
        "                        thrpt:  [+1.1684% +3.3328% +6.3786%]\n"
        "                        Performance has improved.\n");
    ASSERT_EQ(run.metrics.size(), 2u);
    EXPECT_DOUBLE_EQ(*metric(run, "checksum/64").summary->mean, 29.528e-9);
}

TEST(CriterionReader, Detection) {
    for (const char* file : {"github-action-benchmark/criterion_output.txt", "bencher/many.txt",
                             "bencher/dogfood.txt", "bencher/failed.txt", "sample/console.txt",
                             "sample/bencher.txt", "sample/console_failed.txt"}) {
        const std::string text = test::read_fixture(std::string("criterion/") + file);
        EXPECT_TRUE(looks_like_criterion(text)) << file;
        EXPECT_EQ(parse_results(text, file, std::nullopt).sources.at(0).format, "criterion")
            << file;
    }
    // Plain libtest output has the same bench lines but none of Criterion's own lines.
    EXPECT_FALSE(looks_like_criterion(test::read_fixture("rust-libtest/sample/bench.txt")));
    EXPECT_TRUE(looks_like_criterion_directory(test::fixture_path(k_data)));
    EXPECT_TRUE(looks_like_criterion_directory(test::fixture_path("criterion/sample")));
    EXPECT_FALSE(looks_like_criterion_directory(test::fixture_path("go")));
}

}  // namespace
}  // namespace caws::ingest
