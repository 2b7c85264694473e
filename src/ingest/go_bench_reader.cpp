#include "ingest/go_bench_reader.hpp"

#include <cmath>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "ingest/benchmark_names.hpp"
#include "ingest/text_cursor.hpp"
#include "util/error.hpp"
#include "util/string_map.hpp"
#include "util/strings.hpp"

namespace caws::ingest {
namespace {

constexpr std::string_view k_prefix = "Benchmark";

// A unit as benchstat tidies it, with what it means here.
struct GoMeasure {
    std::string unit;  // as written
    std::string name;  // tidied: the metric's measure
    model::Unit canonical;
    model::Direction direction = model::Direction::unknown;
    int exponent = 0;  // the canonical value is the written one times 10^exponent
};

GoMeasure tidy(std::string_view unit) {
    using model::Direction;
    GoMeasure m;
    m.unit = std::string(unit);
    m.name = m.unit;
    if (unit == "ns/op") {
        return {m.unit, "sec/op", model::seconds(), Direction::lower, -9};
    }
    if (unit == "MB/s") {
        model::Unit decimal_rate = model::bytes_per_second();  // Go's MB is 10^6 bytes
        decimal_rate.prefixes = model::SizePrefixes::decimal;
        return {m.unit, "B/s", decimal_rate, Direction::higher, 6};
    }
    if (unit == "B/op") return {m.unit, "B/op", model::bytes(), Direction::lower, 0};
    if (unit == "allocs/op") {
        return {m.unit, "allocs/op", model::count("allocs/op"), Direction::lower, 0};
    }
    // Units of b.ReportMetric: tidy the numerator as benchstat does ("ns" to "sec", "MB"
    // to "B") and judge the direction only when it is plain.
    const std::size_t slash = unit.find('/');
    const std::string_view numerator = unit.substr(0, slash);
    const std::string_view denominator =
        slash == std::string_view::npos ? std::string_view() : unit.substr(slash + 1);
    const bool per_second = denominator == "s";
    if (slash != std::string_view::npos && !denominator.empty()) {
        if (numerator == "ns" || numerator == "sec") {
            m.name = "sec/" + std::string(denominator);
            m.canonical = model::seconds();
            m.direction = Direction::lower;
            m.exponent = numerator == "ns" ? -9 : 0;
            return m;
        }
        if (numerator == "MB" || numerator == "B") {
            m.name = "B/" + std::string(denominator);
            m.canonical = per_second ? model::bytes_per_second() : model::bytes();
            m.direction = per_second ? Direction::higher : Direction::lower;
            m.exponent = numerator == "MB" ? 6 : 0;
            return m;
        }
    }
    m.canonical = model::Unit{model::Dimension::other, m.unit};
    m.direction = per_second ? Direction::higher : Direction::unknown;
    return m;
}

// "BenchmarkX/size=10-8" -> ("BenchmarkX/size=10", "8"); no suffix -> (name, "").
std::pair<std::string_view, std::string_view> split_procs(std::string_view name) {
    const std::size_t dash = name.rfind('-');
    if (dash == std::string_view::npos || dash + 1 == name.size()) return {name, {}};
    const std::string_view digits = name.substr(dash + 1);
    if (!parse_count(digits)) return {name, {}};
    return {name.substr(0, dash), digits};
}

// "key: value" as benchfmt reads it: the key starts with a lower-case letter and holds
// no space or upper-case letter; one or more spaces or tabs follow the colon, or nothing.
std::optional<std::pair<std::string_view, std::string_view>> config_line(std::string_view line) {
    if (line.empty() || line.front() < 'a' || line.front() > 'z') return std::nullopt;
    const std::size_t colon = line.find(':');
    if (colon == std::string_view::npos) return std::nullopt;
    const std::string_view key = line.substr(0, colon);
    for (const char c : key) {
        if (is_space(c) || (c >= 'A' && c <= 'Z')) return std::nullopt;
    }
    std::string_view value = line.substr(colon + 1);
    if (value.empty()) return std::pair{key, value};
    if (value.front() != ' ' && value.front() != '\t') return std::nullopt;
    while (!value.empty() && (value.front() == ' ' || value.front() == '\t'))
        value.remove_prefix(1);
    return std::pair{key, value};
}

// The indentation of a line, in bytes.
std::size_t indent_of(std::string_view line) {
    std::size_t i = 0;
    while (i < line.size() && (line[i] == ' ' || line[i] == '\t')) ++i;
    return i;
}

struct GoBenchmark {
    std::string pkg;
    std::string written;  // the name as written, with its -N suffix
    std::string base;     // without the suffix
    std::string procs;    // the suffix's digits, or empty
    std::size_t snapshot = 0;
    bool has_results = false;
    model::Status status = model::Status::ok;
    std::string message;
    std::vector<std::pair<std::size_t, std::vector<double>>> measures;  // measure index, samples
};

// A --- FAIL or --- SKIP line whose package is known only from the next "ok"/"FAIL"
// summary line (go test prints failures before the package's configuration lines).
struct Outcome {
    std::string name;
    model::Status status;
    std::string message;
    std::string pkg;
};

class GoBenchReader {
  public:
    GoBenchReader(std::string_view text, const std::string& path, model::Run& run)
        : cursor_(text, path), run_(run) {}

