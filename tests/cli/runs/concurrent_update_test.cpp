// Concurrent `baseline update`s of one suite, as real processes: the lock serialises
// them, so every run lands in the history and the baseline stays valid.
#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <sstream>

#include "support/process.hpp"
#include "support/temp_dir.hpp"

namespace caws::test {
namespace {

// A run measured at 07:MINUTE (each run its own: update takes no run twice).
std::string results(double ns, int minute) {
    std::ostringstream text;
    text << R"({"context": {"date": "2026-11-23T07:)" << (minute < 10 ? "0" : "") << minute
         << R"(:00+00:00", "host_name": "ci"}, )"
         << R"("benchmarks": [)";
    for (int i = 0; i < 10; ++i) {
        if (i > 0) text << ",";
        text << R"({"name": "BM_A", "run_name": "BM_A", "run_type": "iteration", )"
             << R"("repetitions": 10, "repetition_index": )" << i
             << R"(, "iterations": 1000, "real_time": )" << ns * (1 + 0.001 * i)
             << R"(, "cpu_time": )" << ns * (1 + 0.001 * i) << R"(, "time_unit": "ns"})";
    }
    text << "]}\n";
    return text.str();
}

TEST(ConcurrentUpdate, TwoProcessesBothLandInTheHistory) {
    TempDir dir;
    for (int i = 1; i <= 5; ++i) {
        dir.write("a" + std::to_string(i) + ".json", results(100, i));
        dir.write("b" + std::to_string(i) + ".json", results(100.5, 10 + i));
    }
    const std::string update = std::string(CAWS_GATE_BINARY) +
                               " baseline update --suite perf --dir " + dir.file("baselines") +
                               " --policy rolling:3 ";
    // Two loops of five updates each, started together.
    const std::string script = "for i in 1 2 3 4 5; do " + update + dir.file("a") +
                               "$i.json >/dev/null || echo fail-a; done & "
                               "for i in 1 2 3 4 5; do " +
                               update + dir.file("b") +
                               "$i.json >/dev/null || echo fail-b; done & "
                               "wait";
    const ProcessResult r = run_process({"/bin/sh", "-c", script});
    EXPECT_EQ(r.exit_code, 0);
    EXPECT_EQ(r.out, "") << r.err;
    EXPECT_EQ(r.err, "");

    std::istringstream history(read_text(dir.file("baselines/history/perf.jsonl")));
    std::string line;
    int lines = 0;
    while (std::getline(history, line)) {
        const auto entry = nlohmann::json::parse(line);
        EXPECT_EQ(entry["schema"], "caws-gate/history@1");
        ++lines;
    }
    EXPECT_EQ(lines, 10);
    const auto baseline = nlohmann::json::parse(read_text(dir.file("baselines/perf.json")));
    EXPECT_EQ(baseline["schema"], "caws-gate/baseline@1");
    EXPECT_EQ(baseline["provenance"]["runs"].size(), 3u);
    EXPECT_EQ(baseline["metrics"][0]["samples"].size(), 30u);
    const ProcessResult show =
        run_process({CAWS_GATE_BINARY, "baseline", "show", dir.file("baselines/perf.json")});
    EXPECT_EQ(show.exit_code, 0) << show.err;
}

}  // namespace
}  // namespace caws::test
