#pragma once

// What caws-gate learns from a program's file before running it: where it is (the PATH
// search execvp does) and whether it is a Google Benchmark executable.

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace caws::exec {

// The file `name` runs, found like execvp finds it: a name with a '/' is taken as it is;
// otherwise the first executable regular file `DIR/name` for DIR in `search_path` (a
// colon-separated list like PATH; an empty entry is the current directory). nullopt when
// there is none, or when `name` has a '/' and is not an executable regular file.
std::optional<std::string> resolve_program(const std::string& name,
                                           std::string_view search_path);

// The DT_NEEDED entries (shared libraries it links, such as "libbenchmark.so.1") of an
// ELF file's dynamic section, 32 or 64 bits, either byte order. Empty for a file that is
// not ELF, is statically linked, or is damaged; never throws for the content.
std::vector<std::string> elf_needed_libraries(const std::string& path);

// True when the file's bytes contain `needle` anywhere (read in blocks, so a large
// executable costs no memory). False when it cannot be read.
bool file_mentions(const std::string& path, std::string_view needle);

// The rule for "a Google Benchmark executable": the file mentions the flag name
// "benchmark_out_format" (programs that link the library statically carry its flag
// names) or links a shared library whose name starts with "libbenchmark" (the flags then
// live in the library).
bool is_google_benchmark_program(const std::string& path);

}  // namespace caws::exec
