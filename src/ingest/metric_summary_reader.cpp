#include "ingest/metric_summary_reader.hpp"

#include <deque>
#include <optional>
#include <string>
#include <vector>

#include "ingest/json_sniff.hpp"
#include "ingest/json_values.hpp"
#include "ingest/name_index.hpp"
#include "ingest/units.hpp"
#include "util/error.hpp"
#include "util/json_pointer.hpp"
#include "util/strings.hpp"

namespace caws::ingest {
namespace {

using json::Document;
using json::Path;
namespace od = simdjson::ondemand;

using Labels = std::vector<std::pair<std::string, std::string>>;

enum class Stat { median, p90, p95, p99, mean, min, max, stddev, count };

struct StatName {
    std::string_view name;
    Stat stat;
};

// Statistic keys inside a metric's object, compared in lower case.
constexpr StatName k_stat_keys[] = {
    {"p50", Stat::median},
    {"median", Stat::median},
    {"med", Stat::median},
    {"p90", Stat::p90},
    {"p95", Stat::p95},
    {"p99", Stat::p99},
    {"mean", Stat::mean},
    {"avg", Stat::mean},
    {"average", Stat::mean},
    {"min", Stat::min},
    {"max", Stat::max},
    {"stddev", Stat::stddev},
    {"std", Stat::stddev},
    {"std_dev", Stat::stddev},
    {"count", Stat::count},
    {"sample_count", Stat::count},
    {"samples_count", Stat::count},
    {"n", Stat::count},
};

// Statistics that may prefix or suffix a top-level number's name ("p95_latency_ms").
constexpr StatName k_stat_affixes[] = {
    {"p50", Stat::median}, {"median", Stat::median}, {"p90", Stat::p90},
    {"p95", Stat::p95},    {"p99", Stat::p99},       {"mean", Stat::mean},
    {"avg", Stat::mean},   {"average", Stat::mean},  {"min", Stat::min},
    {"max", Stat::max},    {"stddev", Stat::stddev},
};

// Name suffixes that say the unit, compared in lower case.
constexpr std::pair<std::string_view, std::string_view> k_unit_suffixes[] = {
    {"_ms", "ms"},
    {"_msec", "ms"},
    {"_millis", "ms"},
    {"_milliseconds", "ms"},
    {"_us", "us"},
    {"_usec", "us"},
    {"_micros", "us"},
    {"_microseconds", "us"},
    {"_ns", "ns"},
    {"_nsec", "ns"},
    {"_nanos", "ns"},
    {"_nanoseconds", "ns"},
    {"_s", "s"},
    {"_sec", "s"},
    {"_secs", "s"},
    {"_seconds", "s"},
    {"_bytes", "B"},
    {"_kb", "kB"},
    {"_kib", "KiB"},
    {"_mb", "MB"},
    {"_mib", "MiB"},
    {"_gb", "GB"},
    {"_gib", "GiB"},
    {"_pct", "%"},
    {"_percent", "%"},
    {"_ratio", "fraction"},
    {"_fraction", "fraction"},
    {"_rps", "1/s"},
    {"_qps", "1/s"},
    {"_per_second", "1/s"},
    {"_per_sec", "1/s"},
};

bool contains_any(std::string_view text, std::initializer_list<std::string_view> words) {
    for (const std::string_view word : words) {
        if (text.find(word) != std::string_view::npos) return true;
    }
    return false;
}

std::optional<Stat> stat_key(std::string_view key) {
    const std::string name = util::lower(key);
    for (const StatName& known : k_stat_keys) {
        if (known.name == name) return known.stat;
    }
    return std::nullopt;
}

bool is_unit_suffix(std::string_view suffix) {
    for (const auto& [known, unit] : k_unit_suffixes) {
        if (known == suffix) return true;
    }
    return false;
}

// "p95_latency_ms", "latency_ms_p95" and "latency_p95_ms" -> (p95, "latency_ms").
std::optional<std::pair<Stat, std::string>> split_stat(std::string_view key) {
    const std::string name = util::lower(key);
    for (const StatName& affix : k_stat_affixes) {
        std::string prefix(affix.name);
        prefix += '_';
        std::string suffix(1, '_');
        suffix += affix.name;
        if (name.size() > prefix.size() && name.starts_with(prefix)) {
            return std::pair{affix.stat, std::string(key.substr(prefix.size()))};
        }
        if (name.size() > suffix.size() && name.ends_with(suffix)) {
            return std::pair{affix.stat, std::string(key.substr(0, key.size() - suffix.size()))};
        }
        // The statistic just before a unit suffix.
        const std::size_t at = name.rfind(suffix + "_");
        if (at != std::string::npos && at > 0 &&
            is_unit_suffix(std::string_view(name).substr(at + suffix.size()))) {
            std::string base(key.substr(0, at));
            base += key.substr(at + suffix.size());
            return std::pair{affix.stat, base};
        }
    }
    return std::nullopt;
}

// The unit a metric's name, in lower case, implies ("" when it implies none).
std::string_view unit_from_name(std::string_view name) {
    for (const auto& [suffix, unit] : k_unit_suffixes) {
        if (name.ends_with(suffix)) return unit;
    }
    if (contains_any(name, {"error_rate", "failure_rate", "fail_rate", "error_ratio"})) {
        return "fraction";
    }
    if (contains_any(name, {"throughput"})) return "1/s";
    if (name.ends_with("_count") || name.ends_with("_total") || name.starts_with("total_")) {
        return "1";
    }
    return {};
}

// The direction a metric's name, in lower case, and its dimension imply.
model::Direction direction_from_name(std::string_view name, model::Dimension dimension) {
    switch (dimension) {
        case model::Dimension::time:
        case model::Dimension::size:
            return model::Direction::lower;
        case model::Dimension::rate:
        case model::Dimension::byte_rate:
            return model::Direction::higher;
        case model::Dimension::fraction:
            if (contains_any(name, {"error", "fail", "timeout", "drop", "loss"})) {
                return model::Direction::lower;
            }
            if (contains_any(name, {"success", "hit", "pass", "availab", "uptime"})) {
                return model::Direction::higher;
            }
            return model::Direction::unknown;
        case model::Dimension::count:
            if (contains_any(name, {"error", "fail"})) return model::Direction::lower;
            return model::Direction::unknown;
        case model::Dimension::other:
            break;
    }
    return model::Direction::unknown;
}

// A metric being gathered: from an object, a number, or numbers named with a statistic.
struct Pending {
    std::string name;
    enum class Kind { object, value, statistics } kind = Kind::object;
    std::optional<std::string> unit;
    std::optional<model::Direction> direction;
    std::vector<double> samples;
    model::Summary summary;
    bool has_statistic = false;
    std::vector<std::string> stat_paths;  // where each statistic was given (statistics kind)
    Labels labels;
};

std::optional<double>* slot_of(model::Summary& summary, Stat stat) {
    switch (stat) {
        case Stat::median:
            return &summary.median;
        case Stat::p90:
            return &summary.p90;
        case Stat::p95:
            return &summary.p95;
        case Stat::p99:
            return &summary.p99;
        case Stat::mean:
            return &summary.mean;
        case Stat::min:
            return &summary.min;
        case Stat::max:
            return &summary.max;
        case Stat::stddev:
            return &summary.stddev;
        case Stat::count:
            break;
    }
    return nullptr;
}

class MetricSummaryReader {
  public:
    MetricSummaryReader(Document& document, model::Run& run) : doc_(document), run_(run) {}

