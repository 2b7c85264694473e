// ingest::read_results with directories: a path that is a directory goes to a directory
// format (Criterion.rs's target/criterion), chosen by what the directory holds.
#include <gtest/gtest.h>

#include "ingest/results.hpp"
#include "support/fixtures.hpp"
#include "support/temp_dir.hpp"
#include "util/error.hpp"

namespace caws::ingest {
namespace {

std::string error_of(const std::vector<std::string>& paths,
                     const std::optional<std::string>& format = std::nullopt) {
    try {
        read_results(paths, format);
    } catch (const util::Error& error) {
        return error.what();
    }
    return "no error";
}

TEST(ResultsDirectory, ADirectoryIsReadByTheFormatItsFilesBelongTo) {
    const std::string data = test::fixture_path("criterion/sample/target/criterion");
    const model::Run run = read_results({data}, std::nullopt);
    ASSERT_EQ(run.sources.size(), 1u);
    EXPECT_EQ(run.sources[0].path, data);
    EXPECT_EQ(run.sources[0].format, "criterion");
    EXPECT_EQ(run.metrics.size(), 7u);
    // Forced: the directory format of that name.
    EXPECT_EQ(read_results({data}, "criterion").metrics.size(), 7u);
}

TEST(ResultsDirectory, DirectoriesAndFilesMix) {
    // One suite split across jobs: a Criterion data directory and a libtest output.
    const model::Run run = read_results({test::fixture_path("criterion/sample/target/criterion"),
                                         test::fixture_path("rust-libtest/sample/bench.txt")},
                                        std::nullopt);
    ASSERT_EQ(run.sources.size(), 2u);
    EXPECT_EQ(run.sources[0].format, "criterion");
    EXPECT_EQ(run.sources[1].format, "rust-libtest");
    EXPECT_EQ(run.metrics.size(), 12u);
}

TEST(ResultsDirectory, ErrorsNameTheDirectoryAndTheFormatsThatReadDirectories) {
    test::TempDir empty;
    EXPECT_EQ(error_of({empty.path()}),
              empty.path() +
                  ": is a directory, but holds no results that a directory format "
                  "reads; expected one of: criterion");
    EXPECT_EQ(error_of({empty.path()}, "go"),
              empty.path() +
                  ": is a directory, but format \"go\" reads a file; formats that "
                  "read a directory: criterion");
    EXPECT_EQ(
        error_of({empty.path()}, "nonesuch").rfind("--format: unknown format \"nonesuch\"", 0), 0u);
    // Forced onto a directory without Criterion data.
    EXPECT_EQ(error_of({empty.path()}, "criterion"),
              empty.path() +
                  ": expected Criterion.rs data (a <benchmark>/new/sample.json file) "
                  "in this directory, found none");
}

TEST(ResultsDirectory, TheFormatListNamesEveryFormatOnce) {
    const std::string error = error_of({test::fixture_path("go/README.md")});
    const std::size_t list = error.find("expected one of: google-benchmark, ");
    ASSERT_NE(list, std::string::npos) << error;
    EXPECT_NE(error.find("criterion", list), std::string::npos) << error;
    EXPECT_EQ(error.find("criterion", list), error.rfind("criterion")) << error;
    ASSERT_NE(find_directory_format("criterion"), nullptr);
    EXPECT_EQ(find_directory_format("go"), nullptr);
    EXPECT_EQ(directory_formats().size(), 1u);
}

}  // namespace
}  // namespace caws::ingest
