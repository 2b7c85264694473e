// `caws-gate ab` end to end: the built binary runs the ab_sample programs in rounds, gates
// and writes reports; a failing command, bad option values and broken kept runs exit 2
// with nothing written.
#include <gtest/gtest.h>
#include <sys/stat.h>
#include <nlohmann/json.hpp>

#include <filesystem>
#include <string>
#include <vector>

#include "support/process.hpp"
#include "support/temp_dir.hpp"

namespace caws {
namespace {

using test::ProcessResult;
using test::TempDir;

// Runs caws-gate in `directory` (a temporary one: no gates/default.json there).
ProcessResult caws_gate(std::vector<std::string> args, const TempDir& directory) {
    args.insert(args.begin(), CAWS_GATE_BINARY);
    return test::run_process(args, {{"SOURCE_DATE_EPOCH", "1795392000"}}, directory.path());
}

// Two sample benchmarks, the head's BM_Crc32 doing 2.2x the work: real time, CPU time and
// bytes per second of each, six gated metrics, which 8 rounds can test.
const std::vector<std::string> k_two_benchmarks{"--", "--benchmark_filter=BM_Crc32|BM_Fnv1aHash"};

// A gate whose severe class starts at 1.8x, so that a 2.2x slowdown measured low on a
// busy machine is still severe.
constexpr const char* k_gate = R"({"schema": "caws-gate/gate@1",
  "defaults": {"thresholds": {"minor": 1.2, "moderate": 1.5, "severe": 1.8}}})";

const nlohmann::json* comparison(const nlohmann::json& report, const std::string& metric,
                                 const std::string& measure) {
    for (const nlohmann::json& c : report["comparisons"]) {
        if (c["metric"] == metric && c["measure"] == measure) return &c;
    }
    return nullptr;
}

TEST(AbCli, TheTwiceSlowerBenchmarkFailsTheGateAndAKeptRunReadsAgainTheSame) {
    TempDir dir;
    const std::string gate = dir.write("gate.json", k_gate);
    std::vector<std::string> args{"ab",
                                  "--base",
                                  AB_SAMPLE_BASE_BINARY,
                                  "--head",
                                  AB_SAMPLE_HEAD_BINARY,
                                  "--rounds",
                                  "8",
                                  "--gate",
                                  gate,
                                  "--keep",
                                  dir.file("kept"),
                                  "--json",
                                  dir.file("r.json"),
                                  "--md",
                                  dir.file("r.md"),
                                  "--quiet"};
    args.insert(args.end(), k_two_benchmarks.begin(), k_two_benchmarks.end());
    const ProcessResult r = caws_gate(args, dir);
    ASSERT_EQ(r.exit_code, 1) << r.err;
    EXPECT_EQ(r.out, "");                                               // --quiet
    EXPECT_NE(r.err.find("8 rounds in "), std::string::npos) << r.err;  // the progress
    const auto report = nlohmann::json::parse(test::read_text(dir.file("r.json")));
    EXPECT_EQ(report["command"], "ab");
    EXPECT_EQ(report["verdict"], "fail");
    EXPECT_EQ(report["baseline"]["label"], std::string("base: ") + AB_SAMPLE_BASE_BINARY);
    EXPECT_EQ(report["candidate"]["sources"][0]["path"], dir.file("kept") + "/head-00.json");
    EXPECT_EQ(report["settings"]["seed"], 1);  // the default order seed
    // The report says the comparison is paired, how many rounds ran and in which order.
    const nlohmann::json& rounds = report["rounds"];
    EXPECT_EQ(rounds["paired"], true);
    EXPECT_EQ(rounds["base_command"], AB_SAMPLE_BASE_BINARY);
    EXPECT_EQ(rounds["head_command"], AB_SAMPLE_HEAD_BINARY);
    EXPECT_EQ(rounds["requested"], 8);
    EXPECT_EQ(rounds["run"], 8);
    EXPECT_EQ(rounds["seed"], 1);
    EXPECT_EQ(rounds["order"], "HB HB HB BH HB BH BH BH");  // seed 1's draws
    EXPECT_EQ(rounds["stopped_by_max_time"], false);
    const std::string markdown = test::read_text(dir.file("r.md"));
    EXPECT_NE(markdown.find(std::string("candidate: head: ") + AB_SAMPLE_HEAD_BINARY +
                            ", 8 paired rounds, order from seed 1"),
              std::string::npos)
        << markdown;
    EXPECT_NE(markdown.find("Rounds are compared as pairs"), std::string::npos);
    EXPECT_NE(markdown.find("Wilcoxon signed-rank test"), std::string::npos);
    // Rendered again from the JSON report: the same bytes.
    const ProcessResult rendered =
        caws_gate({"report", dir.file("r.json"), "--md", dir.file("re.md"), "--quiet"}, dir);
    ASSERT_EQ(rendered.exit_code, 0) << rendered.err;
    EXPECT_EQ(test::read_text(dir.file("re.md")), markdown);
    const nlohmann::json* crc = comparison(report, "BM_Crc32/min_time:0.020", "cpu_time");
    ASSERT_NE(crc, nullptr);
    EXPECT_EQ((*crc)["class"], "severe");
    EXPECT_EQ((*crc)["level"], "fail");
    EXPECT_EQ((*crc)["test"], "wilcoxon");
    EXPECT_EQ((*crc)["n"], nlohmann::json::array({8, 8}));

    const ProcessResult again = caws_gate({"ab", "--from", dir.file("kept"), "--gate", gate,
                                           "--json", dir.file("again.json"), "--quiet"},
                                          dir);
    EXPECT_EQ(again.exit_code, 1) << again.err;
    EXPECT_EQ(test::read_text(dir.file("again.json")), test::read_text(dir.file("r.json")));

    // check's score limits work on ab too.
    const ProcessResult scored = caws_gate({"ab", "--from", dir.file("kept"), "--gate", gate,
                                            "--min-trust", "100", "--json",
                                            dir.file("scored.json"), "--quiet"},
                                           dir);
    EXPECT_EQ(scored.exit_code, 1) << scored.err;
    const auto scored_report = nlohmann::json::parse(test::read_text(dir.file("scored.json")));
    bool low_trust = false;
    for (const nlohmann::json& f : scored_report["findings"]) low_trust |= f["code"] == "low-trust";
    EXPECT_TRUE(low_trust) << scored_report["findings"].dump();
}

