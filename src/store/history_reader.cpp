#include <algorithm>
#include <iterator>
#include <optional>
#include <utility>

#include "json/document.hpp"
#include "json/fast_reader.hpp"
#include "store/history_file.hpp"
#include "store/history_line.hpp"
#include "store/history_table_builder.hpp"
#include "util/environment.hpp"
#include "util/error.hpp"
#include "util/mapped_file.hpp"
#include "util/parallel.hpp"

namespace caws::store {
namespace {

using json::Document;
using json::Path;
namespace od = simdjson::ondemand;

// Reads one history line into a sink: begins a run, adds its metrics and leaves the
// commit to the caller. `Json` is json::FastReader, which throws json::NotFast at anything
// unusual, or json::Document, which accepts the same lines and locates every error; the
// checks and their order are the same for both.
template <class Json, class Sink>
class LineReader {
    using Where = typename Json::Location;

  public:
    LineReader(const Json& json, Sink& sink) : json_(json), sink_(sink) {}

    void read(od::object root_object) {
        HistoryRun& run = sink_.begin();
        const Where root;
        bool saw_schema = false, saw_date = false, saw_metrics = false;
        for (auto field : root_object) {
            const std::string_view key = json::key(field);
            const Where where = root.child(key);
            od::value value = field.value();
            if (key == "schema") {
                check_schema(json_.string(value, where), where);
                saw_schema = true;
            } else if (key == "date") {
                run.date = json_.string(value, where);
                if (!util::parse_date(run.date)) {
                    json_.fail(where, "expected a date such as \"2026-11-23T03:12:00Z\", got \"" +
                                          run.date + "\"");
                }
                saw_date = true;
            } else if (key == "commit") {
                run.commit = json_.string(value, where);
            } else if (key == "branch") {
                run.branch = json_.string(value, where);
            } else if (key == "host") {
                run.host = json_.string(value, where);
            } else if (key == "metrics") {
                read_metrics(json_.array(value, where), where);
                saw_metrics = true;
            }
        }
        if (!saw_schema) {
            json_.fail(root.child("schema"), std::string("expected \"schema\": \"") +
                                                 k_history_schema +
                                                 "\" (is this a caws-gate history file?)");
        }
        if (!saw_date) json_.fail(root.child("date"), "expected the run's \"date\"");
        if (!saw_metrics) json_.fail(root.child("metrics"), "expected the \"metrics\" array");
    }

  private:
    void check_schema(std::string_view schema, const Where& where) const {
        if (schema == k_history_schema) return;
        if (schema.starts_with("caws-gate/history@")) {
            json_.fail(where, "this history has schema \"" + std::string(schema) +
                                  "\"; this caws-gate reads \"" + k_history_schema + "\"");
        }
        json_.fail(where, std::string("expected \"") + k_history_schema + "\", got \"" +
                              std::string(schema) + "\"");
    }

    void read_metrics(od::array array, const Where& where) {
        std::size_t i = 0;
        for (auto element : array) {
            const Where at = where.child(i++);
            read_metric(json_.object(element.value(), at), at);
            sink_.add(view_);
        }
    }

    void read_metric(od::object object, const Where& at) {
        view_ = MetricView{};
        bool seen[k_required_metric_keys] = {};
        for (auto field : object) {
            const od::raw_json_string raw = field.key();
            std::size_t id = 0;
            while (id < std::size(k_metric_keys) && !(raw == k_metric_keys[id])) ++id;
            if (id == std::size(k_metric_keys)) {
                if (raw == k_prefixes_key) read_prefixes(field.value(), at.child(k_prefixes_key));
                continue;  // other keys, added later, are ignored
            }
            const Where where = at.child(k_metric_keys[id]);
            od::value value = field.value();
            if (id < k_required_metric_keys) {
                seen[id] = true;
                read_required(id, value, where);
            } else {
                view_.statistics[id - k_required_metric_keys] = json_.finite_or_null(value, where);
            }
        }
        for (std::size_t id = 0; id < k_required_metric_keys; ++id) {
            if (!seen[id]) {
                json_.fail(at.child(k_metric_keys[id]),
                           "expected the metric's \"" + std::string(k_metric_keys[id]) + "\"");
            }
        }
    }

