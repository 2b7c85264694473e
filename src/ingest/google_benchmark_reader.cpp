#include "ingest/google_benchmark_reader.hpp"

#include <cmath>
#include <optional>
#include <string>
#include <unordered_map>
#include <vector>

#include "json/document.hpp"
#include "util/limits.hpp"
#include "util/string_map.hpp"

namespace caws::ingest {
namespace {

using json::Document;
namespace od = simdjson::ondemand;
using json::Path;

// Measures with a known unit and direction besides real_time and cpu_time.
struct KnownCounter {
    std::string_view name;
    model::Dimension dimension;
    const char* symbol;
    model::Direction direction;
};

constexpr KnownCounter k_known_counters[] = {
    {"items_per_second", model::Dimension::rate, "1/s", model::Direction::higher},
    {"bytes_per_second", model::Dimension::byte_rate, "B/s", model::Direction::higher},
    // memory-manager results (benchmark::MemoryManager)
    {"max_bytes_used", model::Dimension::size, "B", model::Direction::lower},
    {"total_allocated_bytes", model::Dimension::size, "B", model::Direction::lower},
    {"net_heap_growth", model::Dimension::size, "B", model::Direction::lower},
    {"allocs_per_iter", model::Dimension::count, "allocs/iter", model::Direction::lower},
};

// Keys of a benchmark row that are not counters.
bool is_standard_key(std::string_view key) {
    static constexpr std::string_view k_keys[] = {"name",
                                                  "family_index",
                                                  "per_family_instance_index",
                                                  "run_name",
                                                  "run_type",
                                                  "repetitions",
                                                  "repetition_index",
                                                  "threads",
                                                  "iterations",
                                                  "real_time",
                                                  "cpu_time",
                                                  "time_unit",
                                                  "aggregate_name",
                                                  "aggregate_unit",
                                                  "error_occurred",
                                                  "error_message",
                                                  "skipped",
                                                  "skip_message",
                                                  "label",
                                                  "big_o",
                                                  "cpu_coefficient",
                                                  "real_coefficient",
                                                  "rms",
                                                  "complexity_n"};
    for (const std::string_view k : k_keys) {
        if (k == key) return true;
    }
    return false;
}

// One row of the "benchmarks" array, as written.
struct Row {
    std::string_view name;
    std::string_view run_name;
    std::string_view run_type;
    std::string_view aggregate_name;
    std::string_view aggregate_unit;
    std::string_view time_unit;
    std::string_view error_message;
    std::string_view skip_message;
    std::string_view label;
    std::optional<double> real_time;
    std::optional<double> cpu_time;
    std::optional<std::int64_t> repetitions;
    std::optional<std::int64_t> repetition_index;
    std::optional<std::int64_t> threads;
    bool error_occurred = false;
    bool skipped = false;
    bool complexity = false;  // a _BigO or _RMS row
    std::vector<std::pair<std::string_view, double>> counters;
};

struct MeasureValues {
    std::string name;
    std::vector<double> samples;
    // aggregate name -> value, from aggregate rows
    std::vector<std::pair<std::string, double>> aggregates;
};

// Everything read about one benchmark (one run_name).
struct Benchmark {
    std::string name;
    std::size_t first_row = 0;
    std::vector<MeasureValues> measures;  // real_time, cpu_time, then counters
    std::vector<std::pair<std::int64_t, std::size_t>> repetition_rows;  // index, row
    std::size_t iteration_rows = 0;
    std::optional<std::int64_t> repetitions;
    model::Status status = model::Status::ok;
    std::string message;
    std::vector<std::pair<std::string, std::string>> labels;

    MeasureValues& measure(std::string_view measure_name) {
        for (auto& m : measures) {
            if (m.name == measure_name) return m;
        }
        measures.push_back(MeasureValues{std::string(measure_name), {}, {}});
        return measures.back();
    }
};

class Reader {
  public:
    Reader(Document& document, model::Run& run) : doc_(document), run_(run) {}

    void read() {
        const Path root;
        bool saw_benchmarks = false;
        for (auto field : doc_.root_object()) {
            const std::string_view key = field.unescaped_key();
            const Path where = root.child(key);
            if (key == "context") {
                read_context(doc_.object(field.value(), where), where);
            } else if (key == "benchmarks") {
                saw_benchmarks = true;
                read_benchmarks(doc_.array(field.value(), where), where);
            }
        }
        if (!saw_benchmarks)
            doc_.fail(root, "expected a \"benchmarks\" array (Google Benchmark JSON)");
        finish();
    }