TEST(AbCli, ACommandFailingInRoundThreeStopsTheRunWithNothingWritten) {
    TempDir dir;
    // Runs its arguments, except on its third run.
    const std::string wrapper = dir.write("third-fails.sh", R"(#!/bin/sh
n=$(cat "$0.runs" 2>/dev/null || echo 0); n=$((n + 1)); echo "$n" > "$0.runs"
if [ "$n" = 3 ]; then echo "opening input.dat" >&2; echo "input.dat: no such file" >&2; exit 1; fi
exec "$@"
)");
    ::chmod(wrapper.c_str(), 0755);
    const std::string filter = "--benchmark_filter=BM_VectorSum";
    const std::string head = wrapper + " " + AB_SAMPLE_HEAD_BINARY + " " + filter +
                             " --benchmark_out={out} --benchmark_out_format=json";
    const ProcessResult r =
        caws_gate({"ab", "--base", std::string(AB_SAMPLE_BASE_BINARY) + " " + filter, "--head",
                   head, "--json", dir.file("r.json"), "--md", dir.file("r.md")},
                  dir);
    EXPECT_EQ(r.exit_code, 2);
    EXPECT_NE(r.err.find("caws-gate: error: round 3, head: \"" + head +
                         "\" exited with status 1\n"
                         "  last 2 lines of its standard error:\n"
                         "  | opening input.dat\n"
                         "  | input.dat: no such file\n"),
              std::string::npos)
        << r.err;
    EXPECT_EQ(r.out, "");
    EXPECT_FALSE(std::filesystem::exists(dir.file("r.json")));
    EXPECT_FALSE(std::filesystem::exists(dir.file("r.md")));
}

TEST(AbCli, ASignalStopsTheRunWithTheShellsExitCode) {
    TempDir dir;
    for (const auto& [signal, code] : {std::pair{"INT", 130}, std::pair{"TERM", 143}}) {
        // The command signals caws-gate, its parent, and waits to be stopped.
        const std::string command = std::string("sh -c 'kill -") + signal + " $PPID; sleep 30'";
        const ProcessResult r = caws_gate(
            {"ab", "--base", command, "--head", command, "--json", dir.file("r.json")}, dir);
        EXPECT_EQ(r.exit_code, code) << r.err;
        EXPECT_EQ(
            r.err.rfind(
                std::string("caws-gate: error: interrupted by SIG") + signal + " in round 1, ", 0),
            0u)
            << r.err;
        EXPECT_FALSE(std::filesystem::exists(dir.file("r.json")));
    }
}