    void read_prefixes(od::value value, const Where& where) {
        const std::string_view text = json_.string(value, where);
        const auto prefixes = model::size_prefixes_from_string(text);
        if (!prefixes) {
            json_.fail(where,
                       "expected \"decimal\" or \"binary\", got \"" + std::string(text) + "\"");
        }
        view_.prefixes = *prefixes;
    }

    void read_required(std::size_t id, od::value value, const Where& where) {
        if (id == key_n) {
            view_.n = static_cast<std::size_t>(json_.count(value, where));
            return;
        }
        // One call for the four strings: the fast path inlines it once.
        const std::string_view text = json_.string(value, where);
        switch (id) {
            case key_name:
                view_.name = text;
                break;
            case key_measure:
                view_.measure = text;
                break;
            case key_unit:
                view_.unit = text;
                break;
            default: {
                const auto direction = model::direction_from_string(text);
                if (!direction) {
                    json_.fail(where, "expected \"lower\", \"higher\" or \"unknown\", got \"" +
                                          std::string(text) + "\"");
                }
                view_.direction = *direction;
                break;
            }
        }
    }

    const Json& json_;
    Sink& sink_;
    MetricView view_;
};

// Keeps every line of a history as a HistoryEntry.
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
        metric.prefixes = view.prefixes;
        metric.direction = view.direction;
        metric.n = view.n;
        for (std::size_t k = 0; k < k_statistic_count; ++k) {
            metric.*k_statistics[k] = view.statistics[k];
        }
    }
    void commit() { expected_ = entries_.back().metrics.size(); }
    void rollback() { entries_.pop_back(); }
    std::vector<HistoryEntry> take() && { return std::move(entries_); }

  private:
    std::vector<HistoryEntry> entries_;
    std::size_t expected_ = 0;  // metrics of the last line: about as many as the next has
};

// Reads one line into `sink`: with the fast reader when it can, otherwise (at anything
// unusual: a syntax error, a NaN token, a wrong type, a bad date, a count written 3.0)
// with a Document, which reads the line the same way or throws its located error.
template <class Sink>
void read_line(std::string_view line, const std::string& path, json::FastReader& fast, Sink& sink) {
    od::object root;
    const bool parsed = fast.root_object(line, root);
    if (parsed && json::finishes_fast([&] { LineReader(fast, sink).read(root); })) {
        sink.commit();
        return;
    }
    if (parsed) sink.rollback();  // LineReader::read began a run before it gave up
    Document document(path, line);
    json::read_guarded(document, Path(),
                       [&] { LineReader(document, sink).read(document.root_object()); });
    sink.commit();
}

// Moves the line number into the file name of an error from one line's Document:
// "h.jsonl:3: line 1, column 5: invalid JSON: ..." becomes "h.jsonl:3:5: invalid JSON: ...".
[[noreturn]] void relocate(const util::Error& error, const std::string& path, std::size_t line) {
    const std::string located = path + ":" + std::to_string(line);
    constexpr std::string_view k_prefix = "line 1, column ";
    const std::string& where = error.where();
    if (where.starts_with(k_prefix)) {
        throw util::Error(located + ":" + where.substr(k_prefix.size()), {}, error.what_expected());
    }
    throw util::Error(located, where, error.what_expected());
}

bool is_blank(std::string_view line) {
    return line.find_first_not_of(" \t\r") == std::string_view::npos;
}

// Histories from this size on are parsed on several threads, and mapped rather than read.
constexpr std::size_t k_large_history = std::size_t{32} << 20;

// What one thread read of a run of whole lines: stops at the first bad line, whose
// error (not yet located) and line number within the run it keeps.
template <class Sink>
struct Chunk {
    Sink sink;
    std::optional<util::Error> error;
    std::size_t error_line = 0;
};