    void read() {
        const Path root;
        od::object members = doc_.root_object();
        // Summaries of many thousands of metrics are common: size the run once.
        const std::size_t count = count_fields(doc_, members, root);
        run_.metrics.reserve(count);
        index_.reserve(count);
        for (auto field : members) {
            const std::string_view key = field.unescaped_key();
            const Path where = root.child(key);
            od::value value = field.value();
            const od::json_type type = value.type();
            if (type == od::json_type::object && key == "conditions") {
                for (auto condition : doc_.object(value, where)) {
                    const std::string_view name = condition.unescaped_key();
                    run_labels_.emplace_back(std::string(name), label_text(condition.value()));
                }
            } else if (type == od::json_type::object) {
                read_object(key, doc_.object(value, where), where);
            } else if (type == od::json_type::number) {
                read_number(key, finite_number(doc_, value, where), where);
            } else if (type == od::json_type::string) {
                if (key == "timestamp" || key == "date") {
                    run_.context.date = doc_.string(value, where);
                } else {
                    run_.context.extra.emplace_back(std::string(key), label_text(value));
                }
            } else {
                note_ignored(where);
            }
        }
        if (pending_.empty()) {
            doc_.fail(root, "expected at least one metric (a number or an object of statistics)");
        }
        for (Pending& pending : pending_) finish(pending);
        if (ignored_ > 0) {
            run_.notes.push_back(
                std::to_string(ignored_) +
                " value(s) that are not metrics ignored (first: " + first_ignored_ + ")");
        }
    }

