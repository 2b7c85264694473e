#include "util/file_io.hpp"

#include <gtest/gtest.h>

#include <sys/stat.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <functional>
#include <iterator>
#include <thread>

#include "support/temp_dir.hpp"
#include "util/error.hpp"
#include "util/parallel.hpp"

namespace caws::util {
namespace {

// What `write` writes into the named pipe `fifo`, read on another thread.
std::string through_pipe(const std::string& fifo, const std::function<void()>& write) {
    std::string received;
    std::thread reader([&] {
        std::ifstream in(fifo, std::ios::binary);
        received.assign(std::istreambuf_iterator<char>(in), {});
    });
    write();
    reader.join();
    return received;
}

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

TEST(FileIo, StreamsAreWrittenThroughNotReplaced) {
    // `--json /dev/stdout` or a named pipe: a rename would put a regular file in place of
    // the device.
    test::TempDir dir;
    const std::string fifo = dir.file("pipe");
    ASSERT_EQ(::mkfifo(fifo.c_str(), 0600), 0);
    EXPECT_EQ(through_pipe(fifo, [&] { write_file_atomic(fifo, "through the pipe"); }),
              "through the pipe");
    struct stat status {};
    ASSERT_EQ(::stat(fifo.c_str(), &status), 0);
    EXPECT_TRUE(S_ISFIFO(status.st_mode));

    const std::string null_link = dir.file("null");
    std::filesystem::create_symlink("/dev/null", null_link);
    write_file_atomic(null_link, "discarded");
    EXPECT_TRUE(std::filesystem::is_symlink(null_link));
    ASSERT_EQ(::stat("/dev/null", &status), 0);
    EXPECT_TRUE(S_ISCHR(status.st_mode));

    // A block device is never an output: no rename over it, no write into it.
    for (const auto& entry : std::filesystem::directory_iterator("/dev")) {
        if (!entry.is_block_file()) continue;
        EXPECT_THROW(write_file_atomic(entry.path().string(), "x"), Error);
        EXPECT_TRUE(std::filesystem::is_block_file(entry.path()));
        break;
    }
}

TEST(FileIo, AFileWrittenInPiecesIsTheirConcatenation) {
    test::TempDir dir;
    const std::string path = dir.file("out.json");
    write_file_atomic(path, [](const TextSink& write) {
        write("{");
        write("");
        write("\"a\": 1");
        write("}\n");
    });
    EXPECT_EQ(read_file(path), "{\"a\": 1}\n");

    // Into a pipe, piece by piece as well.
    const std::string fifo = dir.file("pipe");
    ASSERT_EQ(::mkfifo(fifo.c_str(), 0600), 0);
    EXPECT_EQ(through_pipe(fifo,
                           [&] {
                               write_file_atomic(fifo, [](const TextSink& write) {
                                   write("through ");
                                   write("the pipe");
                               });
                           }),
              "through the pipe");
}

TEST(FileIo, AProducerThatThrowsLeavesTheFileAsItWasAndNoTemporary) {
    test::TempDir dir;
    const std::string path = dir.file("out.json");
    write_file_atomic(path, "old");
    EXPECT_THROW(write_file_atomic(path,
                                   [](const TextSink& write) {
                                       write("half of a new ");
                                       throw Error("template", {}, "broken");
                                   }),
                 Error);
    EXPECT_EQ(read_file(path), "old");
    std::size_t entries = 0;
    for ([[maybe_unused]] const auto& entry : std::filesystem::directory_iterator(dir.path())) {
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

namespace caws::util {
namespace {

TEST(FileIo, RegularFileBytesCountsOnlyRegularFiles) {
    test::TempDir dir;
    const std::string a = dir.write("a.json", std::string(1000, 'x'));
    const std::string b = dir.write("b.json", std::string(24, 'y'));
    EXPECT_EQ(regular_file_bytes({a, b}), 1024u);
    EXPECT_EQ(regular_file_bytes({a, dir.path(), dir.file("missing.json"), "-"}), 1000u);
    EXPECT_EQ(regular_file_bytes({}), 0u);
    EXPECT_FALSE(worth_two_threads(regular_file_bytes({a, b})));
    EXPECT_TRUE(worth_two_threads(std::uint64_t{1} << 20));
}

}  // namespace
}  // namespace caws::util
