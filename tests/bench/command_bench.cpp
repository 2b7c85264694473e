// The whole `caws-gate compare` and `caws-gate check` as a user runs them, each a process
// on generated Google Benchmark files of 2,000 and 20,000 benchmarks x 10 repetitions
// (every tenth benchmark 1.5x slower in the new run), with the JSON and Markdown reports.
// The time of an iteration is the child's CPU time (user + system), which a shared
// machine disturbs less than its wall time; the wall time and the peak resident memory
// are counters. check reads a baseline directory with a history of ten runs, so that its
// trend section is in the report. docs/performance.md has the figures.
#include <benchmark/benchmark.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#include <fcntl.h>

#include <chrono>
#include <filesystem>
#include <map>
#include <string>
#include <vector>

#include "bench_data.hpp"

namespace caws::bench {
namespace {

struct ChildRun {
    double cpu_seconds = 0;
    double wall_seconds = 0;
    long peak_kb = 0;
    int exit_code = -1;
};

// Runs caws-gate with `arguments`, its stdout and stderr sent to /dev/null.
ChildRun run_caws_gate(const std::vector<std::string>& arguments) {
    std::vector<char*> argv;
    argv.push_back(const_cast<char*>(CAWS_GATE_BINARY));
    for (const std::string& argument : arguments)
        argv.push_back(const_cast<char*>(argument.c_str()));
    argv.push_back(nullptr);
    const auto start = std::chrono::steady_clock::now();
    const pid_t pid = ::fork();
    if (pid == 0) {
        const int null_fd = ::open("/dev/null", O_WRONLY);
        ::dup2(null_fd, STDOUT_FILENO);
        ::dup2(null_fd, STDERR_FILENO);
        ::execv(CAWS_GATE_BINARY, argv.data());
        ::_exit(127);
    }
    int status = 0;
    struct rusage usage {};
    ::wait4(pid, &status, 0, &usage);
    ChildRun run;
    run.wall_seconds =
        std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    const auto seconds = [](const timeval& t) {
        return static_cast<double>(t.tv_sec) + static_cast<double>(t.tv_usec) * 1e-6;
    };
    run.cpu_seconds = seconds(usage.ru_utime) + seconds(usage.ru_stime);
    run.peak_kb = usage.ru_maxrss;
    run.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
    return run;
}

// The generated files of one size: the old run, the new run and the baseline directory
// (suite "s": the old run as baseline, a history of ten runs), made once per process.
struct Inputs {
    std::string old_path;
    std::string new_path;
    std::string baseline_dir;
    double megabytes = 0;
};

const Inputs& inputs(std::size_t benchmarks) {
    static std::map<std::size_t, Inputs> made;
    if (const auto found = made.find(benchmarks); found != made.end()) return found->second;
    Inputs in;
    const std::string size = std::to_string(benchmarks);
    const std::string old_text = google_benchmark_json_slowed(benchmarks, 10, 0, 1.0, 1);
    const std::string new_text = google_benchmark_json_slowed(benchmarks, 10, 10, 1.5, 2);
    in.old_path = temporary_file("command-old-" + size + ".json", old_text);
    in.new_path = temporary_file("command-new-" + size + ".json", new_text);
    in.megabytes = static_cast<double>(old_text.size() + new_text.size()) / 1e6;
    in.baseline_dir =
        (std::filesystem::temp_directory_path() / ("caws-gate-bench-command-" + size)).string();
    std::filesystem::remove_all(in.baseline_dir);
    for (unsigned seed = 1; seed <= 10; ++seed) {
        const std::string run =
            seed == 10 ? in.old_path
                       : temporary_file(
                             "command-history-" + size + "-" + std::to_string(seed) + ".json",
                             google_benchmark_json_slowed(benchmarks, 10, 0, 1.0, 1 + 2 * seed));
        run_caws_gate({"baseline", "update", run, "--suite", "s", "--dir", in.baseline_dir});
    }
    return made.emplace(benchmarks, in).first->second;
}

void run_command(benchmark::State& state, const std::vector<std::string>& arguments,
                 double input_megabytes) {
    long peak_kb = 0;
    double wall = 0;
    for (auto _ : state) {
        const ChildRun run = run_caws_gate(arguments);
        if (run.exit_code != 0 && run.exit_code != 1) {  // 1: check found the regressions
            state.SkipWithError("caws-gate failed");
            break;
        }
        state.SetIterationTime(run.cpu_seconds);
        peak_kb = std::max(peak_kb, run.peak_kb);
        wall += run.wall_seconds;
    }
    state.counters["wall_s"] = benchmark::Counter(wall, benchmark::Counter::kAvgIterations);
    state.counters["peak_MB"] = static_cast<double>(peak_kb) / 1024.0;
    state.counters["input_MB"] = input_megabytes;
}

std::string report_path(const char* name) {
    return (std::filesystem::temp_directory_path() / ("caws-gate-bench-" + std::string(name)))
        .string();
}

// caws-gate compare OLD NEW --quiet --json R --md R
void BM_CommandCompare(benchmark::State& state) {
    const Inputs& in = inputs(static_cast<std::size_t>(state.range(0)));
    run_command(state,
                {"compare", in.old_path, in.new_path, "--quiet", "--json",
                 report_path("command-report.json"), "--md", report_path("command-report.md")},
                in.megabytes);
}
BENCHMARK(BM_CommandCompare)
    ->Arg(2'000)
    ->Arg(20'000)
    ->Unit(benchmark::kMillisecond)
    ->UseManualTime();

// caws-gate check NEW --suite s --dir DIR --quiet --json R --md R (history and trends)
void BM_CommandCheck(benchmark::State& state) {
    const Inputs& in = inputs(static_cast<std::size_t>(state.range(0)));
    run_command(
        state,
        {"check", in.new_path, "--suite", "s", "--dir", in.baseline_dir, "--quiet", "--json",
         report_path("command-report.json"), "--md", report_path("command-report.md")},
        in.megabytes);
}
BENCHMARK(BM_CommandCheck)->Arg(2'000)->Arg(20'000)->Unit(benchmark::kMillisecond)->UseManualTime();

}  // namespace
}  // namespace caws::bench
