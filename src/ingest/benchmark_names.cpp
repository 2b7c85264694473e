#include "ingest/benchmark_names.hpp"

#include "util/string_map.hpp"

namespace caws::ingest {

std::vector<std::string> qualified_names(const std::vector<GroupedName>& benchmarks) {
    struct Seen {
        std::string_view first_group;
        bool in_several_groups = false;
    };
    util::StringMap<Seen> seen;
    for (const GroupedName& benchmark : benchmarks) {
        const auto [found, inserted] =
            seen.try_emplace(benchmark.name, Seen{benchmark.group, false});
        if (!inserted && found->second.first_group != benchmark.group) {
            found->second.in_several_groups = true;
        }
    }
    std::vector<std::string> names;
    names.reserve(benchmarks.size());
    for (const GroupedName& benchmark : benchmarks) {
        const bool qualify = seen.find(benchmark.name)->second.in_several_groups;
        names.push_back(qualify && !benchmark.group.empty()
                            ? benchmark.name + " (" + benchmark.group + ")"
                            : benchmark.name);
    }
    return names;
}

}  // namespace caws::ingest
