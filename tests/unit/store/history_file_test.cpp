#include "store/history_file.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <cstdint>

#include "support/temp_dir.hpp"
#include "util/error.hpp"
#include "util/file_io.hpp"

namespace caws::store {
namespace {

model::Run sample_run() {
    model::Run run;
    run.context.host = "runner-7";
    model::Metric time;
    time.name = "BM_Sort/1024";
    time.measure = "cpu_time";
    time.unit = model::seconds();
    time.direction = model::Direction::lower;
    // Sorted: 1, 2, 3, 4, 10 (microseconds, out of order on purpose).
    time.samples = {3e-6, 1e-6, 10e-6, 2e-6, 4e-6};
    run.metrics.push_back(time);
    model::Metric summary;
    summary.name = "BM_Sort/1024";
    summary.measure = "items_per_second";
    summary.unit = model::per_second();
    summary.direction = model::Direction::higher;
    model::Summary s;
    s.n = 10;
    s.mean = 8.1e8;
    s.median = 8.0e8;
    summary.summary = s;
    run.metrics.push_back(summary);
    model::Metric single;
    single.name = "BM_Once";
    single.measure = "real_time";
    single.unit = model::seconds();
    single.direction = model::Direction::lower;
    single.samples = {0.5};
    run.metrics.push_back(single);
    model::Metric failed;
    failed.name = "BM_Broken";
    failed.measure = "real_time";
    failed.unit = model::seconds();
    failed.direction = model::Direction::lower;
    failed.status = model::Status::failed;
    failed.message = "out of memory";
    run.metrics.push_back(failed);
    return run;
}

std::string error_of(std::string_view text) {
    try {
        parse_history(text, "baselines/history/perf.jsonl");
    } catch (const util::Error& error) {
        return error.what();
    }
    return "no error";
}

const std::string k_good =
    R"({"schema":"caws-gate/history@1","date":"2026-11-23T03:12:00Z","commit":"9f0c1e2",)"
    R"("branch":"main","host":"runner-7","metrics":[{"name":"BM_Sort/1024","measure":"cpu_time",)"
    R"("unit":"s","direction":"lower","n":10,"median":1.2e-06,"mean":1.21e-06,"stddev":3e-08,)"
    R"("min":1.1e-06,"max":1.3e-06,"p95":1.28e-06}]})"
    "\n";

TEST(HistoryFile, PathIsUnderHistory) {
    EXPECT_EQ(history_path("baselines", "perf"), "baselines/history/perf.jsonl");
    EXPECT_EQ(history_path("out/", "perf"), "out/history/perf.jsonl");
    EXPECT_THROW(history_path("baselines", "../etc"), util::Error);
}

TEST(HistoryFile, SummarizesSamplesAndSummaries) {
    const HistoryEntry entry =
        summarize_run(sample_run(), "2026-11-23T03:12:00Z", "9f0c1e2", "main");
    EXPECT_EQ(entry.host, "runner-7");
    EXPECT_EQ(entry.commit, "9f0c1e2");
    ASSERT_EQ(entry.metrics.size(), 3u);  // the failed metric is left out
    const HistoryMetric& time = entry.metrics[0];
    EXPECT_EQ(time.unit, "s");
    EXPECT_EQ(time.direction, model::Direction::lower);
    EXPECT_EQ(time.n, 5u);
    EXPECT_DOUBLE_EQ(*time.median, 3e-6);
    EXPECT_DOUBLE_EQ(*time.mean, 4e-6);
    // numpy: np.std([1,2,3,4,10], ddof=1) = 3.5355339059327378; np.percentile(..., 95) = 8.8
    EXPECT_NEAR(*time.stddev, 3.5355339059327378e-6, 1e-20);
    EXPECT_NEAR(*time.p95, 8.8e-6, 1e-20);
    EXPECT_DOUBLE_EQ(*time.min, 1e-6);
    EXPECT_DOUBLE_EQ(*time.max, 10e-6);
    const HistoryMetric& rate = entry.metrics[1];
    EXPECT_EQ(rate.unit, "1/s");
    EXPECT_EQ(rate.n, 10u);
    EXPECT_EQ(rate.median, 8.0e8);
    EXPECT_FALSE(rate.p95.has_value());
    EXPECT_FALSE(rate.stddev.has_value());
    const HistoryMetric& single = entry.metrics[2];
    EXPECT_EQ(single.n, 1u);
    EXPECT_FALSE(single.stddev.has_value());  // one sample has no spread
    EXPECT_EQ(single.median, 0.5);
}

TEST(HistoryFile, LineHasTheDocumentedForm) {
    HistoryEntry entry;
    entry.date = "2026-11-23T03:12:00Z";
    entry.commit = "9f0c1e2";
    entry.branch = "main";
    entry.host = "runner-7";
    HistoryMetric metric;
    metric.name = "BM_Sort/1024";
    metric.measure = "cpu_time";
    metric.unit = "s";
    metric.direction = model::Direction::lower;
    metric.n = 10;
    metric.median = 1.2e-06;
    metric.mean = 1.21e-06;
    metric.stddev = 3e-08;
    metric.min = 1.1e-06;
    metric.max = 1.3e-06;
    metric.p95 = 1.28e-06;
    entry.metrics.push_back(metric);
    EXPECT_EQ(history_line(entry), k_good);
    entry.metrics[0].p95.reset();
    EXPECT_NE(history_line(entry).find(R"("max":1.3e-06,"p95":null})"), std::string::npos);
}

TEST(HistoryFile, RoundTripsExactly) {
    const HistoryEntry entry =
        summarize_run(sample_run(), "2026-11-23T03:12:00Z", "", "feature/x\"y");
    const std::string line = history_line(entry);
    ASSERT_EQ(line.find('\n'), line.size() - 1);
    const std::vector<HistoryEntry> read = parse_history(line + line, "h.jsonl");
    ASSERT_EQ(read.size(), 2u);
    EXPECT_EQ(read[1].branch, "feature/x\"y");
    EXPECT_EQ(read[1].commit, "");
    ASSERT_EQ(read[1].metrics.size(), entry.metrics.size());
    for (std::size_t i = 0; i < entry.metrics.size(); ++i) {
        const HistoryMetric& a = entry.metrics[i];
        const HistoryMetric& b = read[1].metrics[i];
        EXPECT_EQ(a.name, b.name);
        EXPECT_EQ(a.measure, b.measure);
        EXPECT_EQ(a.unit, b.unit);
        EXPECT_EQ(a.direction, b.direction);
        EXPECT_EQ(a.n, b.n);
        // Exact: the numbers are written with round-trip precision.
        EXPECT_EQ(a.median, b.median);
        EXPECT_EQ(a.mean, b.mean);
        EXPECT_EQ(a.stddev, b.stddev);
        EXPECT_EQ(a.min, b.min);
        EXPECT_EQ(a.max, b.max);
        EXPECT_EQ(a.p95, b.p95);
    }
    EXPECT_EQ(history_line(read[0]), line);
}

TEST(HistoryFile, KeepsTheFamilyOfPrefixesOfASize) {
    model::Run run = sample_run();
    run.metrics.resize(1);
    run.metrics[0].unit = model::bytes();
    run.metrics[0].unit.prefixes = model::SizePrefixes::decimal;  // written in MB
    const HistoryEntry entry = summarize_run(run, "2026-11-23T03:12:00Z", "", "");
    const std::string line = history_line(entry);
    EXPECT_NE(line.find(R"("unit":"B","unit_prefixes":"decimal","direction")"), std::string::npos)
        << line;
    const std::vector<HistoryEntry> read = parse_history(line, "h.jsonl");
    ASSERT_EQ(read.size(), 1u);
    EXPECT_EQ(read[0].metrics[0].prefixes, model::SizePrefixes::decimal);
    EXPECT_EQ(history_line(read[0]), line);
    EXPECT_EQ(history_table(read).metrics[0].prefixes, model::SizePrefixes::decimal);
    // Binary, the default, is not written; a line without the key reads as binary.
    run.metrics[0].unit.prefixes = model::SizePrefixes::binary;
    const std::string binary = history_line(summarize_run(run, "2026-11-23T03:12:00Z", "", ""));
    EXPECT_EQ(binary.find("unit_prefixes"), std::string::npos) << binary;
    EXPECT_EQ(parse_history(binary, "h.jsonl")[0].metrics[0].prefixes, model::SizePrefixes::binary);
}

TEST(HistoryFile, ABadFamilyOfPrefixesIsLocated) {
    const std::string line =
        R"({"schema":"caws-gate/history@1","date":"2026-11-23T03:12:00Z","metrics":[)"
        R"({"name":"a","measure":"m","unit":"B","unit_prefixes":"metric","direction":"lower","n":1}]})";
    EXPECT_EQ(error_of(line),
              "baselines/history/perf.jsonl:1: /metrics/0/unit_prefixes: expected \"decimal\" or "
              "\"binary\", got \"metric\"");
    EXPECT_EQ(error_of(std::string(line).replace(line.find("\"metric\""), 8, "7")),
              "baselines/history/perf.jsonl:1: /metrics/0/unit_prefixes: expected a string, got 7");
}

TEST(HistoryFile, ReadsTheNewestLinesOfAFile) {
    test::TempDir dir;
    HistoryEntry entry;
    entry.date = "2026-11-23T03:12:00Z";
    std::string text;
    for (int i = 0; i < 6; ++i) {
        entry.commit = std::to_string(i);
        text += history_line(entry);
        if (i == 3) text += "\n  \n";  // blank lines do not count
    }
    dir.write("h.jsonl", text);
    const auto commits = [&](std::size_t lines) {
        std::string out;
        for (const HistoryEntry& e : read_history_tail(dir.file("h.jsonl"), lines)) out += e.commit;
        return out;
    };
    EXPECT_EQ(commits(0), "");
    EXPECT_EQ(commits(1), "5");
    EXPECT_EQ(commits(3), "345");
    EXPECT_EQ(commits(6), "012345");
    EXPECT_EQ(commits(10), "012345");
    text.pop_back();  // without the last newline
    dir.write("h.jsonl", text);
    EXPECT_EQ(commits(2), "45");
}

TEST(HistoryFile, EscapesStringsAndReplacesInvalidUtf8) {
    HistoryEntry entry;
    entry.date = "2026-11-23T03:12:00Z";
    entry.host = std::string("tab\there \x01 caf\xC3\xA9 bad\xFF");
    const std::string line = history_line(entry);
    EXPECT_NE(line.find(R"("host":"tab\there \u0001 café bad�")"), std::string::npos) << line;
    EXPECT_EQ(parse_history(line, "h.jsonl").at(0).host,
              "tab\there \x01 caf\xC3\xA9 bad\xEF\xBF\xBD");
}

TEST(HistoryFile, SkipsBlankLinesAndCountsThem) {
    const std::string text = k_good + "\n   \n" + k_good;
    EXPECT_EQ(parse_history(text, "h.jsonl").size(), 2u);
    EXPECT_TRUE(parse_history("", "h.jsonl").empty());
}

TEST(HistoryFile, BadJsonNamesLineAndColumn) {
    const std::string text =
        k_good + k_good + R"({"schema":"caws-gate/history@1","date":,})" + "\n";
    EXPECT_EQ(error_of(text),
              "baselines/history/perf.jsonl:3:40: invalid JSON: syntax error while parsing value "
              "- unexpected ','; expected '[', '{', or a literal");
}

TEST(HistoryFile, TruncatedLastLineIsLocated) {
    const std::string text = k_good + k_good.substr(0, 60);
    EXPECT_EQ(error_of(text).rfind("baselines/history/perf.jsonl:2:", 0), 0u) << error_of(text);
}

TEST(HistoryFile, WrongSchemaIsRejected) {
    std::string other = k_good;
    other.replace(other.find("history@1"), 9, "history@2");
    EXPECT_EQ(error_of(other),
              "baselines/history/perf.jsonl:1: /schema: this history has schema "
              "\"caws-gate/history@2\"; this caws-gate reads \"caws-gate/history@1\"");
    std::string baseline = k_good;
    baseline.replace(baseline.find("history@1"), 9, "baseline@1");
    EXPECT_EQ(error_of(baseline),
              "baselines/history/perf.jsonl:1: /schema: expected \"caws-gate/history@1\", got "
              "\"caws-gate/baseline@1\"");
    EXPECT_EQ(error_of(R"({"date":"2026-11-23","metrics":[]})"),
              "baselines/history/perf.jsonl:1: /schema: expected \"schema\": "
              "\"caws-gate/history@1\" (is this a caws-gate history file?)");
    EXPECT_EQ(error_of("[1, 2]\n"),
              "baselines/history/perf.jsonl:1: expected a JSON object at the top level");
}

TEST(HistoryFile, MissingKeysAreLocated) {
    const std::string head = R"({"schema":"caws-gate/history@1",)";
    EXPECT_EQ(error_of(head + R"("metrics":[]})"),
              "baselines/history/perf.jsonl:1: /date: expected the run's \"date\"");
    EXPECT_EQ(error_of(head + R"("date":"2026-11-23T03:12:00Z"})"),
              "baselines/history/perf.jsonl:1: /metrics: expected the \"metrics\" array");
    const std::string metric_head = head + R"("date":"2026-11-23T03:12:00Z","metrics":[)";
    const std::string good_metric =
        R"({"name":"a","measure":"m","unit":"s","direction":"lower","n":1,"median":1})";
    EXPECT_EQ(error_of(k_good + metric_head + good_metric +
                       R"(,{"measure":"m","unit":"s","direction":"lower","n":1}]})"),
              "baselines/history/perf.jsonl:2: /metrics/1/name: expected the metric's \"name\"");
    EXPECT_EQ(error_of(metric_head + R"({"name":"a","measure":"m","unit":"s","n":1}]})"),
              "baselines/history/perf.jsonl:1: /metrics/0/direction: expected the metric's "
              "\"direction\"");
    EXPECT_EQ(
        error_of(metric_head + R"({"name":"a","measure":"m","unit":"s","direction":"lower"}]})"),
        "baselines/history/perf.jsonl:1: /metrics/0/n: expected the metric's \"n\"");
}

TEST(HistoryFile, WrongTypesAreLocated) {
    const std::string head = R"({"schema":"caws-gate/history@1","date":"2026-11-23T03:12:00Z",)";
    const std::string metric_head = head + R"("metrics":[{"name":"a","measure":"m","unit":"s",)";
    EXPECT_EQ(error_of(head + R"("metrics":{}})"),
              "baselines/history/perf.jsonl:1: /metrics: expected an array, got an object");
    EXPECT_EQ(error_of(head + R"("commit":7,"metrics":[]})"),
              "baselines/history/perf.jsonl:1: /commit: expected a string, got 7");
    EXPECT_EQ(error_of(metric_head + R"("direction":"lower","n":1.5}]})"),
              "baselines/history/perf.jsonl:1: /metrics/0/n: expected an integer, got 1.5");
    EXPECT_EQ(error_of(metric_head + R"("direction":"lower","n":-1}]})"),
              "baselines/history/perf.jsonl:1: /metrics/0/n: expected a count of at least 0");
    EXPECT_EQ(error_of(metric_head + R"("direction":"lower","n":1,"median":"fast"}]})"),
              "baselines/history/perf.jsonl:1: /metrics/0/median: expected a number, got "
              "\"fast\"");
    EXPECT_EQ(error_of(metric_head + R"("direction":"down","n":1}]})"),
              "baselines/history/perf.jsonl:1: /metrics/0/direction: expected \"lower\", "
              "\"higher\" or \"unknown\", got \"down\"");
    EXPECT_EQ(error_of(head + R"("metrics":[3]})"),
              "baselines/history/perf.jsonl:1: /metrics/0: expected an object, got 3");
    EXPECT_EQ(error_of(R"({"schema":"caws-gate/history@1","date":"yesterday","metrics":[]})"),
              "baselines/history/perf.jsonl:1: /date: expected a date such as "
              "\"2026-11-23T03:12:00Z\", got \"yesterday\"");
}

TEST(HistoryFile, ReadsFromDiskAndNamesMissingFile) {
    test::TempDir dir;
    const std::string path = dir.write("perf.jsonl", k_good + k_good);
    EXPECT_EQ(read_history(path).size(), 2u);
    EXPECT_THROW(read_history(dir.file("missing.jsonl")), util::Error);
}

}  // namespace
}  // namespace caws::store