  private:
    void note_ignored(const Path& where) {
        if (ignored_++ == 0) first_ignored_ = where.str();
    }

    Pending& pending_for(std::string name, Pending::Kind kind, const Path& where) {
        Pending& pending = pending_.emplace_back();
        pending.name = std::move(name);
        pending.kind = kind;
        // Keyed by a view of the name in pending_, whose elements never move.
        if (const auto seen = index_.insert(pending.name, pending_.size() - 1)) {
            pending_.pop_back();
            Pending& existing = pending_[*seen];
            if (existing.kind == kind && kind == Pending::Kind::statistics) return existing;
            doc_.fail(where, "expected \"" + existing.name + "\" once, but it is also given at " +
                                 path_of(existing));
        }
        return pending;
    }

    // Where a pending metric was first given.
    static std::string path_of(const Pending& pending) {
        if (pending.kind == Pending::Kind::statistics) return pending.stat_paths.front();
        return util::pointer_append("", pending.name);
    }

    void read_object(std::string_view key, od::object object, const Path& at) {
        Pending& pending = pending_for(std::string(key), Pending::Kind::object, at);
        for (auto field : object) {
            const std::string_view name = field.unescaped_key();
            const Path where = at.child(name);
            od::value value = field.value();
            if (const auto stat = stat_key(name)) {
                if (*stat == Stat::count) {
                    const std::int64_t n = doc_.integer(value, where);
                    if (n < 0) doc_.fail(where, "expected a count of at least 0");
                    pending.summary.n = static_cast<std::size_t>(n);
                } else {
                    std::optional<double>* slot = slot_of(pending.summary, *stat);
                    if (*slot) {
                        doc_.fail(where, "expected each statistic once, but \"" +
                                             std::string(name) + "\" repeats another");
                    }
                    *slot = finite_number(doc_, value, where);
                    pending.has_statistic = true;
                }
            } else if (name == "samples") {
                std::size_t i = 0;
                for (auto sample : doc_.array(value, where)) {
                    pending.samples.push_back(
                        finite_number(doc_, sample.value(), where.child(i++)));
                }
            } else if (name == "unit") {
                pending.unit = std::string(doc_.string(value, where));
            } else if (name == "direction") {
                const std::string_view text = doc_.string(value, where);
                pending.direction = model::direction_from_string(text);
                if (!pending.direction) {
                    doc_.fail(where, "expected \"lower\", \"higher\" or \"unknown\", got \"" +
                                         std::string(text) + "\"");
                }
            } else if (name == "conditions") {
                for (auto condition : doc_.object(value, where)) {
                    const std::string_view condition_name = condition.unescaped_key();
                    pending.labels.emplace_back(std::string(condition_name),
                                                label_text(condition.value()));
                }
            } else if (name == "timestamp") {
                pending.labels.emplace_back("timestamp", label_text(value));
            } else {
                note_ignored(where);
            }
        }
        if (!pending.has_statistic && pending.samples.empty()) {
            doc_.fail(at, "expected statistics (p50, p95, p99, mean, ...) or \"samples\" for \"" +
                              std::string(key) + "\"");
        }
    }

