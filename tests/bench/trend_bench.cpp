// Trend analysis over histories and change-point detection
// (docs/performance.md, "Trends").

#include <benchmark/benchmark.h>

#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <cmath>
#include <cstddef>
#include <cstdio>
#include <string>
#include <vector>

#include "report/templates.hpp"
#include "report/trend_report.hpp"
#include "stats/e_divisive.hpp"
#include "stats/mann_kendall.hpp"
#include "stats/random.hpp"
#include "stats/theil_sen.hpp"
#include "store/history_file.hpp"
#include "trend/analysis.hpp"
#include "trend/series.hpp"
#include "util/file_io.hpp"

namespace {

using caws::stats::Random;

// The median of metric `m` in run `r` of a generated history: 3% noise around 1
// us; one metric in 50 steps up by 1.3x at a random run, one in 50 drifts by
// 0.05% per run.
double generated_value(Random& random, std::size_t m, std::size_t r, std::size_t step_at) {
    double level = 1e-6 * (1 + static_cast<double>(m % 97) / 10);
    if (m % 50 == 1 && r >= step_at) level *= 1.3;
    if (m % 50 == 2) level *= 1 + 0.0005 * static_cast<double>(r);
    return level * (1 + 0.03 * random.normal());
}

std::vector<caws::trend::Series> generated_series(std::size_t runs, std::size_t metrics) {
    std::vector<caws::trend::Series> all(metrics);
    Random random(2026);
    std::vector<std::string> dates(runs, "2026-01-01T03:00:00Z");
    std::vector<std::string> commits;
    for (std::size_t r = 0; r < runs; ++r) commits.push_back("c0ffee" + std::to_string(r));
    for (std::size_t m = 0; m < metrics; ++m) {
        caws::trend::Series& s = all[m];
        s.metric = "BM_Generated/" + std::to_string(m);
        s.measure = "cpu_time";
        s.unit = std::string(1, 's');
        s.direction = caws::model::Direction::lower;
        const std::size_t step_at = random.below(static_cast<std::uint32_t>(runs));
        s.values.reserve(runs);
        for (std::size_t r = 0; r < runs; ++r) {
            s.values.push_back(generated_value(random, m, r, step_at));
        }
        if (m == 0) {
            caws::trend::label_runs(s, dates, commits);
        } else {
            s.runs = all[0].runs;
            s.labels = all[0].labels;
        }
    }
    return all;
}

// The whole trend analysis (drift, change points, levels) of 1,000 runs x 5,000
// metrics, on all the machine's cores (analyse_all); building the series is
// outside the loop.
void BM_TrendAnalyse(benchmark::State& state) {
    const auto runs = static_cast<std::size_t>(state.range(0));
    const auto metrics = static_cast<std::size_t>(state.range(1));
    const std::vector<caws::trend::Series> series = generated_series(runs, metrics);
    for (auto _ : state) {
        auto trends = caws::trend::analyse_all(series);
        benchmark::DoNotOptimize(trends.data());
    }
    state.counters["metrics/s"] =
        benchmark::Counter(static_cast<double>(metrics) * static_cast<double>(state.iterations()),
                           benchmark::Counter::kIsRate);
}
BENCHMARK(BM_TrendAnalyse)->Args({1000, 5000})->Unit(benchmark::kMillisecond)->UseRealTime();

// History entries to series: 1,000 runs x 1,000 metrics (one fifth of the
// analysis above; five times this is the cost for 5,000 metrics).
void BM_TrendBuildSeries(benchmark::State& state) {
    const std::size_t runs = 1000;
    const std::size_t metrics = 1000;
    std::vector<caws::store::HistoryEntry> entries(runs);
    Random random(7);
    for (std::size_t r = 0; r < runs; ++r) {
        entries[r].date = "2026-01-01T03:00:00Z";
        entries[r].commit = "c0ffee" + std::to_string(r);
        entries[r].metrics.resize(metrics);
        for (std::size_t m = 0; m < metrics; ++m) {
            caws::store::HistoryMetric& metric = entries[r].metrics[m];
            metric.name = "BM_Generated/" + std::to_string(m);
            metric.measure = "cpu_time";
            metric.unit = std::string(1, 's');
            metric.direction = caws::model::Direction::lower;
            metric.n = 10;
            metric.median = generated_value(random, m, r, runs / 2);
        }
    }
    for (auto _ : state) {
        auto series = caws::trend::build_series(entries);
        benchmark::DoNotOptimize(series.data());
    }
}
BENCHMARK(BM_TrendBuildSeries)->Unit(benchmark::kMillisecond);

// E-divisive (100 permutations, p 0.05) on one series of 10,000 runs with three
// steps.
void BM_ChangePointsEDivisive(benchmark::State& state) {
    const auto n = static_cast<std::size_t>(state.range(0));
    Random random(11);
    std::vector<double> values(n);
    for (std::size_t i = 0; i < n; ++i) {
        const double level = i < n / 4 ? 1.0 : (i < n / 2 ? 1.2 : (i < 3 * n / 4 ? 0.9 : 1.1));
        values[i] = level * (1 + 0.03 * random.normal());
    }
    std::size_t found = 0;
    for (auto _ : state) {
        const auto points = caws::stats::e_divisive(values);
        found = points.size();
        benchmark::DoNotOptimize(points.data());
    }
    state.counters["change_points"] = static_cast<double>(found);
}
BENCHMARK(BM_ChangePointsEDivisive)->Arg(10000)->Unit(benchmark::kMillisecond);

void BM_ChangePointsOtava(benchmark::State& state) {
    const auto n = static_cast<std::size_t>(state.range(0));
    Random random(11);
    std::vector<double> values(n);
    for (std::size_t i = 0; i < n; ++i) {
        const double level = i < n / 4 ? 1.0 : (i < n / 2 ? 1.2 : (i < 3 * n / 4 ? 0.9 : 1.1));
        values[i] = level * (1 + 0.03 * random.normal());
    }
    for (auto _ : state) benchmark::DoNotOptimize(caws::stats::otava_change_points(values).data());
}
BENCHMARK(BM_ChangePointsOtava)->Arg(10000)->Unit(benchmark::kMillisecond);

void BM_TrendDrift(benchmark::State& state) {
    const auto n = static_cast<std::size_t>(state.range(0));
    Random random(3);
    std::vector<double> values(n);
    for (std::size_t i = 0; i < n; ++i) values[i] = 1 + 0.03 * random.normal();
    for (auto _ : state) {
        benchmark::DoNotOptimize(caws::stats::mann_kendall(values));
        benchmark::DoNotOptimize(caws::stats::theil_sen(values));
    }
}
BENCHMARK(BM_TrendDrift)->Arg(100)->Arg(1000)->Unit(benchmark::kMicrosecond);

}  // namespace

