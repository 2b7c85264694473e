#include "exec/capture.hpp"

#include <gtest/gtest.h>

#include <sys/stat.h>

#include <algorithm>
#include <string>
#include <vector>

#include "exec/program_file.hpp"
#include "support/temp_dir.hpp"
#include "util/error.hpp"

namespace caws::exec {
namespace {

using Words = std::vector<std::string>;

std::string write_script(const test::TempDir& dir, const std::string& name,
                         const std::string& body) {
    const std::string path = dir.write(name, "#!/bin/sh\n" + body);
    ::chmod(path.c_str(), 0755);
    return path;
}

TEST(ProgramFile, ResolvesNamesThroughTheSearchPathLikeExecvp) {
    test::TempDir dir;
    const std::string script = write_script(dir, "bin/tool", "exit 0\n");
    dir.write("plain/tool", "not executable");
    EXPECT_EQ(resolve_program("tool", dir.file("plain") + ":" + dir.file("bin")), script);
    EXPECT_EQ(resolve_program("tool", dir.file("plain")), std::nullopt);
    EXPECT_EQ(resolve_program(script, ""), script);
    EXPECT_EQ(resolve_program(dir.file("plain/tool"), "/bin"), std::nullopt);
    EXPECT_EQ(resolve_program(dir.file("bin"), "/bin"), std::nullopt);  // a directory
    EXPECT_EQ(resolve_program("sh", "/nonexistent::/bin"), "/bin/sh");
}

TEST(ProgramFile, ReadsTheSharedLibrariesAnElfFileLinks) {
    const std::vector<std::string> libraries = elf_needed_libraries("/bin/sh");
    EXPECT_NE(std::find(libraries.begin(), libraries.end(), "libc.so.6"), libraries.end());
    test::TempDir dir;
    EXPECT_TRUE(elf_needed_libraries(dir.write("text", "hello")).empty());
    EXPECT_TRUE(elf_needed_libraries(dir.write("short", "\x7f" "ELF\2\1")).empty());
    EXPECT_TRUE(elf_needed_libraries(dir.file("missing")).empty());
}

TEST(ProgramFile, FindsAMentionAcrossReadBlocks) {
    test::TempDir dir;
    const std::string needle = "benchmark_out_format";
    // The needle straddles the 1 MiB block boundary.
    std::string content((1u << 20) - 7, 'x');
    content += needle + "yyy";
    const std::string path = dir.write("big", content);
    EXPECT_TRUE(file_mentions(path, needle));
    EXPECT_FALSE(file_mentions(path, "benchmark_out_formatz"));
}

TEST(ProgramFile, RecognisesGoogleBenchmarkPrograms) {
    test::TempDir dir;
    EXPECT_TRUE(is_google_benchmark_program(
        write_script(dir, "gb", "# understands --benchmark_out_format\n")));
    EXPECT_FALSE(is_google_benchmark_program("/bin/sh"));
    // Linked against the shared libbenchmark: the flag names live in the library.
    EXPECT_TRUE(is_google_benchmark_program(AB_SAMPLE_BASE_BINARY));
    bool links = false;
    for (const std::string& library : elf_needed_libraries(AB_SAMPLE_BASE_BINARY)) {
        links = links || library.starts_with("libbenchmark");
    }
    EXPECT_TRUE(links);
}

TEST(Capture, PlaceholderWinsOverGoogleBenchmark) {
    test::TempDir dir;
    const std::string gb = write_script(dir, "gb", "# benchmark_out_format\n");
    const PreparedCommand command =
        prepare_command(gb + " --benchmark_out={out}", "--base", {}, "");
    EXPECT_EQ(command.capture, CaptureMode::output_file);
    EXPECT_EQ(command.argv("/o/f.out"), (Words{gb, "--benchmark_out=/o/f.out"}));
}

TEST(Capture, GoogleBenchmarkProgramsGetTheirOutputFlags) {
    test::TempDir dir;
    const std::string gb = write_script(dir, "gb", "# benchmark_out_format\n");
    const std::vector<std::string> extra{"--benchmark_min_time=0.01"};
    const PreparedCommand command = prepare_command("gb --benchmark_filter=Sort", "--base", extra,
                                                    dir.path());
    EXPECT_EQ(command.capture, CaptureMode::google_benchmark);
    EXPECT_EQ(command.program, gb);
    EXPECT_EQ(command.argv("/o/base-00.json"),
              (Words{"gb", "--benchmark_filter=Sort", "--benchmark_min_time=0.01",
                     "--benchmark_out=/o/base-00.json", "--benchmark_out_format=json",
                     "--benchmark_repetitions=1"}));
}

TEST(Capture, RepetitionsSetByTheUserAreKept) {
    test::TempDir dir;
    const std::string gb = write_script(dir, "gb", "# benchmark_out_format\n");
    for (const char* given : {"--benchmark_repetitions=5", "-benchmark_repetitions=5"}) {
        const PreparedCommand command = prepare_command(gb + " " + given, "--base", {}, "");
        EXPECT_EQ(command.argv("/o/f.json"),
                  (Words{gb, given, "--benchmark_out=/o/f.json", "--benchmark_out_format=json"}));
    }
    const std::vector<std::string> extra{"--benchmark_repetitions=3"};
    EXPECT_EQ(prepare_command(gb, "--base", extra, "").argv("/f").size(), 4u);
    // A longer flag that only starts the same is not the repetitions flag.
    EXPECT_EQ(prepare_command(gb + " --benchmark_repetitions_x=1", "--base", {}, "")
                  .argv("/f")
                  .back(),
              "--benchmark_repetitions=1");
}

TEST(Capture, ShellCommandsAndOtherProgramsUseStandardOutput) {
    test::TempDir dir;
    const std::string gb = write_script(dir, "gb", "# benchmark_out_format\n");
    const PreparedCommand shell = prepare_command(gb + " | cat", "--base", {}, "");
    EXPECT_EQ(shell.capture, CaptureMode::standard_output);  // never detected through a shell
    EXPECT_EQ(shell.program, "/bin/sh");
    const PreparedCommand go = prepare_command("sh -c 'go test'", "--base", {}, "/bin");
    EXPECT_EQ(go.capture, CaptureMode::standard_output);
    EXPECT_EQ(go.argv("/unused"), (Words{"sh", "-c", "go test"}));
}

TEST(Capture, ProgramsThatCannotRunAreErrorsNamingThem) {
    test::TempDir dir;
    const std::string text_file = dir.write("data.txt", "x");
    try {
        prepare_command("no-such-benchmark-program --x", "--base", {}, dir.path());
        FAIL() << "no error";
    } catch (const util::Error& error) {
        EXPECT_EQ(std::string(error.what()),
                  "--base: cannot run \"no-such-benchmark-program\": no executable of that name "
                  "in PATH");
    }
    try {
        prepare_command(text_file, "--head", {}, "");
        FAIL() << "no error";
    } catch (const util::Error& error) {
        EXPECT_EQ(std::string(error.what()),
                  "--head: cannot run \"" + text_file + "\": not an executable file");
    }
    for (const auto& [path, why] : {std::pair{dir.file("missing/bench"), "no such file"},
                                    std::pair{dir.path(), "it is a directory"}}) {
        try {
            prepare_command(path, "--base", {}, "");
            FAIL() << "no error";
        } catch (const util::Error& error) {
            EXPECT_EQ(std::string(error.what()), "--base: cannot run \"" + path + "\": " + why);
        }
    }
}

TEST(Capture, ModeIdentifiersRoundTrip) {
    for (const CaptureMode mode : {CaptureMode::output_file, CaptureMode::google_benchmark,
                                   CaptureMode::standard_output}) {
        EXPECT_EQ(find_capture_mode(capture_mode_id(mode)), mode);
    }
    EXPECT_EQ(find_capture_mode("file"), std::nullopt);
}

}  // namespace
}  // namespace caws::exec
