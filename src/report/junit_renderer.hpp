#pragma once

#include <string>

#include <nlohmann/json.hpp>

#include "report/templates.hpp"

namespace caws::report {

// JUnit XML of a JSON report, rendered with the "junit" template: one test case per gated
// metric and one per budget, a <failure> carrying the finding's sentence for each that
// fails the gate, <skipped> for skipped benchmarks, and the counts (tests, failures,
// skipped) on <testsuites> and each <testsuite>. Throws util::Error for an invalid
// template.
std::string render_junit(const nlohmann::ordered_json& report, const TemplateSet& templates);

}  // namespace caws::report
