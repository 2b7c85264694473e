#include "ingest/google_benchmark_reader.hpp"

#include <algorithm>
#include <cmath>
#include <cstring>
#include <optional>
#include <string>
#include <unordered_map>
#include <vector>

#include "ingest/google_benchmark_row.hpp"
#include "json/document.hpp"
#include "json/fast_reader.hpp"
#include "json/member_array.hpp"
#include "util/error.hpp"
#include "util/limits.hpp"
#include "util/string_map.hpp"

namespace caws::ingest {
namespace {

using json::Document;
namespace od = simdjson::ondemand;
using Row = GoogleBenchmarkRow;
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

// Benchmarks needed before registration order says the repetitions ran back to back: an
// interleaved run of k benchmarks keeps that order by chance once in k! runs (1 in 24
// for 4).
constexpr std::size_t k_benchmarks_to_tell_order = 4;

struct MeasureValues {
    std::string name;
    std::vector<double> samples;
    // aggregate name -> value, from aggregate rows
    std::vector<std::pair<std::string, double>> aggregates;
};

// Everything read about one benchmark (one run_name).
struct GbenchBenchmark {
    std::string name;
    std::size_t first_row = 0;
    std::vector<MeasureValues> measures;  // real_time, cpu_time, then counters
    std::vector<std::pair<std::int64_t, std::size_t>> repetition_rows;  // index, row
    std::size_t iteration_rows = 0;
    std::optional<std::int64_t> repetitions;
    // (family_index, per_family_instance_index) of its first row, when written.
    std::optional<std::pair<std::int64_t, std::int64_t>> registration;
    model::Status status = model::Status::ok;
    std::string message;
    std::vector<std::pair<std::string, std::string>> labels;

    MeasureValues& measure(std::string_view measure_name) {
        for (auto& m : measures) {
            if (m.name == measure_name) return m;
        }
        measures.push_back(MeasureValues{std::string(measure_name), {}, {}});
        // Room for the repetitions the rows announce (bounded: the count is the file's word).
        if (repetitions && *repetitions > 0) {
            measures.back().samples.reserve(
                static_cast<std::size_t>(std::min<std::int64_t>(*repetitions, 1024)));
        }
        return measures.back();
    }
};

class GoogleBenchmarkReader {
  public:
    GoogleBenchmarkReader(Document& document, model::Run& run) : doc_(&document), run_(run) {}

    // Whether the error thrown was a limit on what a run may hold: the reading stopped
    // there on purpose, before a hostile file cost its size in memory.
    bool stopped_at_limit() const { return stopped_at_limit_; }

    // Row by row: each row of the "benchmarks" array in turn, read with the accessors of
    // the Document given to the constructor, then read_rest with the rest of the text.
    void read_split_row(od::object object, std::size_t index) {
        const Path root;
        const Path rows = root.child("benchmarks");
        const Path at = rows.child(index);
        add_row(read_google_benchmark_row(*doc_, object, at), index, at);
        rows_ = index + 1;
    }

    // The text without the rows read_split_row read: its "benchmarks" array must be empty,
    // else json::NotFast (a second "benchmarks" member with rows, say).
    void read_rest(Document& rest) {
        doc_ = &rest;
        split_ = true;
        read();
    }

    void read() {
        const Path root;
        bool saw_benchmarks = false;
        for (auto field : doc_->root_object()) {
            const std::string_view key = json::key(field);
            const Path where = root.child(key);
            if (key == "context") {
                read_google_benchmark_context(*doc_, doc_->object(field.value(), where), where,
                                              run_.context);
            } else if (key == "benchmarks") {
                saw_benchmarks = true;
                read_benchmarks(doc_->array(field.value(), where), where);
            }
        }
        if (!saw_benchmarks)
            doc_->fail(root, "expected a \"benchmarks\" array (Google Benchmark JSON)");
        finish();
    }

  private:
    void read_benchmarks(od::array rows, const Path& where) {
        if (split_) {
            for (auto element : rows) {
                (void)element;
                throw json::NotFast{};
            }
            if (split_rows_taken_ || rows_ == 0) throw json::NotFast{};
            split_rows_taken_ = true;
            return;
        }
        std::size_t index = 0;
        for (auto element : rows) {
            const Path at = where.child(index);
            const Row row = read_google_benchmark_row(*doc_, doc_->object(element.value(), at), at);
            add_row(row, index, at);
            ++index;
        }
        if (index == 0) doc_->fail(where, "expected at least one benchmark, got an empty list");
        rows_ = index;
    }

