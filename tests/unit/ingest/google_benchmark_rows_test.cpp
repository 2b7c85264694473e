// Reading a Google Benchmark file row by row (its rows found by a scan, each parsed alone)
// gives what reading it whole gives: the same run, or the same error. Also the scan itself.
#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <filesystem>
#include <string>
#include <vector>

#include "ingest/google_benchmark_reader.hpp"
#include "ingest/results.hpp"
#include "json/member_array.hpp"
#include "store/run_json.hpp"
#include "support/fixtures.hpp"
#include "util/error.hpp"

namespace caws::ingest {
namespace {

const model::Source k_source{"perf.json", "google-benchmark"};

std::string describe(const model::Run& run) {
    nlohmann::ordered_json out;
    out["context"] = store::context_to_json(run.context);
    out["sources"] = store::sources_to_json(run.sources);
    for (const model::Metric& metric : run.metrics)
        out["metrics"].push_back(store::metric_to_json(metric));
    out["notes"] = run.notes;
    return out.dump();
}

template <typename Parse>
std::string outcome(const std::string& text, Parse parse) {
    try {
        return describe(parse(text, k_source));
    } catch (const util::Error& error) {
        return std::string("error: ") + error.what();
    }
}

void expect_same_as_whole(const std::string& text, const std::string& what) {
    const std::string whole = outcome(text, [](const std::string& t, const model::Source& s) {
        return parse_google_benchmark_whole(t, s);
    });
    const std::string by_rows = outcome(text, [](const std::string& t, const model::Source& s) {
        return parse_google_benchmark(t, s);
    });
    EXPECT_EQ(by_rows, whole) << what;
}

std::string row(const std::string& name, int repetition, double real) {
    return R"({"name": ")" + name + R"(", "run_name": ")" + name +
           R"(", "run_type": "iteration", "repetitions": 2, "repetition_index": )" +
           std::to_string(repetition) + R"(, "threads": 1, "iterations": 1000, "real_time": )" +
           std::to_string(real) + R"(, "cpu_time": )" + std::to_string(real * 0.9) +
           R"(, "time_unit": "ns"})";
}

// Pretty-printed the way Google Benchmark writes its files.
std::string file(const std::vector<std::string>& rows) {
    std::string text =
        "{\n  \"context\": {\n    \"date\": \"2026-11-23T07:00:00+00:00\",\n    \"caches\": [\n"
        "      {\"type\": \"Data\", \"level\": 1}\n    ]\n  },\n  \"benchmarks\": [";
    for (std::size_t i = 0; i < rows.size(); ++i) text += (i ? ",\n    " : "\n    ") + rows[i];
    return text + "\n  ]\n}\n";
}

std::vector<std::string> rows(std::size_t n) {
    std::vector<std::string> out;
    for (std::size_t i = 0; i < n; ++i) {
        out.push_back(row("BM_" + std::to_string(i / 2), static_cast<int>(i % 2), 100.0 + i));
    }
    return out;
}

// Expects the scan of `text` to find exactly the rows `written`, where they were written.
void expect_rows_found(const std::string& text, const std::vector<std::string>& written) {
    const auto found = json::find_member_array(text, "benchmarks");
    ASSERT_TRUE(found.has_value());
    ASSERT_EQ(found->elements.size(), written.size());
    for (std::size_t i = 0; i < written.size(); ++i) {
        EXPECT_EQ(text.substr(found->elements[i].offset, found->elements[i].length), written[i]);
    }
}

TEST(GoogleBenchmarkRows, TheScanFindsEveryRowOfAFileAsGoogleBenchmarkWritesIt) {
    const std::vector<std::string> written = rows(9);
    const std::string text = file(written);
    expect_rows_found(text, written);
    const auto found = json::find_member_array(text, "benchmarks");
    ASSERT_TRUE(found.has_value());
    EXPECT_EQ(text[found->open], '[');
    EXPECT_EQ(text[found->close], ']');
    // The rest keeps the context and empties the array.
    const auto rest = nlohmann::json::parse(found->rest(text));
    EXPECT_EQ(rest["benchmarks"], nlohmann::json::array());
    EXPECT_EQ(rest["context"]["caches"][0]["level"], 1);
}

TEST(GoogleBenchmarkRows, StringsWithEscapesAndBracketsAcrossBlocksDoNotConfuseTheScan) {
    // Names with quotes, backslashes and brackets, at every offset of a 64-byte block.
    std::vector<std::string> written;
    for (int pad = 0; pad < 70; ++pad) {
        const std::string name = "BM_" + std::string(static_cast<std::size_t>(pad), 'x') +
                                 R"(\\\"}]{[\\)" + "/" + std::to_string(pad);
        written.push_back(row(name, 0, 100.0 + pad));
    }
    const std::string text = file(written);
    expect_rows_found(text, written);
    expect_same_as_whole(text, "escaped names");
}