    void read_number(std::string_view key, double value, const Path& where) {
        if (const auto split = split_stat(key)) {
            Pending& pending = pending_for(split->second, Pending::Kind::statistics, where);
            std::optional<double>* slot = slot_of(pending.summary, split->first);
            if (*slot) {
                doc_.fail(where, "expected each statistic of \"" + split->second +
                                     "\" once, but it is also given at " +
                                     pending.stat_paths.front());
            }
            *slot = value;
            pending.has_statistic = true;
            pending.stat_paths.push_back(where.str());
            return;
        }
        Pending& pending = pending_for(std::string(key), Pending::Kind::value, where);
        pending.samples.push_back(value);
    }

    void finish(Pending& pending) {
        const std::string name = util::lower(pending.name);
        const std::string_view unit = pending.unit ? *pending.unit : unit_from_name(name);
        // Most files use a few units: convert each once.
        if (unit != last_unit_ || last_conversion_.unit.symbol.empty()) {
            last_unit_ = std::string(unit);
            const auto conversion = canonical_unit(unit);
            last_conversion_ =
                conversion ? *conversion : UnitConversion{unit_as_written(unit), 1.0};
        }
        model::Metric metric;
        metric.measure = "value";
        metric.unit = last_conversion_.unit;
        const double scale = last_conversion_.scale;
        metric.direction = pending.direction ? *pending.direction
                                             : direction_from_name(name, metric.unit.dimension);
        metric.name = std::move(pending.name);
        metric.labels = std::move(pending.labels);
        metric.labels.insert(metric.labels.begin(), run_labels_.begin(), run_labels_.end());
        for (const double sample : pending.samples) metric.samples.push_back(sample * scale);
        if (pending.has_statistic) {
            model::Summary summary = pending.summary;
            for (std::optional<double>* slot : statistics_of(summary)) {
                if (*slot) **slot *= scale;
            }
            metric.summary = summary;
        }
        run_.metrics.push_back(std::move(metric));
    }

    Document& doc_;
    model::Run& run_;
    std::deque<Pending> pending_;
    NameIndex index_;  // name -> position in pending_
    std::string last_unit_;
    UnitConversion last_conversion_;
    Labels run_labels_;
    std::size_t ignored_ = 0;
    std::string first_ignored_;
};

// Whether a top-level member named `key` holding a number looks like a load-test result.
bool is_load_test_name(std::string_view key) {
    const std::string name = util::lower(key);
    if (split_stat(name)) return true;
    return contains_any(
        name, {"error_rate", "failure_rate", "total_requests", "requests_total", "request_count",
               "requests_per_second", "throughput", "_rps", "response_time", "latency"});
}

}  // namespace

model::Run parse_metric_summary(std::string_view text, const model::Source& source,
                                const ReadOptions& /*options*/) {
    return read_document<MetricSummaryReader>(text, source);
}

bool looks_like_metric_summary(std::string_view text) {
    const JsonSniff sniff(text);
    if (!sniff.starts_with("{")) return false;
    const auto& tokens = sniff.tokens();
    for (std::size_t i = 1; i + 3 < tokens.size(); ++i) {
        const JsonSniff::Token& key = tokens[i];
        if (key.kind != JsonSniff::Kind::string || key.depth != 1 ||
            tokens[i + 1].kind != JsonSniff::Kind::colon) {
            continue;
        }
        const JsonSniff::Token& value = tokens[i + 2];
        if (value.kind == JsonSniff::Kind::begin_object &&
            tokens[i + 3].kind == JsonSniff::Kind::string) {
            const std::string_view first = tokens[i + 3].text;
            if (stat_key(first) && util::lower(first) != "n") return true;
        } else if (value.kind == JsonSniff::Kind::scalar && is_load_test_name(key.text)) {
            return true;
        }
    }
    return false;
}

}  // namespace caws::ingest
