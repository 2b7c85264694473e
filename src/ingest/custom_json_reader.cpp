#include "ingest/custom_json_reader.hpp"

#include <optional>
#include <string>
#include <string_view>

#include "ingest/json_sniff.hpp"
#include "ingest/json_values.hpp"
#include "ingest/name_index.hpp"
#include "ingest/units.hpp"
#include "util/error.hpp"

namespace caws::ingest {
namespace {

using json::Document;
using json::Path;
namespace od = simdjson::ondemand;

class CustomJsonReader {
  public:
    CustomJsonReader(Document& document, model::Run& run, model::Direction direction)
        : doc_(document), run_(run), direction_(direction) {}

    void read() {
        const Path root;
        od::array entries = doc_.root_array(
            "expected a JSON array of {\"name\", \"unit\", \"value\"} entries "
            "(github-action-benchmark custom JSON)");
        // Files of many thousands of small entries are common: size the run once (a cheap
        // pass over simdjson's structural index).
        const std::size_t count = count_elements(doc_, entries, root);
        run_.metrics.reserve(count);
        first_entry_.reserve(count);
        index_.reserve(count);
        std::size_t index = 0;
        for (auto element : entries) {
            const Path at = root.child(index);
            read_entry(doc_.object(element.value(), at), at, index);
            ++index;
        }
        if (index == 0) doc_.fail(root, "expected at least one benchmark, got an empty list");
    }

  private:
    void read_entry(od::object object, const Path& at, std::size_t index) {
        // Views into the parser's string buffer, valid while the document is.
        std::string_view name, unit;
        bool has_unit = false;
        std::optional<double> value;
        std::vector<std::pair<std::string, std::string>> labels;
        for (auto field : object) {
            const std::string_view key = field.unescaped_key();
            const Path where = at.child(key);
            if (key == "name") {
                name = doc_.string(field.value(), where);
            } else if (key == "unit") {
                unit = doc_.string(field.value(), where);
                has_unit = true;
            } else if (key == "value") {
                value = finite_number(doc_, field.value(), where);
            } else if (key == "range" || key == "extra") {
                labels.emplace_back(std::string(key), label_text(field.value()));
            }
        }
        if (name.empty()) doc_.fail(at.child("name"), "expected the benchmark's name");
        if (!has_unit) {
            doc_.fail(at.child("unit"), "expected the unit of \"" + std::string(name) + "\"");
        }
        if (!value) {
            doc_.fail(at.child("value"),
                      "expected the value of \"" + std::string(name) + "\" (a number)");
        }
        // Files hold one unit or a few: convert each once.
        if (unit != last_unit_) {
            last_unit_ = unit;
            const auto conversion = canonical_unit(unit);
            last_canonical_ = conversion ? conversion->unit : unit_as_written(unit);
            last_scale_ = conversion ? conversion->scale : 1.0;
        }
        const model::Unit& canonical = last_canonical_;
        const double sample = *value * last_scale_;
        if (const auto seen = index_.insert(name, run_.metrics.size())) {
            model::Metric& existing = run_.metrics[*seen];
            if (existing.unit != canonical) {
                doc_.fail(at.child("unit"), "expected the unit of \"" + std::string(name) +
                                                "\" at /" + std::to_string(first_entry_[*seen]) +
                                                " again (a repetition), got \"" +
                                                std::string(unit) + "\"");
            }
            existing.samples.push_back(sample);
            return;
        }
        first_entry_.push_back(index);
        model::Metric metric;
        metric.name = std::string(name);
        metric.measure = "value";
        metric.unit = canonical;
        metric.direction = direction_;
        metric.samples.push_back(sample);
        metric.labels = std::move(labels);
        run_.metrics.push_back(std::move(metric));
    }

    Document& doc_;
    model::Run& run_;
    model::Direction direction_;
    NameIndex index_;                       // name -> position in run_.metrics
    std::vector<std::size_t> first_entry_;  // per metric, the entry that started it
    std::string_view last_unit_ = "\x01";   // no unit is written so
    model::Unit last_canonical_;
    double last_scale_ = 1.0;
};

}  // namespace

model::Run parse_custom_json(std::string_view text, const model::Source& source,
                             const ReadOptions& options) {
    const model::Direction direction = options.direction.value_or(model::Direction::unknown);
    model::Run run = read_document<CustomJsonReader>(text, source, direction);
    if (!options.direction) {
        throw util::Error(source.path, {},
                          "github-action-benchmark custom JSON does not say whether smaller or "
                          "bigger is better; pass --direction lower (customSmallerIsBetter) or "
                          "--direction higher (customBiggerIsBetter)");
    }
    return run;
}

bool looks_like_custom_json(std::string_view text) {
    const JsonSniff sniff(text);
    if (!sniff.starts_with("[{")) return false;
    bool name = false, value = false;
    for (const std::string_view key : sniff.first_object_keys(2)) {
        if (key == "name") name = true;
        if (key == "value") value = true;
        if (key == "benchmark" || key == "primaryMetric" || key == "Julia" ||
            key == "BenchmarkTools") {
            return false;
        }
    }
    return name && value;
}

}  // namespace caws::ingest
