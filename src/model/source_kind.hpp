#pragma once

// Which input formats hold application metrics rather than benchmark results.

#include <string_view>

namespace caws::model {

// The input formats of application metrics (a service's latency samples, load tests,
// monitoring) rather than of benchmark executables: the advice about benchmark hygiene
// (build, pinning, frequency scaling, a benchmark's repetitions) does not apply to runs
// read only from these (docs/scoring.md, "Recommendations").
inline constexpr std::string_view k_application_formats[] = {
    "caws-metrics", "metric-summary", "k6", "prometheus", "series-csv", "series-json"};

inline bool is_application_format(std::string_view format) {
    for (const std::string_view f : k_application_formats) {
        if (f == format) return true;
    }
    return false;
}

}  // namespace caws::model
