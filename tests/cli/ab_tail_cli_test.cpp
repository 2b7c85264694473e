// `caws-gate ab` with a p95 gate rule, through the built binary: scripted rounds whose
// head is slower only in its slowest fifth. The p95 rule finds it with the paired
// bootstrap's interval and the sign-flip test; the same values gated on the median do not.
#include <gtest/gtest.h>
#include <sys/stat.h>
#include <nlohmann/json.hpp>

#include <cmath>
#include <cstdint>
#include <string>
#include <vector>

#include "support/process.hpp"
#include "support/temp_dir.hpp"

namespace caws {
namespace {

using test::ProcessResult;
using test::TempDir;

constexpr std::size_t k_rounds = 10;
constexpr std::size_t k_samples = 40;

// One round's caws-metrics file of a side: 40 latencies whose level drifts by up to 40%
// from round to round, the same on both sides; the head's slowest fifth is 1.4x slower,
// its median unchanged. The same values come twice: "latency_ms" (gated on its p95 by the
// gate file) and "latency_as_median_ms" (gated on its median).
std::string round_file(std::size_t round, bool head) {
    const double drift = 1 + 0.04 * static_cast<double>((round * 7) % 11);
    std::string values;
    for (std::size_t k = 0; k < k_samples; ++k) {
        const double u = (static_cast<double>(k) + 0.5) / k_samples;
        double v = drift * 100 / (1 - 0.5 * u);
        v *= 1 + 0.001 * static_cast<double>((k + round + (head ? 1 : 0)) % 3);
        if (head && u > 0.8) v *= 1.4;
        values += (k == 0 ? "" : ", ") + std::to_string(v);
    }
    std::string metrics;
    for (const char* name : {"latency_ms", "latency_as_median_ms"}) {
        metrics += std::string(metrics.empty() ? "" : ", ") + R"({"name": ")" + name +
                   R"(", "unit": "ms", "direction": "lower", "samples": [)" + values + "]}";
    }
    return R"({"schema": "caws-gate/metrics@1", "metrics": [)" + metrics + "]}";
}

// One round's caws-metrics file of a side for the power analysis: "latency_ms", 20
// log-normal latencies (sigma 0.3, a fixed stream per round and side), the same law on both
// sides, and "steady_ms", one value per round whose ratio varies by about 1%.
std::string noisy_round_file(std::size_t round, bool head) {
    std::uint64_t state = 1000 * round + (head ? 1 : 0);
    const auto uniform = [&state] {
        state = state * 6364136223846793005ULL + 1442695040888963407ULL;
        return (static_cast<double>(state >> 11) + 0.5) / 9007199254740992.0;
    };
    std::string values;
    for (std::size_t k = 0; k < 20; ++k) {
        const double z = std::sqrt(-2 * std::log(uniform())) * std::cos(2 * M_PI * uniform());
        values += (k == 0 ? "" : ", ") + std::to_string(100 * std::exp(0.3 * z));
    }
    const double steady = 50 * (1 + 0.01 * static_cast<double>((round * 3 + (head ? 1 : 0)) % 4));
    return R"({"schema": "caws-gate/metrics@1", "metrics": [{"name": "latency_ms", "unit": "ms", )"
           R"("direction": "lower", "samples": [)" +
           values +
           R"(]}, {"name": "steady_ms", "unit": "ms", "direction": "lower", "samples": [)" +
           std::to_string(steady) + "]}]}";
}

// A benchmark command that copies its side's next round file to {out}.
std::string write_rounds(const TempDir& dir, std::string (*file)(std::size_t, bool) = round_file) {
    for (std::size_t r = 1; r <= k_rounds; ++r) {
        dir.write("rounds/base-" + std::to_string(r) + ".json", file(r, false));
        dir.write("rounds/head-" + std::to_string(r) + ".json", file(r, true));
    }
    const std::string script = dir.write("bench.sh", "#!/bin/sh\ndir='" + dir.file("rounds") +
                                                         R"('
n=$(cat "$dir/$2.runs" 2>/dev/null || echo 0); n=$((n + 1)); echo "$n" > "$dir/$2.runs"
cp "$dir/$2-$n.json" "$1"
)");
    ::chmod(script.c_str(), 0755);
    return script;
}

