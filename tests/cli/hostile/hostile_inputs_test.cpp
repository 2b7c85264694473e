// Hostile inputs through the built binary: each ends in exit 2 with a located message, or
// in a correct result; nothing is written outside the paths the command line names; peak
// memory stays within 3x the input. Big inputs are generated here, never committed.
#include <gtest/gtest.h>
#include <sys/resource.h>
#include <unistd.h>
#include <nlohmann/json.hpp>

#include <cmath>
#include <filesystem>
#include <fstream>
#include <set>

#include "support/process.hpp"
#include "support/temp_dir.hpp"

namespace caws::test {
namespace {

namespace fs = std::filesystem;

const std::string k_run1 =
    std::string(CAWS_GATE_SOURCE_DIR) +
    "/tests/fixtures/google-benchmark/google-benchmark-tools/test1_run1.json";

ProcessResult caws_gate(const std::vector<std::string>& args) {
    std::vector<std::string> argv{CAWS_GATE_BINARY};
    argv.insert(argv.end(), args.begin(), args.end());
    return run_process(argv, {{"SOURCE_DATE_EPOCH", "1795392000"},
                              {"GITHUB_SHA", "0123456789abcdef0123"},
                              {"GITHUB_REF_NAME", "main"}});
}

// Exit 2 and one `caws-gate: error: FILE: WHERE: WHAT` line containing `expected`.
void expect_error(const ProcessResult& r, const std::string& expected) {
    EXPECT_EQ(r.exit_code, 2) << r.err;
    EXPECT_EQ(r.err.rfind("caws-gate: error: ", 0), 0u) << r.err;
    EXPECT_NE(r.err.find(expected), std::string::npos) << r.err;
    EXPECT_LT(r.err.size(), 4096u) << "messages quote at most a short piece of the input";
}

// AddressSanitizer's shadow memory and quarantine multiply every process's resident set,
// so the memory bounds hold for release builds only; under the sanitizers the tests still
// check the exit codes and messages.
#if defined(__SANITIZE_ADDRESS__)
constexpr bool k_measures_memory = false;
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
constexpr bool k_measures_memory = false;
#else
constexpr bool k_measures_memory = true;
#endif
#else
constexpr bool k_measures_memory = true;
#endif

// Peak resident memory of the children waited for so far, in bytes.
std::size_t children_peak_rss() {
    rusage usage{};
    getrusage(RUSAGE_CHILDREN, &usage);
    return static_cast<std::size_t>(usage.ru_maxrss) * 1024;
}

std::string bench(const std::string& name, const std::string& time = "1") {
    return R"({"name":")" + name + R"(","iterations":1,"real_time":)" + time + R"(,"cpu_time":)" +
           time + R"(,"time_unit":"ns"})";
}

std::string results(const std::string& rows) {
    return R"({"context":{"library_build_type":"release"},"benchmarks":[)" + rows + "]}";
}

const std::string k_gate_head = R"({"schema":"caws-gate/gate@1",)";

// ---- nesting -------------------------------------------------------------------------

TEST(Hostile, JsonNestedOneHundredThousandDeep) {
    TempDir dir;
    const std::string open(100000, '['), close(100000, ']');
    const std::string deep_results =
        dir.write("deep.json", R"({"benchmarks":[{"name":"a","x":)" + open + close + "}]}");
    expect_error(caws_gate({"compare", deep_results, deep_results, "--format", "google-benchmark"}),
                 "deep.json: ");
    expect_error(caws_gate({"compare", deep_results, deep_results}), "deep.json: ");
    const std::string gate =
        dir.write("gate.json", k_gate_head + R"("rules":)" + open + close + "}");
    expect_error(caws_gate({"validate", gate}), "expected JSON nested at most 1024 levels deep");
    expect_error(caws_gate({"check", k_run1, "--baseline", k_run1, "--gate", gate}),
                 "gate.json: /rules/0/0/");
    const std::string report =
        dir.write("report.json", R"({"schema":"caws-gate/report@1","x":)" + open + close + "}");
    expect_error(caws_gate({"report", report, "--md", dir.file("out.md")}),
                 "expected JSON nested at most 1024 levels deep");
    EXPECT_FALSE(fs::exists(dir.file("out.md")));
    const std::string baseline = dir.write(
        "deep-baseline.json", R"({"schema":"caws-gate/baseline@1","x":)" + open + close + "}");
    expect_error(caws_gate({"validate", baseline}), "deep-baseline.json: ");
}

// ---- sizes ---------------------------------------------------------------------------

TEST(Hostile, OneGigabyteStringIsRefusedBeforeReading) {
    TempDir dir;
    const std::string path = dir.file("huge.json");
    {
        std::ofstream out(path, std::ios::binary);
        out << R"({"benchmarks":[{"name":")";
    }
    // Sparse: a 1 GiB string of NULs costs no disk and no time to make.
    fs::resize_file(path, std::size_t{1} << 30);
    expect_error(caws_gate({"check", path, "--baseline", k_run1}),
                 "huge.json: the file is larger than 256 MiB; expected an input of at most "
                 "268435456 bytes");
    expect_error(caws_gate({"validate", path}), "larger than 256 MiB");
    expect_error(caws_gate({"report", path}), "larger than 256 MiB");
    if (k_measures_memory) {
        EXPECT_LT(children_peak_rss(), std::size_t{64} << 20);
    }
}

TEST(Hostile, TenMegabyteNameIsAnError) {
    TempDir dir;
    const std::string name(std::size_t{10} << 20, 'x');
    const std::string file = dir.write("long.json", results(bench("short") + "," + bench(name)));
    const ProcessResult r = caws_gate(
        {"compare", file, file, "--format", "google-benchmark", "--json", dir.file("r.json")});
    expect_error(r,
                 "long.json: /benchmarks/1: expected a benchmark name of at most 4096 bytes, "
                 "got 10485760 bytes");
    EXPECT_FALSE(fs::exists(dir.file("r.json")));
    // A text format: the line is too long first.
    const std::string go =
        dir.write("long.txt", "goos: linux\nBenchmarkShort-8 100 5 ns/op\nBenchmark" + name +
                                  "-8 100 5 ns/op\n");
    expect_error(caws_gate({"compare", go, go, "--format", "go"}),
                 "long.txt: line 3, column 65537: expected a line of at most 65536 bytes");
    // Below the line limit, the name limit: the name is found in the text for the place.
    const std::string go_name = dir.write(
        "name.txt", "goos: linux\nBenchmark" + std::string(5000, 'y') + "-8 100 5 ns/op\n");
    expect_error(caws_gate({"compare", go_name, go_name, "--format", "go"}),
                 "name.txt: line 2, column 1: expected a benchmark name of at most 4096 bytes");
    // Three times the input, and room for the forked test process before it execs.
    if (k_measures_memory) {
        EXPECT_LT(children_peak_rss(), 3 * (std::size_t{10} << 20) + (std::size_t{48} << 20));
    }
}

TEST(Hostile, MillionBenchmarksOfOneRepetitionStopAtTheMetricLimit) {
    TempDir dir;
    const std::string path = dir.file("million.json");
    {
        std::ofstream out(path, std::ios::binary);
        out << R"({"context":{"library_build_type":"release"},"benchmarks":[)";
        for (int i = 0; i < 1000000; ++i) {
            if (i > 0) out << ',';
            out << bench("BM_" + std::to_string(i));
        }
        out << "]}";
    }
    const std::size_t size = fs::file_size(path);
    const ProcessResult r = caws_gate(
        {"baseline", "update", path, "--suite", "million", "--dir", dir.file("baselines")});
    expect_error(r, "million.json: /benchmarks/100000: expected at most 100000 metrics in one run");
    EXPECT_FALSE(fs::exists(dir.file("baselines/million.json")));
    expect_error(caws_gate({"compare", path, path}), "expected at most 100000 metrics");
    if (k_measures_memory) {
        // Read once each, row by row, without the whole file resident: under twice the
        // input, though compare reads both sides at once.
        EXPECT_LT(children_peak_rss(), 2 * size) << "input of " << size << " bytes";
    }
}

TEST(Hostile, MetricLimitCountsEveryFileOfARun) {
    TempDir dir;
    std::string rows;
    for (int i = 0; i < 30000; ++i) {
        rows += i ? "," : "";
        std::string name = "a";
        name += std::to_string(i);  // appended: `"a" + ...` makes GCC 12 warn falsely
        rows += bench(name);
    }
    const std::string a = dir.write("a.json", results(rows));
    rows.clear();
    for (int i = 0; i < 30000; ++i) {
        rows += i ? "," : "";
        std::string name = "b";
        name += std::to_string(i);  // appended: `"b" + ...` makes GCC 12 warn falsely
        rows += bench(name);
    }
    const std::string b = dir.write("b.json", results(rows));
    // 60,000 benchmarks, each with real_time and cpu_time: 120,000 metrics.
    const ProcessResult one = caws_gate({"compare", a, a});
    EXPECT_EQ(one.exit_code, 0) << one.err;
    expect_error(caws_gate({"baseline", "update", a, b, "--suite", "s", "--dir", dir.file("bl")}),
                 "b.json: expected at most 100000 metrics in one run, got 120000");
}

// ---- numbers -------------------------------------------------------------------------

TEST(Hostile, OutOfRangeNumbersAreErrors) {
    TempDir dir;
    const std::string file = dir.write("big.json", results(bench("a", "1e400")));
    expect_error(caws_gate({"compare", file, file}),
                 "big.json: /benchmarks/0/real_time: expected a number within the range of a "
                 "double, got 1e400");
    const std::string gate = dir.write("gate.json", k_gate_head + R"("defaults":{"alpha":1e400}})");
    expect_error(caws_gate({"validate", gate}), "gate.json: ");
}

TEST(Hostile, NegativeZeroReadsAsZero) {
    TempDir dir;
    const std::string file = dir.write("zero.json", results(bench("a", "-0")));
    const ProcessResult r = caws_gate({"compare", file, file, "--json", dir.file("r.json")});
    ASSERT_EQ(r.exit_code, 0) << r.err;
    const std::string text = read_text(dir.file("r.json"));
    // As a value, not anywhere in the text: the temporary directory's random name in the
    // report's source paths may contain "-0".
    EXPECT_EQ(text.find(": -0"), std::string::npos);
    const auto report = nlohmann::json::parse(text);
    EXPECT_EQ(report["comparisons"][0]["baseline"], 0.0);
    EXPECT_FALSE(std::signbit(report["comparisons"][0]["baseline"].get<double>()));
    EXPECT_EQ(report["comparisons"][0]["ratio"], 1.0);
    EXPECT_EQ(report["comparisons"][0]["class"], "unchanged");
}

// ---- names ---------------------------------------------------------------------------

TEST(Hostile, InvalidUtf8AndNulInNamesAreErrors) {
    TempDir dir;
    const std::string json_bad = dir.write("bad.json", results(bench("a\xff\xfe")));
    expect_error(caws_gate({"compare", json_bad, json_bad}),
                 "bad.json: line 1, column 69: expected UTF-8 text, got the byte 0xFF");
    const std::string go_bad = dir.write("bad.txt", "BenchmarkA\xc3\x28-8 100 5 ns/op\n");
    expect_error(caws_gate({"compare", go_bad, go_bad, "--format", "go"}),
                 "bad.txt: line 1, column 11: expected UTF-8 text, got the byte 0xC3");
    const std::string raw_nul =
        dir.write("nul.txt", std::string("BenchmarkA\0B-8 100 5 ns/op\n", 27));
    expect_error(caws_gate({"compare", raw_nul, raw_nul, "--format", "go"}),
                 "nul.txt: line 1, column 11: expected text, got a NUL byte");
    const std::string escaped_nul = dir.write("esc.json", results(bench("a\\u0000b")));
    expect_error(caws_gate({"check", escaped_nul, "--baseline", k_run1}),
                 "esc.json: expected a benchmark name without control characters (NUL, line "
                 "breaks, tabs), got \"a\\u0000b\"");
    const std::string newline = dir.write("nl.json", results(bench("a\\n::error::x")));
    expect_error(caws_gate({"check", newline, "--baseline", k_run1, "--annotations"}),
                 "got \"a\\n::error::x\"");
    const std::string surrogate = dir.write("sur.json", results(bench("a\\ud800")));
    const ProcessResult r = caws_gate({"compare", surrogate, surrogate});
    EXPECT_EQ(r.exit_code, 2) << r.err;
}

TEST(Hostile, DuplicateKeys) {
    TempDir dir;
    const std::string gate =
        dir.write("gate.json", k_gate_head + R"("rules":[{"match":"a","match":"b"}]})");
    expect_error(caws_gate({"validate", gate}),
                 "gate.json: /rules/0: expected each key once in an object, got \"match\" twice");
    expect_error(caws_gate({"check", k_run1, "--baseline", k_run1, "--gate", gate}),
                 "/rules/0: expected each key once");
    const std::string report = dir.write(
        "report.json", R"({"schema":"caws-gate/report@1","schema":"caws-gate/report@1"})");
    expect_error(caws_gate({"report", report}), "report.json: /: expected each key once");
    // Results files are read as their tools' own JSON libraries read them: the last wins.
    const std::string file = dir.write(
        "dup.json", results(R"({"name":"first","name":"last","iterations":1,"real_time":1,)"
                            R"("real_time":7,"cpu_time":7,"time_unit":"ns"})"));
    const ProcessResult r = caws_gate({"compare", file, file, "--json", dir.file("r.json")});
    ASSERT_EQ(r.exit_code, 0) << r.err;
    const auto parsed = nlohmann::json::parse(read_text(dir.file("r.json")));
    EXPECT_EQ(parsed["comparisons"][0]["metric"], "last");
    EXPECT_DOUBLE_EQ(parsed["comparisons"][0]["baseline"].get<double>(), 7e-9);
}

// ---- paths ---------------------------------------------------------------------------

TEST(Hostile, SuiteNamesThatAreNotAFileNameAreRefused) {
    TempDir dir;
    const std::string baselines = dir.file("work/baselines");
    fs::create_directories(baselines);
    for (const std::string& suite :
         std::vector<std::string>{"../escape", "a/b", "/abs", "a\\b", ".hidden", "..", "",
                                  std::string(201, 's'), std::string("a\nb")}) {
        SCOPED_TRACE(suite);
        expect_error(
            caws_gate({"baseline", "update", k_run1, "--suite", suite, "--dir", baselines}),
            "--suite: expected a suite name of letters, digits");
        expect_error(caws_gate({"check", k_run1, "--suite", suite, "--dir", baselines}),
                     "--suite: expected a suite name");
        expect_error(caws_gate({"history", "import", k_run1, "--suite", suite, "--dir", baselines}),
                     "--suite: expected a suite name");
    }
    // Nothing was created anywhere under the temporary directory but the empty baselines/.
    std::size_t entries = 0;
    for (const auto& entry : fs::recursive_directory_iterator(dir.path())) {
        (void)entry;
        ++entries;
    }
    EXPECT_EQ(entries, 2u);
    // The suite taken from a results file name obeys the same rule.
    const std::string dotted = dir.file("..json");
    fs::copy_file(k_run1, dotted);
    expect_error(caws_gate({"baseline", "update", dotted, "--dir", baselines}),
                 "expected a suite name");
}

TEST(Hostile, OutputSymlinksAreReplacedNotWrittenThrough) {
    TempDir dir;
    const std::string outside = dir.write("outside.txt", "precious\n");
    fs::create_directories(dir.file("out"));
    fs::create_symlink(outside, dir.file("out/report.json"));
    fs::create_symlink(outside, dir.file("out/report.md"));
    const ProcessResult r =
        caws_gate({"compare", k_run1, k_run1, "--json", dir.file("out/report.json"), "--md",
                   dir.file("out/report.md")});
    ASSERT_EQ(r.exit_code, 0) << r.err;
    EXPECT_EQ(read_text(outside), "precious\n");
    EXPECT_FALSE(fs::is_symlink(dir.file("out/report.json")));
    EXPECT_TRUE(fs::is_regular_file(dir.file("out/report.json")));
    EXPECT_FALSE(fs::is_symlink(dir.file("out/report.md")));
    // The same for a baseline file planted as a symlink in the baselines directory.
    fs::create_directories(dir.file("baselines"));
    fs::create_symlink(outside, dir.file("baselines/s.json"));
    const ProcessResult update =
        caws_gate({"baseline", "update", k_run1, "--suite", "s", "--dir", dir.file("baselines")});
    EXPECT_EQ(update.exit_code, 2) << "a symlink is not a baseline: " << update.err;
    EXPECT_EQ(read_text(outside), "precious\n");
    // A baselines directory that is itself a symlink is the directory the command line
    // names: it is written through.
    fs::create_directories(dir.file("real-baselines"));
    fs::create_directory_symlink(dir.file("real-baselines"), dir.file("linked"));
    const ProcessResult linked =
        caws_gate({"baseline", "update", k_run1, "--suite", "t", "--dir", dir.file("linked")});
    ASSERT_EQ(linked.exit_code, 0) << linked.err;
    EXPECT_TRUE(fs::is_regular_file(dir.file("real-baselines/t.json")));
}

// ---- injection -----------------------------------------------------------------------

TEST(Hostile, InjectingNamesAreInertInEveryOutput) {
    TempDir dir;
    const std::vector<std::string> names = {"{{verdict}}",
                                            "{{{raw}}}",
                                            "{{#comparisons}}x{{/comparisons}}",
                                            "::error::pwned",
                                            "%0A::warning::x",
                                            "<script>alert(1)</script>",
                                            "\\\\input{/etc/passwd}",
                                            "$x^2$ & 50%",
                                            "| a | b |",
                                            "[link](http://x)",
                                            "<!-- -->",
                                            "]]><x/>"};
    std::string base_rows, new_rows;
    for (std::size_t i = 0; i < names.size(); ++i) {
        // JSON escaping of the two names with backslashes and quotes is done by hand above.
        base_rows += i ? "," : "";
        base_rows += bench(names[i], "10");
        new_rows += i ? "," : "";
        new_rows += bench(names[i], "50");
    }
    const std::string base = dir.write("base.json", results(base_rows));
    const std::string next = dir.write("new.json", results(new_rows));
    const ProcessResult r =
        caws_gate({"compare", base, next, "--json", dir.file("r.json"), "--md", dir.file("r.md"),
                   "--latex", dir.file("r.tex"), "--junit", dir.file("r.xml"), "--annotations"});
    ASSERT_EQ(r.exit_code, 0) << r.err;
    const std::string md = read_text(dir.file("r.md"));
    const std::string tex = read_text(dir.file("r.tex"));
    const std::string xml = read_text(dir.file("r.xml"));
    // Templates render names as data, never as tags.
    // Mustache tags in names come out as text (escaped or not), never expanded.
    EXPECT_NE(md.find("verdict"), std::string::npos);
    EXPECT_NE(md.find("raw"), std::string::npos);
    EXPECT_EQ(md.find("<script>"), std::string::npos);
    EXPECT_EQ(md.find("| a | b |"), std::string::npos);
    EXPECT_EQ(md.find("[link](http"), std::string::npos);
    EXPECT_EQ(tex.find("\\input{"), std::string::npos);
    EXPECT_EQ(tex.find("$x^2$"), std::string::npos);
    EXPECT_EQ(xml.find("<script>"), std::string::npos);
    EXPECT_EQ(xml.find("]]><x/>"), std::string::npos);
    EXPECT_NE(xml.find("{{verdict}}"), std::string::npos);
    // Annotations: one workflow command per line, none started by a name (a name inside a
    // command's message is data: GitHub reads commands only at the start of a line).
    std::size_t start = 0;
    while (start < r.out.size()) {
        const std::size_t end = r.out.find('\n', start);
        const std::string line = r.out.substr(start, end - start);
        if (line.rfind("::", 0) == 0) {
            EXPECT_TRUE(line.rfind("::error", 0) == 0 || line.rfind("::warning", 0) == 0 ||
                        line.rfind("::notice", 0) == 0)
                << line;
            EXPECT_EQ(line.find(" ::error::pwned"), std::string::npos) << line;
            EXPECT_EQ(line.find("%0A::warning"), std::string::npos) << line;
        }
        if (end == std::string::npos) break;
        start = end + 1;
    }
    // The JSON report keeps the names exactly, and re-renders the same.
    const auto report = nlohmann::json::parse(read_text(dir.file("r.json")));
    std::set<std::string> seen;
    for (const auto& c : report["comparisons"]) seen.insert(c["metric"].get<std::string>());
    EXPECT_TRUE(seen.count("{{verdict}}"));
    EXPECT_TRUE(seen.count("::error::pwned"));
    const ProcessResult again =
        caws_gate({"report", dir.file("r.json"), "--md", dir.file("again.md")});
    ASSERT_EQ(again.exit_code, 0) << again.err;
    EXPECT_EQ(read_text(dir.file("again.md")), md);
}

}  // namespace
}  // namespace caws::test
