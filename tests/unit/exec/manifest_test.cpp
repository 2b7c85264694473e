#include "exec/manifest.hpp"

#include <gtest/gtest.h>

#include <string>

#include "support/temp_dir.hpp"
#include "util/error.hpp"

namespace caws::exec {
namespace {

// A manifest another tool could write: only the required keys.
constexpr const char* k_minimal = R"({
  "format": "caws-gate/ab-run@1",
  "rounds": [
    {"order": ["head", "base"],
     "base": {"seconds": 1.5, "output": "b0.json"},
     "head": {"seconds": 1.25, "output": "out/h0.json"}},
    {"order": ["base", "head"],
     "base": {"seconds": 1.5, "output": "b1.json"},
     "head": {"seconds": 1.25, "output": "out/h1.json", "x-note": "ignored"}}
  ]
})";

class ManifestTest : public ::testing::Test {
  protected:
    void SetUp() override {
        for (const char* name : {"b0.json", "b1.json", "out/h0.json", "out/h1.json"}) {
            dir_.write(name, "{}");
        }
    }

    // The error reading a manifest with `text`.
    std::string error_of(const std::string& text) {
        dir_.write("manifest.json", text);
        try {
            read_manifest(dir_.path());
        } catch (const util::Error& error) {
            const std::string prefix = dir_.file("manifest.json") + ": ";
            const std::string message = error.what();
            return message.starts_with(prefix) ? message.substr(prefix.size()) : message;
        }
        return "no error";
    }

    // k_minimal with `from` replaced by `to`.
    std::string error_with(const std::string& from, const std::string& to) {
        std::string text = k_minimal;
        const std::size_t at = text.find(from);
        EXPECT_NE(at, std::string::npos) << from;
        return error_of(text.replace(at, from.size(), to));
    }

    test::TempDir dir_;
};

TEST_F(ManifestTest, ReadsTheRequiredKeysAndDefaultsTheRest) {
    dir_.write("manifest.json", k_minimal);
    const RunRecord record = read_manifest(dir_.path());
    EXPECT_EQ(record.directory, dir_.path());
    ASSERT_EQ(record.rounds.size(), 2u);
    EXPECT_EQ(record.rounds[0].number, 1u);
    EXPECT_EQ(record.rounds[0].first, Side::head);
    EXPECT_EQ(record.rounds[1].first, Side::base);
    EXPECT_EQ(record.rounds[1].head.output, "out/h1.json");
    EXPECT_EQ(record.rounds[0].head.seconds, 1.25);
    EXPECT_EQ(record.rounds_requested, 2u);
    EXPECT_EQ(record.seed, std::nullopt);
    EXPECT_EQ(record.outcome, Outcome::complete);
}

TEST_F(ManifestTest, WritesWhatItReads) {
    RunRecord record;
    record.tool = "caws-gate 0.1.0";
    record.seed = 18446744073709551615ull;
    record.rounds_requested = 4;
    record.max_seconds = 30;
    record.outcome = Outcome::max_time;
    record.elapsed_seconds = 31.0000004;
    record.extra_args = {"--x", "a b"};
    record.base = {"./bench --x", {"./bench", "--x", "--benchmark_out={out}"}, false,
                   CaptureMode::google_benchmark};
    record.head = {"./b | cat", {"/bin/sh", "-c", "./b | cat"}, true,
                   CaptureMode::standard_output};
    RoundRecord round;
    round.number = 1;
    round.first = Side::head;
    round.base = {1.5, "b0.json", ""};
    round.head = {1.25, "out/h0.json", ""};
    record.rounds.push_back(round);
    write_manifest(dir_.path(), record);

    const RunRecord back = read_manifest(dir_.path());
    EXPECT_EQ(manifest_json(back), manifest_json(record));
    EXPECT_EQ(back.seed, 18446744073709551615ull);
    EXPECT_EQ(back.head.capture, CaptureMode::standard_output);
    EXPECT_EQ(back.elapsed_seconds, 31.0);  // kept to the microsecond
    EXPECT_NE(manifest_json(record).find("\"order\": [\n        \"head\",\n        \"base\"\n"),
              std::string::npos);
}

TEST_F(ManifestTest, ErrorsArePlacedByJsonPointer) {
    EXPECT_EQ(error_with("caws-gate/ab-run@1", "caws-gate/ab-run@2"),
              "/format: expected \"caws-gate/ab-run@1\", got \"caws-gate/ab-run@2\"");
    EXPECT_EQ(error_with("\"format\": \"caws-gate/ab-run@1\",", ""), "/format: required, but missing");
    EXPECT_EQ(error_with("[\"head\", \"base\"]", "[\"head\", \"head\"]"),
              "/rounds/0/order: expected [\"base\", \"head\"] or [\"head\", \"base\"], got "
              "[\"head\",\"head\"]");
    EXPECT_EQ(error_with("\"seconds\": 1.25", "\"seconds\": \"fast\""),
              "/rounds/0/head/seconds: expected a number, got \"fast\"");
    EXPECT_EQ(error_with("\"base\": {\"seconds\": 1.5, \"output\": \"b1.json\"}", "\"base\": 3"),
              "/rounds/1/base: expected an object");
    EXPECT_EQ(error_with("\"output\": \"b1.json\"", "\"stderr\": \"b1.json\""),
              "/rounds/1/base/output: required, but missing");
    EXPECT_EQ(error_with("{\"order\": [\"base\", \"head\"],", "{\"round\": 5, \"order\": [\"base\", \"head\"],"),
              "/rounds/1/round: expected 2 (rounds are listed in order from 1), got 5");
    EXPECT_EQ(error_with("\"rounds\": [", "\"outcome\": \"done\", \"rounds\": ["),
              "/outcome: expected \"complete\", \"max-time\", \"failed\" or \"interrupted\", got "
              "\"done\"");
    EXPECT_EQ(error_with("\"rounds\": [", "\"seed\": -1, \"rounds\": ["),
              "/seed: expected a non-negative integer");
    EXPECT_EQ(error_of("[]"), "expected a JSON object at the top level");
}

TEST_F(ManifestTest, OutputFilesMustBeThereAndInsideTheDirectory) {
    EXPECT_EQ(error_with("b0.json", "b9.json"),
              "/rounds/0/base/output: the file \"b9.json\" is not in " + dir_.path());
    EXPECT_EQ(error_with("out/h1.json", "../h1.json"),
              "/rounds/1/head/output: expected a file name inside the manifest's directory, got "
              "\"../h1.json\"");
    EXPECT_EQ(error_with("\"b0.json\"", "\"/etc/passwd\""),
              "/rounds/0/base/output: expected a file name inside the manifest's directory, got "
              "\"/etc/passwd\"");
}

TEST_F(ManifestTest, SyntaxErrorsHaveALineAndColumn) {
    const std::string message = error_of("{\n  \"format\": ,\n}");
    EXPECT_TRUE(message.starts_with("line 2, column 13: ")) << message;
    EXPECT_EQ(error_of("{\"format\": 1, \"format\": 2}"),
              "/: expected each key once in an object, got \"format\" twice");
}

TEST(Manifest, AMissingManifestIsAnErrorNamingIt) {
    test::TempDir dir;
    try {
        read_manifest(dir.path());
        FAIL() << "no error";
    } catch (const util::Error& error) {
        EXPECT_EQ(error.file(), dir.file("manifest.json"));
    }
}

}  // namespace
}  // namespace caws::exec