  private:
    void read_context(od::object context, const Path& where) {
        model::Context& c = run_.context;
        for (auto field : context) {
            const std::string_view key = field.unescaped_key();
            const Path at = where.child(key);
            od::value value = field.value();
            if (key == "host_name") {
                c.host = doc_.string(value, at);
            } else if (key == "executable") {
                c.executable = doc_.string(value, at);
            } else if (key == "date") {
                c.date = doc_.string(value, at);
            } else if (key == "library_build_type") {
                c.build_type = doc_.string(value, at);
            } else if (key == "num_cpus") {
                c.num_cpus = static_cast<int>(doc_.integer(value, at));
            } else if (key == "mhz_per_cpu") {
                c.mhz_per_cpu = doc_.number(value, at);
            } else if (key == "cpu_scaling_enabled") {
                c.cpu_scaling_enabled = doc_.boolean(value, at);
            } else if (key == "load_avg") {
                std::size_t i = 0;
                for (auto element : doc_.array(value, at)) {
                    c.load_avg.push_back(doc_.number(element.value(), at.child(i++)));
                }
            } else if (key == "caches") {
                c.extra.emplace_back("caches", describe_caches(doc_.array(value, at), at));
            } else {
                keep_scalar(c.extra, key, value);
            }
        }
    }

    // "L1 Data 32 KiB (x2), L1 Instruction 32 KiB (x2), ..."
    std::string describe_caches(od::array caches, const Path& where) {
        std::string out;
        std::size_t i = 0;
        for (auto element : caches) {
            const Path at = where.child(i++);
            std::string type;
            std::int64_t level = 0, size = 0, sharing = 0;
            for (auto field : doc_.object(element.value(), at)) {
                const std::string_view key = field.unescaped_key();
                if (key == "type") {
                    type = doc_.string(field.value(), at.child(key));
                } else if (key == "level") {
                    level = doc_.integer(field.value(), at.child(key));
                } else if (key == "size") {
                    size = doc_.integer(field.value(), at.child(key));
                } else if (key == "num_sharing") {
                    sharing = doc_.integer(field.value(), at.child(key));
                }
            }
            if (!out.empty()) out += ", ";
            out += "L" + std::to_string(level) + " " + type + " " + std::to_string(size / 1024) +
                   " KiB (x" + std::to_string(sharing) + ")";
        }
        return out;
    }

    // Keeps a string, number or boolean as text; nested values are not kept.
    static void keep_scalar(std::vector<std::pair<std::string, std::string>>& out,
                            std::string_view key, od::value value) {
        od::json_type type = value.type();
        switch (type) {
            case od::json_type::string:
                out.emplace_back(std::string(key),
                                 std::string(std::string_view(value.get_string())));
                break;
            case od::json_type::number:
            case od::json_type::boolean:
                out.emplace_back(std::string(key), std::string(Document::describe(value)));
                break;
            default:
                break;
        }
    }

    void read_benchmarks(od::array rows, const Path& where) {
        std::size_t index = 0;
        for (auto element : rows) {
            const Path at = where.child(index);
            Row row = read_row(doc_.object(element.value(), at), at);
            add_row(row, index, at);
            ++index;
        }
        if (index == 0) doc_.fail(where, "expected at least one benchmark, got an empty list");
        rows_ = index;
    }

