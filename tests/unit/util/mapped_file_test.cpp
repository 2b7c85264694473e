#include "util/mapped_file.hpp"

#include <gtest/gtest.h>

#include <string>

#include "support/temp_dir.hpp"
#include "util/error.hpp"
#include "util/file_io.hpp"

namespace caws::util {
namespace {

TEST(MappedFile, LargeFilesAreMapped) {
    test::TempDir dir;
    const std::string path = dir.file("big.txt");
    const std::string content(10000, 'x');
    write_file_atomic(path, content);
    const MappedFile file(path, 4096);
    EXPECT_TRUE(file.mapped());
    EXPECT_EQ(file.text(), content);
}

TEST(MappedFile, SmallAndEmptyFilesAreRead) {
    test::TempDir dir;
    const std::string small = dir.file("small.txt");
    write_file_atomic(small, "abc");
    const MappedFile file(small, 4096);
    EXPECT_FALSE(file.mapped());
    EXPECT_EQ(file.text(), "abc");
    const std::string empty = dir.file("empty.txt");
    write_file_atomic(empty, "");
    const MappedFile none(empty, 0);  // an empty file cannot be mapped
    EXPECT_FALSE(none.mapped());
    EXPECT_EQ(none.text(), "");
}

TEST(MappedFile, MissingFilesFailAsReadFileDoes) {
    test::TempDir dir;
    const std::string path = dir.file("missing.jsonl");
    std::string expected;
    try {
        (void)read_file(path);
    } catch (const Error& error) {
        expected = error.what();
    }
    ASSERT_FALSE(expected.empty());
    try {
        const MappedFile file(path, 0);
        FAIL() << "a missing file was read";
    } catch (const Error& error) {
        EXPECT_EQ(std::string(error.what()), expected);
    }
}

}  // namespace
}  // namespace caws::util
