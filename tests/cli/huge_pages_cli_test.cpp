// A command whose inputs are large runs again with glibc's malloc on transparent huge
// pages, and the programs it starts see the environment the user gave it.
#include <gtest/gtest.h>
#include <sys/stat.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <iterator>
#include <string>
#include <vector>

#include "support/process.hpp"
#include "support/temp_dir.hpp"

namespace caws {
namespace {

using test::ProcessResult;
using test::TempDir;

bool huge_pages_available() {
    std::ifstream in("/sys/kernel/mm/transparent_hugepage/enabled");
    const std::string mode{std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
    return mode.find("[always]") != std::string::npos ||
           mode.find("[madvise]") != std::string::npos;
}

// Runs `caws-gate ab` with a 9 MiB file among the arguments, whose commands record what
// they have in GLIBC_TUNABLES and whether caws-gate (their parent) was started a second
// time: its first environment then holds the saved GLIBC_TUNABLES (glibc may rewrite
// GLIBC_TUNABLES itself in place). Returns (child, parent).
std::pair<std::string, std::string> tunables_seen(const TempDir& dir,
                                                  const std::map<std::string, std::string>& env) {
    dir.write("round.json", R"({"schema": "caws-gate/metrics@1", "metrics": [
      {"name": "latency_ms", "unit": "ms", "direction": "lower", "samples": [10, 11, 12]}]})");
    const std::string script = dir.write("bench.sh", "#!/bin/sh\ndir='" + dir.path() + R"('
printf '%s\n' "${GLIBC_TUNABLES-unset}" > "$dir/child.txt"
tr '\0' '\n' < /proc/$PPID/environ | grep '^CAWS_GATE_SAVED_GLIBC_TUNABLES=' > "$dir/parent.txt"
cp "$dir/round.json" "$1"
)");
    ::chmod(script.c_str(), 0755);
    const std::string big = dir.file("big.bin");
    std::filesystem::resize_file(dir.write("big.bin", ""), 9u << 20);  // sparse
    std::vector<std::string> args{CAWS_GATE_BINARY,
                                  "ab",
                                  "--base",
                                  script + " {out}",
                                  "--head",
                                  script + " {out}",
                                  "--rounds",
                                  "6",
                                  "--quiet",
                                  "--",
                                  big};
    std::map<std::string, std::string> environment{{"SOURCE_DATE_EPOCH", "1795392000"}};
    environment.insert(env.begin(), env.end());
    const ProcessResult r = test::run_process(args, environment, dir.path());
    EXPECT_EQ(r.exit_code, 0) << r.err;
    return {test::read_text(dir.file("child.txt")), test::read_text(dir.file("parent.txt"))};
}

TEST(HugePagesCli, LargeInputsRunWithHugePagesAndChildrenSeeTheUsersEnvironment) {
    TempDir dir;
    const auto [child, parent] = tunables_seen(dir, {});
    EXPECT_EQ(child, "unset\n");  // what the user had: nothing
    if (huge_pages_available()) {
        EXPECT_EQ(parent, "CAWS_GATE_SAVED_GLIBC_TUNABLES=\n");  // restored as unset
    } else {
        EXPECT_EQ(parent, "");  // no huge pages to ask for: no second start
    }
}

TEST(HugePagesCli, TheUsersTunablesAreKeptAndTheirChoiceAboutHugePagesStands) {
    TempDir dir;
    {
        const auto [child, parent] =
            tunables_seen(dir, {{"GLIBC_TUNABLES", "glibc.malloc.arena_max=2"}});
        EXPECT_EQ(child, "glibc.malloc.arena_max=2\n");
        if (huge_pages_available()) {
            EXPECT_EQ(parent, "CAWS_GATE_SAVED_GLIBC_TUNABLES==glibc.malloc.arena_max=2\n");
        }
    }
    {
        // GLIBC_TUNABLES=glibc.malloc.hugetlb=0 turns the second start off.
        const auto [child, parent] =
            tunables_seen(dir, {{"GLIBC_TUNABLES", "glibc.malloc.hugetlb=0"}});
        EXPECT_EQ(child, "glibc.malloc.hugetlb=0\n");
        EXPECT_EQ(parent, "");
    }
}

}  // namespace
}  // namespace caws