    void read() {
        std::string_view line;
        while (cursor_.next(line)) {
            if (collecting_message_ && collect_message(line)) continue;
            if (line.starts_with(k_prefix)) {
                benchmark_line(line);
            } else if (!pending_name_.empty() && !line.empty() && is_space(line.front()) &&
                       continuation_line(line)) {
                pending_name_.clear();
            } else if (!outcome_line(line) && !summary_line(line)) {
                other_line(line);
            }
        }
        finish();
    }

  private:
    // Configuration, or the first log line of a benchmark go test -v announced.
    void other_line(std::string_view line) {
        if (const auto config = config_line(line)) {
            set_config(config->first, config->second);
        } else if (!line.empty() && (line.front() == ' ' || line.front() == '\t') &&
                   !last_progress_.empty() && progress_log_.empty()) {
            progress_log_ = std::string(util::trim(line));
        }
    }

    void benchmark_line(std::string_view line) {
        pending_name_.clear();
        std::string_view rest = line;
        const std::string_view name = next_field(rest);
        const std::string_view iterations = next_field(rest);
        if (iterations.empty()) {
            // go test -v prints the name alone before running the benchmark.
            last_progress_ = std::string(name);
            progress_log_.clear();
            return;
        }
        if (iterations.front() < '0' || iterations.front() > '9') {
            // The benchmark wrote to standard output after go test printed its name; the
            // numbers follow on a later line.
            pending_name_ = std::string(name);
            return;
        }
        last_progress_.clear();
        if (!parse_count(iterations)) {
            cursor_.fail(iterations,
                         "expected the iteration count (a whole number) after the "
                         "benchmark name, got " +
                             in_quotes(iterations));
        }
        add_values(name, rest, line);
    }

    // "     100\t  115.0 ns/op" after a broken result line.
    bool continuation_line(std::string_view line) {
        std::string_view rest = line;
        const std::string_view iterations = next_field(rest);
        if (!parse_count(iterations) || util::trim(rest).empty()) return false;
        add_values(pending_name_, rest, line);
        return true;
    }

    void add_values(std::string_view name, std::string_view rest, std::string_view line) {
        GoBenchmark& bench = benchmark_for(name);
        bench.has_results = true;
        std::size_t pairs = 0;
        line_measures_.clear();
        for (;;) {
            const std::string_view value_text = next_field(rest);
            if (value_text.empty()) break;
            const std::string_view unit = next_field(rest);
            std::size_t measure = 0;
            std::optional<double> value;
            if (unit.empty()) {
                value = parse_number(value_text);  // only to say which is missing
            } else {
                measure = measure_index(unit);
                const int exponent = measures_[measure].exponent;
                value = exponent == 0 ? parse_number(value_text)
                                      : parse_scaled_number(value_text, exponent);
            }
            if (!value) value = non_finite(value_text);
            if (!value) {
                const char c = value_text.front();
                const bool numeric = (c >= '0' && c <= '9') || c == '.' || c == '-' || c == '+';
                cursor_.fail(value_text, numeric
                                             ? "expected a number, got " + in_quotes(value_text)
                                             : "expected a number before " + in_quotes(value_text));
            }
            if (unit.empty()) {
                cursor_.fail(line.substr(line.size()),
                             "expected a unit after " + in_quotes(value_text));
            }
            for (const std::size_t seen : line_measures_) {
                if (seen == measure) {
                    cursor_.fail(unit, "expected each unit once per line, but " + in_quotes(unit) +
                                           " appears twice");
                }
            }
            line_measures_.push_back(measure);
            ++pairs;
            if (!std::isfinite(*value)) {
                ++non_finite_;
                continue;
            }
            samples_of(bench, measure).push_back(*value);
        }
        if (pairs == 0) {
            cursor_.fail(line.substr(line.size()),
                         "expected a measurement (\"325 ns/op\") after the iteration count");
        }
    }