namespace caws::store {
namespace {

// Lines that the per-thread fast reader leaves to the Document-based one read the same
// way: a name with "NaN" in it, escapes, unknown keys, nulls, keys in another order, and
// a line whose "metrics" key comes twice (the metrics of both arrays are kept).
TEST(HistoryFile, UnusualLinesReadAsBefore) {
    const std::string text =
        R"({"metrics":[{"p95":null,"name":"BM_NaN\"x\u00e9","measure":"cpu_time","unit":"s",)"
        R"("direction":"lower","n":3,"median":2,"extra":[1,{"a":NaN}]}],"date":)"
        R"("2026-11-23T03:12:00Z","schema":"caws-gate/history@1","later":{}})"
        "\n"
        R"({"schema":"caws-gate/history@1","date":"2026-11-24T03:12:00Z","metrics":[)"
        R"({"name":"a","measure":"m","unit":"s","direction":"higher","n":1,"mean":1e-3}],)"
        R"("metrics":[{"name":"b","measure":"m","unit":"B","direction":"unknown","n":0}]})"
        "\n";
    const std::vector<HistoryEntry> read = parse_history(text, "h.jsonl");
    ASSERT_EQ(read.size(), 2u);
    ASSERT_EQ(read[0].metrics.size(), 1u);
    EXPECT_EQ(read[0].metrics[0].name, "BM_NaN\"x\xC3\xA9");
    EXPECT_EQ(read[0].metrics[0].median, 2.0);
    EXPECT_FALSE(read[0].metrics[0].p95);
    EXPECT_EQ(read[0].metrics[0].n, 3u);
    ASSERT_EQ(read[1].metrics.size(), 2u);
    EXPECT_EQ(read[1].metrics[0].name, "a");
    EXPECT_EQ(read[1].metrics[0].mean, 1e-3);
    EXPECT_EQ(read[1].metrics[1].name, "b");
    EXPECT_EQ(read[1].metrics[1].direction, model::Direction::unknown);
}

}  // namespace
}  // namespace caws::store

