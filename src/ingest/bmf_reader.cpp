#include "ingest/bmf_reader.hpp"

#include <optional>
#include <string>

#include "ingest/json_sniff.hpp"
#include "ingest/json_values.hpp"

namespace caws::ingest {
namespace {

using json::Document;
using json::Path;
namespace od = simdjson::ondemand;

struct KnownMeasure {
    std::string_view name;
    model::Dimension dimension;
    const char* symbol;
    double scale;
    model::Direction direction;
};

constexpr KnownMeasure k_known_measures[] = {
    {"latency", model::Dimension::time, "s", 1e-9, model::Direction::lower},
    {"throughput", model::Dimension::rate, "1/s", 1.0, model::Direction::higher},
    {"build-time", model::Dimension::time, "s", 1.0, model::Direction::lower},
    {"file-size", model::Dimension::size, "B", 1.0, model::Direction::lower},
    {"instructions", model::Dimension::count, "1", 1.0, model::Direction::lower},
    {"cycles", model::Dimension::count, "1", 1.0, model::Direction::lower},
    {"estimated-cycles", model::Dimension::count, "1", 1.0, model::Direction::lower},
    {"l1-accesses", model::Dimension::count, "1", 1.0, model::Direction::lower},
    {"l2-accesses", model::Dimension::count, "1", 1.0, model::Direction::lower},
    {"ram-accesses", model::Dimension::count, "1", 1.0, model::Direction::lower},
    {"Total Bytes", model::Dimension::size, "B", 1.0, model::Direction::lower},
    {"Max Bytes", model::Dimension::size, "B", 1.0, model::Direction::lower},
    {"Final Bytes", model::Dimension::size, "B", 1.0, model::Direction::lower},
    {"Total Blocks", model::Dimension::count, "1", 1.0, model::Direction::lower},
    {"Max Blocks", model::Dimension::count, "1", 1.0, model::Direction::lower},
    {"Final Blocks", model::Dimension::count, "1", 1.0, model::Direction::lower},
};

class BmfReader {
  public:
    BmfReader(Document& document, model::Run& run) : doc_(document), run_(run) {}

    void read() {
        const Path root;
        od::object benchmarks = doc_.root_object();
        // Files of many thousands of benchmarks are common: size the run once.
        const std::size_t count = count_fields(doc_, benchmarks, root);
        run_.metrics.reserve(count);
        for (auto field : benchmarks) {
            const std::string_view benchmark = field.unescaped_key();
            const Path at = root.child(benchmark);
            std::size_t measures = 0;
            for (auto measure : doc_.object(field.value(), at)) {
                const std::string_view name = measure.unescaped_key();
                const Path where = at.child(name);
                add(benchmark, name, doc_.object(measure.value(), where), where);
                ++measures;
            }
            if (measures == 0) {
                doc_.fail(at,
                          "expected at least one measure ({\"latency\": {\"value\": ...}}), "
                          "got an empty object");
            }
        }
        if (run_.metrics.empty()) {
            doc_.fail(root, "expected at least one benchmark, got an empty object");
        }
    }

  private:
    void add(std::string_view benchmark, std::string_view measure, od::object object,
             const Path& at) {
        std::optional<double> value;
        model::Metric metric;
        for (auto field : object) {
            const std::string_view key = field.unescaped_key();
            if (key == "value") {
                value = finite_number(doc_, field.value(), at.child(key));
            } else if (key == "lower_value" || key == "upper_value") {
                od::value bound = field.value();
                finite_number(doc_, bound, at.child(key));
                if (metric.labels.empty()) metric.labels.reserve(2);
                metric.labels.emplace_back(std::string(key), label_text(bound));
            }
        }
        if (!value) doc_.fail(at.child("value"), "expected the measure's \"value\"");
        metric.name = std::string(benchmark);
        metric.measure = std::string(measure);
        metric.unit = model::Unit{model::Dimension::other, ""};
        double scale = 1.0;
        for (const KnownMeasure& known : k_known_measures) {
            if (known.name == measure) {
                metric.unit = model::Unit{known.dimension, known.symbol};
                metric.direction = known.direction;
                scale = known.scale;
            }
        }
        metric.samples.push_back(*value * scale);
        run_.metrics.push_back(std::move(metric));
    }

    Document& doc_;
    model::Run& run_;
};

}  // namespace

model::Run parse_bmf(std::string_view text, const model::Source& source,
                     const ReadOptions& /*options*/) {
    return read_document<BmfReader>(text, source);
}

bool looks_like_bmf(std::string_view text) {
    const JsonSniff sniff(text);
    if (!sniff.starts_with("{s:{s:{s:")) return false;
    const std::string_view key = sniff.string_at(7);
    return key == "value" || key == "lower_value" || key == "upper_value";
}

}  // namespace caws::ingest
