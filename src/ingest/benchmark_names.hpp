#pragma once

#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace caws::ingest {

// A benchmark as a text reader found it: its own name and the group it was read in (a Go
// package, a Rust bench target, a Catch2 test case; empty when the file does not say).
struct GroupedName {
    std::string group;
    std::string name;
};

// The metric name of each benchmark, in the same order: its own name, or "name (group)"
// for every benchmark whose name occurs in more than one group of the file, so that two
// packages' BenchmarkDecode stay two metrics while a single package's names stay short.
std::vector<std::string> qualified_names(const std::vector<GroupedName>& benchmarks);

}  // namespace caws::ingest
