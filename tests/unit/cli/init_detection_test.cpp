// What `caws-gate init` finds of a Google Benchmark build in a repository's CMake files.
// (The tool detection is tested through the command, in init_command_test.cpp.)
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "cli/init_detection.hpp"
#include "support/temp_dir.hpp"

namespace caws::cli {
namespace {

std::vector<std::string> programs(const test::TempDir& dir) {
    std::vector<std::string> paths;
    for (const DetectedProgram& program : detect_benchmark_programs(dir.path())) {
        paths.push_back(program.path + " <- " + program.evidence);
    }
    return paths;
}

TEST(InitDetection, FindsExecutablesLinkedWithGoogleBenchmarkInEveryFolder) {
    test::TempDir dir;
    dir.write("CMakeLists.txt",
              "ADD_EXECUTABLE(top_bench top.cpp)\n"
              "Target_Link_Libraries(top_bench\n  PRIVATE\n    benchmark::benchmark_main)\n");
    dir.write("bench/CMakeLists.txt",
              "add_executable (\"sort_bench\" sort.cpp)  # the sort benchmarks\n"
              "target_link_libraries(sort_bench PRIVATE fmt::fmt benchmark::benchmark)\n");
    dir.write("a/b/c/CMakeLists.txt",
              "add_executable(deep_bench x.cpp)\ntarget_link_libraries(deep_bench benchmark)\n");
    EXPECT_EQ(programs(dir), (std::vector<std::string>{
                                 "build/a/b/c/deep_bench <- a/b/c/CMakeLists.txt",
                                 "build/bench/sort_bench <- bench/CMakeLists.txt",
                                 "build/top_bench <- CMakeLists.txt",
                             }));
}

TEST(InitDetection, SkipsWhatIsNotOneOfTheRepositorysBenchmarkPrograms) {
    test::TempDir dir;
    dir.write(
        "CMakeLists.txt",
        // a library, an executable without Google Benchmark, a name from a variable,
        // an alias and a commented-out link
        "add_library(core core.cpp)\ntarget_link_libraries(core PUBLIC benchmark::benchmark)\n"
        "add_executable(app main.cpp)\ntarget_link_libraries(app PRIVATE core)\n"
        "add_executable(${PROJECT_NAME}_bench b.cpp)\n"
        "target_link_libraries(${PROJECT_NAME}_bench benchmark::benchmark)\n"
        "add_executable(alias_bench ALIAS app)\n"
        "target_link_libraries(alias_bench benchmark::benchmark)\n"
        "add_executable(off_bench off.cpp)\n"
        "target_link_libraries(off_bench # benchmark::benchmark\n  core)\n"
        "add_executable(\"odd name\" x.cpp)\n"
        "target_link_libraries(\"odd name\" benchmark::benchmark)\n");
    // Vendored code, build trees, hidden folders and folders deeper than 4 levels.
    const char* const k_benchmark =
        "add_executable(benchmark_test t.cpp)\ntarget_link_libraries(benchmark_test benchmark)\n";
    for (const char* folder : {"third_party/benchmark", "external", "_deps/benchmark-src", "build",
                               "build-release/x", ".git", "a/b/c/d/e"}) {
        dir.write(std::string(folder) + "/CMakeLists.txt", k_benchmark);
    }
    EXPECT_EQ(programs(dir), std::vector<std::string>{});
}

TEST(InitDetection, NoCMakeFilesFindNothing) {
    test::TempDir dir;
    dir.write("go.mod", "module example.com/m\n");
    EXPECT_TRUE(detect_benchmark_programs(dir.path()).empty());
    EXPECT_TRUE(detect_benchmark_programs(dir.file("missing")).empty());
}

}  // namespace
}  // namespace caws::cli
