#pragma once

#include <string>
#include <vector>

#include "model/metric.hpp"

namespace caws::ingest {

// One benchmark as Catch2's console table or XML report gives it.
struct Catch2Result {
    std::string test_case;
    std::string section;  // nested sections joined with " / "; empty outside sections
    std::string name;
    model::Status status = model::Status::ok;
    std::string message;
    model::Summary summary;  // in seconds
};

// The metrics of Catch2 benchmarks, in order: measure "time" in seconds, lower is better,
// with the labels "test_case" and "section". A name found in two test cases (or sections)
// becomes "name (test case)" ("name (test case / section)"). A benchmark found twice in
// the same test case and section (Catch2 runs a test case once per section, and with it
// any benchmark outside the sections) keeps its first result; a note in `notes` says so.
std::vector<model::Metric> catch2_metrics(std::vector<Catch2Result> results,
                                          std::vector<std::string>& notes);

}  // namespace caws::ingest