namespace caws::store {
namespace {

// Histories from 32 MiB on are cut into one run of lines per core: entries stay in file
// order, and a bad line late in the file, and the first of two bad lines, are located by
// their line in the whole file.
TEST(HistoryFile, LongHistoriesKeepOrderAndLineNumbers) {
    const std::size_t lines = (std::size_t{33} << 20) / k_good.size() + 1;
    std::string text;
    text.reserve(lines * (k_good.size() + 12));
    for (std::size_t i = 0; i < lines; ++i) {
        std::string line = k_good;
        line.replace(line.find("9f0c1e2"), 7, std::to_string(1'000'000 + i));
        text += line;
        if (i % 1000 == 999) text += "\n";  // a blank line now and then
    }
    const std::vector<HistoryEntry> read = parse_history(text, "h.jsonl");
    ASSERT_EQ(read.size(), lines);
    for (std::size_t i = 0; i < lines; i += 997) {
        EXPECT_EQ(read[i].commit, std::to_string(1'000'000 + i));
    }
    EXPECT_EQ(read.back().commit, std::to_string(1'000'000 + lines - 1));

    const std::size_t total_lines = lines + lines / 1000;
    std::string late = text;
    late.insert(late.size() - k_good.size(), "{\"schema\":,}\n");
    EXPECT_EQ(
        error_of(late).rfind(
            "baselines/history/perf.jsonl:" + std::to_string(total_lines) + ":11: invalid JSON", 0),
        0u)
        << error_of(late);
    std::string both = late;
    both.insert(k_good.size() * 3, "[]\n");
    EXPECT_EQ(error_of(both),
              "baselines/history/perf.jsonl:4: expected a JSON object at the top level");
}

}  // namespace
}  // namespace caws::store

