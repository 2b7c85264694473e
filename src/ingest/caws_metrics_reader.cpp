#include "ingest/caws_metrics_reader.hpp"

#include <algorithm>
#include <cmath>
#include <optional>
#include <string>
#include <vector>

#include "ingest/json_sniff.hpp"
#include "ingest/json_values.hpp"
#include "ingest/units.hpp"
#include "util/error.hpp"
#include "util/string_map.hpp"

namespace caws::ingest {
namespace {

using json::Document;
using json::Path;
namespace od = simdjson::ondemand;

using Labels = std::vector<std::pair<std::string, std::string>>;

// A metric or a phase as written, before units and inheritance are applied.
struct Entry {
    std::string path;  // JSON pointer of the entry, for messages
    std::string name, measure;
    std::optional<std::string> unit;
    std::optional<model::Direction> direction;
    bool has_samples = false;
    std::vector<double> samples;
    std::vector<double> timestamps;
    bool has_timestamps = false;
    std::optional<model::Summary> summary;
    Labels conditions;
    Labels labels;
    std::optional<model::Status> status;
    std::string message;
    // The entry's phases; each holds its key in `phase`. (Not a vector of pairs: a pair
    // of the incomplete Entry does not compile with clang and libstdc++.)
    std::vector<Entry> phases;
    std::string phase;
};

constexpr std::string_view k_metric_keys[] = {
    "name",       "measure", "unit",   "direction", "samples", "timestamps", "summary",
    "conditions", "labels",  "phases", "status",    "message", "description"};
constexpr std::string_view k_phase_keys[] = {"unit",       "direction", "samples",
                                             "timestamps", "summary",   "labels",
                                             "status",     "message",   "description"};

template <std::size_t N>
bool is_one_of(std::string_view key, const std::string_view (&keys)[N]) {
    return std::find(std::begin(keys), std::end(keys), key) != std::end(keys);
}

template <std::size_t N>
std::string list(const std::string_view (&keys)[N]) {
    std::string out;
    for (const std::string_view key : keys) {
        if (!out.empty()) out += ", ";
        out += key;
    }
    return out;
}

bool must_be_non_negative(model::Dimension dimension) {
    return dimension == model::Dimension::time || dimension == model::Dimension::size ||
           dimension == model::Dimension::rate || dimension == model::Dimension::byte_rate ||
           dimension == model::Dimension::fraction;
}

class CawsMetricsReader {
  public:
    CawsMetricsReader(Document& document, model::Run& run) : doc_(document), run_(run) {}

    void read() {
        const Path root;
        bool saw_metrics = false;
        std::string schema;
        std::vector<Entry> entries;
        for (auto field : doc_.root_object()) {
            const std::string_view key = field.unescaped_key();
            const Path where = root.child(key);
            od::value value = field.value();
            if (key == "schema") {
                schema = doc_.string(value, where);
                if (schema != k_metrics_schema) {
                    doc_.fail(where, "expected \"" + std::string(k_metrics_schema) + "\", got \"" +
                                         schema + "\"");
                }
            } else if (key == "context") {
                read_context(doc_.object(value, where), where);
            } else if (key == "conditions") {
                run_conditions_ = read_labels(doc_.object(value, where), where);
            } else if (key == "metrics") {
                saw_metrics = true;
                std::size_t i = 0;
                for (auto element : doc_.array(value, where)) {
                    const Path at = where.child(i++);
                    entries.push_back(read_entry(doc_.object(element.value(), at), at, false));
                }
                if (entries.empty()) {
                    doc_.fail(where, "expected at least one metric, got an empty list");
                }
            } else {
                doc_.fail(where, "unknown key \"" + std::string(key) +
                                     "\"; expected schema, context, conditions or metrics");
            }
        }
        if (schema.empty()) {
            doc_.fail(root.child("schema"),
                      "expected \"schema\": \"" + std::string(k_metrics_schema) + "\"");
        }
        if (!saw_metrics) doc_.fail(root.child("metrics"), "expected the \"metrics\" array");
        for (Entry& entry : entries) add(entry, nullptr, {});
    }

  private:
    void read_context(od::object object, const Path& where) {
        for (auto field : object) {
            const std::string_view key = field.unescaped_key();
            od::value value = field.value();
            if (key == "host") {
                run_.context.host = doc_.string(value, where.child(key));
            } else if (key == "date") {
                run_.context.date = doc_.string(value, where.child(key));
            } else if (key == "build_type") {
                run_.context.build_type = doc_.string(value, where.child(key));
            } else {
                run_.context.extra.emplace_back(std::string(key), label_text(value));
            }
        }
    }

