#pragma once

#include <string_view>

#include "ingest/read_options.hpp"
#include "model/run.hpp"

namespace caws::ingest {

// Reads the report of Catch2's XML reporter (`-r xml`, v2's <Catch> and v3's
// <Catch2TestRun>), parsed with pugixml:
//
//     <TestCase name="Fibonacci" ...>
//       <BenchmarkResults name="fibonacci 10" samples="20" iterations="377" ...>
//         <mean value="66.3887" lowerBound="55.759" upperBound="108.695" ci="0.95"/>
//         <standardDeviation value="45.9175" .../>
//         <outliers .../>
//       </BenchmarkResults>
//
// - Each <BenchmarkResults> is a summary in seconds (the report's values are in
//   nanoseconds): n from "samples", mean and stddev from the "value" of <mean> and
//   <standardDeviation> (measure "time", lower is better). With --benchmark-no-analysis
//   (ci="0") Catch2 computes no standard deviation, so none is kept. The bootstrap bounds
//   and the outlier counts are not kept. Catch2's reporters write no individual samples.
// - <BenchmarkResults> inside <Section> elements keep the section path as the label
//   "section", and the test case as "test_case"; naming follows the console reader.
// - <failed message="..."/> marks the benchmark failed.
// - The root element's "name" is the context's executable; v3's "catch2-version" is kept
//   as "catch2_version".
//
// Throws util::Error naming the file, line and column for XML that is not well formed
// (a truncated file included), for a missing or non-numeric "value" or "samples", and for
// a report without any benchmark.
model::Run parse_catch2_xml(std::string_view text, const model::Source& source,
                            const ReadOptions& options = {});

// Whether `text` is a Catch2 XML report: an XML document whose root is <Catch> or
// <Catch2TestRun>, in its first kilobytes.
bool looks_like_catch2_xml(std::string_view text);

}  // namespace caws::ingest