    GbenchBenchmark& benchmark_for(std::string_view name, std::size_t row_index) {
        if (last_ != nullptr && last_->name == name) return *last_;
        const auto found = index_.find(name);
        if (found != index_.end()) {
            // Google Benchmark writes a benchmark's rows together: rows that come back to
            // an earlier benchmark were written as its repetitions ran, interleaved.
            revisited_ = true;
            last_ = &benchmarks_[found->second];
            return *last_;
        }
        // Each benchmark gives at least one metric: stop reading as soon as a file has more
        // than a run may hold, before a hostile file costs its full size in memory.
        const Path root;
        const Path rows = root.child("benchmarks");
        if (benchmarks_.size() >= util::k_max_metrics) {
            stopped_at_limit_ = true;
            doc_->fail(rows.child(row_index),
                       "expected at most " + std::to_string(util::k_max_metrics) +
                           " metrics in one run; the file has more benchmarks than that");
        }
        if (name.size() > util::k_max_name_bytes) {
            stopped_at_limit_ = true;
            doc_->fail(rows.child(row_index), "expected a benchmark name of at most " +
                                                  std::to_string(util::k_max_name_bytes) +
                                                  " bytes, got " + std::to_string(name.size()) +
                                                  " bytes");
        }
        index_.emplace(std::string(name), benchmarks_.size());
        benchmarks_.push_back(GbenchBenchmark{});
        benchmarks_.back().name = std::string(name);
        benchmarks_.back().first_row = row_index;
        // push_back may move every GbenchBenchmark: re-take the pointer
        last_ = &benchmarks_.back();
        return *last_;
    }

    double to_seconds(double value, double scale, const Path& where, const char* key) const {
        if (!std::isfinite(value) || value < 0) {
            doc_->fail(where.child(key),
                       "expected a finite, non-negative time, got " + std::to_string(value));
        }
        return value / scale;
    }

    // Units per second: dividing by an exact power of ten rounds correctly (100 ns reads
    // as exactly the double nearest 100e-9), where multiplying by 1e-9 would not.
    double time_scale(const Row& row, const Path& at) const {
        if (row.time_unit.empty()) {
            doc_->fail(at.child("time_unit"), "expected a time unit (ns, us, ms or s)");
        }
        if (row.time_unit == "ns") return 1e9;
        if (row.time_unit == "us") return 1e6;
        if (row.time_unit == "ms") return 1e3;
        if (row.time_unit == "s") return 1.0;
        doc_->fail(at.child("time_unit"), "expected a time unit (ns, us, ms or s), got \"" +
                                              std::string(row.time_unit) + "\"");
    }

