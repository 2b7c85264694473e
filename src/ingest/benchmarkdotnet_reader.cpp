#include "ingest/benchmarkdotnet_reader.hpp"

#include <optional>
#include <string>
#include <vector>

#include "ingest/json_sniff.hpp"
#include "ingest/json_values.hpp"
#include "ingest/units.hpp"
#include "util/string_map.hpp"
#include "util/strings.hpp"

namespace caws::ingest {
namespace {

using json::Document;
using json::Path;
namespace od = simdjson::ondemand;

constexpr double k_ns = 1e-9;

struct Statistics {
    std::size_t n = 0;
    std::optional<double> mean, stddev, median, min, max, p90, p95;
    std::vector<double> original_values;  // ns
};

// A diagnoser's value, from Metrics or the older Memory section.
struct Extra {
    std::string id;
    model::Unit unit;
    model::Direction direction = model::Direction::lower;
    double value = 0;
};

struct DotNetBenchmark {
    std::string full_name, name_space, type, method, parameters, display_info;
    bool statistics_null = false;
    std::optional<Statistics> statistics;
    std::vector<double> results;  // Workload/Result measurements, seconds per operation
    std::vector<Extra> metrics;   // from "Metrics"
    std::vector<Extra> memory;    // from "Memory", used without "Metrics"
};

class BenchmarkDotNetReader {
  public:
    BenchmarkDotNetReader(Document& document, model::Run& run) : doc_(document), run_(run) {}

    void read() {
        const Path root;
        bool saw_benchmarks = false;
        for (auto field : doc_.root_object()) {
            const std::string_view key = field.unescaped_key();
            const Path where = root.child(key);
            if (key == "Benchmarks") {
                saw_benchmarks = true;
                std::size_t index = 0;
                for (auto element : doc_.array(field.value(), where)) {
                    const Path at = where.child(index);
                    add(read_benchmark(doc_.object(element.value(), at), at), at, index);
                    ++index;
                }
                if (index == 0) {
                    doc_.fail(where, "expected at least one benchmark, got an empty list");
                }
            } else if (key == "HostEnvironmentInfo") {
                read_host(doc_.object(field.value(), where), where);
            } else if (key == "Title") {
                run_.context.extra.emplace_back("title", label_text(field.value()));
            }
        }
        if (!saw_benchmarks) {
            doc_.fail(root, "expected a \"Benchmarks\" array (BenchmarkDotNet JSON exporter)");
        }
        if (summarised_ > 0) {
            run_.notes.push_back(
                std::to_string(summarised_) +
                " benchmark(s) read from their Statistics summary, without the "
                "individual measurements (use the full JSON exporter to keep them)");
        }
    }

  private:
    void read_host(od::object object, const Path& where) {
        for (auto field : object) {
            const std::string_view key = field.unescaped_key();
            od::value value = field.value();
            if (key == "ProcessorName") {
                // Older versions write {"IsValueCreated": true, "Value": "..."}.
                od::json_type type = value.type();
                if (type == od::json_type::object) {
                    for (auto inner : doc_.object(value, where.child(key))) {
                        if (std::string_view(inner.unescaped_key()) == "Value") {
                            run_.context.extra.emplace_back("cpu", label_text(inner.value()));
                        }
                    }
                } else {
                    run_.context.extra.emplace_back("cpu", label_text(value));
                }
            } else if (key == "Configuration") {
                run_.context.build_type = util::lower(label_text(value));
            } else if (key == "LogicalCoreCount" || key == "ProcessorCount") {
                run_.context.num_cpus = static_cast<int>(doc_.integer(value, where.child(key)));
            } else if (key == "OsVersion" || key == "RuntimeVersion" ||
                       key == "BenchmarkDotNetVersion" || key == "HasAttachedDebugger") {
                run_.context.extra.emplace_back(std::string(key), label_text(value));
            }
        }
    }

    DotNetBenchmark read_benchmark(od::object object, const Path& at) {
        DotNetBenchmark b;
        for (auto field : object) {
            const std::string_view key = field.unescaped_key();
            const Path where = at.child(key);
            od::value value = field.value();
            if (key == "FullName") {
                b.full_name = doc_.string(value, where);
            } else if (key == "Namespace") {
                if (!value.is_null()) b.name_space = doc_.string(value, where);
            } else if (key == "Type") {
                b.type = doc_.string(value, where);
            } else if (key == "Method") {
                b.method = doc_.string(value, where);
            } else if (key == "Parameters") {
                if (!value.is_null()) b.parameters = doc_.string(value, where);
            } else if (key == "DisplayInfo") {
                b.display_info = doc_.string(value, where);
            } else if (key == "Statistics") {
                if (value.is_null()) {
                    b.statistics_null = true;
                } else {
                    b.statistics = read_statistics(doc_.object(value, where), where);
                }
            } else if (key == "Measurements") {
                read_measurements(doc_.array(value, where), where, b);
            } else if (key == "Metrics") {
                read_metrics(doc_.array(value, where), where, b);
            } else if (key == "Memory") {
                read_memory(doc_.object(value, where), where, b);
            }
        }
        return b;
    }