    Row read_row(od::object object, const Path& at) {
        Row row;
        for (auto field : object) {
            const std::string_view key = field.unescaped_key();
            const Path where = at.child(key);
            od::value value = field.value();
            switch (key.empty() ? '\0' : key.front()) {
                case 'n':
                    if (key == "name") {
                        row.name = doc_.string(value, where);
                        continue;
                    }
                    break;
                case 'r':
                    if (key == "run_name") {
                        row.run_name = doc_.string(value, where);
                        continue;
                    } else if (key == "run_type") {
                        row.run_type = doc_.string(value, where);
                        continue;
                    } else if (key == "real_time") {
                        row.real_time = doc_.number(value, where);
                        continue;
                    } else if (key == "repetitions") {
                        row.repetitions = doc_.integer(value, where);
                        continue;
                    } else if (key == "repetition_index") {
                        row.repetition_index = doc_.integer(value, where);
                        continue;
                    } else if (key == "rms" || key == "real_coefficient") {
                        row.complexity = true;
                        continue;
                    }
                    break;
                case 'c':
                    if (key == "cpu_time") {
                        row.cpu_time = doc_.number(value, where);
                        continue;
                    } else if (key == "cpu_coefficient" || key == "complexity_n") {
                        if (key == "cpu_coefficient") row.complexity = true;
                        continue;
                    }
                    break;
                case 't':
                    if (key == "time_unit") {
                        row.time_unit = doc_.string(value, where);
                        continue;
                    } else if (key == "threads") {
                        row.threads = doc_.integer(value, where);
                        continue;
                    }
                    break;
                case 'a':
                    if (key == "aggregate_name") {
                        row.aggregate_name = doc_.string(value, where);
                        continue;
                    } else if (key == "aggregate_unit") {
                        row.aggregate_unit = doc_.string(value, where);
                        continue;
                    }
                    break;
                case 'e':
                    if (key == "error_occurred") {
                        row.error_occurred = doc_.boolean(value, where);
                        continue;
                    } else if (key == "error_message") {
                        row.error_message = doc_.string(value, where);
                        continue;
                    }
                    break;
                case 's':
                    if (key == "skipped") {
                        row.skipped = doc_.boolean(value, where);
                        continue;
                    } else if (key == "skip_message") {
                        row.skip_message = doc_.string(value, where);
                        continue;
                    }
                    break;
                case 'l':
                    if (key == "label") {
                        row.label = doc_.string(value, where);
                        continue;
                    }
                    break;
                case 'b':
                    if (key == "big_o") {
                        row.complexity = true;
                        continue;
                    }
                    break;
                default:
                    break;
            }
            if (is_standard_key(key)) continue;  // family_index, iterations, ...
            // A user counter: kept when it is a number; other values are not counters.
            if (const auto number = doc_.number_if_numeric(value)) {
                row.counters.emplace_back(key, *number);
            }
        }
        if (row.name.empty()) doc_.fail(at.child("name"), "expected the benchmark's name");
        return row;
    }

    Benchmark& benchmark_for(std::string_view name, std::size_t row_index) {
        if (last_ != nullptr && last_->name == name) return *last_;
        const auto found = index_.find(name);
        if (found != index_.end()) {
            last_ = &benchmarks_[found->second];
            return *last_;
        }
        // Each benchmark gives at least one metric: stop reading as soon as a file has more
        // than a run may hold, before a hostile file costs its full size in memory.
        const Path root;
        const Path rows = root.child("benchmarks");
        if (benchmarks_.size() >= util::k_max_metrics) {
            doc_.fail(rows.child(row_index),
                      "expected at most " + std::to_string(util::k_max_metrics) +
                          " metrics in one run; the file has more benchmarks than that");
        }
        if (name.size() > util::k_max_name_bytes) {
            doc_.fail(rows.child(row_index), "expected a benchmark name of at most " +
                                                 std::to_string(util::k_max_name_bytes) +
                                                 " bytes, got " + std::to_string(name.size()) +
                                                 " bytes");
        }
        index_.emplace(std::string(name), benchmarks_.size());
        benchmarks_.push_back(Benchmark{});
        benchmarks_.back().name = std::string(name);
        benchmarks_.back().first_row = row_index;
        // push_back may move every Benchmark: re-take the pointer
        last_ = &benchmarks_.back();
        return *last_;
    }

    double to_seconds(double value, double scale, const Path& where, const char* key) const {
        if (!std::isfinite(value) || value < 0) {
            doc_.fail(where.child(key),
                      "expected a finite, non-negative time, got " + std::to_string(value));
        }
        return value / scale;
    }

    // Units per second: dividing by an exact power of ten rounds correctly (100 ns reads
    // as exactly the double nearest 100e-9), where multiplying by 1e-9 would not.
    double time_scale(const Row& row, const Path& at) const {
        if (row.time_unit.empty()) {
            doc_.fail(at.child("time_unit"), "expected a time unit (ns, us, ms or s)");
        }
        if (row.time_unit == "ns") return 1e9;
        if (row.time_unit == "us") return 1e6;
        if (row.time_unit == "ms") return 1e3;
        if (row.time_unit == "s") return 1.0;
        doc_.fail(at.child("time_unit"), "expected a time unit (ns, us, ms or s), got \"" +
                                             std::string(row.time_unit) + "\"");
    }