    void add_row(const Row& row, std::size_t index, const Path& at) {
        const bool is_aggregate = row.run_type == "aggregate";
        if (!row.run_type.empty() && !is_aggregate && row.run_type != "iteration") {
            doc_->fail(at.child("run_type"), "expected \"iteration\" or \"aggregate\", got \"" +
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
        if (row.family_index && last_ != nullptr && !last_->registration) {
            last_->registration.emplace(*row.family_index,
                                        row.per_family_instance_index.value_or(0));
        }
    }

    void add_iteration(const Row& row, std::string_view name, std::size_t index, const Path& at) {
        GbenchBenchmark& bench = benchmark_for(name, index);
        if (row.repetition_index) {
            for (const auto& [seen, seen_row] : bench.repetition_rows) {
                if (seen == *row.repetition_index) {
                    doc_->fail(at.child("repetition_index"),
                               "expected each repetition once, but repetition " +
                                   std::to_string(seen) + " of \"" + std::string(name) +
                                   "\" is also at /benchmarks/" + std::to_string(seen_row));
                }
            }
            bench.repetition_rows.emplace_back(*row.repetition_index, index);
        }
        ++bench.iteration_rows;
        if (row.repetitions) bench.repetitions = row.repetitions;
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
            doc_->fail(at.child("real_time"), "expected a number (the measured time)");
        if (!row.cpu_time)
            doc_->fail(at.child("cpu_time"), "expected a number (the measured time)");
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
        GbenchBenchmark& bench = benchmark_for(base, index);
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

    // What the order of the benchmarks says about their repetitions. Google Benchmark
    // writes a benchmark's rows together once its last repetition ran: with random
    // interleaving the benchmarks come out in a shuffled order, without it in the order
    // they were registered. family_index came with random interleaving as it is today:
    // a file without it ran its repetitions back to back.
    model::RepetitionOrder repetition_order() const {
        bool repeated = false;
        std::size_t registered = 0;
        for (const GbenchBenchmark& bench : benchmarks_) {
            const auto rows = static_cast<std::int64_t>(bench.iteration_rows);
            repeated |= std::max(rows, bench.repetitions.value_or(0)) > 1;
            if (bench.registration) ++registered;
        }
        if (!repeated) return model::RepetitionOrder::single;
        if (revisited_) return model::RepetitionOrder::interleaved;
        if (registered == 0) return model::RepetitionOrder::back_to_back;
        if (registered < benchmarks_.size()) return model::RepetitionOrder::undetermined;
        for (std::size_t i = 1; i < benchmarks_.size(); ++i) {
            if (*benchmarks_[i].registration < *benchmarks_[i - 1].registration) {
                return model::RepetitionOrder::interleaved;
            }
        }
        return benchmarks_.size() >= k_benchmarks_to_tell_order
                   ? model::RepetitionOrder::back_to_back
                   : model::RepetitionOrder::undetermined;
    }

    void finish() {
        if (!benchmarks_.empty()) run_.context.repetitions = repetition_order();
        run_.metrics.reserve(run_.metrics.size() + 2 * benchmarks_.size());  // two times each
        std::size_t summarised = 0;
        for (GbenchBenchmark& bench : benchmarks_) {
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
                // The benchmark's name and labels are copied into each of its metrics but
                // the last, which takes them: nothing reads the benchmark after.
                const bool last = &values == &bench.measures.back();
                model::Metric metric;
                metric.name = last ? std::move(bench.name) : bench.name;
                metric.measure = std::move(values.name);
                set_unit(metric);
                metric.labels = last ? std::move(bench.labels) : bench.labels;
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
            doc_->fail(root.child("benchmarks"),
                       "expected at least one benchmark result, but all " + std::to_string(rows_) +
                           " row(s) were complexity or unsupported aggregate rows");
        }
    }

    Document* doc_;
    model::Run& run_;
    bool split_ = false;             // the rows were read one by one, before the rest
    bool split_rows_taken_ = false;  // the rest's "benchmarks" stood for them
    bool stopped_at_limit_ = false;
    std::vector<GbenchBenchmark> benchmarks_;
    util::StringMap<std::size_t> index_;
    GbenchBenchmark* last_ = nullptr;
    bool revisited_ = false;  // a row came back to a benchmark left earlier
    std::size_t rows_ = 0;
    std::size_t complexity_rows_ = 0;
    std::size_t unnamed_aggregates_ = 0;
    std::size_t non_finite_counters_ = 0;
    std::vector<std::string> ignored_statistics_;
};

// Parses the rows of a text one at a time with one parser: in place when padding's worth
// of the text follows the row, else from a copy. Drops the pages of a mapped file it has
// read past (json::release_read), so that a large file is not resident whole.
class RowParser {
  public:
    explicit RowParser(std::string_view text)
        : text_(text), padded_(json::is_borrowed_padded(text)) {}

    od::document parse(std::size_t offset, std::size_t length) {
        const char* begin = text_.data() + offset;
        // simdjson alone cannot read NaN tokens: Document's reading of the whole text can.
        // A NUL byte is for check_text_encoding to locate (simdjson checks the UTF-8).
        if (json::may_have_special_tokens({begin, length}) ||
            std::memchr(begin, '\0', length) != nullptr) {
            throw json::NotFast{};
        }
        std::size_t room = text_.size() - offset;
        if (padded_) room += simdjson::SIMDJSON_PADDING;
        simdjson::padded_string_view view(begin, length, room);
        if (room < length + simdjson::SIMDJSON_PADDING) {
            copy_.assign(begin, length);
            copy_.append(simdjson::SIMDJSON_PADDING, ' ');
            view = simdjson::padded_string_view(copy_.data(), length, copy_.size());
        }
        if (offset >= released_ + k_release_every) released_ = json::release_read(text_, offset);
        return parser_.iterate(view).value();
    }

  private:
    static constexpr std::size_t k_release_every = 8u << 20;
    std::string_view text_;
    bool padded_;
    std::size_t released_ = 0;
    od::parser parser_;
    std::string copy_;
};

}  // namespace

model::Run parse_google_benchmark(std::string_view text, const model::Source& source,
                                  const ReadOptions& /*options*/) {
    if (std::optional<model::Run> run = parse_google_benchmark_rows(text, source)) {
        return std::move(*run);
    }
    return parse_google_benchmark_whole(text, source);
}

// The rows parsed one by one as the scan finds them, then the rest of the file. A limit
// reached (too many benchmarks, too long a name) is the error as it stands: reading the
// whole text again is what the limit is there to avoid.
std::optional<model::Run> parse_google_benchmark_rows(std::string_view text,
                                                      const model::Source& source) {
    model::Run run;
    run.sources.push_back(source);
    // The rows' values are read with a Document's accessors; its own text is never parsed
    // (an error in a row reads the whole text again, which says where it is).
    Document accessors(source.path, std::string_view("{}"));
    GoogleBenchmarkReader reader(accessors, run);
    try {
        RowParser rows(text);
        std::size_t index = 0;
        const json::ElementVisitor each = [&](std::size_t offset, std::size_t length) {
            od::document row = rows.parse(offset, length);
            reader.read_split_row(row.get_object().value(), index++);
        };
        const std::optional<json::MemberArray> array =
            json::find_member_array(text, "benchmarks", &each);
        if (!array || index == 0) return std::nullopt;
        const std::string rest_text = array->rest(text);
        if (rest_text.find('\0') != std::string::npos) return std::nullopt;
        Document rest(source.path, rest_text);
        reader.read_rest(rest);
        return run;
    } catch (const util::Error&) {
        if (reader.stopped_at_limit()) throw;
    } catch (const json::NotFast&) {
    } catch (const simdjson::simdjson_error&) {
    }
    return std::nullopt;
}

model::Run parse_google_benchmark_whole(std::string_view text, const model::Source& source) {
    Document document(source.path, text);
    model::Run run;
    run.sources.push_back(source);
    json::read_guarded(document, Path(), [&] { GoogleBenchmarkReader(document, run).read(); });
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
