// The leak command in-process through cli::run: memory series formats, --columns, the
// relative threshold and the gate file's.
#include <gtest/gtest.h>

#include <sstream>

#include "cli/cli.hpp"
#include "stats/random.hpp"
#include "support/fake_environment.hpp"
#include "support/temp_dir.hpp"

namespace caws::cli {
namespace {

struct Outcome {
    int exit_code;
    std::string out;
    std::string err;
};

Outcome run_with(const std::vector<std::string>& args) {
    test::FakeEnvironment env;
    std::ostringstream out;
    std::ostringstream err;
    const int code = run(args, out, err, env);
    return {code, out.str(), err.str()};
}

// An hour of RSS sampled every 10 s from 200 MB, growing `percent_per_hour` of it, with
// 0.2 MB of noise: rows "t_s,rss_mb".
std::vector<std::pair<double, double>> rss_hour(double percent_per_hour) {
    stats::Random random(3);
    std::vector<std::pair<double, double>> rows;
    for (int i = 0; i < 360; ++i) {
        const double t = 10.0 * i;
        rows.emplace_back(t, 200 * (1 + percent_per_hour / 100 * t / 3600) + 0.2 * random.normal());
    }
    return rows;
}

std::string csv_of(const std::vector<std::pair<double, double>>& rows, std::string header) {
    std::string csv = header + "\n";
    for (const auto& [t, mb] : rows) csv += std::to_string(t) + "," + std::to_string(mb) + "\n";
    return csv;
}

std::string json_of(const std::vector<std::pair<double, double>>& rows) {
    std::string times;
    std::string values;
    for (const auto& [t, mb] : rows) {
        times += (times.empty() ? "" : ", ") + std::to_string(t);
        values += (values.empty() ? "" : ", ") + std::to_string(mb);
    }
    return "{\"t_s\": [" + times + "], \"rss_mb\": [" + values + "]}";
}

TEST(LeakCommandInputs, ReadsACsvWithUnitsInTheColumnNames) {
    test::TempDir dir;
    const std::string path = dir.write("rss.csv", csv_of(rss_hour(8), "t_s,rss_mb"));
    const Outcome r = run_with({"leak", path, "--leak-threshold", "0.001"});
    EXPECT_EQ(r.exit_code, 1) << r.err;
    // 8%/h of 200 MB is 16 MB/h, 0.00444 MB/s.
    EXPECT_EQ(r.out.rfind("rss (memory): leak: 0.00444 MB/s", 0), 0u) << r.out;
    // The interval's noise model: the residuals' bias-corrected autocorrelation (about 0
    // for this independent noise) and the degrees of freedom of its Student t.
    EXPECT_NE(r.out.find(" samples over 3590 s, AR(1) ρ "), std::string::npos) << r.out;
    EXPECT_NE(r.out.find(" df, threshold 0.00100 MB/s\n"), std::string::npos) << r.out;
}

TEST(LeakCommandInputs, ReadsAJsonObjectOfParallelArrays) {
    test::TempDir dir;
    const std::string path = dir.write("rss.json", json_of(rss_hour(8)));
    const Outcome r = run_with({"leak", path, "--leak-threshold", "0.001"});
    EXPECT_EQ(r.exit_code, 1) << r.err;
    EXPECT_EQ(r.out.rfind("rss (memory): leak: 0.00444 MB/s", 0), 0u) << r.out;
}

TEST(LeakCommandInputs, ColumnsPicksTwoColumnsOfAWiderFile) {
    test::TempDir dir;
    std::string csv = "t_s,cpu_pct,rss_mb\n";
    for (const auto& [t, mb] : rss_hour(8)) {
        csv += std::to_string(t) + ",50," + std::to_string(mb) + "\n";
    }
    const std::string path = dir.write("svc.csv", csv);
    const Outcome r =
        run_with({"leak", path, "--columns", "t_s,rss_mb", "--leak-threshold", "5%/h"});
    EXPECT_EQ(r.exit_code, 1) << r.err;
    EXPECT_EQ(r.out.rfind("svc (memory): leak: 0.00444 MB/s", 0), 0u) << r.out;

    const Outcome missing = run_with({"leak", path, "--columns", "t_s,heap_mb"});
    EXPECT_EQ(missing.exit_code, 2);
    EXPECT_EQ(missing.out, "");
    EXPECT_EQ(missing.err,
              "caws-gate: error: " + path +
                  ": line 1, column 1: no column \"heap_mb\" (--columns); the columns are "
                  "\"t_s\", \"cpu_pct\", \"rss_mb\"\n");
    const Outcome without = run_with({"leak", path});
    EXPECT_EQ(without.exit_code, 2);
    EXPECT_EQ(without.out, "");

    std::string json = R"({"t_s": [0, 10, 20], "cpu_pct": [1, 2, 3], "rss_mb": [1, 2, 3]})";
    const std::string json_path = dir.write("svc.json", json);
    const Outcome picked = run_with({"leak", json_path, "--columns", "t_s,rss_mb"});
    EXPECT_EQ(picked.exit_code, 0) << picked.err;
    EXPECT_EQ(picked.out.rfind("svc (memory): no leak: 0.100 MB/s", 0), 0u) << picked.out;
}

TEST(LeakCommandThreshold, ARelativeThresholdSplitsSeriesAroundIt) {
    test::TempDir dir;
    const std::string above = dir.write("above.csv", csv_of(rss_hour(6), "t_s,rss_mb"));
    const std::string below = dir.write("below.csv", csv_of(rss_hour(4), "t_s,rss_mb"));
    const Outcome leak = run_with({"leak", above, "--leak-threshold", "5%/h"});
    EXPECT_EQ(leak.exit_code, 1) << leak.out << leak.err;
    EXPECT_NE(leak.out.find("above the threshold of 5%/h of 200.0 MB (0.00278 MB/s)"),
              std::string::npos)
        << leak.out;
    const Outcome fine = run_with({"leak", below, "--leak-threshold", "5%/h"});
    EXPECT_EQ(fine.exit_code, 0) << fine.out << fine.err;
    EXPECT_NE(fine.out.find("below (memory): no leak"), std::string::npos) << fine.out;
    // The same threshold per day and per minute.
    EXPECT_EQ(run_with({"leak", above, "--leak-threshold", "120%/d"}).exit_code, 1);
    EXPECT_EQ(run_with({"leak", above, "--leak-threshold", "0.1%/min"}).exit_code, 0);
    EXPECT_EQ(run_with({"leak", above, "--leak-threshold", "0.001%/s"}).exit_code, 1);
}

TEST(LeakCommandThreshold, TheGateFileSetsTheThresholdAndTheOptionOverridesIt) {
    test::TempDir dir;
    const std::string above = dir.write("above.csv", csv_of(rss_hour(6), "t_s,rss_mb"));
    const std::string gate =
        dir.write("gate.json", R"({"schema": "caws-gate/gate@1", "leak": {"threshold": "5%/h"}})");
    EXPECT_EQ(run_with({"leak", above}).exit_code, 0);  // 1 MB/s by default
    EXPECT_EQ(run_with({"leak", above, "--gate", gate}).exit_code, 1);
    EXPECT_EQ(run_with({"leak", above, "--gate", gate, "--leak-threshold", "10%/h"}).exit_code, 0);
    const std::string absolute =
        dir.write("mbps.json", R"({"schema": "caws-gate/gate@1", "leak": {"threshold": 0.002}})");
    EXPECT_EQ(run_with({"leak", above, "--gate", absolute}).exit_code, 1);

    const std::string bad = dir.write(
        "bad.json", R"({"schema": "caws-gate/gate@1", "leak": {"threshold": "5%/fortnight"}})");
    const Outcome r = run_with({"leak", above, "--gate", bad});
    EXPECT_EQ(r.exit_code, 2);
    EXPECT_EQ(r.out, "");
    EXPECT_EQ(r.err, "caws-gate: error: " + bad +
                         ": /leak/threshold: unknown time unit \"fortnight\" in \"5%/fortnight\"; "
                         "expected s, min, h or d\n");
}

TEST(LeakCommandThreshold, BadThresholdsAreUsageErrors) {
    test::TempDir dir;
    const std::string path = dir.write("rss.csv", csv_of(rss_hour(6), "t_s,rss_mb"));
    const std::pair<const char*, const char*> cases[] = {
        {"5%", "expected a time unit after \"%\", as in \"5%/h\" (s, min, h or d), got \"5%\""},
        {"5%/fortnight",
         "unknown time unit \"fortnight\" in \"5%/fortnight\"; expected s, min, h or d"},
        {"-1%/h", "expected a growth that is not negative, got \"-1%/h\""},
        {"abc",
         "expected a growth in MB/s (\"1.5\") or relative to the series' starting level "
         "(\"5%/h\"), got \"abc\""},
        {"-2", "expected a growth that is not negative, got \"-2\""},
        {"x%/h", "expected a number before \"%\", as in \"5%/h\", got \"x%/h\""},
    };
    for (const auto& [value, message] : cases) {
        SCOPED_TRACE(value);
        const Outcome r = run_with({"leak", path, "--leak-threshold", value});
        EXPECT_EQ(r.exit_code, 2);
        EXPECT_EQ(r.out, "");
        EXPECT_NE(r.err.find(message), std::string::npos) << r.err;
        EXPECT_EQ(run_with({"check", path, "--leak-threshold", value}).exit_code, 2);
    }
}

TEST(LeakCommandInputs, BrokenSeriesAreUsageErrorsAndPrintNothing) {
    test::TempDir dir;
    const std::pair<const char*, const char*> cases[] = {
        {"a.csv", "t_s,rss_mb\n0,1\n10,x\n"},
        {"b.csv", "t_s,rss_mb\n0,1\n0,2\n"},
        {"c.csv", "t_s,rss_mb\n"},
        {"d.json", R"({"t_s": [0, 1], "rss_mb": [1]})"},
        {"e.json", R"({"t_s": [0, 1], "rss_mb": [1, 2], "heap_mb": [1, 2]})"},
    };
    for (const auto& [name, text] : cases) {
        SCOPED_TRACE(name);
        const std::string path = dir.write(name, text);
        const Outcome r = run_with({"leak", path});
        EXPECT_EQ(r.exit_code, 2);
        EXPECT_EQ(r.out, "");
        EXPECT_EQ(r.err.rfind("caws-gate: error: " + path + ": ", 0), 0u) << r.err;
    }
}

}  // namespace
}  // namespace caws::cli

