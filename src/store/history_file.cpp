#include "store/history_file.hpp"

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <cstring>
#include <iterator>
#include <span>
#include <thread>
#include <unordered_map>
#include <utility>

#include <fcntl.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include "json/document.hpp"
#include "json/writer.hpp"
#include "stats/descriptive.hpp"
#include "store/baseline_file.hpp"
#include "util/environment.hpp"
#include "util/error.hpp"
#include "util/file_io.hpp"

namespace caws::store {
namespace {

using json::Document;
using json::Path;
namespace od = simdjson::ondemand;

HistoryMetric summarize_metric(const model::Metric& metric) {
    HistoryMetric out;
    out.name = metric.name;
    out.measure = metric.measure;
    out.unit = metric.unit.symbol;
    out.direction = metric.direction;
    if (!metric.samples.empty()) {
        std::vector<double> sorted = metric.samples;
        std::sort(sorted.begin(), sorted.end());
        out.n = sorted.size();
        out.median = stats::quantile_sorted(sorted, 0.5);
        out.p95 = stats::quantile_sorted(sorted, 0.95);
        out.mean = stats::mean(sorted);
        if (sorted.size() >= 2) out.stddev = stats::sample_stddev(sorted);
        out.min = sorted.front();
        out.max = sorted.back();
    } else if (metric.summary) {
        const model::Summary& s = *metric.summary;
        out.n = s.n;
        out.median = s.median;
        out.mean = s.mean;
        out.stddev = s.stddev;
        out.min = s.min;
        out.max = s.max;
        out.p95 = s.p95;
    }
    return out;
}

class HistoryLineReader {
  public:
    HistoryLineReader(Document& document, std::size_t expected_metrics) : doc_(document) {
        entry_.metrics.reserve(expected_metrics);
    }

    HistoryEntry read() {
        const Path root;
        bool saw_schema = false, saw_date = false, saw_metrics = false;
        for (auto field : doc_.root_object()) {
            const std::string_view key = field.unescaped_key();
            const Path where = root.child(key);
            od::value value = field.value();
            if (key == "schema") {
                check_schema(doc_.string(value, where), where);
                saw_schema = true;
            } else if (key == "date") {
                entry_.date = doc_.string(value, where);
                if (!util::parse_date(entry_.date)) {
                    doc_.fail(where, "expected a date such as \"2026-11-23T03:12:00Z\", got \"" +
                                         entry_.date + "\"");
                }
                saw_date = true;
            } else if (key == "commit") {
                entry_.commit = doc_.string(value, where);
            } else if (key == "branch") {
                entry_.branch = doc_.string(value, where);
            } else if (key == "host") {
                entry_.host = doc_.string(value, where);
            } else if (key == "metrics") {
                read_metrics(doc_.array(value, where), where);
                saw_metrics = true;
            }
        }
        if (!saw_schema) {
            doc_.fail(root.child("schema"), std::string("expected \"schema\": \"") +
                                                k_history_schema +
                                                "\" (is this a caws-gate history file?)");
        }
        if (!saw_date) doc_.fail(root.child("date"), "expected the run's \"date\"");
        if (!saw_metrics) doc_.fail(root.child("metrics"), "expected the \"metrics\" array");
        return std::move(entry_);
    }

  private:
    void check_schema(std::string_view schema, const Path& where) {
        if (schema == k_history_schema) return;
        if (schema.rfind("caws-gate/history@", 0) == 0) {
            doc_.fail(where, "this history has schema \"" + std::string(schema) +
                                 "\"; this caws-gate reads \"" + k_history_schema + "\"");
        }
        doc_.fail(where, std::string("expected \"") + k_history_schema + "\", got \"" +
                             std::string(schema) + "\"");
    }

    void read_metrics(od::array array, const Path& where) {
        std::size_t i = 0;
        for (auto element : array) {
            const Path at = where.child(i++);
            entry_.metrics.push_back(read_metric(doc_.object(element.value(), at), at));
        }
    }

