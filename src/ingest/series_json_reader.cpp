#include "ingest/series_json_reader.hpp"

#include <deque>
#include <string>
#include <vector>

#include "ingest/json_sniff.hpp"
#include "ingest/series_columns.hpp"
#include "json/document.hpp"
#include "util/error.hpp"
#include "util/json_pointer.hpp"

namespace caws::ingest {
namespace {

struct Column {
    std::string name;
    std::vector<double> values;
};

std::deque<Column> read_columns(std::string_view text, const std::string& path) {
    json::Document doc(path, text);
    const json::Path root;
    std::deque<Column> columns;
    json::read_guarded(doc, root, [&] {
        for (auto field : doc.root_object()) {
            Column& column = columns.emplace_back();
            column.name = std::string(field.unescaped_key().value());
            const json::Path at = root.child(column.name);
            std::size_t index = 0;
            for (auto cell : doc.array(field.value(), at)) {
                column.values.push_back(doc.number(cell.value(), at.child(index++)));
            }
        }
    });
    return columns;
}

template <typename T>
T checked(std::variant<T, std::string> value, const std::string& path, const std::string& pointer) {
    if (auto* error = std::get_if<std::string>(&value)) throw util::Error(path, pointer, *error);
    return std::get<T>(std::move(value));
}

std::string pointer_of(const Column& column) {
    return util::pointer_append("", column.name);
}

model::Metric series_of(const Column& time, const Column& value, const model::Source& source) {
    const std::string& path = source.path;
    const UnitConversion time_unit = checked(time_column_unit(time.name), path, pointer_of(time));
    const UnitConversion value_unit =
        checked(value_column_unit(value.name), path, pointer_of(value));
    if (time.values.size() != value.values.size()) {
        throw util::Error(path, pointer_of(value),
                          "expected " + std::to_string(time.values.size()) + " values like \"" +
                              time.name + "\", got " + std::to_string(value.values.size()));
    }
    if (time.values.empty()) {
        throw util::Error(path, pointer_of(time), "expected at least one sample, got none");
    }
    model::Metric metric = series_metric(source, value_unit);
    for (std::size_t i = 0; i < time.values.size(); ++i) {
        const double seconds = time.values[i] * time_unit.scale;
        const std::string index = std::to_string(i);
        if (auto error = series_time_error(metric, seconds)) {
            throw util::Error(path, pointer_of(time) + "/" + index, *error);
        }
        if (auto error = series_value_error(metric, value.values[i])) {
            throw util::Error(path, pointer_of(value) + "/" + index, *error);
        }
        metric.timestamps.push_back(seconds);
        metric.samples.push_back(value.values[i] * value_unit.scale);
    }
    return metric;
}

}  // namespace

bool looks_like_series_json(std::string_view text) {
    const JsonSniff sniff(text);
    return sniff.starts_with("{s:[n");
}

model::Run parse_series_json(std::string_view text, const model::Source& source,
                             const ReadOptions& options) {
    const std::deque<Column> columns = read_columns(text, source.path);
    std::vector<std::string> names;
    for (const Column& column : columns) names.push_back(column.name);
    const auto [time, value] =
        checked(pick_series_columns(names, options.columns), source.path, "");
    model::Run run;
    run.sources.push_back(source);
    run.metrics.push_back(series_of(columns[time], columns[value], source));
    return run;
}

}  // namespace caws::ingest
