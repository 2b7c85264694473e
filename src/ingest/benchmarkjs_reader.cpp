#include "ingest/benchmarkjs_reader.hpp"

#include <cmath>
#include <optional>
#include <string>

#include "ingest/text_cursor.hpp"
#include "util/error.hpp"
#include "util/string_map.hpp"
#include "util/strings.hpp"

namespace caws::ingest {
namespace {

constexpr std::string_view k_plus_minus = "\xC2\xB1";  // "±" in UTF-8

// Benchmark.js's two-sided 95 % critical values of Student's t by degrees of freedom
// (its tTable); 1.96 beyond 30.
double critical_value(std::size_t degrees_of_freedom) {
    static constexpr double k_table[] = {12.706, 4.303, 3.182, 2.776, 2.571, 2.447, 2.365, 2.306,
                                         2.262,  2.228, 2.201, 2.179, 2.16,  2.145, 2.131, 2.12,
                                         2.11,   2.101, 2.093, 2.086, 2.08,  2.074, 2.069, 2.064,
                                         2.06,   2.056, 2.052, 2.048, 2.045, 2.042};
    if (degrees_of_freedom == 0) degrees_of_freedom = 1;
    if (degrees_of_freedom > 30) return 1.96;
    return k_table[degrees_of_freedom - 1];
}

struct BenchmarkjsResult {
    std::string_view name;
    double hz = 0;
    double rme = 0;  // percent
    std::uint64_t runs = 0;
};

// Whether the line starts like a result line: " x <number> ops/sec" after a name.
bool starts_like_result(std::string_view line) {
    const std::size_t separator = line.rfind(" x ");
    if (separator == std::string_view::npos || separator == 0) return false;
    std::string_view rest = line.substr(separator + 3);
    const std::string_view value = next_field(rest);
    return parse_grouped_number(value) && next_field(rest) == "ops/sec";
}

// The part after the name: "x 1,431,759 ops/sec ±0.74% (93 runs sampled)". nullopt when
// the line is not a result line; throws through `cursor` when it starts like one but is
// malformed or cut short.
std::optional<BenchmarkjsResult> read_line(std::string_view line, const TextCursor& cursor) {
    const std::size_t separator = line.rfind(" x ");
    if (separator == std::string_view::npos || separator == 0) return std::nullopt;
    std::string_view rest = line.substr(separator + 3);
    const std::string_view value = next_field(rest);
    const std::string_view unit = next_field(rest);
    const auto hz = parse_grouped_number(value);
    if (!hz || unit != "ops/sec") return std::nullopt;
    const auto fail = [&](std::string_view at,
                          const std::string& what) -> std::optional<BenchmarkjsResult> {
        cursor.fail(at, what);
    };
    BenchmarkjsResult result;
    result.name = util::trim(line.substr(0, separator));
    result.hz = *hz;
    std::string_view margin = next_field(rest);
    const std::string_view margin_at = margin.empty() ? line.substr(line.size()) : margin;
    bool signed_margin = false;
    for (const std::string_view sign : {k_plus_minus, std::string_view("+-")}) {
        if (margin.starts_with(sign)) {
            margin.remove_prefix(sign.size());
            signed_margin = true;
            break;
        }
    }
    const bool percent = !margin.empty() && margin.back() == '%';
    if (percent) margin.remove_suffix(1);
    const auto rme = parse_number(margin);
    if (!signed_margin || !percent || !rme) {
        return fail(margin_at,
                    "expected the relative margin of error (\"±0.74%\") after \"ops/sec\"");
    }
    result.rme = *rme;
    const std::string_view open = next_field(rest);
    std::string_view count = open;
    const bool paren = !count.empty() && count.front() == '(';
    if (paren) count.remove_prefix(1);
    const auto runs = parse_count(count);
    const std::string_view word = next_field(rest);
    const std::string_view sampled = next_field(rest);
    if (!paren || !runs || (word != "runs" && word != "run") || sampled != "sampled)" ||
        !util::trim(rest).empty()) {
        return fail(open.empty() ? line.substr(line.size()) : open,
                    "expected \"(N runs sampled)\" after the margin of error");
    }
    if (result.name.empty()) return fail(line, "expected the benchmark's name before \" x \"");
    result.runs = *runs;
    return result;
}

}  // namespace

model::Run parse_benchmarkjs(std::string_view text, const model::Source& source,
                             const ReadOptions& /*options*/) {
    model::Run run;
    run.sources.push_back(source);
    TextCursor cursor(text, source.path);
    util::StringMap<std::size_t> lines;  // name -> line it was read on
    std::string_view line;
    while (cursor.next(line)) {
        const auto result = read_line(line, cursor);
        if (!result) continue;
        const auto [found, inserted] =
            lines.try_emplace(std::string(result->name), cursor.line_number());
        if (!inserted) {
            cursor.fail(result->name,
                        "expected each benchmark once, but " + in_quotes(result->name) +
                            " was already reported on line " + std::to_string(found->second));
        }
        model::Metric metric;
        metric.name = std::string(result->name);
        metric.measure = "throughput";
        metric.unit = model::per_second();
        metric.direction = model::Direction::higher;
        model::Summary summary;
        summary.n = static_cast<std::size_t>(result->runs);
        summary.mean = result->hz;
        if (result->runs > 1) {
            summary.stddev = result->hz * result->rme / 100 *
                             std::sqrt(static_cast<double>(result->runs)) /
                             critical_value(static_cast<std::size_t>(result->runs - 1));
        }
        metric.summary = summary;
        run.metrics.push_back(std::move(metric));
    }
    if (run.metrics.empty()) {
        throw util::Error(source.path, {},
                          "expected at least one Benchmark.js result line (\"name x 1,234 ops/sec "
                          "±0.74% (93 runs sampled)\"), found none");
    }
    return run;
}

bool looks_like_benchmarkjs(std::string_view text) {
    return any_leading_line(text, starts_like_result);
}

}  // namespace caws::ingest
