#include "util/file_io.hpp"

#include <gtest/gtest.h>

#include <filesystem>

#include "support/temp_dir.hpp"
#include "util/error.hpp"

namespace caws::util {
namespace {

TEST(FileIo, WriteAtomicReplacesTheFileAndLeavesNoTemporary) {
    test::TempDir dir;
    const std::string path = dir.file("sub/dir/out.json");
    write_file_atomic(path, "first");
    write_file_atomic(path, "second");
    EXPECT_EQ(read_file(path), "second");
    std::size_t entries = 0;
    for ([[maybe_unused]] const auto& entry :
         std::filesystem::directory_iterator(dir.file("sub/dir"))) {
        ++entries;
    }
    EXPECT_EQ(entries, 1u);
}

TEST(FileIo, ReadingAMissingFileNamesIt) {
    try {
        read_file("/nonexistent/perf.json");
        FAIL() << "expected an error";
    } catch (const Error& error) {
        EXPECT_EQ(std::string(error.what()),
                  "/nonexistent/perf.json: cannot read the file: No such file or directory");
    }
}

TEST(FileIo, ReadingADirectoryIsAnError) {
    test::TempDir dir;
    EXPECT_THROW(read_file(dir.path()), Error);
}

TEST(FileIo, WritingIntoAMissingDirectoryThatCannotBeCreatedFails) {
    test::TempDir dir;
    write_file_atomic(dir.file("plain"), "x");
    EXPECT_THROW(write_file_atomic(dir.file("plain/child.json"), "y"), Error);
}

TEST(FileIo, AppendAddsToTheEnd) {
    test::TempDir dir;
    append_file(dir.file("summary.md"), "a\n");
    append_file(dir.file("summary.md"), "b\n");
    EXPECT_EQ(read_file(dir.file("summary.md")), "a\nb\n");
}

}  // namespace
}  // namespace caws::util