ProcessResult caws_gate(std::vector<std::string> args, const TempDir& directory) {
    args.insert(args.begin(), CAWS_GATE_BINARY);
    return test::run_process(args, {{"SOURCE_DATE_EPOCH", "1795392000"}}, directory.path());
}

const nlohmann::json* comparison(const nlohmann::json& report, const std::string& metric) {
    for (const nlohmann::json& c : report["comparisons"]) {
        if (c["metric"] == metric) return &c;
    }
    return nullptr;
}

TEST(AbTailCli, AP95RuleFindsATailRegressionTheMedianDoesNotShow) {
    TempDir dir;
    const std::string script = write_rounds(dir);
    const std::string gate = dir.write("gate.json", R"({"schema": "caws-gate/gate@1",
      "rules": [{"match": "latency_ms", "statistic": "p95"}]})");
    const ProcessResult r =
        caws_gate({"ab", "--base", script + " {out} base", "--head", script + " {out} head",
                   "--gate", gate, "--keep", dir.file("kept"), "--json", dir.file("r.json"), "--md",
                   dir.file("r.md"), "--quiet"},
                  dir);
    ASSERT_EQ(r.exit_code, 0) << r.err;  // a minor regression warns
    const auto report = nlohmann::json::parse(test::read_text(dir.file("r.json")));
    EXPECT_EQ(report["verdict"], "warn");

    const nlohmann::json* p95 = comparison(report, "latency_ms");
    ASSERT_NE(p95, nullptr);
    EXPECT_EQ((*p95)["statistic"], "p95");
    const double ratio = (*p95)["ratio"];
    EXPECT_NEAR(ratio, 1.4, 0.02);
    EXPECT_EQ((*p95)["test"], "sign-flip");
    EXPECT_EQ((*p95)["test_variant"], "monte-carlo");
    // 40 samples per round, 2 above the p95 in a round: smoothed within rounds.
    EXPECT_EQ((*p95)["ci_method"], "smoothed-bootstrap-paired");
    const double low = (*p95)["ci"][0];
    const double high = (*p95)["ci"][1];
    EXPECT_LE(low, ratio);
    EXPECT_GE(high, ratio);
    EXPECT_GT(low, 1.3);
    // Every round slower in its tail: about 2 / 2^10 of the sign flips are as extreme.
    EXPECT_LT((*p95)["p_value"].get<double>(), 0.01);
    EXPECT_EQ((*p95)["class"], "minor");
    // The rounds are the units: ten pairs, whatever the samples per round.
    EXPECT_EQ((*p95)["n"], nlohmann::json::array({10, 10}));
    const double baseline = (*p95)["baseline"];
    const double candidate = (*p95)["candidate"];
    EXPECT_NEAR(candidate / baseline, ratio, 1e-12);

    const nlohmann::json* median = comparison(report, "latency_as_median_ms");
    ASSERT_NE(median, nullptr);
    EXPECT_EQ((*median)["statistic"], "median");
    EXPECT_EQ((*median)["test"], "wilcoxon");
    EXPECT_EQ((*median)["class"], "unchanged");
    EXPECT_NEAR((*median)["ratio"].get<double>(), 1.0, 0.01);

    const std::string md = test::read_text(dir.file("r.md"));
    EXPECT_NE(md.find("| latency_ms |"), std::string::npos) << md;
    EXPECT_NE(md.find("sign-flip on the p95"), std::string::npos) << md;
    const std::string cell = "x\u00a0[";  // the ratio with its interval, unbreakable
    EXPECT_NE(md.find(cell), std::string::npos) << md;
    // The method names both tests and both intervals, and the counts are rounds.
    EXPECT_NE(md.find("tested with a two-sided Wilcoxon signed-rank test; a metric compared by "
                      "another statistic (p95, mean, ...) has the ratio of that statistic over "
                      "the samples of the rounds, tested with a sign-flip permutation test"),
              std::string::npos)
        << md;
    EXPECT_NE(md.find("Hodges-Lehmann intervals of the paired log ratios, and for another "
                      "statistic paired bootstraps of the rounds"),
              std::string::npos)
        << md;
    EXPECT_EQ(md.find("10 vs 10 samples"), std::string::npos) << md;

    // Read again from the kept run: the same bytes (the order seed seeds the bootstrap).
    const ProcessResult again = caws_gate({"ab", "--from", dir.file("kept"), "--gate", gate,
                                           "--json", dir.file("again.json"), "--quiet"},
                                          dir);
    EXPECT_EQ(again.exit_code, 0) << again.err;
    EXPECT_EQ(test::read_text(dir.file("again.json")), test::read_text(dir.file("r.json")));
}