TEST(GoogleBenchmarkRows, OtherShapesAreLeftToTheWholeReading) {
    const std::string good_rows = row("BM_A", 0, 1) + ", " + row("BM_A", 1, 2);
    for (const std::string text : {
             std::string(R"([{"benchmarks": [)") + good_rows + "]}]",             // not an object
             std::string(R"({"context": {"benchmarks": [)") + good_rows + "]}}",  // nested
             std::string(R"({"benchmarks": {"a": 1}})"),                          // not an array
             std::string(R"({"benchmarks": [1, 2]})"),                            // not objects
             std::string(R"({"benchmarks": [[{}]]})"),                            // not objects
             std::string(R"({"benchmarks": [{"a": 1} {"a": 2}]})"),               // no comma
             std::string(R"({"benchmarks": [{"a": 1},, {"a": 2}]})"),             // two commas
             std::string(R"({"benchmarks": [{"a": 1}, "x", {"a": 2}]})"),         // a string
             std::string(R"({"benchmarks": [{"a": 1},]})"),    // a trailing comma
             std::string(R"({"benchmarks": [{"a": "1}]})"),    // an open string
             std::string(R"({"benchmarks": [{"a": 1}])"),      // not closed
             std::string(R"({"x\"benchmarks": [{"a": 1}]})"),  // an escaped key
             std::string(R"({"benchmarks": [{"a": 1}]}})"),    // closed twice
         }) {
        EXPECT_FALSE(json::find_member_array(text, "benchmarks").has_value()) << text;
    }
    // Found after other members, with other arrays before it.
    const std::string later =
        std::string(R"({"a": [1, [2]], "b": "benchmarks", "benchmarks": [)") + good_rows + "]}";
    const auto found = json::find_member_array(later, "benchmarks");
    ASSERT_TRUE(found.has_value());
    EXPECT_EQ(found->elements.size(), 2u);
}

TEST(GoogleBenchmarkRows, EveryFixtureReadsRowByRowAsItReadsWhole) {
    const std::filesystem::path root = test::fixture_path("google-benchmark");
    std::size_t files = 0;
    std::size_t split = 0;  // files the scan finds rows in: read row by row
    for (const auto& entry : std::filesystem::recursive_directory_iterator(root)) {
        const std::string path = entry.path().string();
        if (!entry.is_regular_file() || !path.ends_with(".json") ||
            path.ends_with(".expected.json")) {
            continue;
        }
        const std::string relative =
            std::filesystem::relative(entry.path(), test::fixture_path("")).string();
        const std::string text = test::read_fixture(relative);
        expect_same_as_whole(text, relative);
        ++files;
        if (json::find_member_array(text, "benchmarks")) ++split;
    }
    EXPECT_GE(files, 10u);
    EXPECT_EQ(split, files);
}

TEST(GoogleBenchmarkRows, BrokenFilesGiveTheErrorsOfTheWholeReading) {
    const std::string good = file(rows(6));
    const auto replaced = [&good](const std::string& from, const std::string& to) {
        std::string text = good;
        const std::size_t at = text.find(from);
        EXPECT_NE(at, std::string::npos) << from;
        return text.replace(at, from.size(), to);
    };
    const std::vector<std::pair<std::string, std::string>> cases{
        {"a negative time", replaced("\"real_time\": 101", "\"real_time\": -101")},
        {"a time as text", replaced("\"real_time\": 101", "\"real_time\": \"fast\"")},
        {"an unknown unit", replaced("\"time_unit\": \"ns\"", "\"time_unit\": \"ps\"")},
        {"a repetition twice", replaced("\"repetition_index\": 1", "\"repetition_index\": 0")},
        {"a row without a comma", replaced("},\n    {", "}\n    {")},
        {"a number between rows", replaced("},\n    {", "}, 5,\n    {")},
        {"a syntax error in a row", replaced("\"threads\": 1,", "\"threads\": 1,,")},
        {"a NaN counter", replaced("\"threads\": 1,", "\"threads\": 1, \"ratio\": NaN,")},
        {"a second benchmarks member", replaced("\n}\n", ", \"benchmarks\": []\n}\n")},
        {"a second non-empty benchmarks member",
         replaced("\n}\n", ", \"benchmarks\": [" + row("BM_Z", 0, 5) + "]\n}\n")},
        {"a broken context", replaced("\"level\": 1", "\"level\": }")},
        {"trailing text", good + "x"},
        {"a control character in a name", replaced("BM_1", "BM_\x01")},
        {"invalid UTF-8 in a name", replaced("BM_1", "BM_\xff")},
        {"an empty array", R"({"context": {}, "benchmarks": []})"},
        {"a row that is not an object", replaced("},\n    {", "},\n    [1],\n    {")},
    };
    for (const auto& [what, text] : cases) expect_same_as_whole(text, what);
}

TEST(GoogleBenchmarkRows, ARowByRowReadingStillLocatesNulBytesAndInvalidUtf8) {
    // parse_results skips its encoding scan when the rows are read one by one: every byte
    // is still checked, and what is not clean reads the usual way, which locates it.
    const std::string good = file(rows(4));
    const auto error_of = [](const std::string& text) {
        try {
            parse_results(text, "perf.json", std::nullopt, {});
        } catch (const util::Error& error) {
            return std::string(error.what());
        }
        return std::string("no error");
    };
    const auto with = [&good](const std::string& from, const std::string& to) {
        std::string text = good;
        return text.replace(text.find(from), from.size(), to);
    };
    EXPECT_EQ(error_of(with("BM_1", std::string("BM_\0", 4))).find("perf.json: line "), 0u);
    EXPECT_NE(
        error_of(with("BM_1", std::string("BM_\0", 4))).find(": expected text, got a NUL byte"),
        std::string::npos);
    EXPECT_NE(
        error_of(with("Data", std::string("Da\0a", 4))).find(": expected text, got a NUL byte"),
        std::string::npos);
    EXPECT_NE(error_of(with("Data", "Da\xff")).find("expected UTF-8 text, got the byte 0xFF"),
              std::string::npos);
    EXPECT_NE(error_of(with("BM_0", "BM_\xc3\x28")).find("expected UTF-8 text, got the byte 0xC3"),
              std::string::npos);
    EXPECT_EQ(error_of(good), "no error");
}

}  // namespace
}  // namespace caws::ingest
