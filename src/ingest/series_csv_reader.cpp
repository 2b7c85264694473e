#include "ingest/series_csv_reader.hpp"

#include <string>
#include <vector>

#include "ingest/series_columns.hpp"
#include "ingest/text_cursor.hpp"
#include "ingest/units.hpp"
#include "util/environment.hpp"
#include "util/error.hpp"
#include "util/strings.hpp"

namespace caws::ingest {
namespace {

bool skipped(std::string_view line) {
    const std::string_view content = util::trim(line);
    return content.empty() || content.front() == '#';
}

// The comma-separated fields of a line, as views into it (untrimmed).
std::vector<std::string_view> fields_of(std::string_view line) {
    std::vector<std::string_view> fields;
    std::size_t start = 0;
    while (true) {
        const std::size_t comma = line.find(',', start);
        fields.push_back(line.substr(start, comma - start));
        if (comma == std::string_view::npos) return fields;
        start = comma + 1;
    }
}

template <typename T>
T checked(std::variant<T, std::string> value, const TextCursor& cursor, std::string_view at) {
    if (auto* error = std::get_if<std::string>(&value)) cursor.fail(at, *error);
    return std::get<T>(std::move(value));
}

// The chosen columns of the header and their units.
struct Header {
    std::vector<std::string> names;
    std::size_t time = 0;
    std::size_t value = 1;
    UnitConversion time_unit;
    UnitConversion value_unit;
};

Header read_header(std::string_view line, const TextCursor& cursor, const ReadOptions& options) {
    Header header;
    const std::vector<std::string_view> fields = fields_of(line);
    for (const std::string_view field : fields) {
        header.names.emplace_back(util::trim(field));
        if (header.names.back().empty()) cursor.fail(field, "expected a column name, got none");
    }
    const auto [time, value] =
        checked(pick_series_columns(header.names, options.columns), cursor, line);
    header.time = time;
    header.value = value;
    header.time_unit = checked(time_column_unit(header.names[time]), cursor, fields[time]);
    header.value_unit = checked(value_column_unit(header.names[value]), cursor, fields[value]);
    return header;
}

double time_cell(std::string_view field, const Header& header, const TextCursor& cursor) {
    const std::string_view text = util::trim(field);
    if (const std::optional<double> number = parse_number(text)) {
        return *number * header.time_unit.scale;
    }
    if (const auto date = util::parse_date(text)) return static_cast<double>(*date);
    cursor.fail(field, "expected a time (a number or an ISO 8601 date) in column \"" +
                           header.names[header.time] + "\", got \"" + std::string(text) + "\"");
}

double value_cell(std::string_view field, const Header& header, const TextCursor& cursor) {
    const std::string_view text = util::trim(field);
    const std::optional<double> value = parse_number(text);
    if (!value) {
        cursor.fail(field, "expected a number in column \"" + header.names[header.value] +
                               "\", got \"" + std::string(text) + "\"");
    }
    return *value;
}

void read_sample(std::string_view line, const Header& header, const TextCursor& cursor,
                 model::Metric& metric) {
    const std::vector<std::string_view> fields = fields_of(line);
    if (fields.size() != header.names.size()) {
        cursor.fail(line, "expected " + std::to_string(header.names.size()) +
                              " fields like the header, got " + std::to_string(fields.size()));
    }
    const double time = time_cell(fields[header.time], header, cursor);
    const double value = value_cell(fields[header.value], header, cursor);
    if (auto error = series_time_error(metric, time)) cursor.fail(fields[header.time], *error);
    if (auto error = series_value_error(metric, value)) cursor.fail(fields[header.value], *error);
    metric.timestamps.push_back(time);
    metric.samples.push_back(value * header.value_unit.scale);
}

}  // namespace

bool looks_like_series_csv(std::string_view text) {
    TextCursor cursor(text.substr(0, 1 << 16), "");
    std::string_view line;
    std::vector<std::string_view> header;
    while (cursor.next(line)) {
        if (skipped(line)) continue;
        if (header.empty()) {
            header = fields_of(line);
            if (header.size() != 2) return false;
            for (const std::string_view name : header) {
                if (util::trim(name).empty() || parse_number(util::trim(name))) return false;
            }
            continue;
        }
        const std::vector<std::string_view> fields = fields_of(line);
        return fields.size() == 2 && parse_number(util::trim(fields[1])).has_value();
    }
    return !header.empty();  // a header alone: the reader says that samples are missing
}

model::Run parse_series_csv(std::string_view text, const model::Source& source,
                            const ReadOptions& options) {
    TextCursor cursor(text, source.path);
    std::string_view line;
    bool has_header = false;
    while (!has_header && cursor.next(line)) has_header = !skipped(line);
    if (!has_header) {
        throw util::Error(source.path, {},
                          "expected a header naming the time and value columns (\"t_s,rss_mb\"), "
                          "got an empty file");
    }
    const Header header = read_header(line, cursor, options);
    model::Metric metric = series_metric(source, header.value_unit);
    while (cursor.next(line)) {
        if (!skipped(line)) read_sample(line, header, cursor, metric);
    }
    if (metric.samples.empty()) {
        throw util::Error(source.path, {}, "expected at least one sample line after the header");
    }
    model::Run run;
    run.sources.push_back(source);
    run.metrics.push_back(std::move(metric));
    return run;
}

}  // namespace caws::ingest
