#include "ingest/pytest_benchmark_reader.hpp"

#include <optional>
#include <string>
#include <vector>

#include "ingest/json_sniff.hpp"
#include "ingest/json_values.hpp"
#include "util/string_map.hpp"

namespace caws::ingest {
namespace {

using json::Document;
using json::Path;
namespace od = simdjson::ondemand;

// stats of one benchmark, as written (seconds).
struct Stats {
    std::optional<double> min, max, mean, stddev, median;
    std::optional<std::int64_t> rounds;
    std::optional<std::int64_t> iterations;
    bool has_data = false;
    std::vector<double> data;
    std::string unusable_data;  // why data cannot be the samples, when it cannot
};

class PytestBenchmarkReader {
  public:
    PytestBenchmarkReader(Document& document, model::Run& run) : doc_(document), run_(run) {}

    void read() {
        const Path root;
        bool saw_benchmarks = false;
        for (auto field : doc_.root_object()) {
            const std::string_view key = field.unescaped_key();
            const Path where = root.child(key);
            od::value value = field.value();
            if (key == "benchmarks") {
                saw_benchmarks = true;
                read_benchmarks(doc_.array(value, where), where);
            } else if (key == "machine_info") {
                read_machine_info(doc_.object(value, where), where);
            } else if (key == "commit_info") {
                read_commit_info(doc_.object(value, where), where);
            } else if (key == "datetime") {
                run_.context.date = doc_.string(value, where);
            } else if (key == "version") {
                run_.context.extra.emplace_back("pytest_benchmark_version", label_text(value));
            }
        }
        if (!saw_benchmarks) {
            doc_.fail(root, "expected a \"benchmarks\" array (pytest-benchmark JSON)");
        }
        if (without_data_ > 0) {
            run_.notes.push_back(std::to_string(without_data_) +
                                 " benchmark(s) without raw data read from their stats summary "
                                 "(runs saved without --benchmark-save-data)");
        }
        if (!unusable_data_.empty()) {
            run_.notes.push_back(std::to_string(unusable_data_count_) +
                                 " benchmark(s) read from their stats summary because their data "
                                 "is not one number per round (first: " +
                                 unusable_data_ + ")");
        }
    }

  private:
    void read_machine_info(od::object object, const Path& where) {
        for (auto field : object) {
            const std::string_view key = field.unescaped_key();
            od::value value = field.value();
            if (key == "node") {
                run_.context.host = doc_.string(value, where.child(key));
            } else if (key == "cpu") {
                for (auto cpu : doc_.object(value, where.child(key))) {
                    const std::string_view cpu_key = cpu.unescaped_key();
                    if (cpu_key == "brand_raw" || cpu_key == "brand") {
                        run_.context.extra.emplace_back("cpu", label_text(cpu.value()));
                    } else if (cpu_key == "count") {
                        const Path at = where.child(key);
                        run_.context.num_cpus =
                            static_cast<int>(doc_.integer(cpu.value(), at.child(cpu_key)));
                    }
                }
            } else if (key == "machine" || key == "system" || key == "release" ||
                       key == "python_implementation" || key == "python_version") {
                run_.context.extra.emplace_back(std::string(key), label_text(value));
            }
        }
    }

    void read_commit_info(od::object object, const Path& /*where*/) {
        for (auto field : object) {
            const std::string_view key = field.unescaped_key();
            if (key == "id") {
                run_.context.extra.emplace_back("commit", label_text(field.value()));
            } else if (key == "branch" || key == "dirty") {
                run_.context.extra.emplace_back(std::string(key), label_text(field.value()));
            }
        }
    }

    void read_benchmarks(od::array benchmarks, const Path& where) {
        std::size_t index = 0;
        for (auto element : benchmarks) {
            const Path at = where.child(index);
            read_benchmark(doc_.object(element.value(), at), at, index);
            ++index;
        }
        if (index == 0) doc_.fail(where, "expected at least one benchmark, got an empty list");
    }

