#include "ingest/k6_reader.hpp"

#include <optional>
#include <string>
#include <vector>

#include "ingest/json_sniff.hpp"
#include "ingest/json_values.hpp"
#include "util/error.hpp"
#include "util/json_pointer.hpp"

namespace caws::ingest {
namespace {

using json::Document;
using json::Path;
namespace od = simdjson::ondemand;

constexpr double k_ms = 1e-3;

// k6's built-in trends that hold milliseconds; a summary export does not say "contains".
constexpr std::string_view k_time_trends[] = {"http_req_duration",
                                              "http_req_blocked",
                                              "http_req_connecting",
                                              "http_req_tls_handshaking",
                                              "http_req_sending",
                                              "http_req_waiting",
                                              "http_req_receiving",
                                              "iteration_duration",
                                              "group_duration",
                                              "grpc_req_duration",
                                              "ws_connecting",
                                              "ws_session_duration",
                                              "ws_ping",
                                              "browser_http_req_duration",
                                              "browser_web_vital_fcp",
                                              "browser_web_vital_lcp",
                                              "browser_web_vital_inp",
                                              "browser_web_vital_fid",
                                              "browser_web_vital_ttfb"};

// "http_req_duration{expected_response:true}" -> "http_req_duration"
std::string_view base_name(std::string_view name) {
    return name.substr(0, name.find('{'));
}

bool is_time_trend(std::string_view name) {
    for (const std::string_view known : k_time_trends) {
        if (known == base_name(name)) return true;
    }
    return false;
}

// One metric as written. The views point into the parser's string buffer, which lives as
// long as the document.
struct K6Metric {
    std::string_view name;
    std::string_view type;      // trend, rate, counter, gauge; empty in summary exports
    std::string_view contains;  // time, data, default; empty in summary exports
    std::vector<std::pair<std::string_view, double>> values;

    // The JSON pointer of the metric, for messages.
    std::string path() const { return util::pointer_append("/metrics", name); }

    std::optional<double> value(std::string_view key) const {
        for (const auto& [k, v] : values) {
            if (k == key) return v;
        }
        return std::nullopt;
    }
    bool has(std::string_view key) const { return value(key).has_value(); }
};

class K6Reader {
  public:
    K6Reader(Document& document, model::Run& run) : doc_(document), run_(run) {}

    void read() {
        const Path root;
        bool saw_metrics = false;
        std::vector<K6Metric> metrics;
        for (auto field : doc_.root_object()) {
            const std::string_view key = field.unescaped_key();
            const Path where = root.child(key);
            if (key == "metrics") {
                saw_metrics = true;
                od::object object = doc_.object(field.value(), where);
                // Summaries with many tagged submetrics are common: size the run once.
                const std::size_t count = count_fields(doc_, object, where);
                metrics.reserve(count);
                run_.metrics.reserve(count);
                for (auto metric : object) {
                    const std::string_view name = metric.unescaped_key();
                    const Path at = where.child(name);
                    metrics.push_back(read_metric(name, doc_.object(metric.value(), at), at));
                }
                if (metrics.empty()) {
                    doc_.fail(where, "expected at least one metric, got an empty object");
                }
            } else if (key == "state") {
                for (auto state : doc_.object(field.value(), where)) {
                    const std::string_view state_key = state.unescaped_key();
                    if (state_key == "testRunDurationMs") {
                        run_.context.extra.emplace_back("test_run_duration_ms",
                                                        label_text(state.value()));
                    }
                }
            }
        }
        if (!saw_metrics) doc_.fail(root, "expected a \"metrics\" object (k6 --summary-export)");
        for (const K6Metric& metric : metrics) add(metric, metrics);
    }

  private:
    K6Metric read_metric(std::string_view name, od::object object, const Path& at) {
        K6Metric metric;
        metric.name = name;
        metric.values.reserve(8);
        for (auto field : object) {
            const std::string_view key = field.unescaped_key();
            const Path where = at.child(key);
            od::value value = field.value();
            if (key == "type") {
                metric.type = doc_.string(value, where);
            } else if (key == "contains") {
                metric.contains = doc_.string(value, where);
            } else if (key == "values") {
                for (auto entry : doc_.object(value, where)) {
                    const std::string_view entry_key = entry.unescaped_key();
                    read_value(entry_key, entry.value(), where.child(entry_key), metric);
                }
            } else if (key != "thresholds") {
                read_value(key, value, where, metric);
            }
        }
        if (metric.type.empty()) {
            // A summary export does not say the type: its statistics do.
            if (metric.has("passes") || metric.has("fails")) {
                metric.type = "rate";
            } else if (metric.has("avg") || metric.has("med")) {
                metric.type = "trend";
            } else if (metric.has("count")) {
                metric.type = "counter";
            } else if (metric.has("value")) {
                metric.type = "gauge";
            } else {
                doc_.fail(at, "expected k6's statistics of a trend, rate, counter or gauge");
            }
        }
        return metric;
    }

    void read_value(std::string_view key, od::value value, const Path& where, K6Metric& metric) {
        metric.values.emplace_back(key, finite_number(doc_, value, where));
    }