    Statistics read_statistics(od::object object, const Path& at) {
        Statistics s;
        for (auto field : object) {
            const std::string_view key = field.unescaped_key();
            const Path where = at.child(key);
            od::value value = field.value();
            std::optional<double>* slot = nullptr;
            if (key == "Mean") slot = &s.mean;
            if (key == "StandardDeviation") slot = &s.stddev;
            if (key == "Median") slot = &s.median;
            if (key == "Min") slot = &s.min;
            if (key == "Max") slot = &s.max;
            if (slot != nullptr) {
                *slot = non_negative_number(doc_, value, where) * k_ns;
            } else if (key == "N") {
                const std::int64_t n = doc_.integer(value, where);
                if (n < 0) doc_.fail(where, "expected a count of at least 0");
                s.n = static_cast<std::size_t>(n);
            } else if (key == "OriginalValues") {
                append_non_negative_numbers(doc_, value, where, k_ns, s.original_values);
            } else if (key == "Percentiles") {
                for (auto percentile : doc_.object(value, where)) {
                    const std::string_view name = percentile.unescaped_key();
                    if (name == "P90") {
                        s.p90 =
                            non_negative_number(doc_, percentile.value(), where.child(name)) * k_ns;
                    }
                    if (name == "P95") {
                        s.p95 =
                            non_negative_number(doc_, percentile.value(), where.child(name)) * k_ns;
                    }
                }
            }
        }
        return s;
    }

    void read_measurements(od::array measurements, const Path& where, DotNetBenchmark& b) {
        std::size_t i = 0;
        for (auto element : measurements) {
            const Path at = where.child(i++);
            std::string_view mode, stage;
            std::optional<double> operations, nanoseconds;
            for (auto field : doc_.object(element.value(), at)) {
                const std::string_view key = field.unescaped_key();
                if (key == "IterationMode") {
                    mode = doc_.string(field.value(), at.child(key));
                } else if (key == "IterationStage") {
                    stage = doc_.string(field.value(), at.child(key));
                } else if (key == "Operations") {
                    operations = non_negative_number(doc_, field.value(), at.child(key));
                } else if (key == "Nanoseconds") {
                    nanoseconds = non_negative_number(doc_, field.value(), at.child(key));
                }
            }
            if (mode != "Workload" || stage != "Result") continue;
            if (!operations || *operations <= 0) {
                doc_.fail(at.child("Operations"), "expected a positive number of operations");
            }
            if (!nanoseconds) doc_.fail(at.child("Nanoseconds"), "expected the measured time");
            b.results.push_back(*nanoseconds / *operations * k_ns);
        }
    }

    void read_metrics(od::array metrics, const Path& where, DotNetBenchmark& b) {
        std::size_t i = 0;
        for (auto element : metrics) {
            const Path at = where.child(i++);
            Extra extra;
            std::optional<double> value;
            std::string unit;
            for (auto field : doc_.object(element.value(), at)) {
                const std::string_view key = field.unescaped_key();
                if (key == "Value") {
                    value = finite_number(doc_, field.value(), at.child(key));
                } else if (key == "Descriptor") {
                    const Path descriptor_at = at.child(key);
                    for (auto d : doc_.object(field.value(), descriptor_at)) {
                        const std::string_view name = d.unescaped_key();
                        if (name == "Id") {
                            extra.id = doc_.string(d.value(), descriptor_at.child(name));
                        } else if (name == "Unit") {
                            unit = doc_.string(d.value(), descriptor_at.child(name));
                        } else if (name == "TheGreaterTheBetter") {
                            if (doc_.boolean(d.value(), descriptor_at.child(name))) {
                                extra.direction = model::Direction::higher;
                            }
                        }
                    }
                }
            }
            if (extra.id.empty()) {
                doc_.fail(at.child("Descriptor"), "expected the metric's Descriptor.Id");
            }
            if (!value) doc_.fail(at.child("Value"), "expected the metric's Value");
            const auto conversion = canonical_unit(unit);
            extra.unit = conversion ? conversion->unit : unit_as_written(unit);
            extra.value = *value * (conversion ? conversion->scale : 1.0);
            b.metrics.push_back(std::move(extra));
        }
    }