    // Go's spelling of a non-finite custom metric.
    static std::optional<double> non_finite(std::string_view text) {
        if (text == "NaN") return std::nan("");
        if (text == "+Inf" || text == "Inf") return HUGE_VAL;
        if (text == "-Inf") return -HUGE_VAL;
        return std::nullopt;
    }

    std::vector<double>& samples_of(GoBenchmark& bench, std::size_t measure) {
        for (auto& [index, samples] : bench.measures) {
            if (index == measure) return samples;
        }
        bench.measures.emplace_back(measure, std::vector<double>{});
        return bench.measures.back().second;
    }

    std::size_t measure_index(std::string_view unit) {
        for (std::size_t i = 0; i < measures_.size(); ++i) {
            if (measures_[i].unit == unit) return i;
        }
        measures_.push_back(tidy(unit));
        return measures_.size() - 1;
    }

    GoBenchmark& benchmark_for(std::string_view name) {
        if (last_ != nullptr && last_->written == name && last_->pkg == pkg_) return *last_;
        key_.assign(pkg_);
        key_ += '\x1f';
        key_ += name;
        const auto found = index_.find(key_);
        if (found != index_.end()) {
            last_ = &benchmarks_[found->second];
            return *last_;
        }
        index_.emplace(key_, benchmarks_.size());
        GoBenchmark bench;
        bench.pkg = pkg_;
        bench.written = std::string(name);
        const auto [base, procs] = split_procs(name);
        bench.base = std::string(base);
        bench.procs = std::string(procs);
        bench.snapshot = snapshot();
        benchmarks_.push_back(std::move(bench));
        last_ = &benchmarks_.back();  // push_back may have moved every GoBenchmark
        return *last_;
    }

    // "--- FAIL: BenchmarkX" and "--- SKIP: BenchmarkX", possibly indented (sub-benchmarks).
    bool outcome_line(std::string_view line) {
        const std::size_t indent = indent_of(line);
        const std::string_view body = line.substr(indent);
        model::Status status;
        if (body.starts_with("--- FAIL: ")) {
            status = model::Status::failed;
        } else if (body.starts_with("--- SKIP: ")) {
            status = model::Status::skipped;
        } else {
            return body.starts_with("--- ");  // "--- BENCH:" and test outcomes: ignored
        }
        std::string_view rest = body.substr(10);
        const std::string_view name = next_field(rest);
        if (!name.starts_with(k_prefix)) return true;  // a test, not a benchmark
        Outcome outcome{std::string(split_procs(name).first), status, {}, {}};
        if (outcome.name == last_progress_ || std::string(name) == last_progress_) {
            outcome.message = progress_log_;  // go test -v logs before the outcome line
        }
        pending_outcomes_.push_back(std::move(outcome));
        collecting_message_ = pending_outcomes_.back().message.empty();
        outcome_indent_ = indent;
        pending_name_.clear();
        return true;
    }

    // The first log line under a --- FAIL line is its message. Returns whether `line` was
    // consumed.
    bool collect_message(std::string_view line) {
        collecting_message_ = false;
        const std::size_t indent = indent_of(line);
        if (indent <= outcome_indent_ || indent == line.size()) return false;
        const std::string_view text = util::trim(line);
        if (text.starts_with("--- ")) return false;
        pending_outcomes_.back().message = std::string(text);
        return true;
    }

    // "ok  \tpkg\t0.01s", "FAIL\tpkg\t0.01s", "?   \tpkg\t[no test files]".
    bool summary_line(std::string_view line) {
        std::string_view rest = line;
        const std::string_view word = next_field(rest);
        if (word != "ok" && word != "FAIL" && word != "?") return false;
        const std::string_view pkg = next_field(rest);
        if (pkg.empty()) return true;  // the bare FAIL after a failed package
        std::size_t named = 0;
        for (Outcome& outcome : pending_outcomes_) {
            if (outcome.pkg.empty()) {
                outcome.pkg = std::string(pkg);
                ++named;
            }
        }
        flush_outcomes();
        if (word == "FAIL" && named == 0) {
            failed_packages_.emplace_back(pkg);
        }
        pending_name_.clear();
        return true;
    }

