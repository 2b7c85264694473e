// The argument that reruns the regressed benchmarks alone, per tool: each filter is
// checked with the regular expression engines the tools use (POSIX extended expressions,
// as Google Benchmark compiles its filter with std::regex or regcomp), so that it selects
// every named benchmark and nothing that only shares a prefix.
#include "report/rerun_filter.hpp"

#include <gtest/gtest.h>
#include <regex.h>

#include <regex>

namespace caws::report {
namespace {

model::Run run_of(const std::vector<std::pair<std::string, std::string>>& metrics,
                  const std::string& format) {
    model::Run run;
    run.sources.push_back({"results", format});
    for (const auto& [name, procs] : metrics) {
        model::Metric m;
        m.name = name;
        m.measure = "sec/op";
        if (!procs.empty()) m.labels.emplace_back("gomaxprocs", procs);
        run.metrics.push_back(m);
    }
    return run;
}

std::string gb_filter(const std::vector<std::string>& names) {
    const std::optional<std::string> filter = rerun_filter("google-benchmark", names, {});
    EXPECT_TRUE(filter.has_value());
    return filter.value_or("");
}

// The regular expression of a --benchmark_filter= argument.
std::string pattern_of(const std::string& filter) {
    return filter.substr(filter.find('=') + 1);
}

// Whether `name` matches as Google Benchmark matches it: a search, in both engines.
bool selects(const std::string& pattern, const std::string& name) {
    const bool with_std = std::regex_search(name, std::regex(pattern, std::regex::extended));
    regex_t compiled;
    EXPECT_EQ(regcomp(&compiled, pattern.c_str(), REG_EXTENDED | REG_NOSUB), 0) << pattern;
    const bool with_posix = regexec(&compiled, name.c_str(), 0, nullptr, 0) == 0;
    regfree(&compiled);
    EXPECT_EQ(with_std, with_posix) << pattern << " on " << name;
    return with_std;
}

TEST(RerunFilter, GoogleBenchmarkListsTheFullNamesAnchored) {
    EXPECT_EQ(gb_filter({"BM_Crc32/min_time:0.020", "BM_Sort/1024/threads:2"}),
              "--benchmark_filter=^(BM_Crc32/min_time:0\\.020|BM_Sort/1024/threads:2)$");
}

TEST(RerunFilter, GoogleBenchmarkEscapesEveryMetacharacter) {
    const std::vector<std::string> names{
        "BM_Copy<std::vector<int>, 2>/8/real_time",
        "BM_Parse(json)*/x+y?/a|b",
        "BM_Set[0]{1}/$^.end\\",
        "BM_F<char*>/min_time:0.500/repeats:3",
        "BM_Space name/-1",
    };
    const std::string pattern = pattern_of(gb_filter(names));
    for (const std::string& name : names) EXPECT_TRUE(selects(pattern, name)) << name;
    // No near miss: a longer name, a shorter one, another argument, a character that a
    // metacharacter left unescaped would match.
    for (const char* other :
         {"BM_Copy<std::vector<int>, 2>/8/real_time/threads:2", "BM_Parse(json)*/x+y?/a",
          "BM_Set[0]{1}/$^xend\\", "BM_F<char*>/min_time:0x500/repeats:3", "XBM_Space name/-1",
          "BM_Space name/-10", "BM_Parse(json)/x+y?/a|b", "b"}) {
        EXPECT_FALSE(selects(pattern, other)) << other;
    }
}

TEST(RerunFilter, AngleBracketsAreBracketExpressionsSoNothingReadsAsATag) {
    const std::string filter = gb_filter({"BM_F<int>"});
    EXPECT_EQ(filter, "--benchmark_filter=^(BM_F[<]int[>])$");
    // GNU regcomp reads \< and \> as word boundaries: brackets are the literal form.
    EXPECT_TRUE(selects(pattern_of(filter), "BM_F<int>"));
}

TEST(RerunFilter, PytestSelectsEachTestByItsOwnName) {
    const std::vector<std::string> names{"tests/test_io.py::test_read[1-4096]",
                                         "tests/test_io.py::TestCache::test_hit",
                                         "tests/test_cpu.py::test_sum"};
    EXPECT_EQ(rerun_filter("pytest-benchmark", names, {}),
              "-k=test_read[1-4096] or test_hit or test_sum");
}

TEST(RerunFilter, PytestFallsBackToTheFunctionWhenParametersCannotBeWritten) {
    // Spaces and quotes cannot be written in a -k identifier: all the function's
    // parameters are rerun, once.
    EXPECT_EQ(rerun_filter("pytest-benchmark",
                           {"t.py::test_parse[a b]", "t.py::test_parse['x']", "t.py::test_or"}, {}),
              "-k=test_parse or test_or");
    // A test named like an operator cannot be written at all: no filter, rerun the suite.
    EXPECT_EQ(rerun_filter("pytest-benchmark", {"t.py::or"}, {}), std::nullopt);
    EXPECT_EQ(rerun_filter("pytest-benchmark", {"t.py::test (x)"}, {}), std::nullopt);
}

TEST(RerunFilter, GoHasOnePatternPerLevel) {
    const model::Run run = run_of({{"BenchmarkSort/n=10", "8"}, {"BenchmarkHash", "8"}}, "go");
    EXPECT_EQ(rerun_filter("go", {"BenchmarkSort/n=10", "BenchmarkHash"}, run),
              "-bench=^BenchmarkSort$/^n=10$|^BenchmarkHash$");
    EXPECT_EQ(rerun_filter("go", {"BenchmarkRe/a.b*"}, run_of({}, "go")),
              "-bench=^BenchmarkRe$/^a\\.b\\*$");
}

TEST(RerunFilter, GoDropsTheGomaxprocsSuffixAndThePackage) {
    // Run with -cpu 1,4: the reader keeps the suffix in the names; go test -bench matches
    // the name without it, so both are one pattern.
    const model::Run several =
        run_of({{"BenchmarkX-1", "1"}, {"BenchmarkX-4", "4"}, {"BenchmarkY/n-4", "4"}}, "go");
    EXPECT_EQ(rerun_filter("go", {"BenchmarkX-1", "BenchmarkX-4", "BenchmarkY/n-4"}, several),
              "-bench=^BenchmarkX$|^BenchmarkY$/^n-4$");
    // A name that ends like a suffix but ran with one GOMAXPROCS keeps its ending.
    const model::Run one = run_of({{"BenchmarkZ/size-8", "8"}}, "go");
    EXPECT_EQ(rerun_filter("go", {"BenchmarkZ/size-8"}, one), "-bench=^BenchmarkZ$/^size-8$");
    EXPECT_EQ(rerun_filter("go", {"BenchmarkX (example.com/a)", "BenchmarkX (example.com/b)"},
                           run_of({}, "go")),
              "-bench=^BenchmarkX$");
}

TEST(RerunFilter, OtherFormatsAndNoBenchmarksHaveNone) {
    EXPECT_EQ(rerun_filter("hyperfine", {"sleep 0.1"}, {}), std::nullopt);
    EXPECT_EQ(rerun_filter("", {"BM_A"}, {}), std::nullopt);
    EXPECT_EQ(rerun_filter("google-benchmark", {}, {}), std::nullopt);
}

TEST(RerunFilter, ControlCharactersNeverReachTheArgument) {
    const std::string filter = gb_filter({"BM_A\nB"});
    EXPECT_EQ(filter.find('\n'), std::string::npos);
    EXPECT_TRUE(selects(pattern_of(filter), "BM_A\nB"));
}

TEST(ShellWord, QuotesTheValueOnly) {
    EXPECT_EQ(shell_word("--benchmark_filter=^(A|B)$"), "--benchmark_filter='^(A|B)$'");
    EXPECT_EQ(shell_word("-k=test_a or test_b"), "-k='test_a or test_b'");
    EXPECT_EQ(shell_word("-bench=it's"), "-bench='it'\\''s'");
    EXPECT_EQ(shell_word("plain"), "'plain'");
}

}  // namespace
}  // namespace caws::report
