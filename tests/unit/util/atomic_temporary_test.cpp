// The names of write_file_atomic's temporary files, which the baseline update recognises
// and removes when a killed process left them behind.
#include <gtest/gtest.h>

#include <filesystem>
#include <string>

#include "support/temp_dir.hpp"
#include "util/file_io.hpp"

namespace caws::util {
namespace {

TEST(AtomicTemporary, RecognisesOnlyTheTemporariesOfItsFile) {
    EXPECT_TRUE(is_temporary_for("perf.json.tmp-4242-3990824716", "perf.json"));
    EXPECT_TRUE(is_temporary_for("perf.jsonl.tmp-1-0", "perf.jsonl"));
    // Another file's temporary, or a file of another suite whose name begins alike.
    EXPECT_FALSE(is_temporary_for("perf.jsonl.tmp-1-2", "perf.json"));
    EXPECT_FALSE(is_temporary_for("perf.json.tmp-1-2.json", "perf.json"));
    EXPECT_FALSE(is_temporary_for("perf.json", "perf.json"));
    EXPECT_FALSE(is_temporary_for("perf.json.tmp-", "perf.json"));
    EXPECT_FALSE(is_temporary_for("perf.json.tmp-12", "perf.json"));
    EXPECT_FALSE(is_temporary_for("perf.json.tmp-12-", "perf.json"));
    EXPECT_FALSE(is_temporary_for("perf.json.tmp--12", "perf.json"));
    EXPECT_FALSE(is_temporary_for("perf.json.tmp-1x-2", "perf.json"));
    EXPECT_FALSE(is_temporary_for("perf.json.old-1-2", "perf.json"));
    EXPECT_FALSE(is_temporary_for("other.json.tmp-1-2", "perf.json"));
}

TEST(AtomicTemporary, WriteAtomicCreatesMissingDirectories) {
    test::TempDir dir;
    const std::string path = dir.file("a/b/c/perf.json");
    write_file_atomic(path, "{}\n");
    EXPECT_EQ(read_file(path), "{}\n");
}

}  // namespace
}  // namespace caws::util