    void add_row(const Row& row, std::size_t index, const Path& at) {
        const bool is_aggregate = row.run_type == "aggregate";
        if (!row.run_type.empty() && !is_aggregate && row.run_type != "iteration") {
            doc_.fail(at.child("run_type"), "expected \"iteration\" or \"aggregate\", got \"" +
                                                std::string(row.run_type) + "\"");
        }
        if (row.complexity || row.aggregate_name == "BigO" || row.aggregate_name == "RMS" ||
            (row.run_type.empty() && (row.name.ends_with("_BigO") || row.name.ends_with("_RMS")))) {
            ++complexity_rows_;
            return;
        }
        const std::string_view name = row.run_name.empty() ? row.name : row.run_name;
        if (is_aggregate) {
            add_aggregate(row, name, index, at);
        } else {
            add_iteration(row, name, index, at);
        }
    }

    void add_iteration(const Row& row, std::string_view name, std::size_t index, const Path& at) {
        Benchmark& bench = benchmark_for(name, index);
        if (row.repetition_index) {
            for (const auto& [seen, seen_row] : bench.repetition_rows) {
                if (seen == *row.repetition_index) {
                    doc_.fail(at.child("repetition_index"),
                              "expected each repetition once, but repetition " +
                                  std::to_string(seen) + " of \"" + std::string(name) +
                                  "\" is also at /benchmarks/" + std::to_string(seen_row));
                }
            }
            bench.repetition_rows.emplace_back(*row.repetition_index, index);
        }
        ++bench.iteration_rows;
        if (bench.labels.empty()) {
            if (row.threads) bench.labels.emplace_back("threads", std::to_string(*row.threads));
            if (!row.label.empty()) bench.labels.emplace_back("label", std::string(row.label));
        }
        if (row.error_occurred) {
            if (bench.status != model::Status::failed) {
                bench.status = model::Status::failed;
                bench.message = std::string(row.error_message);
            }
            return;
        }
        if (row.skipped) {
            if (bench.status == model::Status::ok) {
                bench.status = model::Status::skipped;
                bench.message = std::string(row.skip_message);
            }
            return;
        }
        if (!row.real_time)
            doc_.fail(at.child("real_time"), "expected a number (the measured time)");
        if (!row.cpu_time) doc_.fail(at.child("cpu_time"), "expected a number (the measured time)");
        const double scale = time_scale(row, at);
        bench.measure("real_time")
            .samples.push_back(to_seconds(*row.real_time, scale, at, "real_time"));
        bench.measure("cpu_time")
            .samples.push_back(to_seconds(*row.cpu_time, scale, at, "cpu_time"));
        for (const auto& [counter, value] : row.counters) {
            if (!std::isfinite(value)) {
                ++non_finite_counters_;
                continue;
            }
            bench.measure(counter).samples.push_back(value);
        }
    }

    void add_aggregate(const Row& row, std::string_view name, std::size_t index, const Path& at) {
        std::string_view aggregate = row.aggregate_name;
        std::string_view base = name;
        if (aggregate.empty()) {
            // Older files: the statistic is only in the name ("BM_x_mean").
            for (const std::string_view suffix : {"_mean", "_median", "_stddev", "_cv"}) {
                if (row.name.ends_with(suffix)) {
                    aggregate = suffix.substr(1);
                    if (row.run_name.empty())
                        base = row.name.substr(0, row.name.size() - suffix.size());
                }
            }
        }
        if (aggregate.empty()) {
            ++unnamed_aggregates_;
            return;
        }
        if (row.aggregate_unit == "percentage" || aggregate == "cv") return;  // derived
        if (aggregate != "mean" && aggregate != "median" && aggregate != "stddev") {
            ignored_statistics_.emplace_back(aggregate);
            return;
        }
        Benchmark& bench = benchmark_for(base, index);
        if (row.repetitions) bench.repetitions = row.repetitions;
        if (row.error_occurred || row.skipped) return;
        if (!row.real_time || !row.cpu_time) return;
        const double scale = time_scale(row, at);
        const std::string key(aggregate);
        bench.measure("real_time")
            .aggregates.emplace_back(key, to_seconds(*row.real_time, scale, at, "real_time"));
        bench.measure("cpu_time")
            .aggregates.emplace_back(key, to_seconds(*row.cpu_time, scale, at, "cpu_time"));
        for (const auto& [counter, value] : row.counters) {
            if (std::isfinite(value)) bench.measure(counter).aggregates.emplace_back(key, value);
        }
    }

