#include "ingest/go_bench_reader.hpp"

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <cmath>
#include <map>
#include <sstream>

#include "ingest/results.hpp"
#include "stats/descriptive.hpp"
#include "support/fixtures.hpp"
#include "support/process.hpp"
#include "support/temp_dir.hpp"
#include "util/error.hpp"

namespace caws::ingest {
namespace {

model::Run parse(const std::string& text, const std::string& path = "bench.txt") {
    return parse_go_bench(text, model::Source{path, "go"});
}

model::Run parse_fixture(const std::string& relative) {
    return parse(test::read_fixture("go/" + relative), relative);
}

const model::Metric& metric(const model::Run& run, const std::string& name,
                            const std::string& measure) {
    for (const auto& m : run.metrics) {
        if (m.name == name && m.measure == measure) return m;
    }
    throw std::runtime_error("no metric " + name + " " + measure);
}

std::string label(const model::Metric& m, const std::string& key) {
    for (const auto& [k, v] : m.labels) {
        if (k == key) return v;
    }
    return "<none>";
}

std::string error_of(const std::string& text) {
    try {
        parse(text);
    } catch (const util::Error& error) {
        return error.what();
    }
    return "no error";
}

// github-action-benchmark's unit as our measure and the factor to our canonical unit.
std::pair<std::string, double> measure_of(const std::string& unit) {
    if (unit == "ns/op") return {"sec/op", 1e-9};
    if (unit == "MB/s") return {"B/s", 1e6};
    return {unit, 1.0};
}

// Every entry of github-action-benchmark's canonical parse is one of our metrics: an entry
// "Name - unit" is that measure; an entry "Name" is the line's first value and unit.
void expect_like_github_action_benchmark(const std::string& file) {
    const model::Run run = parse_fixture("github-action-benchmark/" + file);
    const auto expected = nlohmann::json::parse(
        test::read_fixture("go/github-action-benchmark/" + file + ".expected.json"));
    ASSERT_FALSE(expected["benches"].empty());
    for (const auto& bench : expected["benches"]) {
        std::string name = bench["name"];
        std::string unit = bench["unit"];
        unit = unit.substr(0, unit.find_first_of(" \t"));
        const std::string suffix = " - " + unit;
        if (name.size() > suffix.size() && name.ends_with(suffix)) {
            name.resize(name.size() - suffix.size());
        }
        const auto [measure, factor] = measure_of(unit);
        const model::Metric& m = metric(run, name, measure);
        ASSERT_EQ(m.samples.size(), 1u) << name;
        EXPECT_NEAR(m.samples[0], bench["value"].get<double>() * factor,
                    1e-12 * std::abs(m.samples[0]))
            << file << ": " << name << " " << measure;
        const std::string extra = bench["extra"];
        const auto procs = extra.find(" procs");
        if (procs != std::string::npos) {
            const auto start = extra.rfind('\n', procs) + 1;
            EXPECT_EQ(label(m, "gomaxprocs"), extra.substr(start, procs - start)) << name;
        } else {
            EXPECT_EQ(label(m, "gomaxprocs"), "<none>") << name;
        }
    }
}

TEST(GoBenchReader, ReadsGithubActionBenchmarkFixturesLikeTheirExpectedParse) {
    expect_like_github_action_benchmark("go_output.txt");
    expect_like_github_action_benchmark("go_single_package_output.txt");
    expect_like_github_action_benchmark("go_fiber_output.txt");
    expect_like_github_action_benchmark("go_fiber_duplicate_names_output.txt");
}

TEST(GoBenchReader, TidiesUnitsAsBenchstatDoes) {
    const model::Run run =
        parse_fixture("github-action-benchmark/go_fiber_duplicate_names_output.txt");
    const std::string name =
        "BenchmarkAppendMsgitem (github.com/gofiber/fiber/v3/middleware/cache)";
    const model::Metric& time = metric(run, name, "sec/op");
    EXPECT_EQ(time.unit, model::seconds());
    EXPECT_EQ(time.direction, model::Direction::lower);
    EXPECT_DOUBLE_EQ(time.samples.at(0), 55.76e-9);
    const model::Metric& speed = metric(run, name, "B/s");
    EXPECT_EQ(speed.unit, model::bytes_per_second());
    EXPECT_EQ(speed.direction, model::Direction::higher);
    EXPECT_DOUBLE_EQ(speed.samples.at(0), 2833.37e6);
    const model::Metric& memory = metric(run, name, "B/op");
    EXPECT_EQ(memory.unit, model::bytes());
    EXPECT_EQ(memory.direction, model::Direction::lower);
    const model::Metric& allocs = metric(run, name, "allocs/op");
    EXPECT_EQ(allocs.unit, model::count("allocs/op"));
    EXPECT_EQ(allocs.direction, model::Direction::lower);
    EXPECT_EQ(run.metrics.size(), 16u);
}

TEST(GoBenchReader, QualifiesNamesOnlyWhenTwoPackagesShareThem) {
    const model::Run run =
        parse_fixture("github-action-benchmark/go_fiber_duplicate_names_output.txt");
    const model::Metric& cache = metric(
        run, "BenchmarkUnmarshalitem (github.com/gofiber/fiber/v3/middleware/cache)", "sec/op");
    EXPECT_EQ(label(cache, "pkg"), "github.com/gofiber/fiber/v3/middleware/cache");
    EXPECT_EQ(label(cache, "gomaxprocs"), "4");
    const model::Run single = parse_fixture("github-action-benchmark/go_single_package_output.txt");
    EXPECT_EQ(label(metric(single, "BenchmarkFib10", "sec/op"), "pkg"),
              "github.com/example/mypackage");
    // The configuration lines are the run's context; pkg is a label.
    ASSERT_EQ(single.context.extra.size(), 2u);
    EXPECT_EQ(single.context.extra[0], (std::pair<std::string, std::string>{"goos", "darwin"}));
    EXPECT_EQ(single.context.extra[1], (std::pair<std::string, std::string>{"goarch", "arm64"}));
}

TEST(GoBenchReader, ReadsBencherAdapterFixtures) {
    // bencher's adapter test: five.txt holds five benchmarks (it keeps the -8 suffix in
    // the name, which we keep as the gomaxprocs label).
    const model::Run five = parse_fixture("bencher/five.txt");
    ASSERT_EQ(five.metrics.size(), 5u);
    EXPECT_DOUBLE_EQ(metric(five, "BenchmarkFib10", "sec/op").samples.at(0), 325e-9);
    EXPECT_DOUBLE_EQ(metric(five, "BenchmarkFib20", "sec/op").samples.at(0), 40537.123e-9);
    EXPECT_DOUBLE_EQ(metric(five, "BenchmarkFib/my_tabled_benchmark_-_10", "sec/op").samples.at(0),
                     325e-9);
    EXPECT_DOUBLE_EQ(metric(five, "BenchmarkFib/my_tabled_benchmark_-_20", "sec/op").samples.at(0),
                     40537.123e-9);
    EXPECT_DOUBLE_EQ(metric(five, "BenchmarkFib/my/tabled/benchmark_-_20", "sec/op").samples.at(0),
                     40537.456e-9);
    const model::Run three = parse_fixture("bencher/three.txt");
    EXPECT_DOUBLE_EQ(metric(three, "BenchmarkFib10", "sec/op").samples.at(0), 210.2e-9);
    EXPECT_DOUBLE_EQ(metric(three, "BenchmarkFib20", "sec/op").samples.at(0), 26264e-9);
    EXPECT_DOUBLE_EQ(metric(three, "BenchmarkFib20WithAuxMetric", "sec/op").samples.at(0),
                     25829e-9);
    const model::Metric& aux = metric(three, "BenchmarkFib20WithAuxMetric", "auxMetricUnits");
    EXPECT_EQ(aux.samples, std::vector<double>{4.0});
    EXPECT_EQ(aux.direction, model::Direction::unknown);
    EXPECT_EQ(aux.unit, (model::Unit{model::Dimension::other, "auxMetricUnits"}));
}

// benchstat prints medians with four significant digits and SI or binary prefixes.
double benchstat_number(const std::string& text) {
    std::size_t used = 0;
    const double value = std::stod(text, &used);
    const std::string prefix = text.substr(used);
    if (prefix == "n") return value * 1e-9;
    if (prefix == "\xC2\xB5") return value * 1e-6;
    if (prefix == "Mi") return value * 1024 * 1024;
    if (prefix == "Gi") return value * 1024 * 1024 * 1024;
    if (prefix.empty()) return value;
    throw std::runtime_error("unexpected prefix " + prefix);
}

// The medians of crc-old.txt in benchstat's own output (crcOldNew.stdout, first tables).
std::map<std::string, double> benchstat_medians(const std::string& unit) {
    std::istringstream lines(test::read_fixture("go/benchstat/crcOldNew.stdout"));
    std::map<std::string, double> medians;
    std::string line;
    bool in_table = false;
    while (std::getline(lines, line)) {
        if (line.find("\xE2\x94\x82") != std::string::npos) {  // a header line: │ ... │
            if (line.find(" " + unit + " ") != std::string::npos) in_table = medians.empty();
            continue;
        }
        if (!in_table) continue;
        if (line.rfind("geomean", 0) == 0) break;
        std::istringstream fields(line);
        std::string name, median;
        fields >> name >> median;
        medians["Benchmark" + name.substr(0, name.rfind('-'))] = benchstat_number(median);
    }
    return medians;
}

TEST(GoBenchReader, MediansMatchBenchstat) {
    const model::Run run = parse_fixture("benchstat/crc-old.txt");
    for (const auto& [unit, measure] : {std::pair{"sec/op", "sec/op"}, std::pair{"B/s", "B/s"}}) {
        const auto medians = benchstat_medians(unit);
        ASSERT_EQ(medians.size(), 36u) << unit;
        for (const auto& [name, median] : medians) {
            const model::Metric& m = metric(run, name, measure);
            EXPECT_EQ(m.samples.size(), 10u) << name;
            EXPECT_EQ(label(m, "gomaxprocs"), "8") << name;
            EXPECT_NEAR(stats::median(m.samples), median, 5e-4 * median) << name << " " << unit;
        }
    }
    // Constant configuration lines, "note" included, are the context.
    ASSERT_EQ(run.context.extra.size(), 3u);
    EXPECT_EQ(run.context.extra[2],
              (std::pair<std::string, std::string>{"note", "hw acceleration disabled"}));
    EXPECT_EQ(label(run.metrics.front(), "pkg"), "hash/crc32");
}

TEST(GoBenchReader, ConfigurationThatChangesBecomesALabelAndANote) {
    const model::Run run = parse_fixture("benchstat/smallSample.txt");
    ASSERT_EQ(run.metrics.size(), 1u);
    const model::Metric& x = run.metrics[0];
    EXPECT_EQ(x.name, "BenchmarkX");
    EXPECT_EQ(x.samples, (std::vector<double>{100e-9, 101e-9}));
    EXPECT_EQ(label(x, "note"), "before");
    EXPECT_TRUE(run.context.extra.empty());
    ASSERT_EQ(run.notes.size(), 1u);
    EXPECT_EQ(run.notes[0],
              "configuration \"note\" changes within the file (\"before\", then \"after\"); kept "
              "as a label of each benchmark, and results of the same benchmark read as one run");
}

TEST(GoBenchReader, CustomUnitsAndMetadataLines) {
    const model::Run units = parse_fixture("benchstat/units.txt");  // "Unit ... assume=exact" lines
    const model::Metric& non_exact = metric(units, "BenchmarkNonExact", "text-bytes");
    EXPECT_EQ(non_exact.samples, (std::vector<double>{100, 101, 101, 101, 101, 101}));
    EXPECT_EQ(non_exact.direction, model::Direction::unknown);
    EXPECT_EQ(metric(units, "BenchmarkSize", "text-bytes").samples,
              (std::vector<double>{100, 105}));
    const model::Run zero = parse_fixture("benchstat/zero.txt");  // with "# comment" lines
    EXPECT_EQ(metric(zero, "BenchmarkImperceptible", "b-bytes").samples,
              (std::vector<double>{171717171716, 171717171717}));
    EXPECT_EQ(metric(zero, "BenchmarkZeroOverZero", "x").samples, (std::vector<double>{0, 0}));
}

TEST(GoBenchReader, ReportMetricUnits) {
    const model::Run run =
        parse("BenchmarkA-4 100 5 ns/frame 3 MB/msg 7 frames/s 2 B/s 9 sec/op 4 widgets\n");
    const model::Metric& per_frame = metric(run, "BenchmarkA", "sec/frame");
    EXPECT_EQ(per_frame.unit, model::seconds());
    EXPECT_EQ(per_frame.direction, model::Direction::lower);
    EXPECT_DOUBLE_EQ(per_frame.samples.at(0), 5e-9);
    const model::Metric& per_message = metric(run, "BenchmarkA", "B/msg");
    EXPECT_EQ(per_message.unit, model::bytes());
    EXPECT_DOUBLE_EQ(per_message.samples.at(0), 3e6);
    const model::Metric& frames = metric(run, "BenchmarkA", "frames/s");
    EXPECT_EQ(frames.unit, (model::Unit{model::Dimension::other, "frames/s"}));
    EXPECT_EQ(frames.direction, model::Direction::higher);
    EXPECT_EQ(metric(run, "BenchmarkA", "B/s").unit, model::bytes_per_second());
    EXPECT_EQ(metric(run, "BenchmarkA", "sec/op").samples, std::vector<double>{9});
    EXPECT_EQ(metric(run, "BenchmarkA", "widgets").direction, model::Direction::unknown);
}

TEST(GoBenchReader, RealRunWithRepetitionsAndSeveralPackages) {
    // tests/fixtures/go/sample/make.sh: go test -bench . -count 5 -benchmem ./...
    const model::Run run = parse_fixture("sample/bench.txt");
    const model::Metric& fnv = metric(run, "BenchmarkFNV/size=4096", "sec/op");
    EXPECT_EQ(fnv.samples, (std::vector<double>{4122e-9, 4053e-9, 4190e-9, 4083e-9, 4066e-9}));
    EXPECT_EQ(label(fnv, "pkg"), "caws-gate.invalid/sample/hashing");
    EXPECT_EQ(label(fnv, "gomaxprocs"), "2");
    EXPECT_EQ(metric(run, "BenchmarkFNV/size=4096", "B/s").samples.at(1), 1010.49e6);
    // Both packages have a BenchmarkBuild.
    EXPECT_EQ(metric(run, "BenchmarkBuild (caws-gate.invalid/sample/hashing)", "B/op").samples,
              (std::vector<double>(5, 496)));
    EXPECT_EQ(metric(run, "BenchmarkBuild (caws-gate.invalid/sample/sorting)", "allocs/op").samples,
              (std::vector<double>(5, 1)));
    EXPECT_EQ(metric(run, "BenchmarkInsertion/n=256", "cmps/op").samples,
              (std::vector<double>(5, 32640)));
    for (const auto& m : run.metrics) EXPECT_EQ(m.samples.size(), 5u) << m.name << " " << m.measure;
    EXPECT_EQ(run.metrics.size(), 25u);
    EXPECT_TRUE(run.notes.empty());
}

TEST(GoBenchReader, VerboseOutputWithProgressLinesAndASkip) {
    const model::Run run = parse_fixture("sample/bench_verbose.txt");
    EXPECT_EQ(metric(run, "BenchmarkFNV/size=64", "sec/op").samples, std::vector<double>{40.54e-9});
    const model::Metric& skipped = metric(run, "BenchmarkSkipped", "sec/op");
    EXPECT_EQ(skipped.status, model::Status::skipped);
    EXPECT_EQ(skipped.message,
              "hashing_test.go:29: skipped on purpose: shows how go test -v reports a skip");
    EXPECT_EQ(label(skipped, "pkg"), "caws-gate.invalid/sample/hashing");
    EXPECT_TRUE(skipped.samples.empty());
}

TEST(GoBenchReader, FailedBenchmark) {
    const model::Run run = parse_fixture("sample/bench_failed.txt");
    const model::Metric& failed = metric(run, "BenchmarkMayFail", "sec/op");
    EXPECT_EQ(failed.status, model::Status::failed);
    EXPECT_EQ(failed.message, "sorting_test.go:39: failed on purpose (CAWS_SAMPLE_FAIL is set)");
    EXPECT_EQ(label(failed, "pkg"), "caws-gate.invalid/sample/sorting");
    EXPECT_EQ(metric(run, "BenchmarkInsertion/n=16", "sec/op").status, model::Status::ok);
}

TEST(GoBenchReader, FailureBeforeThePackagesConfigurationAndNestedFailures) {
    // Without -v, go test prints a failure before the package's configuration lines; a
    // failed sub-benchmark fails its parent too, and only the leaf is a metric.
    const model::Run run = parse(
        "--- FAIL: BenchmarkSub\n"
        "    --- FAIL: BenchmarkSub/case=1\n"
        "        x_test.go:12: boom\n"
        "goos: linux\n"
        "pkg: example.com/p\n"
        "BenchmarkOther-2   \t 100\t 12.5 ns/op\n"
        "FAIL\n"
        "exit status 1\n"
        "FAIL\texample.com/p\t0.004s\n");
    ASSERT_EQ(run.metrics.size(), 2u);
    const model::Metric& leaf = metric(run, "BenchmarkSub/case=1", "sec/op");
    EXPECT_EQ(leaf.status, model::Status::failed);
    EXPECT_EQ(leaf.message, "x_test.go:12: boom");
    EXPECT_EQ(label(leaf, "pkg"), "example.com/p");
}

TEST(GoBenchReader, SeveralGomaxprocsValuesKeepTheSuffix) {
    const model::Run run = parse_fixture("sample/bench_cpu.txt");  // -cpu 1,2
    EXPECT_EQ(metric(run, "BenchmarkInsertion/n=16", "sec/op").samples,
              (std::vector<double>{184.4e-9, 141.2e-9}));
    const model::Metric& two = metric(run, "BenchmarkInsertion/n=16-2", "sec/op");
    EXPECT_EQ(two.samples, (std::vector<double>{140.3e-9, 521.4e-9}));
    EXPECT_EQ(label(two, "gomaxprocs"), "2");
}

TEST(GoBenchReader, JoinsAResultLineBrokenByTheBenchmarksOwnOutput) {
    const model::Run run = parse(
        "pkg: example.com/c\n"
        "BenchmarkPrint-2   \thello\n"
        "     100\t       115.0 ns/op\n"
        "panic: boom\n"
        "\n"
        "goroutine 21 [running]:\n"
        "exit status 2\n"
        "FAIL\texample.com/c\t0.007s\n");
    EXPECT_EQ(metric(run, "BenchmarkPrint", "sec/op").samples, std::vector<double>{115e-9});
    EXPECT_TRUE(run.context.extra.empty());  // "panic:" is not configuration
    ASSERT_EQ(run.notes.size(), 1u);
    EXPECT_EQ(run.notes[0],
              "package example.com/c failed without naming a failed benchmark (a panic or a "
              "failed test?); benchmarks it did not reach are missing");
}

TEST(GoBenchReader, NonFiniteValuesAreSkippedWithANote) {
    const model::Run run = parse("BenchmarkA 1 5 ns/op NaN x\nBenchmarkA 1 6 ns/op 2 x\n");
    EXPECT_EQ(metric(run, "BenchmarkA", "x").samples, std::vector<double>{2});
    ASSERT_EQ(run.notes.size(), 1u);
    EXPECT_EQ(run.notes[0], "1 non-finite value(s) (NaN, Inf) ignored");
}

TEST(GoBenchReader, WindowsLineEndings) {
    const model::Run run = parse("goos: windows\r\nBenchmarkA-8 \t 10\t 5 ns/op\r\n");
    EXPECT_EQ(run.context.extra.at(0).second, "windows");
    EXPECT_EQ(metric(run, "BenchmarkA", "sec/op").samples, std::vector<double>{5e-9});
}

TEST(GoBenchReader, MalformedResultLinesAreErrorsWithLineAndColumn) {
    EXPECT_EQ(error_of("goos: linux\nBenchmarkFib10-8   \t 5000000\t ns/op\n"),
              "bench.txt: line 2, column 31: expected a number before \"ns/op\"");
    EXPECT_EQ(error_of("BenchmarkFib10-8 5000000 4x.5 ns/op\n"),
              "bench.txt: line 1, column 26: expected a number, got \"4x.5\"");
    EXPECT_EQ(error_of("BenchmarkFib10-8 12x 4 ns/op\n"),
              "bench.txt: line 1, column 18: expected the iteration count (a whole number) "
              "after the benchmark name, got \"12x\"");
    EXPECT_EQ(error_of("BenchmarkFib10-8 100\n"),
              "bench.txt: line 1, column 21: expected a measurement (\"325 ns/op\") after the "
              "iteration count");
    EXPECT_EQ(error_of("BenchmarkA 1 5 ns/op 6 ns/op\n"),
              "bench.txt: line 1, column 24: expected each unit once per line, but \"ns/op\" "
              "appears twice");
    EXPECT_EQ(error_of("PASS\nok  \texample.com/p\t0.1s\n"),
              "bench.txt: expected at least one Go benchmark result line "
              "(\"BenchmarkName-8  1000  325 ns/op\"), found none");
}

TEST(GoBenchReader, TruncatedFilesAreErrors) {
    const std::string text = test::read_fixture("go/sample/bench.txt");
    // Cut in the middle of the first result line's value: "43.0".
    const std::size_t value = text.find("43.02 ns/op");
    EXPECT_EQ(error_of(text.substr(0, value + 4)),
              "bench.txt: line 5, column 54: expected a unit after \"43.0\"");
    // Cut right after an iteration count.
    const std::size_t count = text.find("23963233") + 8;
    EXPECT_EQ(error_of(text.substr(0, count)),
              "bench.txt: line 5, column 41: expected a measurement (\"325 ns/op\") after the "
              "iteration count");
    // Cut after a whole line: the lines before it are a valid, shorter run.
    const std::size_t line_end = text.find('\n', count) + 1;
    EXPECT_EQ(parse(text.substr(0, line_end)).metrics.size(), 4u);
}

TEST(GoBenchReader, DetectsGoOutputOnly) {
    for (const char* file :
         {"github-action-benchmark/go_output.txt", "bencher/three.txt", "benchstat/crc-new.txt",
          "sample/bench.txt", "sample/bench_failed.txt"}) {
        const std::string text = test::read_fixture(std::string("go/") + file);
        EXPECT_TRUE(looks_like_go_bench(text)) << file;
        EXPECT_EQ(parse_results(text, file, std::nullopt).sources.at(0).format, "go") << file;
    }
    EXPECT_FALSE(looks_like_go_bench("BenchmarkFib10\nPASS\n"));
    // A file whose only result line is malformed is still Go: its error says where.
    try {
        parse_results("BenchmarkFib10-8 5000000 ns/op\n", "bench.txt", std::nullopt);
        ADD_FAILURE() << "no error";
    } catch (const util::Error& error) {
        EXPECT_STREQ(error.what(),
                     "bench.txt: line 1, column 26: expected a number before \"ns/op\"");
    }
    EXPECT_FALSE(looks_like_go_bench("test bench_fib ... bench:  135 ns/iter (+/- 24)\n"));
    EXPECT_FALSE(looks_like_go_bench(R"({"benchmarks": [{"name": "Benchmark 1 2 ns"}]})"));
}

// Runs go test -bench on tests/fixtures/go/sample when Go is installed (CI installs
// golang-go) and reads what it printed.
TEST(GoBenchReader, ReadsAFreshGoTestBenchRun) {
    if (test::run_process({"go", "version"}).exit_code != 0) {
        GTEST_SKIP() << "go is not installed (Debian: apt-get install golang-go); the "
                        "committed outputs in tests/fixtures/go/sample are read instead";
    }
    test::TempDir work;
    const test::ProcessResult go =
        test::run_process({"go", "test", "-run", "^$", "-bench", ".", "-count", "3", "-benchmem",
                           "-benchtime", "200x", "./..."},
                          {{"GOCACHE", work.file("cache")},
                           {"GOPATH", work.file("gopath")},
                           {"GOPROXY", "off"},
                           {"GOFLAGS", ""},
                           {"GO111MODULE", "on"},
                           {"GOMAXPROCS", "2"}},
                          test::fixture_path("go/sample"));
    ASSERT_EQ(go.exit_code, 0) << go.err << go.out;
    const model::Run run = parse_results(go.out, "fresh.txt", std::nullopt);
    EXPECT_EQ(run.sources.at(0).format, "go");
    EXPECT_EQ(run.metrics.size(), 25u) << go.out;
    for (const auto& m : run.metrics) {
        EXPECT_EQ(m.samples.size(), 3u) << m.name << " " << m.measure;
        for (const double sample : m.samples) EXPECT_TRUE(std::isfinite(sample) && sample >= 0);
    }
    const model::Metric& fnv = metric(run, "BenchmarkFNV/size=64", "sec/op");
    EXPECT_GT(stats::median(fnv.samples), 0);
    EXPECT_LT(stats::median(fnv.samples), 1e-3);
    EXPECT_EQ(label(fnv, "gomaxprocs"), "2");
    // Insertion sort of a reversed slice of 16 makes 16 * 15 / 2 comparisons.
    EXPECT_EQ(metric(run, "BenchmarkInsertion/n=16", "cmps/op").samples,
              (std::vector<double>(3, 120)));
    EXPECT_EQ(metric(run, "BenchmarkBuild (caws-gate.invalid/sample/sorting)", "allocs/op").samples,
              (std::vector<double>(3, 1)));
}

}  // namespace
}  // namespace caws::ingest
