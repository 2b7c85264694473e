#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include "model/run.hpp"

namespace caws::store {

// How `baseline update` turns an accepted run into the new baseline.
struct UpdatePolicy {
    enum class Kind {
        replace,  // the baseline is the new run
        rolling,  // the baseline pools the samples of the last `runs` accepted runs
    };
    Kind kind = Kind::replace;
    std::size_t runs = 1;
};

// "replace" or "rolling:N" (N a whole number, 1 to 1000). Throws util::Error naming
// --policy and the accepted forms.
UpdatePolicy parse_update_policy(std::string_view text);

// "replace" or "rolling:5".
std::string to_string(const UpdatePolicy& policy);

// The run whose metrics pool the samples of `runs` (oldest first; the last is the newest
// and decides which metrics the pool has). A metric of the newest run takes, in order,
// the samples of the same metric (name and measure) of every older run that has samples
// of the same unit; timestamps are kept only when every pooled part has them. Metrics
// that failed, were skipped or hold only a summary in the newest run are taken as they
// are; metrics missing from the newest run are dropped. Context and sources are the
// newest run's; a note says how many runs were pooled.
model::Run pool_runs(const std::vector<const model::Run*>& runs);

}  // namespace caws::store
