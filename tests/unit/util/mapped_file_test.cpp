#include "util/mapped_file.hpp"

#include <gtest/gtest.h>
#include <unistd.h>

#include <string>

#include "support/temp_dir.hpp"
#include "util/error.hpp"
#include "util/file_io.hpp"
#include "util/limits.hpp"

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

TEST(MappedFile, DroppedPagesReadAgainFromTheFile) {
    test::TempDir dir;
    const std::string path = dir.file("big.txt");
    std::string content;
    for (int i = 0; i < 100000; ++i) content += std::to_string(i) + '\n';
    write_file_atomic(path, content);
    const MappedFile file(path, 1, 64);
    ASSERT_TRUE(file.mapped());
    const std::string_view text = file.text();
    ASSERT_EQ(text, content);
    drop_mapped_pages(text.data(), text.data() + text.size() / 2);
    drop_mapped_pages(text.data() + 10, text.data() + 20);  // no whole page: nothing
    EXPECT_EQ(text, content);
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

// A mapped input with padding is followed by that many readable zero bytes, whether the
// file ends inside its last page (the page's slack) or too close to its end (an anonymous
// page after it); a small one is read, with the padding reserved after it.
TEST(MappedFile, PaddedInputsEndInZeros) {
    test::TempDir dir;
    const std::size_t page = 4096;
    for (const std::size_t size :
         {page, 3 * page - 10, 3 * page - 64, 3 * page - 100, std::size_t{7}}) {
        const std::string path = dir.file("input-" + std::to_string(size) + ".json");
        const std::string content(size, 'y');
        write_file_atomic(path, content);
        const MappedFile file(path, 1024, 64);
        EXPECT_EQ(file.mapped(), size >= 1024) << size;
        ASSERT_EQ(file.text(), content) << size;
        if (!file.mapped()) continue;
        const char* end = file.text().data() + size;
        for (std::size_t i = 0; i < 64; ++i) ASSERT_EQ(end[i], '\0') << size << " +" << i;
    }
}

// A mapped input is held to the same size limit, with the same error, as one read.
TEST(MappedFile, PaddedInputsLargerThanTheLimitFailAsReadFileDoes) {
    test::TempDir dir;
    const std::string path = dir.file("huge.json");
    write_file_atomic(path, "{}");
    ASSERT_EQ(::truncate(path.c_str(), static_cast<off_t>(k_max_input_bytes + 1)), 0);
    std::string expected;
    try {
        (void)read_file(path);
    } catch (const Error& error) {
        expected = error.what();
    }
    ASSERT_NE(expected.find("larger than"), std::string::npos);
    try {
        const MappedFile file(path, 0, 64);
        FAIL() << "a file over the limit was mapped";
    } catch (const Error& error) {
        EXPECT_EQ(std::string(error.what()), expected);
    }
}

}  // namespace
}  // namespace caws::util
