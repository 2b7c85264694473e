#include "ingest/prometheus_reader.hpp"

#include <charconv>
#include <cmath>
#include <limits>
#include <optional>
#include <string>
#include <vector>

#include "ingest/json_sniff.hpp"
#include "ingest/json_values.hpp"
#include "util/error.hpp"
#include "util/string_map.hpp"

namespace caws::ingest {
namespace {

using json::Document;
using json::Path;
namespace od = simdjson::ondemand;

// The unit Prometheus' naming conventions give a metric name: base units as suffixes,
// counters ending in _total, histograms' and summaries' _sum and _count.
model::Unit unit_of(std::string_view name) {
    if (name.ends_with("_count")) return model::count();
    bool counter = false;
    if (name.ends_with("_total")) {
        name.remove_suffix(6);
        counter = true;
    } else if (name.ends_with("_sum")) {
        name.remove_suffix(4);
    }
    if (name.ends_with("_seconds")) return model::seconds();
    if (name.ends_with("_bytes")) return model::bytes();
    if (name.ends_with("_ratio")) return model::fraction();
    if (counter) return model::count();
    return model::Unit{model::Dimension::other, ""};
}

// A label value quoted as Prometheus writes it in series names.
void append_quoted(std::string& out, std::string_view value) {
    out += '"';
    for (const char c : value) {
        if (c == '\\' || c == '"') {
            out += '\\';
            out += c;
        } else if (c == '\n') {
            out += "\\n";
        } else {
            out += c;
        }
    }
    out += '"';
}

// "1.5", "NaN", "+Inf", "-Inf" -> the number; nullopt when the text is not a number.
std::optional<double> parse_sample(std::string_view text) {
    if (text == "NaN") return std::numeric_limits<double>::quiet_NaN();
    if (text == "+Inf" || text == "Inf") return std::numeric_limits<double>::infinity();
    if (text == "-Inf") return -std::numeric_limits<double>::infinity();
    double value = 0;
    const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
    if (error != std::errc() || end != text.data() + text.size() || text.empty()) {
        return std::nullopt;
    }
    return value;
}

class PrometheusReader {
  public:
    PrometheusReader(Document& document, model::Run& run) : doc_(document), run_(run) {}

    void read() {
        const Path root;
        std::string status, error_type, error;
        for (auto field : doc_.root_object()) {
            const std::string_view key = field.unescaped_key();
            const Path where = root.child(key);
            if (key == "status") {
                status = doc_.string(field.value(), where);
            } else if (key == "data") {
                read_data(doc_.object(field.value(), where), where);
            } else if (key == "errorType") {
                error_type = doc_.string(field.value(), where);
            } else if (key == "error") {
                error = doc_.string(field.value(), where);
            } else if (key == "warnings" || key == "infos") {
                for (auto warning : doc_.array(field.value(), where)) {
                    run_.notes.push_back("Prometheus " +
                                         std::string(key == "warnings" ? "warning" : "info") +
                                         ": " + label_text(warning.value()));
                }
            }
        }
        if (status == "error" || !error.empty()) {
            throw util::Error(doc_.path(), "/error",
                              "the Prometheus query failed" +
                                  (error_type.empty() ? std::string() : " (" + error_type + ")") +
                                  ": " + error);
        }
        if (status != "success") {
            doc_.fail(root.child("status"),
                      "expected \"success\" (a Prometheus API response), got \"" + status + "\"");
        }
        if (!saw_result_) doc_.fail(root.child("data"), "expected the query's \"result\"");
        if (run_.metrics.empty()) {
            const Path data = root.child("data");
            doc_.fail(data.child("result"),
                      "expected at least one series with samples; the query matched nothing");
        }
        if (non_finite_ > 0) {
            run_.notes.push_back(std::to_string(non_finite_) +
                                 " NaN or infinite sample(s) skipped");
        }
        if (histograms_ > 0) {
            run_.notes.push_back(
                std::to_string(histograms_) +
                " series with native histogram samples: the histograms are skipped");
        }
    }

  private:
    void read_data(od::object data, const Path& at) {
        for (auto field : data) {
            const std::string_view key = field.unescaped_key();
            const Path where = at.child(key);
            if (key == "resultType") {
                result_type_ = doc_.string(field.value(), where);
                if (result_type_ == "string") {
                    doc_.fail(where, "expected a vector, matrix or scalar result, got a string");
                }
            } else if (key == "result") {
                saw_result_ = true;
                read_result(doc_.array(field.value(), where), where);
            }
        }
    }