    Labels read_labels(od::object object, const Path& where) {
        Labels labels;
        for (auto field : object) {
            const std::string_view key = field.unescaped_key();
            od::value value = field.value();
            const od::json_type type = value.type();
            if (type == od::json_type::object || type == od::json_type::array) {
                doc_.fail(where.child(key),
                          "expected a string, number or boolean, got " + Document::describe(value));
            }
            labels.emplace_back(std::string(key), label_text(value));
        }
        return labels;
    }

    Entry read_entry(od::object object, const Path& at, bool phase) {
        Entry entry;
        entry.path = at.str();
        for (auto field : object) {
            const std::string_view key = field.unescaped_key();
            const Path where = at.child(key);
            od::value value = field.value();
            if (!(phase ? is_one_of(key, k_phase_keys) : is_one_of(key, k_metric_keys))) {
                doc_.fail(where, "unknown key \"" + std::string(key) + "\"; expected one of " +
                                     (phase ? list(k_phase_keys) : list(k_metric_keys)));
            }
            if (key == "name") {
                entry.name = doc_.string(value, where);
            } else if (key == "measure") {
                entry.measure = doc_.string(value, where);
            } else if (key == "unit") {
                entry.unit = std::string(doc_.string(value, where));
            } else if (key == "direction") {
                const std::string_view text = doc_.string(value, where);
                entry.direction = model::direction_from_string(text);
                if (!entry.direction) {
                    doc_.fail(where, "expected \"lower\", \"higher\" or \"unknown\", got \"" +
                                         std::string(text) + "\"");
                }
            } else if (key == "samples") {
                entry.has_samples = true;
                std::size_t i = 0;
                for (auto sample : doc_.array(value, where)) {
                    entry.samples.push_back(finite_number(doc_, sample.value(), where.child(i++)));
                }
            } else if (key == "timestamps") {
                entry.has_timestamps = true;
                std::size_t i = 0;
                for (auto timestamp : doc_.array(value, where)) {
                    entry.timestamps.push_back(
                        finite_number(doc_, timestamp.value(), where.child(i++)));
                }
            } else if (key == "summary") {
                entry.summary = read_summary(doc_.object(value, where), where);
            } else if (key == "conditions") {
                entry.conditions = read_labels(doc_.object(value, where), where);
            } else if (key == "labels") {
                entry.labels = read_labels(doc_.object(value, where), where);
            } else if (key == "status") {
                const std::string_view text = doc_.string(value, where);
                entry.status = model::status_from_string(text);
                if (!entry.status) {
                    doc_.fail(where, "expected \"ok\", \"failed\" or \"skipped\", got \"" +
                                         std::string(text) + "\"");
                }
            } else if (key == "message") {
                entry.message = doc_.string(value, where);
            } else if (key == "phases") {
                for (auto phase_field : doc_.object(value, where)) {
                    const std::string_view phase_name = phase_field.unescaped_key();
                    const Path phase_at = where.child(phase_name);
                    if (phase_name.empty()) doc_.fail(phase_at, "expected a phase name");
                    Entry phase_entry =
                        read_entry(doc_.object(phase_field.value(), phase_at), phase_at, true);
                    phase_entry.phase = std::string(phase_name);
                    entry.phases.push_back(std::move(phase_entry));
                }
            }
        }
        if (!phase && entry.name.empty()) doc_.fail(at.child("name"), "expected the metric's name");
        if (entry.has_timestamps && entry.timestamps.size() != entry.samples.size()) {
            doc_.fail(at.child("timestamps"),
                      "expected one timestamp per sample, got " +
                          std::to_string(entry.timestamps.size()) + " timestamps for " +
                          std::to_string(entry.samples.size()) + " samples");
        }
        return entry;
    }

    model::Summary read_summary(od::object object, const Path& where) {
        model::Summary summary;
        bool any = false;
        for (auto field : object) {
            const std::string_view key = field.unescaped_key();
            const Path at = where.child(key);
            od::value value = field.value();
            if (key == "count") {
                const std::int64_t n = doc_.integer(value, at);
                if (n < 0) doc_.fail(at, "expected a count of at least 0");
                summary.n = static_cast<std::size_t>(n);
                continue;
            }
            std::optional<double>* slot = nullptr;
            if (key == "mean") slot = &summary.mean;
            if (key == "stddev") slot = &summary.stddev;
            if (key == "min") slot = &summary.min;
            if (key == "max") slot = &summary.max;
            if (key == "p50" || key == "median") slot = &summary.median;
            if (key == "p90") slot = &summary.p90;
            if (key == "p95") slot = &summary.p95;
            if (key == "p99") slot = &summary.p99;
            if (slot == nullptr) {
                doc_.fail(at, "unknown statistic \"" + std::string(key) +
                                  "\"; expected count, mean, stddev, min, max, p50, median, p90, "
                                  "p95 or p99");
            }
            if (*slot) doc_.fail(at, "expected each statistic once (p50 and median are the same)");
            *slot = finite_number(doc_, value, at);
            any = true;
        }
        if (!any) doc_.fail(where, "expected at least one statistic (mean, p50, p95, ...)");
        return summary;
    }