TEST(AbCli, BadOptionValuesAreUsageErrors) {
    TempDir dir;
    struct Case {
        std::vector<std::string> args;
        const char* error;  // the start of the error line
    };
    const Case cases[] = {
        {{"--rounds", "ten"},
         "caws-gate: error: --rounds: expected a number of rounds, got \"ten\""},
        {{"--rounds", "-3"}, "caws-gate: error: --rounds: expected a number of rounds, got \"-3\""},
        {{"--rounds", "4"}, "caws-gate: error: --rounds: expected at least 6 rounds: with 4 the"},
        {{"--max-time", "10min"},
         "caws-gate: error: --max-time: expected a duration such as 90s, 10m, 1h or 1m30s (or "
         "seconds), got \"10min\""},
        {{"--max-time", "0"}, "caws-gate: error: --max-time: expected a duration such as"},
        {{"--test", "mann-whitney"},
         "caws-gate: error: --test: ab compares its rounds as pairs with the Wilcoxon signed-rank "
         "test; \"mann-whitney\" is a test of two independent samples (use auto or wilcoxon)"},
        {{"--test", "t"}, "caws-gate: error: --test: expected auto or wilcoxon, got \"t\""},
        {{"--from", "kept"}, "caws-gate: error: --base excludes --from"},
        {{"--benchmark_filter=Sort"},
         "caws-gate: error: --benchmark_filter=Sort: not an option of ab; arguments for both "
         "commands go after --"},
    };
    for (const Case& c : cases) {
        std::vector<std::string> args{
            "ab",     "--base",          AB_SAMPLE_BASE_BINARY, "--head", AB_SAMPLE_HEAD_BINARY,
            "--json", dir.file("r.json")};
        args.insert(args.end(), c.args.begin(), c.args.end());
        const ProcessResult r = caws_gate(args, dir);
        EXPECT_EQ(r.exit_code, 2) << c.error;
        EXPECT_EQ(r.err.rfind(c.error, 0), 0u) << r.err;
        EXPECT_FALSE(std::filesystem::exists(dir.file("r.json"))) << c.error;
    }
    const ProcessResult missing = caws_gate({"ab", "--head", AB_SAMPLE_HEAD_BINARY}, dir);
    EXPECT_EQ(missing.exit_code, 2);
    EXPECT_EQ(missing.err,
              "caws-gate: error: --base: expected a command (or --from DIR to analyse a kept "
              "run)\n");
    const ProcessResult no_file = caws_gate({"ab", "--base", "./old/bench", "--head", "b"}, dir);
    EXPECT_EQ(no_file.err, "caws-gate: error: --base: cannot run \"./old/bench\": no such file\n");
}

TEST(AbCli, ABrokenKeptRunIsAnErrorNamingTheManifest) {
    TempDir dir;
    dir.write("syntax/manifest.json", "{\"format\": ");
    dir.write("missing/manifest.json", R"({"format": "caws-gate/ab-run@1", "rounds": [
      {"order": ["base", "head"], "base": {"seconds": 1, "output": "base-00.json"},
       "head": {"seconds": 1, "output": "head-00.json"}}]})");
    dir.write("garbage/base-00.json", "{}");
    dir.write("garbage/head-00.json", "not json");
    dir.write("garbage/manifest.json", test::read_text(dir.file("missing/manifest.json")));
    const struct {
        const char* directory;
        std::string error;
    } cases[] = {
        {"syntax", "syntax/manifest.json: line 1, column 12: "},
        {"missing",
         "missing/manifest.json: /rounds/0/base/output: the file \"base-00.json\" is "
         "not in missing"},
        {"garbage", "garbage/base-00.json: "},
        {"nowhere", "nowhere/manifest.json: cannot read the file"},
    };
    for (const auto& c : cases) {
        const ProcessResult r =
            caws_gate({"ab", "--from", c.directory, "--json", dir.file("r.json")}, dir);
        EXPECT_EQ(r.exit_code, 2) << c.directory;
        EXPECT_EQ(r.err.rfind("caws-gate: error: " + c.error, 0), 0u) << r.err;
        EXPECT_FALSE(std::filesystem::exists(dir.file("r.json")));
    }
}

}  // namespace
}  // namespace caws
