#include "app/table.hpp"

#include "compare/statistic.hpp"
#include "report/table_report.hpp"
#include "util/error.hpp"

namespace caws::app {
namespace {

// "NAME=PATH", or a path named by its file's stem ("results/gcc.json" is "gcc").
std::pair<std::string, std::string> name_and_path(const std::string& argument) {
    const std::size_t equals = argument.find('=');
    if (equals != std::string::npos && equals > 0) {
        return {argument.substr(0, equals), argument.substr(equals + 1)};
    }
    return {default_suite(argument), argument};
}

// The index of the run named `reference`.
std::size_t reference_index(const std::vector<compare::SystemRun>& systems,
                            const std::string& reference) {
    std::optional<std::size_t> found;
    for (std::size_t i = 0; i < systems.size(); ++i) {
        if (systems[i].name == reference) found = i;
    }
    if (found) return *found;
    std::string names;
    for (const auto& system : systems) names += (names.empty() ? "" : ", ") + system.name;
    throw util::Error("--reference", {},
                      "no run named \"" + reference + "\"; the runs are " + names);
}

}  // namespace

TableResult run_table(const TableRequest& request) {
    const auto statistic = compare::statistic_from_string(request.statistic);
    if (!statistic) {
        throw util::Error("--statistic", {}, "unknown statistic \"" + request.statistic + "\"");
    }
    std::vector<compare::SystemRun> systems;
    std::vector<std::string> paths;
    for (const std::string& argument : request.runs) {
        auto [name, path] = name_and_path(argument);
        for (const auto& system : systems) {
            if (system.name == name) {
                throw util::Error(argument, {},
                                  "two runs are named \"" + name + "\"; name them with NAME=PATH");
            }
        }
        systems.push_back(compare::SystemRun{name, read_run({path}, request.inputs)});
        paths.push_back(path);
    }
    compare::SystemTableOptions table_options;
    table_options.statistic = *statistic;
    table_options.measure = request.measure;
    table_options.compare = comparison_options(request.statistics);
    if (request.reference) table_options.reference = reference_index(systems, *request.reference);
    TableResult result;
    result.table = compare::build_system_table(systems, table_options);
    result.report = report::build_table_report(result.table, paths, table_options.compare);
    return result;
}

}  // namespace caws::app