    static void set_unit(model::Metric& metric) {
        if (metric.measure == "real_time" || metric.measure == "cpu_time") {
            metric.unit = model::seconds();
            metric.direction = model::Direction::lower;
            return;
        }
        for (const auto& known : k_known_counters) {
            if (known.name == metric.measure) {
                metric.unit = model::Unit{known.dimension, known.symbol};
                metric.direction = known.direction;
                return;
            }
        }
        metric.unit = model::count();
        metric.direction = model::Direction::unknown;
    }

    void finish() {
        std::size_t summarised = 0;
        for (Benchmark& bench : benchmarks_) {
            if (bench.status != model::Status::ok) {
                // A failed or skipped benchmark has no measurements: it stands for its
                // time measures, so that each compares as failed or skipped.
                for (const char* measure : {"real_time", "cpu_time"}) {
                    model::Metric metric;
                    metric.name = bench.name;
                    metric.measure = measure;
                    set_unit(metric);
                    metric.status = bench.status;
                    metric.message = bench.message;
                    metric.labels = bench.labels;
                    run_.metrics.push_back(std::move(metric));
                }
                continue;
            }
            const bool has_samples = bench.iteration_rows > 0;
            if (!has_samples) ++summarised;
            for (MeasureValues& values : bench.measures) {
                model::Metric metric;
                metric.name = bench.name;
                metric.measure = values.name;
                set_unit(metric);
                metric.labels = bench.labels;
                if (has_samples) {
                    if (values.samples.empty()) continue;  // a counter only in aggregates
                    metric.samples = std::move(values.samples);
                } else {
                    if (values.aggregates.empty()) continue;
                    model::Summary summary;
                    summary.n = bench.repetitions && *bench.repetitions > 0
                                    ? static_cast<std::size_t>(*bench.repetitions)
                                    : 0;
                    for (const auto& [aggregate, value] : values.aggregates) {
                        if (aggregate == "mean") summary.mean = value;
                        if (aggregate == "median") summary.median = value;
                        if (aggregate == "stddev") summary.stddev = value;
                    }
                    metric.summary = summary;
                }
                run_.metrics.push_back(std::move(metric));
            }
        }
        if (complexity_rows_ > 0) {
            run_.notes.push_back(std::to_string(complexity_rows_) +
                                 " complexity row(s) (_BigO, _RMS) ignored");
        }
        if (summarised > 0) {
            run_.notes.push_back(std::to_string(summarised) +
                                 " benchmark(s) read from aggregates only (mean, median, "
                                 "stddev), without individual repetitions");
        }
        if (unnamed_aggregates_ > 0) {
            run_.notes.push_back(std::to_string(unnamed_aggregates_) +
                                 " aggregate row(s) without aggregate_name ignored");
        }
        if (!ignored_statistics_.empty()) {
            run_.notes.push_back(std::to_string(ignored_statistics_.size()) +
                                 " user-defined aggregate row(s) ignored (first: \"" +
                                 ignored_statistics_.front() + "\")");
        }
        if (non_finite_counters_ > 0) {
            run_.notes.push_back(std::to_string(non_finite_counters_) +
                                 " non-finite counter value(s) ignored");
        }
        if (run_.metrics.empty()) {
            const Path root;
            doc_.fail(root.child("benchmarks"),
                      "expected at least one benchmark result, but all " + std::to_string(rows_) +
                          " row(s) were complexity or unsupported aggregate rows");
        }
    }

    Document& doc_;
    model::Run& run_;
    std::vector<Benchmark> benchmarks_;
    util::StringMap<std::size_t> index_;
    Benchmark* last_ = nullptr;
    std::size_t rows_ = 0;
    std::size_t complexity_rows_ = 0;
    std::size_t unnamed_aggregates_ = 0;
    std::size_t non_finite_counters_ = 0;
    std::vector<std::string> ignored_statistics_;
};

}  // namespace

model::Run parse_google_benchmark(std::string_view text, const model::Source& source,
                                  const ReadOptions& /*options*/) {
    Document document(source.path, text);
    model::Run run;
    run.sources.push_back(source);
    json::read_guarded(document, Path(), [&] { Reader(document, run).read(); });
    return run;
}

bool looks_like_google_benchmark(std::string_view text) {
    const std::string_view head = text.substr(0, 1 << 16);
    return head.find("\"benchmarks\"") != std::string_view::npos &&
           (head.find("\"context\"") != std::string_view::npos ||
            head.find("\"time_unit\"") != std::string_view::npos ||
            head.find("\"real_time\"") != std::string_view::npos);
}

}  // namespace caws::ingest
