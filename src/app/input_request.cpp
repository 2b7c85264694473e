#include "app/input_request.hpp"

#include <filesystem>

#include "ingest/results.hpp"

namespace caws::app {

ingest::ReadOptions read_options(const InputRequest& inputs) {
    ingest::ReadOptions options;
    if (inputs.direction) options.direction = model::direction_from_string(*inputs.direction);
    options.columns = inputs.columns;
    return options;
}

model::Run read_run(const std::vector<std::string>& paths, const InputRequest& inputs) {
    model::Run run = ingest::read_results(paths, inputs.format, read_options(inputs));
    if (inputs.build_type) run.context.build_type = *inputs.build_type;
    return run;
}

std::string default_suite(const std::string& results_path) {
    std::filesystem::path path(results_path);
    if (!path.has_filename()) path = path.parent_path();  // "dir/" names the directory
    return path.stem().string();
}

}  // namespace caws::app
