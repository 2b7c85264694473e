// `check --min-health/--min-trust` and the scores and recommendations of the JSON report,
// through the whole program in-process.
#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <sstream>

#include "cli/cli.hpp"
#include "support/fake_environment.hpp"
#include "support/gbench_json.hpp"
#include "support/temp_dir.hpp"

namespace caws::cli {
namespace {

struct Outcome {
    int exit_code;
    std::string out;
    std::string err;
};

// Ten repetitions of three benchmarks with about 1% noise; `slowdown` multiplies BM_Hash.
// Interleaved unless said otherwise, so that only what a test changes costs trust.
std::string results(double slowdown = 1.0,
                    test::GbenchOrder order = test::GbenchOrder::interleaved) {
    std::vector<std::pair<std::string, std::vector<double>>> benchmarks;
    for (const auto& [name, base] : {std::pair{"BM_Sort", 1000.0}, std::pair{"BM_Hash", 400.0},
                                     std::pair{"BM_Parse", 2500.0}}) {
        std::vector<double> times;
        for (int i = 0; i < 10; ++i) {
            const double factor = std::string(name) == "BM_Hash" ? slowdown : 1.0;
            times.push_back(base * factor * (1 + 0.01 * ((i * 7) % 5 - 2) / 2));
        }
        benchmarks.emplace_back(name, times);
    }
    return test::google_benchmark_json(benchmarks, order);
}

std::string replaced(std::string text, const std::string& from, const std::string& to) {
    const auto at = text.find(from);
    EXPECT_NE(at, std::string::npos) << from;
    return text.replace(at, from.size(), to);
}

class CheckScores : public ::testing::Test {
  protected:
    void SetUp() override {
        const std::string base = dir_.write("base.json", results());
        const Outcome r =
            run({"baseline", "update", base, "--suite", "perf", "--dir", dir_.path()});
        ASSERT_EQ(r.exit_code, 0) << r.err;
    }

    Outcome run(const std::vector<std::string>& args) const {
        std::ostringstream out;
        std::ostringstream err;
        const int code = cli::run(args, out, err, env_);
        return {code, out.str(), err.str()};
    }

    // Checks `candidate` (results text) against the baseline with extra options; the JSON
    // report goes to report.json.
    Outcome check(const std::string& candidate, const std::vector<std::string>& extra = {}) {
        std::vector<std::string> args{"check",      dir_.write("candidate.json", candidate),
                                      "--baseline", dir_.file("perf.json"),
                                      "--json",     dir_.file("report.json"),
                                      "--quiet"};
        args.insert(args.end(), extra.begin(), extra.end());
        return run(args);
    }

    nlohmann::json report() const {
        return nlohmann::json::parse(test::read_text(dir_.file("report.json")));
    }

    static const nlohmann::json* component(const nlohmann::json& report, const std::string& score,
                                           const std::string& name) {
        for (const auto& c : report["scores"]["components"][score]) {
            if (c["name"] == name) return &c;
        }
        return nullptr;
    }