    // Fast paths for well-formed values; the Document's accessors say what is wrong.
    std::string_view string_of(od::value value, const Path& where) const {
        std::string_view text;
        if (value.get_string().get(text) == simdjson::SUCCESS) return text;
        return doc_.string(value, where);
    }

    std::optional<double> number_of(od::value value, const Path& where) const {
        double number = 0;
        if (value.get_double().get(number) == simdjson::SUCCESS) return number;
        const std::optional<double> slow = doc_.number_or_null(value, where);
        if (slow && !std::isfinite(*slow)) doc_.fail(where, "expected a finite number");
        return slow;
    }

    HistoryMetric read_metric(od::object object, const Path& at) {
        static constexpr std::string_view k_keys[] = {"name", "measure", "unit", "direction",
                                                      "n",    "median",  "mean", "stddev",
                                                      "min",  "max",     "p95"};
        HistoryMetric metric;
        bool seen[5] = {false, false, false, false, false};
        for (auto field : object) {
            const od::raw_json_string raw = field.key();
            std::size_t id = 0;
            while (id < std::size(k_keys) && !(raw == k_keys[id])) ++id;
            if (id == std::size(k_keys)) continue;  // keys added later are ignored
            const Path where = at.child(k_keys[id]);
            od::value value = field.value();
            if (id < 5) seen[id] = true;
            switch (id) {
                case 0:
                    metric.name = string_of(value, where);
                    break;
                case 1:
                    metric.measure = string_of(value, where);
                    break;
                case 2:
                    metric.unit = string_of(value, where);
                    break;
                case 3: {
                    const std::string_view text = string_of(value, where);
                    const auto direction = model::direction_from_string(text);
                    if (!direction) {
                        doc_.fail(where, "expected \"lower\", \"higher\" or \"unknown\", got \"" +
                                             std::string(text) + "\"");
                    }
                    metric.direction = *direction;
                    break;
                }
                case 4: {
                    std::uint64_t n = 0;
                    if (value.get_uint64().get(n) != simdjson::SUCCESS) {
                        const std::int64_t signed_n = doc_.integer(value, where);
                        if (signed_n < 0) doc_.fail(where, "expected a count of at least 0");
                        n = static_cast<std::uint64_t>(signed_n);
                    }
                    metric.n = static_cast<std::size_t>(n);
                    break;
                }
                case 5:
                    metric.median = number_of(value, where);
                    break;
                case 6:
                    metric.mean = number_of(value, where);
                    break;
                case 7:
                    metric.stddev = number_of(value, where);
                    break;
                case 8:
                    metric.min = number_of(value, where);
                    break;
                case 9:
                    metric.max = number_of(value, where);
                    break;
                default:
                    metric.p95 = number_of(value, where);
                    break;
            }
        }
        for (std::size_t id = 0; id < 5; ++id) {
            if (!seen[id]) {
                doc_.fail(at.child(k_keys[id]),
                          "expected the metric's \"" + std::string(k_keys[id]) + "\"");
            }
        }
        return metric;
    }