TEST(AbTailCli, AP99OfTwentySamplesPerRoundAsksForMoreRounds) {
    TempDir dir;
    const std::string script = write_rounds(dir, noisy_round_file);
    const std::string gate = dir.write("gate.json", R"({"schema": "caws-gate/gate@1",
      "rules": [{"match": "latency_ms", "statistic": "p99"}]})");
    const ProcessResult r =
        caws_gate({"ab", "--base", script + " {out} base", "--head", script + " {out} head",
                   "--gate", gate, "--json", dir.file("r.json"), "--md", dir.file("r.md")},
                  dir);
    ASSERT_EQ(r.exit_code, 0) << r.err;
    const auto report = nlohmann::json::parse(test::read_text(dir.file("r.json")));

    const nlohmann::json* p99 = comparison(report, "latency_ms");
    ASSERT_NE(p99, nullptr);
    const nlohmann::json& power = (*p99)["power"];
    EXPECT_TRUE(power["needs_repetitions"].get<bool>());
    EXPECT_GT(power["min_detectable_ratio"].get<double>(), 1.2);
    const std::size_t rounds = power["rounds_needed"];
    EXPECT_GT(rounds, k_rounds);
    EXPECT_TRUE(power["repetitions_needed"].is_null());  // rounds, not repetitions
    EXPECT_EQ(power["samples_per_round"], 20);
    // 2 of the 200 pooled samples above the p99: more samples per round are not advised,
    // their promise did not hold there.
    EXPECT_FALSE(power.contains("samples_per_round_needed")) << power.dump();

    // The median of steady round values: ten rounds are plenty, and no samples per round.
    const nlohmann::json* steady = comparison(report, "steady_ms");
    ASSERT_NE(steady, nullptr);
    EXPECT_FALSE((*steady)["power"]["needs_repetitions"].get<bool>());
    EXPECT_LT((*steady)["power"]["min_detectable_ratio"].get<double>(), 1.05);
    EXPECT_EQ((*steady)["power"]["rounds_needed"], 7);  // the exact test's least at 0.05 / 2
    EXPECT_FALSE((*steady)["power"].contains("samples_per_round"));

    bool recommended = false;
    for (const nlohmann::json& advice : report["recommendations"]) {
        if (advice["code"] != "add-rounds") continue;
        recommended = true;
        EXPECT_EQ(advice["metric"], "latency_ms");
        const std::string message = advice["message"];
        EXPECT_EQ(message.find("Run at least " + std::to_string(rounds) + " rounds (`--rounds " +
                               std::to_string(rounds) + "`)"),
                  0U)
            << message;
        EXPECT_EQ(message.find("samples per round"), std::string::npos) << message;
    }
    EXPECT_TRUE(recommended);

    // The Markdown, also what the terminal shows without --quiet.
    const std::string md = test::read_text(dir.file("r.md"));
    EXPECT_NE(md.find("### Needs more rounds"), std::string::npos) << md;
    EXPECT_EQ(md.find("### Needs more repetitions"), std::string::npos) << md;
    EXPECT_NE(md.find("| latency_ms | value | 10 (20 samples) | "), std::string::npos) << md;
    EXPECT_NE(md.find(" | " + std::to_string(rounds) + " |"), std::string::npos) << md;
    EXPECT_NE(md.find("about " + std::to_string(rounds) +
                      " rounds would; with fewer than 5 of all the samples above the p99"),
              std::string::npos)
        << md;
    EXPECT_NE(r.out.find("### Needs more rounds"), std::string::npos) << r.out;
}

}  // namespace
}  // namespace caws