// With `mapped` (the text is a MappedFile's mapping), the whole pages of each line are
// dropped once it is read: a 20,000-benchmark suite's history of ten runs is 100 MB that
// would otherwise stay resident while the rest of a check works.
template <class Sink>
void parse_chunk(std::string_view text, const std::string& path, bool mapped, Chunk<Sink>& out) {
    json::FastReader fast;
    std::size_t number = 0;
    while (!text.empty()) {
        ++number;
        const std::size_t end = text.find('\n');
        const std::string_view line = text.substr(0, end);
        text.remove_prefix(end == std::string_view::npos ? text.size() : end + 1);
        if (is_blank(line)) continue;
        try {
            read_line(line, path, fast, out.sink);
            if (mapped) util::drop_mapped_pages(line.data(), line.data() + line.size());
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
std::vector<Chunk<Sink>> parse_chunks(std::string_view text, const std::string& path, bool mapped) {
    const std::size_t threads =
        text.size() < k_large_history ? 1 : std::min<std::size_t>(util::hardware_threads(), 8);
    std::vector<std::size_t> starts{0};
    for (std::size_t k = 1; k < threads; ++k) {
        const std::size_t at = std::max(text.size() / threads * k, starts.back());
        const std::size_t newline = text.find('\n', at);
        starts.push_back(newline == std::string_view::npos ? text.size() : newline + 1);
    }
    starts.push_back(text.size());
    std::vector<Chunk<Sink>> chunks(threads);
    util::parallel_for(threads, threads, [&](std::size_t t) {
        parse_chunk(text.substr(starts[t], starts[t + 1] - starts[t]), path, mapped, chunks[t]);
    });
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

std::vector<HistoryEntry> entries_of(std::string_view text, const std::string& path, bool mapped) {
    std::vector<Chunk<EntrySink>> chunks = parse_chunks<EntrySink>(text, path, mapped);
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

HistoryTable table_of(std::string_view text, const std::string& path, bool mapped) {
    std::vector<Chunk<TableBuilder>> chunks = parse_chunks<TableBuilder>(text, path, mapped);
    HistoryTable table = std::move(chunks[0].sink).take();
    for (std::size_t t = 1; t < chunks.size(); ++t) {
        append_table(table, std::move(chunks[t].sink).take());
    }
    return table;
}

}  // namespace

std::vector<HistoryEntry> parse_history(std::string_view text, const std::string& path) {
    return entries_of(text, path, false);
}

// A long history is parsed where the kernel keeps it, mapped read-only, rather than
// copied into memory first (1.3 GB for 1,000 runs x 5,000 metrics). History files are
// replaced by renaming, never truncated in place, so the mapping stays valid.
std::vector<HistoryEntry> read_history(const std::string& path) {
    const util::MappedFile file(path, k_large_history);
    return entries_of(file.text(), path, file.mapped());
}

std::vector<HistoryEntry> read_history_tail(const std::string& path, std::size_t lines) {
    const util::MappedFile file(path, k_large_history);
    const std::string_view text = file.text();
    // Back from the end, line by line, to the start of the lines-th non-blank line.
    std::size_t start = text.size(), found = 0;
    while (start > 0 && found < lines) {
        const std::size_t end = text[start - 1] == '\n' ? start - 1 : start;
        const std::size_t newline = end == 0 ? std::string_view::npos : text.rfind('\n', end - 1);
        start = newline == std::string_view::npos ? 0 : newline + 1;
        const std::string_view line = text.substr(start, end - start);
        if (line.find_first_not_of(" \t\r") != std::string_view::npos) ++found;
    }
    return entries_of(text.substr(start), path, file.mapped());
}

HistoryTable parse_history_table(std::string_view text, const std::string& path) {
    return table_of(text, path, false);
}

HistoryTable read_history_table(const std::string& path) {
    const util::MappedFile file(path, k_large_history);
    return table_of(file.text(), path, file.mapped());
}

}  // namespace caws::store