    Document& doc_;
    HistoryEntry entry_;
};

// The key of a metric in a table's index: the name's length first, so that no name and
// measure can make the key of another pair (names may hold any character).
void metric_key(std::string& key, std::string_view name, std::string_view measure) {
    key.assign(std::to_string(name.size()));
    key += ':';
    key += name;
    key += measure;
}

// One metric of a line as the fast reader found it; the strings are in its parser's
// buffer, valid until the next line.
struct MetricView {
    std::string_view name, measure, unit;
    model::Direction direction = model::Direction::unknown;
    std::size_t n = 0;
    std::optional<double> median, mean, stddev, min, max, p95;
};

// Where the lines of a history go. A line is begun, its metrics added, and it is then
// committed, or rolled back when the fast reader gives up on it.
//
// EntrySink keeps every line as a HistoryEntry.
class EntrySink {
  public:
    HistoryRun& begin() {
        HistoryEntry& entry = entries_.emplace_back();
        entry.metrics.reserve(expected_);
        return entry;
    }
    void add(const MetricView& view) {
        HistoryMetric& metric = entries_.back().metrics.emplace_back();
        metric.name = view.name;
        metric.measure = view.measure;
        metric.unit = view.unit;
        metric.direction = view.direction;
        metric.n = view.n;
        metric.median = view.median;
        metric.mean = view.mean;
        metric.stddev = view.stddev;
        metric.min = view.min;
        metric.max = view.max;
        metric.p95 = view.p95;
    }
    void add(HistoryEntry&& entry) {
        entries_.push_back(std::move(entry));
        commit();
    }
    void commit() { expected_ = entries_.back().metrics.size(); }
    void rollback() { entries_.pop_back(); }
    // Metrics of the last line: about as many as the next one has.
    std::size_t expected() const { return expected_; }
    std::vector<HistoryEntry> take() && { return std::move(entries_); }

  private:
    std::vector<HistoryEntry> entries_;
    std::size_t expected_ = 0;
};

// TableBuilder keeps the runs and, per metric, the value a trend reads.
class TableBuilder {
  public:
    HistoryRun& begin() {
        current_.clear();
        return table_.runs.emplace_back();
    }
    void add(const MetricView& view) {
        add(view.name, view.measure, view.unit, view.direction, view.median, view.mean);
    }
    void add(HistoryEntry&& entry) { add(std::as_const(entry)); }
    void add(const HistoryEntry& entry) {
        begin() = static_cast<const HistoryRun&>(entry);
        for (const HistoryMetric& m : entry.metrics) {
            add(m.name, m.measure, m.unit, m.direction, m.median, m.mean);
        }
        commit();
    }
    void commit() { previous_.swap(current_); }
    void rollback() {
        for (const std::size_t i : current_) {
            if (i == k_none) continue;
            table_.metrics[i].values.pop_back();
            table_.metrics[i].runs.pop_back();
        }
        current_.clear();
        table_.runs.pop_back();
    }
    std::size_t expected() const { return previous_.size(); }
    // The table, without the metrics whose every value was rolled back.
    HistoryTable take() && {
        std::erase_if(table_.metrics, [](const HistoryValues& m) { return m.values.empty(); });
        return std::move(table_);
    }

  private:
    static constexpr std::size_t k_none = static_cast<std::size_t>(-1);

    void add(std::string_view name, std::string_view measure, std::string_view unit,
             model::Direction direction, const std::optional<double>& median,
             const std::optional<double>& mean) {
        const std::size_t k = current_.size();
        const std::optional<double>& value = median ? median : mean;
        if (!value) {
            current_.push_back(k_none);
            return;
        }
        // Runs of a suite list their metrics in about the same order: the metric at the
        // same position in the previous line is tried before the hash map.
        std::size_t i = k_none;
        if (k < previous_.size() && previous_[k] != k_none &&
            table_.metrics[previous_[k]].name == name &&
            table_.metrics[previous_[k]].measure == measure) {
            i = previous_[k];
        } else {
            metric_key(key_, name, measure);
            const auto [it, added] = index_.try_emplace(key_, table_.metrics.size());
            if (added) {
                HistoryValues& created = table_.metrics.emplace_back();
                created.name = name;
                created.measure = measure;
            }
            i = it->second;
        }
        current_.push_back(i);
        HistoryValues& metric = table_.metrics[i];
        if (metric.unit != unit) metric.unit = unit;
        metric.direction = direction;
        metric.runs.push_back(static_cast<std::uint32_t>(table_.runs.size() - 1));
        metric.values.push_back(*value);
        (median ? metric.has_median : metric.has_mean) = true;
    }