    void add(const K6Metric& k6, const std::vector<K6Metric>& all) {
        const auto make = [&](const char* measure, model::Unit unit, model::Direction direction) {
            model::Metric metric;
            metric.name = std::string(k6.name);
            metric.measure = measure;
            metric.unit = std::move(unit);
            metric.direction = direction;
            return metric;
        };
        const std::string_view base = base_name(k6.name);
        if (k6.type == "trend") {
            const bool time =
                k6.contains == "time" || (k6.contains.empty() && is_time_trend(k6.name));
            const double scale = time ? k_ms : 1.0;
            model::Metric metric = make("value", time ? model::seconds() : model::count(),
                                        time ? model::Direction::lower : model::Direction::unknown);
            model::Summary summary;
            const auto put = [&](std::optional<double>& slot, std::string_view key) {
                if (const auto v = k6.value(key)) slot = *v * scale;
            };
            put(summary.mean, "avg");
            put(summary.median, "med");
            put(summary.min, "min");
            put(summary.max, "max");
            put(summary.p90, "p(90)");
            put(summary.p95, "p(95)");
            put(summary.p99, "p(99)");
            if (!summary.mean && !summary.median) {
                fail(k6.path(), "expected the trend's \"avg\" or \"med\"");
            }
            summary.n = count_of(k6, all);
            metric.summary = summary;
            run_.metrics.push_back(std::move(metric));
        } else if (k6.type == "rate") {
            model::Direction direction = model::Direction::unknown;
            if (base == "http_req_failed") direction = model::Direction::lower;
            if (base == "checks") direction = model::Direction::higher;
            model::Metric metric = make("value", model::fraction(), direction);
            const auto rate = k6.value("rate") ? k6.value("rate") : k6.value("value");
            if (!rate) fail(k6.path(), "expected the rate's \"value\" (or \"rate\")");
            model::Summary summary;
            summary.mean = *rate;
            summary.n = static_cast<std::size_t>(k6.value("passes").value_or(0) +
                                                 k6.value("fails").value_or(0));
            metric.summary = summary;
            run_.metrics.push_back(std::move(metric));
        } else if (k6.type == "counter") {
            const bool data =
                k6.contains == "data" || base == "data_received" || base == "data_sent";
            model::Direction direction = model::Direction::unknown;
            if (base == "http_reqs" || base == "iterations") direction = model::Direction::higher;
            if (base == "dropped_iterations") direction = model::Direction::lower;
            const auto count = k6.value("count");
            if (!count) fail(k6.path(), "expected the counter's \"count\"");
            model::Metric total = make(
                "count", data ? model::bytes() : model::count(),
                base == "dropped_iterations" ? model::Direction::lower : model::Direction::unknown);
            total.samples.push_back(*count);
            run_.metrics.push_back(std::move(total));
            if (const auto rate = k6.value("rate")) {
                model::Metric per_second =
                    make("rate", data ? model::bytes_per_second() : model::per_second(), direction);
                per_second.samples.push_back(*rate);
                run_.metrics.push_back(std::move(per_second));
            }
        } else if (k6.type == "gauge") {
            const auto value = k6.value("value");
            if (!value) fail(k6.path(), "expected the gauge's \"value\"");
            model::Metric metric = make("value", model::count(), model::Direction::unknown);
            metric.samples.push_back(*value);
            run_.metrics.push_back(std::move(metric));
        } else {
            fail(k6.path() + "/type",
                 "expected \"trend\", \"rate\", \"counter\" or \"gauge\", got \"" +
                     std::string(k6.type) + "\"");
        }
    }

    [[noreturn]] void fail(const std::string& where, const std::string& what) const {
        throw util::Error(doc_.path(), where, what);
    }

    // The number of values behind a trend: its own "count" statistic when exported, else
    // the count of the counter that grows with it.
    static std::size_t count_of(const K6Metric& trend, const std::vector<K6Metric>& all) {
        if (const auto count = trend.value("count")) return static_cast<std::size_t>(*count);
        const std::string_view base = base_name(trend.name);
        std::string_view counter;
        if (base.starts_with("http_req_") && base == trend.name) counter = "http_reqs";
        if (base == "iteration_duration" && base == trend.name) counter = "iterations";
        if (counter.empty()) return 0;
        for (const K6Metric& metric : all) {
            if (metric.name == counter) {
                return static_cast<std::size_t>(metric.value("count").value_or(0));
            }
        }
        return 0;
    }

    Document& doc_;
    model::Run& run_;
};

}  // namespace

model::Run parse_k6(std::string_view text, const model::Source& source,
                    const ReadOptions& /*options*/) {
    return read_document<K6Reader>(text, source);
}

bool looks_like_k6(std::string_view text) {
    const JsonSniff sniff(text);
    if (!sniff.starts_with("{")) return false;
    if (sniff.has_key("root_group", 1)) return true;
    if (!sniff.has_key("metrics", 1)) return false;
    for (const std::string_view metric : {"http_reqs", "iterations", "vus", "http_req_duration",
                                          "iteration_duration", "checks", "data_received"}) {
        if (sniff.has_key(metric, 2)) return true;
    }
    return false;
}

}  // namespace caws::ingest
