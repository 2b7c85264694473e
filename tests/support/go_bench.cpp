#include "support/go_bench.hpp"

#include <sstream>

namespace caws::test {
namespace {

std::vector<std::vector<std::string>> benchmark_lines(const std::string& text) {
    std::vector<std::vector<std::string>> lines;
    std::istringstream input(text);
    std::string line;
    while (std::getline(input, line)) {
        std::istringstream fields(line);
        std::vector<std::string> f;
        for (std::string field; fields >> field;) f.push_back(field);
        if (f.size() >= 4 && f[0].rfind("Benchmark", 0) == 0) lines.push_back(std::move(f));
    }
    return lines;
}

}  // namespace

GoBenchmarks parse_go_bench(const std::string& text) {
    GoBenchmarks benchmarks;
    for (const auto& f : benchmark_lines(text)) {
        for (std::size_t i = 2; i + 1 < f.size(); i += 2) {
            benchmarks[f[0].substr(9)][f[i + 1]].push_back(std::stod(f[i]));
        }
    }
    return benchmarks;
}

model::Run go_bench_times(const std::string& text) {
    model::Run run;
    for (const auto& f : benchmark_lines(text)) {
        const std::string name = f[0].substr(9);
        if (run.metrics.empty() || run.metrics.back().name != name) {
            model::Metric metric;
            metric.name = name;
            metric.measure = "time";
            metric.unit = model::seconds();
            metric.direction = model::Direction::lower;
            run.metrics.push_back(std::move(metric));
        }
        for (std::size_t i = 2; i + 1 < f.size(); i += 2) {
            if (f[i + 1] == "ns/op") run.metrics.back().samples.push_back(std::stod(f[i]) * 1e-9);
        }
    }
    return run;
}

}  // namespace caws::test