    HistoryTable table_;
    std::unordered_map<std::string, std::size_t> index_;
    std::string key_;
    std::vector<std::size_t> previous_;  // metric of each position of the previous line
    std::vector<std::size_t> current_;   // ... and of this line; k_none without a value
};

// The common case of a well-formed line, read without a json::Document: one simdjson
// parser and one padded buffer per thread, reused for every line (a Document copies the
// line, scans it for NaN tokens and allocates a parser of the line's size, which for
// lines of megabytes costs more than the parse). Stricter than HistoryLineReader: at
// anything unusual (a syntax error, a wrong type, a bad date, a repeated "metrics" key)
// it gives up, the sink forgets the line, and the line is read again by
// HistoryLineReader, which accepts it the same way or says what is wrong.
class FastLineReader {
  public:
    template <class Sink>
    bool read(std::string_view line, Sink& sink) {
        const std::size_t needed = line.size() + simdjson::SIMDJSON_PADDING;
        if (buffer_.size() < needed) buffer_.resize(needed + needed / 4);
        std::memcpy(buffer_.data(), line.data(), line.size());
        od::document document;
        if (parser_.iterate(buffer_.data(), line.size(), buffer_.size()).get(document)) {
            return false;
        }
        od::object root;
        if (document.get_object().get(root)) return false;
        HistoryRun& run = sink.begin();
        if (!read_fields(root, run, sink)) {
            sink.rollback();
            return false;
        }
        sink.commit();
        return true;
    }

  private:
    template <class Sink>
    bool read_fields(od::object root, HistoryRun& run, Sink& sink) {
        bool saw_schema = false, saw_date = false, saw_metrics = false;
        for (auto field : root) {
            std::string_view key;
            od::value value;
            if (field.unescaped_key().get(key) || field.value().get(value)) return false;
            if (key == "schema") {
                std::string_view schema;
                if (value.get_string().get(schema) || schema != k_history_schema) return false;
                saw_schema = true;
            } else if (key == "date") {
                std::string_view date;
                if (value.get_string().get(date) || !util::parse_date(date)) return false;
                run.date = date;
                saw_date = true;
            } else if (key == "commit" || key == "branch" || key == "host") {
                std::string_view text;
                if (value.get_string().get(text)) return false;
                (key == "commit" ? run.commit : key == "branch" ? run.branch : run.host) = text;
            } else if (key == "metrics") {
                od::array metrics;
                if (saw_metrics || value.get_array().get(metrics)) return false;
                for (auto element : metrics) {
                    od::object object;
                    if (element.get_object().get(object)) return false;
                    view_ = MetricView{};
                    if (!read_metric(object, view_)) return false;
                    sink.add(view_);
                }
                saw_metrics = true;
            }
        }
        return saw_schema && saw_date && saw_metrics;
    }

    static bool read_number(od::value value, std::optional<double>& out) {
        double number = 0;
        if (value.get_double().get(number) == simdjson::SUCCESS) {
            if (!std::isfinite(number)) return false;
            out = number;
            return true;
        }
        bool null = false;
        return value.is_null().get(null) == simdjson::SUCCESS && null;
    }