    [[noreturn]] void fail(const std::string& where, const std::string& what) const {
        throw util::Error(doc_.path(), where, what);
    }

    // Builds the metric of `entry` (a phase of `parent` when given) and its phases.
    void add(Entry& entry, const Entry* parent, const std::string& phase) {
        const std::optional<std::string>& unit = entry.unit ? entry.unit
                                                 : parent   ? parent->unit
                                                            : entry.unit;
        const std::optional<model::Direction>& direction = entry.direction ? entry.direction
                                                           : parent        ? parent->direction
                                                                           : entry.direction;
        const bool has_values = entry.has_samples || entry.summary || entry.status;
        if (has_values) {
            if (!unit) {
                fail(entry.path + "/unit",
                     "expected the metric's \"unit\" (ms, s, B, %, 1/s, count, ...)");
            }
            if (!direction) {
                fail(entry.path + "/direction",
                     "expected the metric's \"direction\": \"lower\", "
                     "\"higher\" or \"unknown\"");
            }
        } else if (entry.phases.empty()) {
            fail(entry.path, "expected \"samples\", a \"summary\", \"phases\" or a \"status\"");
        }
        const Entry& identity = parent ? *parent : entry;
        Labels conditions = identity.conditions;
        std::sort(conditions.begin(), conditions.end());
        std::string name = identity.name;
        if (!phase.empty()) name += ".phase." + phase;
        if (!conditions.empty()) {
            name += '{';
            for (std::size_t i = 0; i < conditions.size(); ++i) {
                if (i > 0) name += ',';
                name += conditions[i].first + "=" + conditions[i].second;
            }
            name += '}';
        }
        if (has_values) {
            model::Metric metric;
            metric.name = name;
            metric.measure = identity.measure.empty() ? "value" : identity.measure;
            const auto conversion = canonical_unit(*unit);
            metric.unit = conversion ? conversion->unit : unit_as_written(*unit);
            const double scale = conversion ? conversion->scale : 1.0;
            metric.direction = *direction;
            metric.labels = run_conditions_;
            for (const auto& label : identity.conditions) metric.labels.push_back(label);
            if (!phase.empty()) metric.labels.emplace_back("phase", phase);
            if (parent) {
                for (const auto& label : parent->labels) metric.labels.push_back(label);
            }
            for (const auto& label : entry.labels) metric.labels.push_back(label);
            const bool non_negative = must_be_non_negative(metric.unit.dimension);
            for (std::size_t i = 0; i < entry.samples.size(); ++i) {
                const double value = entry.samples[i] * scale;
                if (non_negative && value < 0) {
                    fail(entry.path + "/samples/" + std::to_string(i),
                         "expected a non-negative value for a metric in " + *unit);
                }
                metric.samples.push_back(value);
            }
            metric.timestamps = std::move(entry.timestamps);
            if (entry.summary) {
                model::Summary summary = *entry.summary;
                for (std::optional<double>* slot : statistics_of(summary)) {
                    if (!*slot) continue;
                    **slot *= scale;
                    if (non_negative && **slot < 0) {
                        fail(entry.path + "/summary",
                             "expected non-negative statistics for a metric in " + *unit);
                    }
                }
                metric.summary = summary;
            }
            if (entry.status) metric.status = *entry.status;
            metric.message = entry.message;
            if (metric.status == model::Status::ok && metric.samples.empty() && !metric.summary) {
                fail(entry.path + "/samples", "expected at least one sample, or a \"summary\"");
            }
            const std::string key = metric.name + '\x1f' + metric.measure;
            if (!index_.emplace(key, entry.path).second) {
                fail(entry.path, "expected each metric once, but \"" + metric.name + "\" (" +
                                     metric.measure + ") is also at " + index_[key]);
            }
            run_.metrics.push_back(std::move(metric));
        }
        for (Entry& phase_entry : entry.phases) add(phase_entry, &entry, phase_entry.phase);
    }

    Document& doc_;
    model::Run& run_;
    Labels run_conditions_;
    util::StringMap<std::string> index_;
};

}  // namespace

model::Run parse_caws_metrics(std::string_view text, const model::Source& source,
                              const ReadOptions& /*options*/) {
    return read_document<CawsMetricsReader>(text, source);
}

bool looks_like_caws_metrics(std::string_view text) {
    const JsonSniff sniff(text);
    if (!sniff.starts_with("{")) return false;
    const JsonSniff::Token* schema = sniff.value_of("schema", 1);
    return schema != nullptr && schema->kind == JsonSniff::Kind::string &&
           schema->text.starts_with("caws-gate/metrics@");
}

}  // namespace caws::ingest
