#pragma once

#include <map>
#include <string>
#include <vector>

#include "model/run.hpp"

namespace caws::test {

// `go test -bench` text as benchmark name (without "Benchmark") -> unit -> values, in the
// order of the file. Only what the tests need from benchstat's fixtures.
using GoBenchmarks = std::map<std::string, std::map<std::string, std::vector<double>>>;
GoBenchmarks parse_go_bench(const std::string& text);

// The "ns/op" values of every benchmark as a run of lower-is-better timings in seconds, in
// the order of first appearance.
model::Run go_bench_times(const std::string& text);

}  // namespace caws::test