    static bool read_metric(od::object object, MetricView& metric) {
        static constexpr std::string_view k_keys[] = {"name", "measure", "unit", "direction",
                                                      "n",    "median",  "mean", "stddev",
                                                      "min",  "max",     "p95"};
        bool seen[5] = {false, false, false, false, false};
        for (auto field : object) {
            od::raw_json_string raw;
            if (field.key().get(raw)) return false;
            std::size_t id = 0;
            while (id < std::size(k_keys) && !(raw == k_keys[id])) ++id;
            if (id == std::size(k_keys)) continue;
            od::value value;
            if (field.value().get(value)) return false;
            if (id < 5) seen[id] = true;
            std::string_view text;
            switch (id) {
                case 0:
                case 1:
                case 2:
                    if (value.get_string().get(text)) return false;
                    (id == 0 ? metric.name : id == 1 ? metric.measure : metric.unit) = text;
                    break;
                case 3: {
                    if (value.get_string().get(text)) return false;
                    const auto direction = model::direction_from_string(text);
                    if (!direction) return false;
                    metric.direction = *direction;
                    break;
                }
                case 4: {
                    std::uint64_t n = 0;
                    if (value.get_uint64().get(n)) return false;
                    metric.n = static_cast<std::size_t>(n);
                    break;
                }
                case 5:
                    if (!read_number(value, metric.median)) return false;
                    break;
                case 6:
                    if (!read_number(value, metric.mean)) return false;
                    break;
                case 7:
                    if (!read_number(value, metric.stddev)) return false;
                    break;
                case 8:
                    if (!read_number(value, metric.min)) return false;
                    break;
                case 9:
                    if (!read_number(value, metric.max)) return false;
                    break;
                default:
                    if (!read_number(value, metric.p95)) return false;
                    break;
            }
        }
        return seen[0] && seen[1] && seen[2] && seen[3] && seen[4];
    }

