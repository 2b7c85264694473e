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
}

}  // namespace caws::cli