namespace caws::store {
namespace {

// The table of a history as its documentation defines it, from the entries parse_history
// reads: per metric in the order of its first value, the median or else the mean of every
// run that has one, with the unit and direction of the newest such run.
HistoryTable table_by_definition(const std::vector<HistoryEntry>& entries) {
    HistoryTable table;
    for (std::size_t r = 0; r < entries.size(); ++r) {
        table.runs.push_back(entries[r]);
        for (const HistoryMetric& m : entries[r].metrics) {
            const std::optional<double>& value = m.median ? m.median : m.mean;
            if (!value) continue;
            auto found = std::find_if(
                table.metrics.begin(), table.metrics.end(),
                [&](const auto& v) { return v.name == m.name && v.measure == m.measure; });
            if (found == table.metrics.end()) {
                found = table.metrics.insert(table.metrics.end(), HistoryValues{});
                found->name = m.name;
                found->measure = m.measure;
            }
            found->unit = m.unit;
            found->direction = m.direction;
            found->runs.push_back(static_cast<std::uint32_t>(r));
            found->values.push_back(*value);
            (m.median ? found->has_median : found->has_mean) = true;
        }
    }
    return table;
}

void expect_same(const HistoryTable& got, const HistoryTable& want) {
    ASSERT_EQ(got.runs.size(), want.runs.size());
    for (std::size_t r = 0; r < want.runs.size(); ++r) {
        EXPECT_EQ(got.runs[r].date, want.runs[r].date) << r;
        EXPECT_EQ(got.runs[r].commit, want.runs[r].commit) << r;
        EXPECT_EQ(got.runs[r].branch, want.runs[r].branch) << r;
        EXPECT_EQ(got.runs[r].host, want.runs[r].host) << r;
    }
    ASSERT_EQ(got.metrics.size(), want.metrics.size());
    for (std::size_t i = 0; i < want.metrics.size(); ++i) {
        const HistoryValues& g = got.metrics[i];
        const HistoryValues& w = want.metrics[i];
        SCOPED_TRACE(w.name + " " + w.measure);
        EXPECT_EQ(g.name, w.name);
        EXPECT_EQ(g.measure, w.measure);
        EXPECT_EQ(g.unit, w.unit);
        EXPECT_EQ(g.direction, w.direction);
        EXPECT_EQ(g.runs, w.runs);
        EXPECT_EQ(g.values, w.values);
        EXPECT_EQ(g.has_median, w.has_median);
        EXPECT_EQ(g.has_mean, w.has_mean);
    }
}

// A run of `count` metrics whose set, order, statistics and units change from run to run.
HistoryEntry varied_run(std::size_t r, std::size_t count) {
    HistoryEntry e;
    e.date = "2026-11-" + std::to_string(10 + r % 18) + "T03:12:00Z";
    e.commit = "c" + std::to_string(r);
    e.branch = r % 2 == 0 ? "main" : "";
    e.host = "runner-" + std::to_string(r % 3);
    for (std::size_t k = 0; k < count; ++k) {
        const std::size_t m = r % 7 == 3 ? (k * 37) % count : k;
        if ((m + r) % 13 == 0) continue;
        HistoryMetric metric;
        metric.name = "BM_Metric/" + std::to_string(m % (count / 2));
        metric.measure = m < count / 2 ? "cpu_time" : "real_time";
        metric.unit = r % 40 < 30 ? "s" : "ms";
        metric.direction = r % 50 == 7 ? model::Direction::unknown : model::Direction::lower;
        metric.n = r % 5;
        if ((m + r) % 5 != 0) metric.median = static_cast<double>(m) + static_cast<double>(r) / 100;
        if ((m + r) % 3 == 0) metric.mean = static_cast<double>(m) - static_cast<double>(r) / 100;
        if (r % 11 == 4 && k % 9 == 0) metric.p95 = 1e300;
        e.metrics.push_back(metric);
        if (m == 42 % count && r == 5) e.metrics.push_back(metric);  // a metric given twice
    }
    if (r == 17) e.metrics.clear();
    return e;
}

// The table reader keeps what the entries say, through both readers: the lines of
// UnusualLinesReadAsBefore, which the fast reader gives up on after it has added some of
// their metrics (the "metrics" key given twice), go to the Document-based reader.
TEST(HistoryTable, HoldsTheEntriesValues) {
    std::string text =
        R"({"metrics":[{"p95":null,"name":"BM_NaN\"x\u00e9","measure":"cpu_time","unit":"s",)"
        R"("direction":"lower","n":3,"median":2,"extra":[1,{"a":NaN}]}],"date":)"
        R"("2026-11-23T03:12:00Z","schema":"caws-gate/history@1","later":{}})"
        "\n\n";
    for (std::size_t r = 0; r < 60; ++r) {
        text += history_line(varied_run(r, 40));
        if (r == 20) {
            text += R"({"schema":"caws-gate/history@1","date":"2026-11-24T03:12:00Z","metrics":[)"
                    R"({"name":"BM_Metric/1","measure":"cpu_time","unit":"s","direction":"higher",)"
                    R"("n":1,"mean":1e-3}],"metrics":[{"name":"b","measure":"m","unit":"B",)"
                    R"("direction":"unknown","n":0,"median":4}]})"
                    "\n";
        }
    }
    const HistoryTable table = parse_history_table(text, "h.jsonl");
    expect_same(table, table_by_definition(parse_history(text, "h.jsonl")));
    // The line with two "metrics" arrays: both arrays' metrics, nothing twice.
    ASSERT_EQ(table.runs.size(), 62u);
    const auto b = std::find_if(table.metrics.begin(), table.metrics.end(),
                                [](const HistoryValues& v) { return v.name == "b"; });
    ASSERT_NE(b, table.metrics.end());
    EXPECT_EQ(b->runs, (std::vector<std::uint32_t>{22}));
    EXPECT_EQ(b->values, (std::vector<double>{4}));
    EXPECT_EQ(table.metrics[0].name, "BM_NaN\"x\xC3\xA9");
    EXPECT_EQ(table.metrics[0].values, (std::vector<double>{2}));
    expect_same(history_table(parse_history(text, "h.jsonl")),
                table_by_definition(parse_history(text, "h.jsonl")));
}

// From 32 MiB on, each core reads a run of lines into its own table and the tables are
// joined: the same table as one reader's, and the same errors as parse_history.
TEST(HistoryTable, LongHistoriesJoinToTheSameTable) {
    std::string text;
    std::vector<HistoryEntry> entries;
    for (std::size_t r = 0; text.size() < (std::size_t{34} << 20); ++r) {
        // Metrics come and go: some only in the first half, some only in the second.
        HistoryEntry entry = varied_run(r, r < 250 ? 500 : 520);
        text += history_line(entry);
        if (r % 100 == 99) text += "\n";
        entries.push_back(std::move(entry));
    }
    const HistoryTable table = parse_history_table(text, "h.jsonl");
    const HistoryTable want = table_by_definition(parse_history(text, "h.jsonl"));
    expect_same(table, want);
    expect_same(history_table(entries), want);

    std::string late = text;
    late.insert(late.size() - 10, "\n{\"schema\":,}");
    std::string table_error = "no error";
    try {
        parse_history_table(late, "baselines/history/perf.jsonl");
    } catch (const util::Error& error) {
        table_error = error.what();
    }
    EXPECT_EQ(table_error, error_of(late));
    EXPECT_NE(table_error, "no error");
}

// Names may hold any character: no name and measure stand for another pair.
TEST(HistoryTable, NamesThatShareTheirCharactersStayApart) {
    HistoryEntry entry;
    entry.date = "2026-11-23T03:12:00Z";
    for (const auto& [name, measure] : {std::pair<std::string, std::string>{"a\x1f"
                                                                            "b",
                                                                            "c"},
                                        {"a",
                                         "b\x1f"
                                         "c"},
                                        {"1:a", "b"},
                                        {"1", ":ab"}}) {
        HistoryMetric& metric = entry.metrics.emplace_back();
        metric.name = name;
        metric.measure = measure;
        metric.unit = "s";
        metric.median = 1.0;
    }
    const std::string text = history_line(entry) + history_line(entry);
    const HistoryTable table = parse_history_table(text, "h.jsonl");
    ASSERT_EQ(table.metrics.size(), 4u);
    HistoryTable joined = history_table({entry});
    append_table(joined, history_table({entry}));
    expect_same(table, table_by_definition(parse_history(text, "h.jsonl")));
    expect_same(joined, table);
}

TEST(HistoryTable, AppendedTablesNumberRunsOnAndTakeTheNewestUnit) {
    std::vector<HistoryEntry> entries;
    for (std::size_t r = 0; r < 50; ++r) entries.push_back(varied_run(r, r < 25 ? 30 : 34));
    HistoryTable joined;
    append_table(joined, history_table({entries.begin(), entries.begin() + 20}));
    append_table(joined, history_table({entries.begin() + 20, entries.begin() + 41}));
    for (std::size_t r = 41; r < 50; ++r) append_run(joined, entries[r]);
    expect_same(joined, table_by_definition(entries));
}

}  // namespace
}  // namespace caws::store