    void flush_outcomes() {
        for (Outcome& outcome : pending_outcomes_) {
            if (outcome.pkg.empty()) outcome.pkg = pkg_;
            outcomes_.push_back(std::move(outcome));
        }
        pending_outcomes_.clear();
    }

    void set_config(std::string_view key, std::string_view value) {
        pending_name_.clear();
        if (key == "panic") {
            // "panic: ..." from a crashing benchmark, not configuration.
            return;
        }
        if (key == "pkg") {
            pkg_ = std::string(value);
            return;
        }
        ++config_version_;
        for (auto& entry : config_) {
            if (entry.key == key) {
                if (entry.value != value) {
                    if (!entry.varies) {
                        entry.varies = true;
                        entry.later = std::string(value);
                    }
                    entry.value = std::string(value);
                }
                return;
            }
        }
        config_.push_back(
            ConfigEntry{std::string(key), std::string(value), std::string(value), {}, false});
    }

    // Index of a copy of the configuration in force now.
    std::size_t snapshot() {
        if (snapshots_.empty() || snapshot_version_ != config_version_) {
            std::vector<std::pair<std::string, std::string>> values;
            values.reserve(config_.size());
            for (const auto& entry : config_) values.emplace_back(entry.key, entry.value);
            snapshots_.push_back(std::move(values));
            snapshot_version_ = config_version_;
        }
        return snapshots_.size() - 1;
    }

    void apply_outcomes() {
        flush_outcomes();
        for (Outcome& outcome : outcomes_) {
            bool found = false;
            for (GoBenchmark& bench : benchmarks_) {
                if (bench.pkg == outcome.pkg && bench.base == outcome.name) {
                    found = true;
                    if (bench.status == model::Status::failed) continue;
                    bench.status = outcome.status;
                    bench.message = outcome.message;
                }
            }
            if (found) continue;
            GoBenchmark bench;
            bench.pkg = outcome.pkg;
            bench.written = outcome.name;
            bench.base = outcome.name;
            bench.status = outcome.status;
            bench.message = outcome.message;
            bench.snapshot = snapshot();
            benchmarks_.push_back(std::move(bench));
        }
        // A parent benchmark fails or skips with its sub-benchmarks; only the leaves stand
        // for the outcome.
        std::vector<GoBenchmark> kept;
        kept.reserve(benchmarks_.size());
        for (GoBenchmark& bench : benchmarks_) {
            bool parent = false;
            if (!bench.has_results) {
                const std::string prefix = bench.base + "/";
                for (const GoBenchmark& other : benchmarks_) {
                    if (other.pkg == bench.pkg && other.base.starts_with(prefix)) {
                        parent = true;
                        break;
                    }
                }
            }
            if (!parent) kept.push_back(std::move(bench));
        }
        benchmarks_ = std::move(kept);
        last_ = nullptr;
    }

