#pragma once

// Transparent huge pages for commands that read large inputs.
//
// Reading and comparing a large results file touches a few hundred megabytes of freshly
// allocated memory once each. On a virtual machine every 4 KiB page fault is expensive:
// measured on the reference machine, page faults were a quarter of a 20,000-benchmark
// compare. glibc's malloc backs its memory with 2 MiB pages when the tunable
// glibc.malloc.hugetlb=1 is set (glibc 2.35 and later), which cuts the faults about
// thirteen-fold. Tunables are read once, when the process starts, so a command whose
// inputs are large re-executes itself with the tunable added, and the re-executed
// process puts the environment back before it runs anything else (the programs `ab`
// measures and git see what the user set).

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace caws::util {

// The inputs, in bytes, from which a command asks for huge pages: below this the second
// start of the process (about 8 ms) costs more than the faults it saves.
constexpr std::uint64_t k_huge_pages_from = 8u << 20;

// The value GLIBC_TUNABLES should have for a command whose file arguments hold
// `input_bytes`, given its current value (nullopt when unset) and the kernel's
// transparent huge page mode (the text of /sys/kernel/mm/transparent_hugepage/enabled);
// nullopt when the process should run as it is: small inputs, huge pages off ("[never]"
// or unknown), or a GLIBC_TUNABLES that already says what malloc should do about them.
std::optional<std::string> tunables_for_huge_pages(const std::optional<std::string>& current,
                                                   std::uint64_t input_bytes,
                                                   std::string_view thp_enabled);

// Puts GLIBC_TUNABLES back as the user set it when this process is the re-executed one;
// does nothing otherwise. Called by prefer_huge_pages, and by tests.
void restore_tunables_after_reexec();

// First thing in main: restores the environment after a re-execution, or re-executes the
// process with huge pages for malloc when the files named in argv are large. Returns
// when the process should run as it is (including when re-executing failed).
void prefer_huge_pages(int argc, char** argv);

}  // namespace caws::util
