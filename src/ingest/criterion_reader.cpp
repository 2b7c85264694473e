#include "ingest/criterion_reader.hpp"

#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "ingest/benchmark_names.hpp"
#include "ingest/libtest_line.hpp"
#include "ingest/text_cursor.hpp"
#include "util/error.hpp"
#include "util/string_map.hpp"
#include "util/strings.hpp"

namespace caws::ingest {
namespace {

struct RateUnit {
    std::string_view symbol;
    double factor;  // a power of two (exact), or 1 with a power of ten in `exponent`
    int exponent;
    bool bytes;
};

constexpr RateUnit k_rate_units[] = {
    {"B/s", 1, 0, true},
    {"KiB/s", 1024.0, 0, true},
    {"MiB/s", 1024.0 * 1024, 0, true},
    {"GiB/s", 1024.0 * 1024 * 1024, 0, true},
    {"TiB/s", 1024.0 * 1024 * 1024 * 1024, 0, true},
    {"KB/s", 1, 3, true},
    {"MB/s", 1, 6, true},
    {"GB/s", 1, 9, true},
    {"TB/s", 1, 12, true},
    {"elem/s", 1, 0, false},
    {"Kelem/s", 1, 3, false},
    {"Melem/s", 1, 6, false},
    {"Gelem/s", 1, 9, false},
};

const RateUnit* rate_unit(std::string_view symbol) {
    for (const RateUnit& unit : k_rate_units) {
        if (unit.symbol == symbol) return &unit;
    }
    return nullptr;
}

struct Estimate {
    double value = 0;  // canonical: seconds, or bytes/elements per second
    bool bytes = false;
};

struct CriterionBenchmark {
    std::string target;
    std::string name;
    std::size_t line = 0;  // of its result, for duplicate errors
    model::Status status = model::Status::ok;
    std::string message;
    std::size_t samples = 0;             // n, when the output said
    std::optional<double> time;          // console: the estimate, seconds
    std::optional<Estimate> throughput;  // console: the estimate
    std::optional<double> median;        // bencher-style, seconds
    std::optional<double> stddev;
    // bencher-style with a custom measurement's unit: the value as written
    std::string custom_unit;
};

class TextReader {
  public:
    TextReader(std::string_view text, const std::string& path, model::Run& run)
        : cursor_(text, path), run_(run) {}

    void read() {
        std::string_view line;
        while (cursor_.next(line)) {
            const std::string_view text = util::trim(line);
            if (line.starts_with("test ")) {
                if (const auto bench = read_libtest_line(line, cursor_)) bencher_line(*bench);
            } else if (text.starts_with("Benchmarking ")) {
                benchmarking_line(text.substr(13));
            } else if (!result_line(line, "time:") && !result_line(line, "thrpt:")) {
                other_line(line, text);
            }
            if (!text.empty()) previous_ = text;
        }
        if (!panic_.empty()) panicked();
        if (!current_.empty()) {
            unfinished("no result after \"Benchmarking " + current_ +
                       "\" (the benchmark crashed, or the output is cut short)");
        }
        if (profiled_ > 0) {
            run_.notes.push_back(
                std::to_string(profiled_) +
                " benchmark(s) run with --profile-time, without results, not read");
        }
        finish();
    }

  private:
    // Outlier counts, panics, cargo's Running lines; anything else is ignored.
    void other_line(std::string_view line, std::string_view text) {
        if (text.starts_with("Found ") && text.find(" outliers among ") != std::string_view::npos) {
            outliers_line(text);
        } else if (text.starts_with("thread '") &&
                   text.find(" panicked at ") != std::string_view::npos) {
            // Newer Rust ends this line with ':' and prints the message on the next.
            panic_ = std::string(text);
            if (text.back() != ':') panicked();
        } else if (!panic_.empty()) {
            if (!text.empty()) {
                panic_ += ' ';
                panic_ += text;
            }
            panicked();
        } else {
            const std::string_view target = cargo_running_target(line);
            if (!target.empty()) target_ = std::string(target);
        }
    }

    CriterionBenchmark& add(std::string_view name, std::string_view at) {
        key_.assign(target_);
        key_ += '\x1f';
        key_ += name;
        const auto found = index_.find(key_);
        if (found != index_.end()) {
            CriterionBenchmark& seen = benchmarks_[found->second];
            const bool has_result = seen.time || seen.median || !seen.custom_unit.empty();
            if (has_result || seen.status != model::Status::ok) {
                cursor_.fail(at, "expected each benchmark once, but " + in_quotes(name) +
                                     " was already reported on line " + std::to_string(seen.line));
            }
            seen.line = cursor_.line_number();
            return seen;
        }
        index_.emplace(key_, benchmarks_.size());
        CriterionBenchmark bench;
        bench.target = target_;
        bench.name = std::string(name);
        bench.line = cursor_.line_number();
        benchmarks_.push_back(std::move(bench));
        return benchmarks_.back();
    }

