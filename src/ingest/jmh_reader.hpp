#pragma once

#include <string_view>

#include "ingest/read_options.hpp"
#include "model/run.hpp"

namespace caws::ingest {

// Reads JMH's JSON results (java -jar benchmarks.jar -rf json -rff FILE).
//
// - Each element is a benchmark named by "benchmark", followed by its parameters when it
//   has any: "org.Bench.run[size=10,type=fast]". Its "mode" (thrpt, avgt, sample, ss) is
//   the measure of the primary metric; each secondary metric (profilers, @AuxCounters) is
//   the measure "MODE:NAME" ("thrpt:·gc.alloc.rate.norm").
// - Units come from scoreUnit: ops/s, ops/ms, ... are per-second rates, higher is better;
//   s/op, ms/op, us/op, ns/op are seconds and B/op bytes, lower is better; other
//   secondary units are kept as written with an unknown direction.
// - rawData (every measurement iteration of every fork) are the samples. Without it (the
//   sample mode writes rawDataHistogram instead) the score and scorePercentiles become a
//   summary: mean = score, median = 50.0, p90, p95, p99, min = 0.0, max = 100.0, with n the
//   histogram's count.
// - mode, threads, forks and params (as "params.NAME") are labels; the JMH and JVM
//   versions go to the run's context.
//
// Throws util::Error with the file and JSON pointer for anything else, including an empty
// array, a missing benchmark name or primaryMetric, and a benchmark repeated with the same
// parameters and mode.
model::Run parse_jmh(std::string_view text, const model::Source& source,
                     const ReadOptions& options = {});

// Whether `text` looks like JMH JSON (an array of objects with "benchmark" and
// "jmhVersion" or "primaryMetric").
bool looks_like_jmh(std::string_view text);

}  // namespace caws::ingest
