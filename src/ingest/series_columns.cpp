#include "ingest/series_columns.hpp"

#include <algorithm>
#include <charconv>
#include <filesystem>

#include "util/strings.hpp"

namespace caws::ingest {
namespace {

// Name suffixes read as units, in lower case, with the spelling canonical_unit reads.
struct Suffix {
    std::string_view suffix;
    std::string_view unit;
};
constexpr Suffix k_suffixes[] = {
    {"b", "B"},   {"bytes", "B"}, {"kb", "kB"},   {"kib", "KiB"}, {"mb", "MB"}, {"mib", "MiB"},
    {"gb", "GB"}, {"gib", "GiB"}, {"tb", "TB"},   {"tib", "TiB"}, {"ns", "ns"}, {"us", "us"},
    {"ms", "ms"}, {"s", "s"},     {"min", "min"}, {"h", "h"},
};

// The shortest text that reads back as `value` (a Unix time keeps all its digits).
std::string shortest(double value) {
    char buffer[32];
    const auto result = std::to_chars(buffer, buffer + sizeof buffer, value);
    return std::string(buffer, result.ptr);
}

std::string joined(const std::vector<std::string>& names) {
    std::string list;
    for (const std::string& name : names) list += (list.empty() ? "\"" : ", \"") + name + "\"";
    return list;
}

}  // namespace

std::variant<std::optional<UnitConversion>, std::string> column_unit(std::string_view name) {
    const std::string_view trimmed = util::trim(name);
    if (trimmed.ends_with(')')) {
        const std::size_t open = trimmed.rfind('(');
        if (open != std::string_view::npos) {
            const std::string_view written =
                util::trim(trimmed.substr(open + 1, trimmed.size() - open - 2));
            const auto unit = canonical_unit(written);
            if (!unit || written.empty()) {
                return "unknown unit \"" + std::string(written) + "\" in column \"" +
                       std::string(trimmed) +
                       "\"; expected a size (B, kB, MB, MiB, GiB, ...), a time (s, ms, ...) or "
                       "another unit caws-gate knows";
            }
            return std::optional<UnitConversion>(*unit);
        }
    }
    const std::size_t underscore = trimmed.rfind('_');
    if (underscore == std::string_view::npos) return std::optional<UnitConversion>();
    const std::string suffix = util::lower(trimmed.substr(underscore + 1));
    for (const Suffix& known : k_suffixes) {
        if (known.suffix == suffix)
            return std::optional<UnitConversion>(canonical_unit(known.unit));
    }
    return std::optional<UnitConversion>();
}

std::variant<UnitConversion, std::string> time_column_unit(std::string_view name) {
    auto unit = column_unit(name);
    if (auto* error = std::get_if<std::string>(&unit)) return *error;
    const auto& found = std::get<std::optional<UnitConversion>>(unit);
    if (!found) return UnitConversion{model::seconds(), 1.0};
    if (found->unit.dimension != model::Dimension::time) {
        return "expected a time unit (s, ms, us, ns, min, h) in the time column \"" +
               std::string(util::trim(name)) + "\", got a " + found->unit.symbol + " column";
    }
    return *found;
}

std::variant<UnitConversion, std::string> value_column_unit(std::string_view name) {
    auto unit = column_unit(name);
    if (auto* error = std::get_if<std::string>(&unit)) return *error;
    const auto& found = std::get<std::optional<UnitConversion>>(unit);
    return found ? *found : UnitConversion{model::bytes(), 1.0};
}

std::variant<std::pair<std::size_t, std::size_t>, std::string> pick_series_columns(
    const std::vector<std::string>& names, const std::vector<std::string>& wanted) {
    if (wanted.empty()) {
        if (names.size() == 2) return std::pair<std::size_t, std::size_t>{0, 1};
        return "expected two columns, a time and a value, got " + std::to_string(names.size()) +
               " (" + joined(names) + "); pick two with --columns TIME,VALUE";
    }
    std::size_t index[2] = {0, 0};
    for (std::size_t i = 0; i < 2 && i < wanted.size(); ++i) {
        const auto found = std::find(names.begin(), names.end(), wanted[i]);
        if (found == names.end()) {
            return "no column \"" + wanted[i] + "\" (--columns); the columns are " + joined(names);
        }
        index[i] = static_cast<std::size_t>(found - names.begin());
    }
    return std::pair<std::size_t, std::size_t>{index[0], index[1]};
}

model::Metric series_metric(const model::Source& source, const UnitConversion& value_unit) {
    model::Metric metric;
    metric.name = std::filesystem::path(source.path).stem().string();
    if (metric.name.empty()) metric.name = "series";
    metric.measure = value_unit.unit.dimension == model::Dimension::size ? "memory" : "value";
    metric.unit = value_unit.unit;
    metric.direction = model::Direction::lower;
    return metric;
}

std::optional<std::string> series_time_error(const model::Metric& metric, double time) {
    if (!metric.timestamps.empty() && !(time > metric.timestamps.back())) {
        return "expected a time after the previous sample's (" +
               shortest(metric.timestamps.back()) + " s), got " + shortest(time) +
               " s; the samples must be in time order";
    }
    return std::nullopt;
}

std::optional<std::string> series_value_error(const model::Metric& metric, double value) {
    const bool non_negative = metric.unit.dimension != model::Dimension::other &&
                              metric.unit.dimension != model::Dimension::count;
    if (non_negative && value < 0) {
        return "expected a value that is not negative, got " + shortest(value);
    }
    return std::nullopt;
}

}  // namespace caws::ingest