    // "test NAME ... bench: 1220 ns/iter (+/- 36)": Criterion's median and standard
    // deviation.
    void bencher_line(const LibtestLine& line) {
        CriterionBenchmark& bench = add(line.name, line.name);
        constexpr std::string_view k_per_iteration = "/iter";
        std::string_view base = line.unit;
        if (base.ends_with(k_per_iteration)) base.remove_suffix(k_per_iteration.size());
        if (is_time_unit(base)) {
            bench.median = parse_seconds(line.value, base);
            bench.stddev = parse_seconds(line.deviation, base);
        } else {
            bench.custom_unit = std::string(line.unit);
            bench.median = parse_grouped_number(line.value);
            bench.stddev = parse_grouped_number(line.deviation);
        }
        last_ = benchmarks_.size() - 1;
        current_.clear();
    }

    // "Benchmarking fib 15: Collecting 20 samples in estimated 500.08 ms (399k iterations)"
    void benchmarking_line(std::string_view rest) {
        std::string_view id = rest;
        std::string_view phase;
        for (const std::string_view candidate :
             {std::string_view(": Warming up for "), std::string_view(": Collecting "),
              std::string_view(": Analyzing"), std::string_view(": Complete")}) {
            const std::size_t at = rest.rfind(candidate);
            if (at != std::string_view::npos) {
                id = rest.substr(0, at);
                phase = rest.substr(at);
                break;
            }
        }
        if (id != current_) {
            if (!current_.empty()) unfinished("no result after \"Benchmarking " + current_ + "\"");
            current_ = std::string(id);
            collecting_ = 0;
        }
        if (phase.starts_with(": Collecting ")) {
            std::string_view count = phase.substr(13);
            if (const auto n = parse_count(next_field(count))) collecting_ = *n;
        } else if (phase.starts_with(": Complete")) {
            // --profile-time: measured without analysis, so without a result.
            current_.clear();
            ++profiled_;
        }
    }

    // "name   time:   [1.2421 µs 1.2475 µs 1.2542 µs]" and "   thrpt:  [...]". Returns
    // false when the line is not one (a "change:" block's percentages included).
    bool result_line(std::string_view line, std::string_view label) {
        const std::size_t at = line.rfind(label);
        if (at == std::string_view::npos || (at > 0 && !is_space(line[at - 1]))) return false;
        std::string_view rest = line.substr(at + label.size());
        const std::size_t spaces = rest.find_first_not_of(" \t");
        if (spaces == std::string_view::npos || spaces == 0 || rest[spaces] != '[') return false;
        rest.remove_prefix(spaces + 1);
        std::string_view probe = rest;
        const std::string_view first = next_field(probe);
        if (first.empty() || first.back() == '%' || first.back() == ']') return false;  // change
        const bool time = label == "time:";
        const std::size_t close = rest.find(']');
        if (close == std::string_view::npos) {
            cursor_.fail(line.substr(line.size()),
                         "expected three values with units and \"]\" after " + in_quotes(label));
        }
        std::string_view inside = rest.substr(0, close);
        double values[3] = {0, 0, 0};
        const RateUnit* rate = nullptr;
        for (double& value : values) {
            const std::string_view number = next_field(inside);
            const std::string_view unit = next_field(inside);
            if (number.empty() || unit.empty()) {
                cursor_.fail(number.empty() ? rest.substr(close)
                             : unit.empty() ? inside
                                            : unit,
                             "expected three values with units between \"[\" and \"]\"");
            }
            const auto parsed = parse_grouped_number(number);
            if (!parsed) cursor_.fail(number, "expected a number, got " + in_quotes(number));
            if (time) {
                if (!is_time_unit(unit)) {
                    cursor_.fail(
                        unit, "expected a time unit (ps, ns, µs, ms, s), got " + in_quotes(unit));
                }
                value = *parse_seconds(number, unit);
            } else {
                rate = rate_unit(unit);
                if (rate == nullptr) {
                    cursor_.fail(unit,
                                 "expected a throughput unit (B/s, KiB/s, MB/s, elem/s, "
                                 "Kelem/s, ...), got " +
                                     in_quotes(unit));
                }
                value = *parse_scaled_number(number, rate->exponent) * rate->factor;
            }
        }
        if (!util::trim(inside).empty()) {
            cursor_.fail(util::trim(inside),
                         "expected three values with units between \"[\" and \"]\"");
        }
        if (time) {
            std::string_view name = util::trim(line.substr(0, at));
            std::string_view at_name = name;
            if (name.empty()) {
                // Criterion prints a long name on a line of its own.
                name = previous_;
                at_name = line.substr(at);
            }
            if (name.empty())
                cursor_.fail(line.substr(at), "expected the benchmark's name before \"time:\"");
            CriterionBenchmark& bench = add(name, at_name);
            bench.time = values[1];
            if (std::string_view(bench.name) == current_) bench.samples = collecting_;
            last_ = benchmarks_.size() - 1;
            current_.clear();
        } else {
            if (!last_ || !benchmarks_[*last_].time) {
                cursor_.fail(line.substr(at), "expected \"thrpt:\" after a \"time:\" line");
            }
            benchmarks_[*last_].throughput = Estimate{values[1], rate->bytes};
        }
        return true;
    }