    test::TempDir dir_;
    test::FakeEnvironment env_;
};

TEST_F(CheckScores, TheReportCarriesScoresAndTheirComponents) {
    const Outcome r = check(results());
    EXPECT_EQ(r.exit_code, 0) << r.err;
    const auto j = report();
    EXPECT_EQ(j["scores"]["health"], 100);
    // A baseline of one run without a history: the between-run noise is unknown, 20/100,
    // and the only thing short of full trust: 100 * 0.2^(0.10 / 1.10).
    EXPECT_EQ(j["scores"]["trust"], 86);
    EXPECT_EQ(j["scores"]["components"]["health"].size(), 4u);
    EXPECT_EQ(j["scores"]["components"]["trust"].size(), 11u);
    EXPECT_EQ((*component(j, "trust", "baseline-age"))["detail"], "baseline created 0 days ago");
    EXPECT_EQ((*component(j, "trust", "interleaving"))["detail"],
              "repetitions interleaved across benchmarks");
    EXPECT_EQ((*component(j, "trust", "interference"))["detail"],
              "0 of 3 benchmarks timed by CPU time grew in wall time without CPU time");
    EXPECT_EQ(j["candidate"]["context"]["repetitions"], "interleaved");
    EXPECT_EQ((*component(j, "trust", "between-run"))["score"], 20);
    ASSERT_EQ(j["recommendations"].size(), 1u);
    EXPECT_EQ(j["recommendations"][0]["code"], "between-run-noise");
}

TEST_F(CheckScores, BackToBackRepetitionsLowerTrustAndAreToBeInterleaved) {
    EXPECT_EQ(check(results(1.0, test::GbenchOrder::legacy)).exit_code, 0);
    const auto j = report();
    EXPECT_EQ(j["candidate"]["context"]["repetitions"], "back-to-back");
    EXPECT_EQ((*component(j, "trust", "interleaving"))["score"], 50);
    EXPECT_EQ(j["scores"]["trust"], 84);  // 100 * 0.5^(0.05 / 1.1) * 0.2^(0.1 / 1.1)
    ASSERT_EQ(j["recommendations"].size(), 2u);
    EXPECT_EQ(j["recommendations"][0]["code"], "interleave-repetitions");
    EXPECT_EQ(j["recommendations"][1]["code"], "between-run-noise");
    EXPECT_NE(j["recommendations"][0]["message"].get<std::string>().find(
                  "--benchmark_repetitions=10 --benchmark_enable_random_interleaving=true"),
              std::string::npos);
}

TEST_F(CheckScores, ADebugBuildFailsMinTrustAndSaysWhy) {
    const std::string debug = results();
    EXPECT_EQ(check(debug, {"--build-type", "debug"}).exit_code, 0);  // trust does not gate
    const Outcome r = check(debug, {"--build-type", "debug", "--min-trust", "80"});
    EXPECT_EQ(r.exit_code, 1) << r.err;
    const auto j = report();
    EXPECT_EQ(j["verdict"], "fail");
    EXPECT_EQ(j["scores"]["trust"], 63);  // 100 * 0.1^(0.15 / 1.1) * 0.2^(0.1 / 1.1)
    const auto* build = component(j, "trust", "build");
    ASSERT_NE(build, nullptr);
    EXPECT_EQ((*build)["score"], 10);
    bool found = false;
    for (const auto& f : j["findings"]) {
        if (f["code"] != "low-trust") continue;
        found = true;
        EXPECT_EQ(f["level"], "fail");
        EXPECT_EQ(f["message"].get<std::string>().rfind(
                      "trust 63/100 is below the minimum 80; pulled down by build 10/100 (the "
                      "candidate was built as debug",
                      0),
                  0u)
            << f["message"];
    }
    EXPECT_TRUE(found);
    ASSERT_FALSE(j["recommendations"].empty());
    EXPECT_EQ(j["recommendations"][0]["code"], "release-build");
}

TEST_F(CheckScores, ADifferentHostLowersTrustAndNamesTheHosts) {
    const std::string elsewhere =
        replaced(results(), R"("host_name": "ci")", R"("host_name": "laptop")");
    const Outcome r = check(elsewhere, {"--min-trust", "95"});
    EXPECT_EQ(r.exit_code, 1) << r.err;
    const auto j = report();
    EXPECT_LT(j["scores"]["trust"].get<double>(), 95);
    EXPECT_EQ((*component(j, "trust", "machine"))["detail"],
              "baseline on host ci, candidate on host laptop");
    EXPECT_EQ(j["recommendations"][0]["code"], "same-machine");
    // A threshold at or below the score passes.
    EXPECT_EQ(check(elsewhere, {"--min-trust", "50"}).exit_code, 0);
}

TEST_F(CheckScores, MinHealthTurnsAMinorRegressionIntoAFailure) {
    const std::string slower = results(1.25);
    EXPECT_EQ(check(slower).exit_code, 0);  // a minor regression only warns
    EXPECT_EQ(report()["verdict"], "warn");
    EXPECT_EQ(report()["scores"]["health"], 95);  // 100 * 0.9^0.5
    const Outcome r = check(slower, {"--min-health", "99"});
    EXPECT_EQ(r.exit_code, 1) << r.err;
    const auto j = report();
    EXPECT_EQ(j["verdict"], "fail");
    EXPECT_EQ(j["findings"].back()["code"], "low-health");
    EXPECT_EQ(j["findings"].back()["message"].get<std::string>().rfind(
                  "health 95/100 is below the minimum 99; pulled down by changes 90/100 (1 "
                  "regressed benchmark of 3: 0 severe, 0 moderate, 1 minor).",
                  0),
              0u)
        << j["findings"].back()["message"];
    EXPECT_EQ(check(slower, {"--min-health", "95"}).exit_code, 0);
}

TEST_F(CheckScores, ThresholdsOutsideZeroToHundredAreUsageErrors) {
    for (const auto& [option, value] :
         {std::pair{"--min-trust", "150"}, std::pair{"--min-health", "-1"},
          std::pair{"--min-health", "high"}}) {
        const Outcome r = check(results(), {option, value, "--md", dir_.file("out.md")});
        EXPECT_EQ(r.exit_code, 2) << option << " " << value;
        EXPECT_EQ(r.err.rfind("caws-gate: error: ", 0), 0u) << r.err;
        EXPECT_EQ(r.err, std::string("caws-gate: error: ") + option +
                             ": expected a score from 0 to 100, got \"" + value +
                             "\"\nRun 'caws-gate check --help' for usage.\n");
        EXPECT_EQ(test::read_text(dir_.file("out.md")), "");
    }
}

TEST_F(CheckScores, GoogleBenchmarksLibraryBuildTypeIsNotTheCodes) {
    // Debian's libbenchmark says debug of itself: the code's build stays unknown.
    const std::string library_debug = replaced(results(), R"("library_build_type": "release")",
                                               R"("library_build_type": "debug")");
    EXPECT_EQ(check(library_debug).exit_code, 0);
    auto j = report();
    EXPECT_EQ((*component(j, "trust", "build"))["score"], 100);
    EXPECT_EQ((*component(j, "trust", "build"))["detail"].get<std::string>().rfind(
                  "build type unknown: Google Benchmark's library_build_type", 0),
              0u);
    ASSERT_FALSE(j["recommendations"].empty());
    EXPECT_EQ(j["recommendations"][0]["code"], "release-build");
    // The code's own build type, given in the context or on the command line.
    const std::string release =
        replaced(library_debug, R"("library_build_type": "debug")",
                 R"("library_build_type": "debug", "CMAKE_BUILD_TYPE": "Release")");
    EXPECT_EQ(check(release).exit_code, 0);
    j = report();
    EXPECT_EQ((*component(j, "trust", "build"))["detail"], "built as Release");
    for (const auto& r : j["recommendations"]) EXPECT_NE(r["code"], "release-build");
    EXPECT_EQ(check(library_debug, {"--build-type", "release"}).exit_code, 0);
    EXPECT_EQ((*component(report(), "trust", "build"))["detail"], "built as release");
}

TEST_F(CheckScores, AnOldBaselineLowersTrustAndIsToBeRefreshed) {
    env_.time += 60 * 86400;
    EXPECT_EQ(check(results()).exit_code, 0);
    const auto j = report();
    EXPECT_EQ((*component(j, "trust", "baseline-age"))["score"], 35);  // 0.5^(46 / 30)
    EXPECT_EQ(j["recommendations"][0]["code"], "refresh-baseline");
}

TEST_F(CheckScores, CompareShowsScoresWithoutGating) {
    const std::string a = dir_.write("a.json", results());
    const std::string b = dir_.write("b.json", results(2.5));
    const Outcome r = run(
        {"compare", a, b, "--build-type", "debug", "--json", dir_.file("report.json"), "--quiet"});
    EXPECT_EQ(r.exit_code, 0) << r.err;
    const auto j = report();
    EXPECT_EQ(j["scores"]["health"], 71);  // one severe regression
    EXPECT_EQ(j["scores"]["trust"], 71);   // debug build
    EXPECT_EQ((*component(j, "trust", "baseline-age"))["detail"],
              "baseline age unknown (no baseline file)");
}

}  // namespace
}  // namespace caws::cli