    void read_memory(od::object object, const Path& where, DotNetBenchmark& b) {
        std::optional<double> gen[3], operations, allocated;
        for (auto field : object) {
            const std::string_view key = field.unescaped_key();
            const Path at = where.child(key);
            if (key == "Gen0Collections") gen[0] = non_negative_number(doc_, field.value(), at);
            if (key == "Gen1Collections") gen[1] = non_negative_number(doc_, field.value(), at);
            if (key == "Gen2Collections") gen[2] = non_negative_number(doc_, field.value(), at);
            if (key == "TotalOperations") operations = non_negative_number(doc_, field.value(), at);
            if (key == "BytesAllocatedPerOperation") {
                allocated = non_negative_number(doc_, field.value(), at);
            }
        }
        if (allocated) {
            b.memory.push_back(
                {"Allocated Memory", model::bytes(), model::Direction::lower, *allocated});
        }
        if (operations && *operations > 0) {
            for (int g = 0; g < 3; ++g) {
                if (!gen[g]) continue;
                b.memory.push_back({"Gen" + std::to_string(g) + "Collects", model::count(),
                                    model::Direction::lower, *gen[g] / *operations * 1000.0});
            }
        }
    }

    std::string name_of(const DotNetBenchmark& b, const Path& at, std::string& job) {
        const std::size_t colon = b.display_info.rfind(": ");
        if (colon != std::string::npos) job = b.display_info.substr(colon + 2);
        std::string name = b.full_name;
        if (name.empty()) {
            for (const std::string* part : {&b.name_space, &b.type, &b.method}) {
                if (part->empty()) continue;
                if (!name.empty()) name += '.';
                name += *part;
            }
            if (!b.parameters.empty()) name += "(" + b.parameters + ")";
        }
        if (name.empty()) {
            doc_.fail(at.child("FullName"), "expected the benchmark's FullName or Method");
        }
        if (!job.empty() && job != "DefaultJob") name += " [" + job + "]";
        return name;
    }

    void add(DotNetBenchmark b, const Path& at, std::size_t index) {
        std::string job;
        const std::string name = name_of(b, at, job);
        if (!index_.emplace(name, index).second) {
            doc_.fail(at, "expected each benchmark once, but \"" + name +
                              "\" is also at /Benchmarks/" + std::to_string(index_[name]));
        }
        std::vector<std::pair<std::string, std::string>> labels;
        if (!job.empty()) labels.emplace_back("job", job);
        if (!b.parameters.empty()) labels.emplace_back("parameters", b.parameters);

        model::Metric time;
        time.name = name;
        time.measure = "time";
        time.unit = model::seconds();
        time.direction = model::Direction::lower;
        time.labels = labels;
        if (!b.results.empty()) {
            time.samples = std::move(b.results);
        } else if (b.statistics && !b.statistics->original_values.empty()) {
            time.samples = std::move(b.statistics->original_values);
        } else if (b.statistics && (b.statistics->median || b.statistics->mean)) {
            const Statistics& s = *b.statistics;
            model::Summary summary;
            summary.n = s.n;
            summary.mean = s.mean;
            summary.stddev = s.stddev;
            summary.median = s.median;
            summary.min = s.min;
            summary.max = s.max;
            summary.p90 = s.p90;
            summary.p95 = s.p95;
            time.summary = summary;
            ++summarised_;
        } else if (b.statistics_null) {
            time.status = model::Status::failed;
            time.message = "BenchmarkDotNet wrote no statistics: the benchmark failed";
        } else {
            doc_.fail(at.child("Statistics"), "expected the benchmark's Statistics");
        }
        run_.metrics.push_back(std::move(time));
        if (b.statistics_null) return;
        for (Extra& extra : b.metrics.empty() ? b.memory : b.metrics) {
            model::Metric metric;
            metric.name = name;
            metric.measure = std::move(extra.id);
            metric.unit = std::move(extra.unit);
            metric.direction = extra.direction;
            metric.samples.push_back(extra.value);
            metric.labels = labels;
            run_.metrics.push_back(std::move(metric));
        }
    }

    Document& doc_;
    model::Run& run_;
    util::StringMap<std::size_t> index_;
    std::size_t summarised_ = 0;
};

}  // namespace

model::Run parse_benchmarkdotnet(std::string_view text, const model::Source& source,
                                 const ReadOptions& /*options*/) {
    return read_document<BenchmarkDotNetReader>(text, source);
}

bool looks_like_benchmarkdotnet(std::string_view text) {
    const JsonSniff sniff(text);
    return sniff.starts_with("{") && sniff.has_key("Benchmarks", 1) &&
           (sniff.has_key("HostEnvironmentInfo", 1) || sniff.has_key("Title", 1));
}

}  // namespace caws::ingest
