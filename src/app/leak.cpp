#include "app/leak.hpp"

#include <algorithm>

namespace caws::app {

LeakResult run_leak(const LeakRequest& request) {
    LeakResult result;
    for (const std::string& path : request.inputs) {
        const model::Run run = read_run({path}, request.format);
        for (trend::Leak& leak : trend::find_leaks(run, request.leaks)) {
            std::optional<model::Finding> finding = trend::leak_finding(leak, request.leaks);
            result.level = std::max(result.level, leak.level);
            result.leaks.push_back(FoundLeak{std::move(leak), std::move(finding)});
        }
    }
    result.exit_code = exit_code_of(result.level);
    return result;
}

}  // namespace caws::app