    void read_result(od::array result, const Path& at) {
        std::size_t index = 0;
        bool scalar = false;
        model::Metric scalar_metric;
        for (auto element : result) {
            const Path where = at.child(index);
            od::value value = element.value();
            if (index == 0 && value.type() != od::json_type::object) scalar = true;
            if (scalar) {
                // [timestamp, "value"]
                if (index == 0) {
                    scalar_metric.timestamps.push_back(finite_number(doc_, value, where));
                }
                if (index == 1) {
                    scalar_metric.name = "scalar";
                    scalar_metric.unit = model::Unit{model::Dimension::other, ""};
                    if (!add_sample(scalar_metric, doc_.string(value, where), where)) {
                        scalar_metric.timestamps.clear();
                    }
                }
            } else {
                read_series(doc_.object(value, where), where);
            }
            ++index;
        }
        if (scalar) {
            if (index != 2) doc_.fail(at, "expected a scalar result [timestamp, \"value\"]");
            if (!scalar_metric.samples.empty()) finish(std::move(scalar_metric), at);
        }
    }

    void read_series(od::object series, const Path& at) {
        model::Metric metric;
        std::string name;
        bool has_samples = false;
        for (auto field : series) {
            const std::string_view key = field.unescaped_key();
            const Path where = at.child(key);
            if (key == "metric") {
                for (auto label : doc_.object(field.value(), where)) {
                    const std::string_view label_name = label.unescaped_key();
                    std::string label_value(doc_.string(label.value(), where.child(label_name)));
                    if (label_name == "__name__") {
                        name = std::move(label_value);
                    } else {
                        metric.labels.emplace_back(std::string(label_name), std::move(label_value));
                    }
                }
            } else if (key == "value") {
                has_samples = true;
                read_point(field.value(), where, metric);
            } else if (key == "values") {
                has_samples = true;
                std::size_t i = 0;
                for (auto point : doc_.array(field.value(), where)) {
                    const Path point_at = where.child(i++);
                    read_point(point.value(), point_at, metric);
                }
            } else if (key == "histogram" || key == "histograms") {
                ++histograms_;
            }
        }
        metric.unit = unit_of(name);
        metric.name = std::move(name);
        if (!metric.labels.empty() || metric.name.empty()) {
            metric.name += '{';
            bool first = true;
            for (const auto& [label, value] : metric.labels) {
                if (!first) metric.name += ',';
                first = false;
                metric.name += label;
                metric.name += '=';
                append_quoted(metric.name, value);
            }
            metric.name += '}';
        }
        if (!has_samples || metric.samples.empty()) return;  // only histograms or NaN
        finish(std::move(metric), at);
    }

    // [timestamp, "value"]
    void read_point(od::value point, const Path& at, model::Metric& metric) {
        std::size_t i = 0;
        std::optional<double> timestamp;
        for (auto element : doc_.array(point, at)) {
            const Path where = at.child(i);
            if (i == 0) {
                timestamp = finite_number(doc_, element.value(), where);
            } else if (i == 1) {
                if (add_sample(metric, doc_.string(element.value(), where), where)) {
                    metric.timestamps.push_back(*timestamp);
                }
            }
            ++i;
        }
        if (i != 2) doc_.fail(at, "expected a sample [timestamp, \"value\"]");
    }

    // Adds the sample written as `text`; false when it is NaN or infinite (skipped).
    bool add_sample(model::Metric& metric, std::string_view text, const Path& at) {
        const auto value = parse_sample(text);
        if (!value) {
            doc_.fail(at, "expected a sample value (a number in a string), got \"" +
                              std::string(text) + "\"");
        }
        if (!std::isfinite(*value)) {
            ++non_finite_;
            return false;
        }
        metric.samples.push_back(*value);
        return true;
    }

    void finish(model::Metric metric, const Path& at) {
        metric.measure = "value";
        if (!index_.emplace(metric.name, at.str()).second) {
            doc_.fail(at, "expected each series once, but " + metric.name + " is also at " +
                              index_[metric.name]);
        }
        run_.metrics.push_back(std::move(metric));
    }

    Document& doc_;
    model::Run& run_;
    std::string result_type_;
    bool saw_result_ = false;
    std::size_t non_finite_ = 0;
    std::size_t histograms_ = 0;
    util::StringMap<std::string> index_;
};

}  // namespace

model::Run parse_prometheus(std::string_view text, const model::Source& source,
                            const ReadOptions& /*options*/) {
    return read_document<PrometheusReader>(text, source);
}

bool looks_like_prometheus(std::string_view text) {
    const JsonSniff sniff(text);
    return sniff.starts_with("{") && sniff.has_key("status", 1) &&
           (sniff.has_key("resultType", 2) || sniff.has_key("errorType", 1));
}

}  // namespace caws::ingest