    // "Found 4 outliers among 100 measurements (4.00%)"
    void outliers_line(std::string_view text) {
        std::string_view rest = text.substr(text.find(" outliers among ") + 16);
        const auto n = parse_count(next_field(rest));
        if (n && last_) benchmarks_[*last_].samples = static_cast<std::size_t>(*n);
    }

    // A panic fails the benchmark Criterion announced and has not reported yet.
    void panicked() {
        if (!current_.empty()) {
            unfinished(panic_);
        } else {
            run_.notes.push_back("a benchmark panicked outside a measurement: " + panic_);
        }
        panic_.clear();
    }

    void unfinished(const std::string& message) {
        CriterionBenchmark& bench = add(current_, cursor_.text().substr(cursor_.text().size()));
        bench.status = model::Status::failed;
        bench.message = message;
        current_.clear();
    }

    void finish() {
        if (benchmarks_.empty()) {
            throw util::Error(cursor_.path(), {},
                              "expected at least one Criterion.rs result (\"name  time:   [1.2 "
                              "µs 1.3 µs 1.4 µs]\" or \"test name ... bench: 1234 ns/iter (+/- "
                              "56)\"), found none");
        }
        std::vector<GroupedName> grouped;
        grouped.reserve(benchmarks_.size());
        for (const CriterionBenchmark& b : benchmarks_)
            grouped.push_back(GroupedName{b.target, b.name});
        const std::vector<std::string> names = qualified_names(grouped);
        for (std::size_t i = 0; i < benchmarks_.size(); ++i) {
            const CriterionBenchmark& b = benchmarks_[i];
            model::Metric metric;
            metric.name = names[i];
            metric.measure = "time";
            metric.unit = model::seconds();
            metric.direction = model::Direction::lower;
            metric.status = b.status;
            metric.message = b.message;
            if (!b.target.empty()) metric.labels.emplace_back("target", b.target);
            if (!b.custom_unit.empty()) {
                metric.measure = b.custom_unit;
                metric.unit = model::Unit{model::Dimension::other, b.custom_unit};
            }
            if (b.status == model::Status::ok) {
                model::Summary summary;
                summary.n = b.samples;
                if (b.time) summary.mean = b.time;
                summary.median = b.median;
                summary.stddev = b.stddev;
                metric.summary = summary;
            }
            if (b.throughput && b.status == model::Status::ok) {
                model::Metric rate = metric;
                rate.measure = "throughput";
                rate.unit = b.throughput->bytes ? model::bytes_per_second() : model::per_second();
                rate.direction = model::Direction::higher;
                rate.summary = model::Summary{};
                rate.summary->n = b.samples;
                rate.summary->mean = b.throughput->value;
                run_.metrics.push_back(std::move(metric));
                run_.metrics.push_back(std::move(rate));
                continue;
            }
            run_.metrics.push_back(std::move(metric));
        }
    }

    TextCursor cursor_;
    model::Run& run_;
    std::vector<CriterionBenchmark> benchmarks_;
    util::StringMap<std::size_t> index_;
    std::string key_;
    std::string target_;
    std::string current_;  // the benchmark named by the last "Benchmarking" line
    std::size_t collecting_ = 0;
    std::size_t profiled_ = 0;
    std::optional<std::size_t> last_;  // the benchmark of the last result line
    std::string previous_;             // the last non-empty line, trimmed
    std::string panic_;
};

}  // namespace

model::Run parse_criterion(std::string_view text, const model::Source& source,
                           const ReadOptions& /*options*/) {
    model::Run run;
    run.sources.push_back(source);
    TextReader(text, source.path, run).read();
    return run;
}

bool looks_like_criterion(std::string_view text) {
    const std::string_view head = text.substr(0, 1 << 20);
    bool bencher_lines = false;
    bool marker = false;
    TextCursor cursor(head, {});
    std::string_view line;
    while (cursor.next(line)) {
        const std::string_view trimmed = util::trim(line);
        const std::size_t time = line.rfind("time:");
        if (time != std::string_view::npos && (time == 0 || is_space(line[time - 1]))) {
            std::string_view rest = line.substr(time + 5);
            rest = util::trim(rest);
            if (rest.starts_with("[")) {
                rest.remove_prefix(1);
                const auto value = parse_grouped_number(next_field(rest));
                if (value && is_time_unit(next_field(rest))) return true;
            }
        }
        if (!bencher_lines && is_libtest_line(line)) bencher_lines = true;
        if (trimmed.starts_with("Benchmarking ") &&
            trimmed.find(": Warming up for ") != std::string_view::npos) {
            return true;  // Criterion's own progress line, even when no result follows
        }
        if (!marker && (trimmed.starts_with("Gnuplot not found") ||
                        trimmed.find("Criterion.rs") != std::string_view::npos)) {
            marker = true;
        }
        if (bencher_lines && marker) return true;
    }
    return false;
}

}  // namespace caws::ingest