namespace caws::cli {
namespace {

// check reads the same memory series as leak, with the same threshold from the gate file
// or the option (the option first), and fails on it.
TEST(CheckLeakThreshold, TheGateFilesRelativeThresholdFailsACheckAndTheOptionOverridesIt) {
    test::TempDir dir;
    const std::string series = dir.write("mem.csv", csv_of(rss_hour(6), "t_s,rss_mb"));
    const std::string baselines = dir.path() + "/baselines";
    ASSERT_EQ(
        run_with({"baseline", "update", series, "--suite", "mem", "--dir", baselines}).exit_code,
        0);
    const std::vector<std::string> check{"check", series, "--suite", "mem", "--dir", baselines};
    auto with = [&](std::vector<std::string> extra) {
        std::vector<std::string> args = check;
        args.insert(args.end(), extra.begin(), extra.end());
        return run_with(args);
    };
    EXPECT_EQ(with({}).exit_code, 0);  // 6%/h of 200 MB is far below the default 1 MB/s
    const std::string gate =
        dir.write("gate.json", R"({"schema": "caws-gate/gate@1", "leak": {"threshold": "5%/h"}})");
    const Outcome failed = with({"--gate", gate});
    EXPECT_EQ(failed.exit_code, 1) << failed.out << failed.err;
    EXPECT_NE(failed.out.find("above the threshold of 5%/h of 200.0 MB"), std::string::npos)
        << failed.out;
    EXPECT_EQ(with({"--gate", gate, "--leak-threshold", "10%/h"}).exit_code, 0);
    EXPECT_EQ(with({"--leak-threshold", "5%/h"}).exit_code, 1);
}

}  // namespace
}  // namespace caws::cli