    od::parser parser_;
    std::vector<char> buffer_;
    MetricView view_;
};

// Moves the line number into the file name of an error from one line's Document:
// "h.jsonl:3: line 1, column 5: invalid JSON: ..." becomes "h.jsonl:3:5: invalid JSON: ...".
[[noreturn]] void relocate(const util::Error& error, const std::string& path, std::size_t line) {
    const std::string located = path + ":" + std::to_string(line);
    constexpr std::string_view k_prefix = "line 1, column ";
    const std::string& where = error.where();
    if (where.rfind(k_prefix, 0) == 0) {
        throw util::Error(located + ":" + where.substr(k_prefix.size()), {}, error.what_expected());
    }
    throw util::Error(located, where, error.what_expected());
}

// Files from this size on are mapped rather than read.
constexpr off_t k_map_from = off_t{32} << 20;

bool is_blank(std::string_view line) {
    return line.find_first_not_of(" \t\r") == std::string_view::npos;
}

}  // namespace

std::string history_path(const std::string& directory, const std::string& suite) {
    check_suite_name(suite);
    std::string path = directory.empty() ? std::string(".") : directory;
    if (path.back() != '/') path += '/';
    return path + "history/" + suite + ".jsonl";
}

HistoryEntry summarize_run(const model::Run& run, std::string date, std::string commit,
                           std::string branch) {
    HistoryEntry entry;
    entry.date = std::move(date);
    entry.commit = std::move(commit);
    entry.branch = std::move(branch);
    entry.host = run.context.host;
    entry.metrics.reserve(run.metrics.size());
    for (const model::Metric& metric : run.metrics) {
        if (metric.status != model::Status::ok) continue;
        entry.metrics.push_back(summarize_metric(metric));
    }
    return entry;
}

std::string history_line(const HistoryEntry& entry) {
    using json::append_number;
    using json::append_string;
    std::string out;
    out.reserve(160 + entry.metrics.size() * 200);
    out += "{\"schema\":";
    append_string(out, k_history_schema);
    out += ",\"date\":";
    append_string(out, entry.date);
    out += ",\"commit\":";
    append_string(out, entry.commit);
    out += ",\"branch\":";
    append_string(out, entry.branch);
    out += ",\"host\":";
    append_string(out, entry.host);
    out += ",\"metrics\":[";
    bool first = true;
    for (const HistoryMetric& metric : entry.metrics) {
        if (!first) out += ',';
        first = false;
        out += "{\"name\":";
        append_string(out, metric.name);
        out += ",\"measure\":";
        append_string(out, metric.measure);
        out += ",\"unit\":";
        append_string(out, metric.unit);
        out += ",\"direction\":";
        append_string(out, model::to_string(metric.direction));
        out += ",\"n\":";
        out += std::to_string(metric.n);
        out += ",\"median\":";
        append_number(out, metric.median);
        out += ",\"mean\":";
        append_number(out, metric.mean);
        out += ",\"stddev\":";
        append_number(out, metric.stddev);
        out += ",\"min\":";
        append_number(out, metric.min);
        out += ",\"max\":";
        append_number(out, metric.max);
        out += ",\"p95\":";
        append_number(out, metric.p95);
        out += '}';
    }
    out += "]}\n";
    return out;
}

namespace {

// What one thread read of a run of whole lines: stops at the first bad line, whose
// error (not yet located) and line number within the run it keeps.
template <class Sink>
struct Chunk {
    Sink sink;
    std::optional<util::Error> error;
    std::size_t error_line = 0;
};

template <class Sink>
void parse_chunk(std::string_view text, const std::string& path, Chunk<Sink>& out) {
    FastLineReader fast;
    std::size_t number = 0;
    while (!text.empty()) {
        ++number;
        const std::size_t end = text.find('\n');
        const std::string_view line = text.substr(0, end);
        text.remove_prefix(end == std::string_view::npos ? text.size() : end + 1);
        if (is_blank(line)) continue;
        if (fast.read(line, out.sink)) continue;
        try {
            Document document(path, line);
            HistoryEntry entry;
            json::read_guarded(document, Path(), [&] {
                entry = HistoryLineReader(document, out.sink.expected()).read();
            });
            out.sink.add(std::move(entry));
        } catch (const util::Error& error) {
            out.error = error;
            out.error_line = number;
            return;
        }
    }
}

// The chunks of `text`, in file order. Lines are independent: a long history is cut at
// line ends into one run of lines per core, each split into lines and parsed by its own
// thread (which also spreads the page faults of a mapped file); the first bad line in
// file order is reported.
template <class Sink>
std::vector<Chunk<Sink>> parse_chunks(std::string_view text, const std::string& path) {
    const std::size_t threads =
        text.size() < (std::size_t{32} << 20)
            ? 1
            : std::clamp<std::size_t>(std::thread::hardware_concurrency(), 1, 8);
    std::vector<std::size_t> starts{0};
    for (std::size_t k = 1; k < threads; ++k) {
        const std::size_t at = std::max(text.size() / threads * k, starts.back());
        const std::size_t newline = text.find('\n', at);
        starts.push_back(newline == std::string_view::npos ? text.size() : newline + 1);
    }
    starts.push_back(text.size());
    std::vector<Chunk<Sink>> chunks(threads);
    std::vector<std::thread> workers;
    for (std::size_t t = 0; t < threads; ++t) {
        const auto work = [&, t] {
            parse_chunk(text.substr(starts[t], starts[t + 1] - starts[t]), path, chunks[t]);
        };
        if (t + 1 == threads) {
            work();
        } else {
            workers.emplace_back(work);
        }
    }
    for (std::thread& worker : workers) worker.join();
    for (std::size_t t = 0; t < threads; ++t) {
        const Chunk<Sink>& chunk = chunks[t];
        if (!chunk.error) continue;
        const std::string_view before = text.substr(0, starts[t]);
        const auto lines_before =
            static_cast<std::size_t>(std::count(before.begin(), before.end(), '\n'));
        relocate(*chunk.error, path, lines_before + chunk.error_line);
    }
    return chunks;
}

// Calls `parse` with the text of the file at `path`. A long history is parsed where the
// kernel keeps it, mapped read-only, rather than copied into memory first (1.3 GB for
// 1,000 runs x 5,000 metrics). History files are replaced by renaming, never truncated
// in place, so the mapping stays valid. Any failure falls back to reading the file,
// which reports what is wrong.
template <class Parse>
auto with_history_text(const std::string& path, Parse parse) {
    const int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
    if (fd >= 0) {
        struct stat info {};
        void* mapped = MAP_FAILED;
        std::size_t size = 0;
        if (::fstat(fd, &info) == 0 && S_ISREG(info.st_mode) && info.st_size >= k_map_from) {
            size = static_cast<std::size_t>(info.st_size);
            mapped = ::mmap(nullptr, size, PROT_READ, MAP_PRIVATE, fd, 0);
        }
        ::close(fd);
        if (mapped != MAP_FAILED) {
            ::madvise(mapped, size, MADV_SEQUENTIAL | MADV_WILLNEED);
            struct Unmap {
                void* address;
                std::size_t size;
                ~Unmap() { ::munmap(address, size); }
            } unmap{mapped, size};
            return parse(std::string_view(static_cast<const char*>(mapped), size));
        }
    }
    const std::string text = util::read_file(path);
    return parse(std::string_view(text));
}

}  // namespace

std::vector<HistoryEntry> parse_history(std::string_view text, const std::string& path) {
    std::vector<Chunk<EntrySink>> chunks = parse_chunks<EntrySink>(text, path);
    std::vector<HistoryEntry> entries;
    for (Chunk<EntrySink>& chunk : chunks) {
        std::vector<HistoryEntry> part = std::move(chunk.sink).take();
        if (entries.empty()) {
            entries = std::move(part);
        } else {
            std::move(part.begin(), part.end(), std::back_inserter(entries));
        }
    }
    return entries;
}

std::vector<HistoryEntry> read_history(const std::string& path) {
    return with_history_text(path,
                             [&](std::string_view text) { return parse_history(text, path); });
}

HistoryTable parse_history_table(std::string_view text, const std::string& path) {
    std::vector<Chunk<TableBuilder>> chunks = parse_chunks<TableBuilder>(text, path);
    HistoryTable table = std::move(chunks[0].sink).take();
    for (std::size_t t = 1; t < chunks.size(); ++t) {
        append_table(table, std::move(chunks[t].sink).take());
    }
    return table;
}

HistoryTable read_history_table(const std::string& path) {
    return with_history_text(
        path, [&](std::string_view text) { return parse_history_table(text, path); });
}

HistoryTable history_table(const std::vector<HistoryEntry>& entries) {
    TableBuilder builder;
    for (const HistoryEntry& entry : entries) builder.add(entry);
    return std::move(builder).take();
}

void append_run(HistoryTable& table, const HistoryEntry& entry) {
    append_table(table, history_table({entry}));
}

void append_table(HistoryTable& table, HistoryTable&& newer) {
    if (table.runs.empty() && table.metrics.empty()) {
        table = std::move(newer);
        return;
    }
    const auto offset = static_cast<std::uint32_t>(table.runs.size());
    std::move(newer.runs.begin(), newer.runs.end(), std::back_inserter(table.runs));
    std::unordered_map<std::string, std::size_t> index;
    index.reserve(table.metrics.size());
    std::string key;
    for (std::size_t i = 0; i < table.metrics.size(); ++i) {
        metric_key(key, table.metrics[i].name, table.metrics[i].measure);
        index.emplace(key, i);
    }
    for (HistoryValues& metric : newer.metrics) {
        metric_key(key, metric.name, metric.measure);
        const auto [it, added] = index.try_emplace(key, table.metrics.size());
        if (added) {
            for (std::uint32_t& run : metric.runs) run += offset;
            table.metrics.push_back(std::move(metric));
            continue;
        }
        HistoryValues& into = table.metrics[it->second];
        for (const std::uint32_t run : metric.runs) into.runs.push_back(run + offset);
        into.values.insert(into.values.end(), metric.values.begin(), metric.values.end());
        if (!metric.values.empty()) {
            into.unit = std::move(metric.unit);
            into.direction = metric.direction;
        }
        into.has_median = into.has_median || metric.has_median;
        into.has_mean = into.has_mean || metric.has_mean;
    }
}

}  // namespace caws::store
