#include "cli/inputs.hpp"

namespace caws::cli {

void add_input_options(CLI::App& command, app::InputRequest& inputs) {
    command.add_option("--format", inputs.format,
                       "Force the results format instead of detecting it");
    command
        .add_option("--direction", inputs.direction,
                    "Whether lower or higher values are better where the results do not say "
                    "(required for github-action-benchmark custom JSON)")
        ->check(CLI::IsMember({"lower", "higher"}));
    command
        .add_option("--build-type", inputs.build_type,
                    "How the measured code was built, for the trust score's build component "
                    "(Google Benchmark's library_build_type describes its library, not your code)")
        ->check(CLI::IsMember({"release", "debug"}));
}

}  // namespace caws::cli
