#pragma once

#include <string>

#include "report/report_document.hpp"
#include "report/templates.hpp"

namespace caws::report {

// JUnit XML of a report, rendered with the "junit" template (the "junit" row of
// report_formats.hpp): one test case per gated metric and one per budget, a <failure>
// carrying the finding's sentence for each that fails the gate, <skipped> for skipped
// benchmarks, and the counts (tests, failures, skipped) on <testsuites> and each
// <testsuite>. Throws util::Error for an invalid template.
std::string render_junit(const Report& report, const TemplateSet& templates);

}  // namespace caws::report