namespace {

// Writes a generated history of `runs` lines x `metrics` metrics (the values of
// generated_value, every statistic filled) to `path`; returns its size in bytes.
std::size_t write_generated_history(const std::string& path, std::size_t runs,
                                    std::size_t metrics) {
    Random random(2026);
    std::vector<std::size_t> step_at(metrics);
    for (std::size_t& at : step_at) at = random.below(static_cast<std::uint32_t>(runs));
    std::string text;
    caws::store::HistoryEntry entry;
    entry.branch = "main";
    entry.host = "runner-7";
    entry.metrics.resize(metrics);
    for (std::size_t m = 0; m < metrics; ++m) {
        caws::store::HistoryMetric& metric = entry.metrics[m];
        metric.name = "BM_Generated/" + std::to_string(m) + "/1024";
        metric.measure = "cpu_time";
        metric.unit = "s";
        metric.direction = caws::model::Direction::lower;
        metric.n = 10;
    }
    for (std::size_t r = 0; r < runs; ++r) {
        entry.date = "2026-01-" + std::to_string(10 + r % 18) + "T03:00:00Z";
        entry.commit = "c0ffee" + std::to_string(r);
        for (std::size_t m = 0; m < metrics; ++m) {
            caws::store::HistoryMetric& metric = entry.metrics[m];
            const double median = generated_value(random, m, r, step_at[m]);
            metric.median = median;
            metric.mean = median * 1.01;
            metric.stddev = median * 0.03;
            metric.min = median * 0.95;
            metric.max = median * 1.1;
            metric.p95 = median * 1.08;
        }
        text += caws::store::history_line(entry);
    }
    caws::util::write_file_atomic(path, text);
    return text.size();
}

// The trend command's work on a 1,000 x 5,000 history file (1.3 GB, written once by the
// benchmark) in this process: reading it (store::read_history_table), building the
// series, analysing them on all cores, building the JSON report and its text, and the
// Markdown. Only starting the process and writing the files are left out
// (BM_TrendCommand has them).
void BM_TrendFromHistoryFile(benchmark::State& state) {
    const auto runs = static_cast<std::size_t>(state.range(0));
    const auto metrics = static_cast<std::size_t>(state.range(1));
    const std::string path = "/tmp/caws_gate_bench_trend_history.jsonl";
    state.counters["file_MB"] =
        static_cast<double>(write_generated_history(path, runs, metrics)) / 1e6;
    for (auto _ : state) {
        std::vector<caws::trend::Series> series =
            caws::trend::build_series(caws::store::read_history_table(path));
        caws::report::TrendReportInput input;
        input.histories = {path};
        input.trends = caws::trend::analyse_all(std::move(series));
        const caws::report::TrendReport report = caws::report::build_trend_report(std::move(input));
        const std::string json = caws::report::serialize_trend_report(report);
        const std::string markdown =
            caws::report::render_trend_markdown(report, caws::report::TemplateSet{});
        benchmark::DoNotOptimize(json.data());
        benchmark::DoNotOptimize(markdown.data());
    }
    std::remove(path.c_str());
}
BENCHMARK(BM_TrendFromHistoryFile)
    ->Args({1000, 5000})
    ->Unit(benchmark::kMillisecond)
    ->UseRealTime()
    ->Iterations(3);

// The whole command as a user runs it: the caws-gate binary reads the 1,000 x 5,000
// history, analyses it and writes the JSON and Markdown reports. Reports the child's peak
// resident memory (the mapped history file included).
void BM_TrendCommand(benchmark::State& state) {
    const auto runs = static_cast<std::size_t>(state.range(0));
    const auto metrics = static_cast<std::size_t>(state.range(1));
    const std::string path = "/tmp/caws_gate_bench_trend_command.jsonl";
    const std::string json = "/tmp/caws_gate_bench_trend_command.json";
    const std::string markdown = "/tmp/caws_gate_bench_trend_command.md";
    state.counters["file_MB"] =
        static_cast<double>(write_generated_history(path, runs, metrics)) / 1e6;
    long peak_kb = 0;
    for (auto _ : state) {
        const pid_t pid = ::fork();
        if (pid == 0) {
            ::execl(CAWS_GATE_BINARY, CAWS_GATE_BINARY, "trend", path.c_str(), "--json",
                    json.c_str(), "--md", markdown.c_str(), "--quiet", static_cast<char*>(nullptr));
            ::_exit(127);
        }
        int status = 0;
        struct rusage usage {};
        ::wait4(pid, &status, 0, &usage);
        // 1: the generated steps are change points among the newest runs of some metrics.
        if (!WIFEXITED(status) || WEXITSTATUS(status) > 1) {
            state.SkipWithError("caws-gate trend failed");
            break;
        }
        peak_kb = std::max(peak_kb, usage.ru_maxrss);
    }
    state.counters["peak_MB"] = static_cast<double>(peak_kb) / 1024.0;
    std::remove(path.c_str());
    std::remove(json.c_str());
    std::remove(markdown.c_str());
}
BENCHMARK(BM_TrendCommand)
    ->Args({1000, 5000})
    ->Unit(benchmark::kMillisecond)
    ->UseRealTime()
    ->Iterations(3);

}  // namespace
