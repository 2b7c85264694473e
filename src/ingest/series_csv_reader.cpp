#include "ingest/series_csv_reader.hpp"

#include <filesystem>
#include <string>

#include "ingest/text_cursor.hpp"
#include "ingest/units.hpp"
#include "util/environment.hpp"
#include "util/error.hpp"
#include "util/strings.hpp"

namespace caws::ingest {
namespace {

constexpr std::string_view k_header = "time,value";

bool skipped(std::string_view line) {
    const std::string_view content = util::trim(line);
    return content.empty() || content.front() == '#';
}

// The unit of the header "time,value" or "time,value (UNIT)"; throws otherwise.
UnitConversion header_unit(std::string_view line, const TextCursor& cursor) {
    const std::string_view content = util::trim(line);
    if (content.substr(0, k_header.size()) != k_header) {
        cursor.fail(content, "expected the header \"time,value\" or \"time,value (UNIT)\"");
    }
    std::string_view rest = util::trim(content.substr(k_header.size()));
    if (rest.empty()) return {model::bytes(), 1.0};
    if (rest.front() != '(' || rest.back() != ')') {
        cursor.fail(rest,
                    "expected the unit in parentheses after \"value\", as in \"value (MiB)\"");
    }
    const std::string_view written = util::trim(rest.substr(1, rest.size() - 2));
    const auto unit = canonical_unit(written);
    if (!unit || written.empty()) {
        cursor.fail(rest, "unknown unit \"" + std::string(written) +
                              "\"; expected a size (B, kB, MB, MiB, GiB, ...) or another unit "
                              "caws-gate knows");
    }
    return *unit;
}

}  // namespace

bool looks_like_series_csv(std::string_view text) {
    TextCursor cursor(text.substr(0, 1 << 16), "");
    std::string_view line;
    while (cursor.next(line)) {
        if (skipped(line)) continue;
        return util::trim(line).starts_with(k_header);
    }
    return false;
}

model::Run parse_series_csv(std::string_view text, const model::Source& source,
                            const ReadOptions& /*options*/) {
    TextCursor cursor(text, source.path);
    std::string_view line;
    bool has_header = false;
    while (!has_header && cursor.next(line)) has_header = !skipped(line);
    if (!has_header) {
        throw util::Error(source.path, {}, "expected the header \"time,value\", got an empty file");
    }
    const UnitConversion unit = header_unit(line, cursor);

    model::Metric metric;
    metric.name = std::filesystem::path(source.path).stem().string();
    if (metric.name.empty()) metric.name = "series";
    metric.measure = unit.unit.dimension == model::Dimension::size ? "memory" : "value";
    metric.unit = unit.unit;
    metric.direction = model::Direction::lower;
    const bool non_negative = unit.unit.dimension != model::Dimension::other &&
                              unit.unit.dimension != model::Dimension::count;
    while (cursor.next(line)) {
        if (skipped(line)) continue;
        const std::size_t comma = line.find(',');
        if (comma == std::string_view::npos) {
            cursor.fail(line, "expected two fields \"time,value\", got one");
        }
        const std::string_view time_field = line.substr(0, comma);
        const std::string_view value_field = line.substr(comma + 1);
        if (value_field.find(',') != std::string_view::npos) {
            cursor.fail(line.substr(comma + 1 + value_field.find(',')),
                        "expected two fields \"time,value\", got more");
        }
        const std::string_view time_text = util::trim(time_field);
        std::optional<double> time = parse_number(time_text);
        if (!time) {
            if (const auto date = util::parse_date(time_text)) time = static_cast<double>(*date);
        }
        if (!time) {
            cursor.fail(time_field, "expected a time (Unix seconds or an ISO 8601 date), got \"" +
                                        std::string(time_text) + "\"");
        }
        const std::string_view value_text = util::trim(value_field);
        const std::optional<double> value = parse_number(value_text);
        if (!value) {
            cursor.fail(value_field.empty() ? line.substr(comma) : value_field,
                        "expected a number, got \"" + std::string(value_text) + "\"");
        }
        if (non_negative && *value < 0) {
            cursor.fail(value_field,
                        "expected a value that is not negative, got " + std::string(value_text));
        }
        metric.timestamps.push_back(*time);
        metric.samples.push_back(*value * unit.scale);
    }
    if (metric.samples.empty()) {
        throw util::Error(source.path, {},
                          "expected at least one \"time,value\" line after the header");
    }
    model::Run run;
    run.sources.push_back(source);
    run.metrics.push_back(std::move(metric));
    return run;
}

}  // namespace caws::ingest
