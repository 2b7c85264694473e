#include "ingest/rust_libtest_reader.hpp"

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "ingest/results.hpp"
#include "support/fixtures.hpp"
#include "util/error.hpp"

namespace caws::ingest {
namespace {

model::Run parse(const std::string& text, const std::string& path = "bench.txt") {
    return parse_rust_libtest(text, model::Source{path, "rust-libtest"});
}

model::Run parse_fixture(const std::string& relative) {
    return parse(test::read_fixture("rust-libtest/" + relative), relative);
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

TEST(RustLibtestReader, ReadsGithubActionBenchmarkFixturesLikeTheirExpectedParse) {
    for (const std::string file :
         {"cargo_output.txt", "cargo_output2.txt", "cargo_output3.txt", "cargo_output_units.txt"}) {
        const model::Run run = parse_fixture("github-action-benchmark/" + file);
        const auto expected = nlohmann::json::parse(
            test::read_fixture("rust-libtest/github-action-benchmark/" + file + ".expected.json"));
        ASSERT_EQ(run.metrics.size(), expected["benches"].size()) << file;
        for (const auto& bench : expected["benches"]) {
            const std::string name = bench["name"];
            const std::string unit = bench["unit"];
            const double value = bench["value"];
            if (unit == "ns/iter") {
                const model::Metric& m = metric(run, name);
                EXPECT_EQ(m.unit, model::seconds());
                EXPECT_EQ(m.direction, model::Direction::lower);
                ASSERT_EQ(m.samples.size(), 1u);
                EXPECT_DOUBLE_EQ(m.samples[0], value * 1e-9) << file << " " << name;
            } else {
                // Other units are kept as written, with the unit as the measure.
                const model::Metric& m = metric(run, name, unit);
                EXPECT_EQ(m.samples, std::vector<double>{value}) << file << " " << name;
                EXPECT_EQ(m.direction,
                          unit == "MS/s" ? model::Direction::higher : model::Direction::lower);
            }
        }
    }
}

TEST(RustLibtestReader, UnitsPerIterationAndRates) {
    const model::Run run = parse_fixture("github-action-benchmark/cargo_output_units.txt");
    EXPECT_EQ(metric(run, "cmov", "cycles/iter").unit, model::count("cycles/iter"));
    EXPECT_EQ(metric(run, "upload", "MS/s").unit, (model::Unit{model::Dimension::other, "MS/s"}));
}

TEST(RustLibtestReader, ReadsBencherAdapterFixtures) {
    // The values of bencher's adapter tests (lib/bencher_adapter/src/adapters/rust/bench.rs).
    for (const char* file : {"bencher/one.txt", "bencher/ignore.txt"}) {
        const model::Run run = parse_fixture(file);
        ASSERT_EQ(run.metrics.size(), 1u) << file;
        EXPECT_EQ(metric(run, "tests::benchmark").samples, std::vector<double>{3161e-9}) << file;
    }
    const model::Run many = parse_fixture("bencher/many.txt");
    ASSERT_EQ(many.metrics.size(), 6u);
    for (const char* name :
         {"tests::benchmark", "tests::other_benchmark", "tests::last_benchmark"}) {
        EXPECT_EQ(metric(many, name).samples, std::vector<double>{3161e-9}) << name;
    }
    EXPECT_EQ(metric(many, "tests::one_digit").samples, std::vector<double>{1e-6});  // μs
    EXPECT_EQ(metric(many, "tests::two_digit").samples, std::vector<double>{22e-3});
    EXPECT_EQ(metric(many, "tests::three_digit").samples, std::vector<double>{333});
    const model::Run decimals = parse_fixture("bencher/issue_390.txt");
    ASSERT_EQ(decimals.metrics.size(), 4u);
    EXPECT_DOUBLE_EQ(metric(decimals, "bleu::benchmark::bench_batch_bleu").samples.at(0),
                     13967756.30e-9);
    EXPECT_DOUBLE_EQ(metric(decimals, "tokenizer::benchmark::bench_tokenizer").samples.at(0),
                     15690.73e-9);
}

TEST(RustLibtestReader, FailedBenchmarkWithItsPanicAsTheMessage) {
    const model::Run run = parse_fixture("bencher/failed.txt");
    ASSERT_EQ(run.metrics.size(), 3u);
    EXPECT_EQ(metric(run, "tests::benchmark_a").samples, std::vector<double>{3296e-9});
    EXPECT_EQ(metric(run, "tests::benchmark_c").samples, std::vector<double>{3215e-9});
    const model::Metric& failed = metric(run, "tests::benchmark_b");
    EXPECT_EQ(failed.status, model::Status::failed);
    EXPECT_EQ(failed.message, "thread 'main' panicked at 'explicit panic', src/tests.rs:28:9");
    EXPECT_TRUE(failed.samples.empty());
    // Newer Rust prints the panic's location and message on two lines.
    const model::Run sample = parse_fixture("sample/bench_failed.txt");
    const model::Metric& may_fail = metric(sample, "tests::bench_may_fail");
    EXPECT_EQ(may_fail.status, model::Status::failed);
    EXPECT_EQ(may_fail.message,
              "thread 'main' (32416) panicked at src/lib.rs:52:13: failed on purpose "
              "(CAWS_SAMPLE_FAIL is set)");
}

TEST(RustLibtestReader, CargoRunningLinesNameTheTarget) {
    const model::Run run = parse_fixture("bencher/multi_target.txt");
    ASSERT_EQ(run.metrics.size(), 2u);
    EXPECT_TRUE(metric(run, "tests::benchmark").labels.empty());
    const model::Metric& other = metric(run, "tests::other_benchmark");
    ASSERT_EQ(other.labels.size(), 1u);
    EXPECT_EQ(other.labels[0], (std::pair<std::string, std::string>{"target", "benches/name.rs"}));
    // The same name in two targets: both qualified.
    const model::Run two = parse(
        "     Running unittests src/lib.rs (target/release/deps/a-1234)\n"
        "test bench_x ... bench: 10 ns/iter (+/- 1)\n"
        "     Running benches/other.rs (target/release/deps/other-5678)\n"
        "test bench_x ... bench: 20 ns/iter (+/- 1)\n");
    EXPECT_EQ(metric(two, "bench_x (src/lib.rs)").samples, std::vector<double>{10e-9});
    EXPECT_EQ(metric(two, "bench_x (benches/other.rs)").samples, std::vector<double>{20e-9});
    // Older cargo names the binary; its hash changes with every build and is dropped.
    const model::Run old = parse(
        "     Running target/release/deps/mybench-0123abcd\n"
        "test bench_x ... bench: 10 ns/iter (+/- 1)\n");
    EXPECT_EQ(metric(old, "bench_x").labels.at(0).second, "mybench");
}

TEST(RustLibtestReader, RealCargoBenchOutput) {
    // tests/fixtures/rust-libtest/sample/make.sh: cargo bench (RUSTC_BOOTSTRAP=1).
    const model::Run run = parse_fixture("sample/bench.txt");
    ASSERT_EQ(run.metrics.size(), 5u);  // four benchmarks, one with a throughput
    EXPECT_DOUBLE_EQ(metric(run, "tests::bench_fib_20").samples.at(0), 14650.87e-9);
    EXPECT_DOUBLE_EQ(metric(run, "tests::bench_copy_4k").samples.at(0), 35.59e-9);
    const model::Metric& throughput = metric(run, "tests::bench_copy_4k", "throughput");
    EXPECT_EQ(throughput.samples, std::vector<double>{117028e6});
    EXPECT_EQ(throughput.unit, model::bytes_per_second());
    EXPECT_EQ(throughput.direction, model::Direction::higher);
    // #[ignore] benchmarks and tests (ignored under cargo bench) are not metrics.
    for (const auto& m : run.metrics) EXPECT_NE(m.name, "tests::bench_ignored");
    // With standard error, cargo's Running line names the target.
    const model::Run all = parse_fixture("sample/bench_all.txt");
    EXPECT_EQ(metric(all, "tests::bench_fib_10").labels.at(0),
              (std::pair<std::string, std::string>{"target", "src/lib.rs"}));
}

TEST(RustLibtestReader, RepeatedRunsAreSamples) {
    const std::string once = test::read_fixture("rust-libtest/sample/bench.txt");
    const model::Run twice =
        parse(once + test::read_fixture("rust-libtest/sample/bench_failed.txt"));
    EXPECT_EQ(metric(twice, "tests::bench_fib_10").samples,
              (std::vector<double>{112.54e-9, 113.55e-9}));
    EXPECT_EQ(metric(twice, "tests::bench_may_fail").status, model::Status::failed);
    EXPECT_TRUE(metric(twice, "tests::bench_may_fail").samples.empty());
    // Separate files merge the same way.
    std::vector<model::Run> runs;
    runs.push_back(parse_fixture("sample/bench.txt"));
    runs.push_back(parse_fixture("sample/bench_all.txt"));
    const model::Run merged = merge_runs(std::move(runs));
    EXPECT_EQ(metric(merged, "tests::bench_fib_20").samples,
              (std::vector<double>{14650.87e-9, 14711.40e-9}));
}

TEST(RustLibtestReader, MalformedBenchLinesAreErrorsWithLineAndColumn) {
    EXPECT_EQ(error_of("\nrunning 1 test\ntest a ... bench:   abc ns/iter (+/- 1)\n"),
              "bench.txt: line 3, column 21: expected a number after \"bench:\", got \"abc\"");
    EXPECT_EQ(error_of("test a ... bench:      18,149\n"),
              "bench.txt: line 1, column 30: expected a unit after \"18,149\"");
    EXPECT_EQ(error_of("test a ... bench:  5 ns/iter (+/- 5\n"),
              "bench.txt: line 1, column 35: expected \"(+/- deviation)\" after \"ns/iter\"");
    EXPECT_EQ(error_of("test a ... bench:  5 ns/iter (+/- 2) = fast\n"),
              "bench.txt: line 1, column 38: expected the end of the line or \"= N MB/s\", got "
              "\"= fast\"");
    EXPECT_EQ(error_of(test::read_fixture("rust-libtest/bencher/zero.txt")),
              "bench.txt: expected at least one libtest bench line (\"test name ... bench: 135 "
              "ns/iter (+/- 24)\"), found none");
}

TEST(RustLibtestReader, TruncatedFilesAreErrors) {
    const std::string text = test::read_fixture("rust-libtest/sample/bench.txt");
    const std::size_t cut = text.find("ns/iter (+/- 658.48)") + 5;  // "ns/it"
    EXPECT_EQ(error_of(text.substr(0, cut)),
              "bench.txt: line 6, column 59: expected \"(+/- deviation)\" after \"ns/it\"");
    const std::size_t in_value = text.find("14,650.87") + 4;  // "14,6"
    EXPECT_EQ(error_of(text.substr(0, in_value)),
              "bench.txt: line 6, column 48: expected a unit after \"14,6\"");
}

TEST(RustLibtestReader, Detection) {
    for (const char* file : {"github-action-benchmark/cargo_output.txt",
                             "github-action-benchmark/cargo_output_units.txt", "bencher/failed.txt",
                             "bencher/multi_target.txt", "sample/bench.txt", "sample/bench_all.txt",
                             "sample/bench_failed.txt"}) {
        const std::string text = test::read_fixture(std::string("rust-libtest/") + file);
        EXPECT_TRUE(looks_like_rust_libtest(text)) << file;
        EXPECT_EQ(parse_results(text, file, std::nullopt).sources.at(0).format, "rust-libtest")
            << file;
    }
    EXPECT_FALSE(looks_like_rust_libtest(test::read_fixture("rust-libtest/bencher/zero.txt")));
    EXPECT_FALSE(looks_like_rust_libtest("test tests::a ... ok\ntest tests::b ... ignored\n"));
    EXPECT_FALSE(looks_like_rust_libtest("BenchmarkA-8 100 5 ns/op\n"));
    EXPECT_TRUE(looks_like_rust_libtest("test a ... bench:   abc ns/iter (+/- 1)\n"));  // its error
}

}  // namespace
}  // namespace caws::ingest