    void finish() {
        apply_outcomes();
        if (benchmarks_.empty()) {
            throw util::Error(cursor_.path(), {},
                              "expected at least one Go benchmark result line "
                              "(\"BenchmarkName-8  1000  325 ns/op\"), found none");
        }
        // Names: the -N suffix goes to a label unless one benchmark ran with several
        // GOMAXPROCS values.
        util::StringMap<std::string> procs_seen;  // pkg \x1f base -> first procs
        util::StringMap<bool> several_procs;
        for (const GoBenchmark& bench : benchmarks_) {
            if (!bench.has_results) continue;
            const std::string key = bench.pkg + '\x1f' + bench.base;
            const auto [found, inserted] = procs_seen.try_emplace(key, bench.procs);
            if (!inserted && found->second != bench.procs) several_procs[key] = true;
        }
        std::vector<GroupedName> names;
        names.reserve(benchmarks_.size());
        for (const GoBenchmark& bench : benchmarks_) {
            const bool keep_suffix = several_procs.contains(bench.pkg + '\x1f' + bench.base);
            names.push_back(GroupedName{bench.pkg, keep_suffix ? bench.written : bench.base});
        }
        const std::vector<std::string> metric_names = qualified_names(names);

        for (std::size_t b = 0; b < benchmarks_.size(); ++b) {
            GoBenchmark& bench = benchmarks_[b];
            std::vector<std::pair<std::string, std::string>> labels;
            if (!bench.pkg.empty()) labels.emplace_back("pkg", bench.pkg);
            if (!bench.procs.empty()) labels.emplace_back("gomaxprocs", bench.procs);
            if (bench.snapshot < snapshots_.size()) {
                for (const auto& [key, value] : snapshots_[bench.snapshot]) {
                    if (varies(key)) labels.emplace_back(key, value);
                }
            }
            const auto add = [&](std::size_t measure, std::vector<double> samples) {
                const GoMeasure& m = measures_[measure];
                model::Metric metric;
                metric.name = metric_names[b];
                metric.measure = m.name;
                metric.unit = m.canonical;
                metric.direction = m.direction;
                metric.status = bench.status;
                metric.message = bench.message;
                metric.labels = labels;
                if (bench.status == model::Status::ok) metric.samples = std::move(samples);
                run_.metrics.push_back(std::move(metric));
            };
            if (bench.measures.empty()) {
                // A failed or skipped benchmark without results stands for its time.
                add(measure_index("ns/op"), {});
                continue;
            }
            for (auto& [measure, samples] : bench.measures) {
                if (samples.empty() && bench.status == model::Status::ok) continue;
                add(measure, std::move(samples));
            }
        }
        for (const auto& entry : config_) {
            if (!entry.varies) run_.context.extra.emplace_back(entry.key, entry.value);
        }
        notes();
    }

    bool varies(std::string_view key) const {
        for (const auto& entry : config_) {
            if (entry.key == key) return entry.varies;
        }
        return false;
    }

    void notes() {
        for (const auto& entry : config_) {
            if (entry.varies) {
                run_.notes.push_back("configuration \"" + entry.key +
                                     "\" changes within the file (\"" + entry.first +
                                     "\", then \"" + entry.later +
                                     "\"); kept as a label of each benchmark, and results of "
                                     "the same benchmark read as one run");
            }
        }
        for (const std::string& pkg : failed_packages_) {
            run_.notes.push_back("package " + pkg +
                                 " failed without naming a failed benchmark (a panic or a "
                                 "failed test?); benchmarks it did not reach are missing");
        }
        if (non_finite_ > 0) {
            run_.notes.push_back(std::to_string(non_finite_) +
                                 " non-finite value(s) (NaN, Inf) ignored");
        }
    }

    struct ConfigEntry {
        std::string key;
        std::string value;  // current
        std::string first;
        std::string later;  // the first different value
        bool varies = false;
    };

    TextCursor cursor_;
    model::Run& run_;
    std::vector<GoMeasure> measures_;
    std::vector<GoBenchmark> benchmarks_;
    util::StringMap<std::size_t> index_;
    GoBenchmark* last_ = nullptr;
    std::string key_;
    std::string pkg_;
    std::vector<ConfigEntry> config_;
    std::size_t config_version_ = 0;
    std::vector<std::vector<std::pair<std::string, std::string>>> snapshots_;
    std::size_t snapshot_version_ = 0;
    std::vector<std::size_t> line_measures_;
    std::string pending_name_;
    std::string last_progress_;
    std::string progress_log_;
    std::vector<Outcome> pending_outcomes_;
    std::vector<Outcome> outcomes_;
    bool collecting_message_ = false;
    std::size_t outcome_indent_ = 0;
    std::vector<std::string> failed_packages_;
    std::size_t non_finite_ = 0;
};

// A result line, or one that starts like one: the name, a whole number, and more. (A
// malformed one is then reported with its position rather than as an unknown file.)
bool is_result_line(std::string_view line) {
    if (!line.starts_with(k_prefix)) return false;
    std::string_view rest = line;
    next_field(rest);
    if (!parse_count(next_field(rest))) return false;
    return !next_field(rest).empty();
}

}  // namespace

model::Run parse_go_bench(std::string_view text, const model::Source& source,
                          const ReadOptions& /*options*/) {
    model::Run run;
    run.sources.push_back(source);
    GoBenchReader(text, source.path, run).read();
    return run;
}

bool looks_like_go_bench(std::string_view text) {
    return any_leading_line(text, is_result_line);
}

}  // namespace caws::ingest