    void read_benchmark(od::object object, const Path& at, std::size_t index) {
        model::Metric metric;
        metric.measure = "time";
        metric.unit = model::seconds();
        metric.direction = model::Direction::lower;
        std::string name, fullname;
        std::optional<Stats> stats;
        std::vector<std::pair<std::string, std::string>> params, extra_info;
        for (auto field : object) {
            const std::string_view key = field.unescaped_key();
            const Path where = at.child(key);
            od::value value = field.value();
            if (key == "name") {
                name = doc_.string(value, where);
            } else if (key == "fullname") {
                fullname = doc_.string(value, where);
            } else if (key == "group" || key == "param") {
                if (!value.is_null()) {
                    metric.labels.emplace_back(std::string(key), label_text(value));
                }
            } else if (key == "params" || key == "extra_info") {
                if (value.is_null()) continue;
                auto& into = key == "params" ? params : extra_info;
                for (auto entry : doc_.object(value, where)) {
                    const std::string_view entry_key = entry.unescaped_key();
                    into.emplace_back(std::string(key) + "." + std::string(entry_key),
                                      label_text(entry.value()));
                }
            } else if (key == "stats") {
                stats = read_stats(doc_.object(value, where), where);
            }
        }
        metric.name = fullname.empty() ? name : fullname;
        if (metric.name.empty()) doc_.fail(at.child("fullname"), "expected the benchmark's name");
        if (!stats) doc_.fail(at.child("stats"), "expected the benchmark's \"stats\"");
        for (auto& label : params) metric.labels.push_back(std::move(label));
        for (auto& label : extra_info) metric.labels.push_back(std::move(label));
        if (stats->iterations) {
            metric.labels.emplace_back("iterations", std::to_string(*stats->iterations));
        }
        const Path stats_at = at.child("stats");
        if (stats->has_data && stats->unusable_data.empty() &&
            (!stats->rounds || static_cast<std::size_t>(*stats->rounds) == stats->data.size()) &&
            !stats->data.empty()) {
            metric.samples = std::move(stats->data);
        } else {
            if (!stats->has_data) {
                ++without_data_;
            } else {
                ++unusable_data_count_;
                if (unusable_data_.empty()) {
                    unusable_data_ = stats->unusable_data.empty()
                                         ? std::to_string(stats->data.size()) + " values for " +
                                               std::to_string(stats->rounds.value_or(0)) +
                                               " rounds at " + stats_at.child("data").str()
                                         : stats->unusable_data;
                }
            }
            metric.summary = summary_of(*stats, stats_at);
        }
        if (!index_.emplace(metric.name, index).second) {
            doc_.fail(at.child("fullname"), "expected each benchmark once, but \"" + metric.name +
                                                "\" is also at /benchmarks/" +
                                                std::to_string(index_[metric.name]));
        }
        run_.metrics.push_back(std::move(metric));
    }

    model::Summary summary_of(const Stats& stats, const Path& at) {
        if (!stats.median && !stats.mean) {
            doc_.fail(at, "expected \"median\" or \"mean\" (or the raw \"data\") in the stats");
        }
        model::Summary summary;
        summary.n = stats.rounds ? static_cast<std::size_t>(*stats.rounds) : 0;
        summary.mean = stats.mean;
        summary.stddev = stats.stddev;
        summary.median = stats.median;
        summary.min = stats.min;
        summary.max = stats.max;
        return summary;
    }

    Stats read_stats(od::object object, const Path& at) {
        Stats stats;
        for (auto field : object) {
            const std::string_view key = field.unescaped_key();
            const Path where = at.child(key);
            od::value value = field.value();
            std::optional<double>* slot = nullptr;
            if (key == "min") slot = &stats.min;
            if (key == "max") slot = &stats.max;
            if (key == "mean") slot = &stats.mean;
            if (key == "stddev") slot = &stats.stddev;
            if (key == "median") slot = &stats.median;
            if (slot != nullptr) {
                *slot = non_negative_number(doc_, value, where);
            } else if (key == "rounds" || key == "iterations") {
                const std::int64_t count = doc_.integer(value, where);
                if (count < 1) doc_.fail(where, "expected a count of at least 1");
                (key == "rounds" ? stats.rounds : stats.iterations) = count;
            } else if (key == "data") {
                stats.has_data = true;
                read_data(doc_.array(value, where), where, stats);
            }
        }
        return stats;
    }

    // Keeps the samples; something else than a number (fixtures shortened by hand write
    // "... omitted") makes the data unusable but the file still readable from its stats.
    void read_data(od::array data, const Path& where, Stats& stats) {
        std::size_t i = 0;
        for (auto element : data) {
            const Path at = where.child(i++);
            if (!stats.unusable_data.empty()) continue;
            od::value value = element.value();
            const auto number = doc_.number_if_numeric(value);
            if (!number) {
                stats.unusable_data = Document::describe(value) + " at " + at.str();
                continue;
            }
            stats.data.push_back(check_non_negative(doc_, *number, value, at));
        }
    }

    Document& doc_;
    model::Run& run_;
    util::StringMap<std::size_t> index_;
    std::size_t without_data_ = 0;
    std::size_t unusable_data_count_ = 0;
    std::string unusable_data_;
};

}  // namespace

model::Run parse_pytest_benchmark(std::string_view text, const model::Source& source,
                                  const ReadOptions& /*options*/) {
    return read_document<PytestBenchmarkReader>(text, source);
}

bool looks_like_pytest_benchmark(std::string_view text) {
    const JsonSniff sniff(text);
    return sniff.starts_with("{") && sniff.has_key("machine_info", 1) &&
           (sniff.has_key("benchmarks", 1) || sniff.has_key("commit_info", 1));
}

}  // namespace caws::ingest
