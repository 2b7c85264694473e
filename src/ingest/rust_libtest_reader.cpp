#include "ingest/rust_libtest_reader.hpp"

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

struct LibtestMeasure {
    std::string name;
    model::Unit unit;
    model::Direction direction = model::Direction::unknown;
    std::vector<double> samples;
};

struct LibtestBenchmark {
    std::string target;
    std::string name;
    model::Status status = model::Status::ok;
    std::string message;
    std::vector<LibtestMeasure> measures;

    LibtestMeasure& measure(std::string_view measure_name) {
        for (LibtestMeasure& m : measures) {
            if (m.name == measure_name) return m;
        }
        measures.push_back(
            LibtestMeasure{std::string(measure_name), {}, model::Direction::unknown, {}});
        return measures.back();
    }
};

// The measure, canonical unit and direction of a libtest unit, and the value in it.
void add_value(LibtestBenchmark& bench, std::string_view value, std::string_view unit) {
    constexpr std::string_view k_per_iteration = "/iter";
    if (unit.size() > k_per_iteration.size() && unit.ends_with(k_per_iteration)) {
        const std::string_view base = unit.substr(0, unit.size() - k_per_iteration.size());
        if (is_time_unit(base)) {
            LibtestMeasure& m = bench.measure("time");
            m.unit = model::seconds();
            m.direction = model::Direction::lower;
            m.samples.push_back(*parse_seconds(value, base));
            return;
        }
        LibtestMeasure& m = bench.measure(unit);
        m.unit = model::count(std::string(unit));
        m.direction = model::Direction::lower;
        m.samples.push_back(*parse_grouped_number(value));
        return;
    }
    LibtestMeasure& m = bench.measure(unit);
    m.unit = model::Unit{model::Dimension::other, std::string(unit)};
    m.direction = unit.ends_with("/s") ? model::Direction::higher : model::Direction::unknown;
    m.samples.push_back(*parse_grouped_number(value));
}

class RustLibtestReader {
  public:
    RustLibtestReader(std::string_view text, const std::string& path, model::Run& run)
        : cursor_(text, path), run_(run) {}

    void read() {
        std::string_view line;
        while (cursor_.next(line)) {
            if (const auto bench = read_libtest_line(line, cursor_)) {
                LibtestBenchmark& b = benchmark_for(bench->name);
                add_value(b, bench->value, bench->unit);
                if (!bench->megabytes_per_second.empty()) {
                    LibtestMeasure& m = b.measure("throughput");
                    m.unit = model::bytes_per_second();
                    m.direction = model::Direction::higher;
                    m.samples.push_back(*parse_scaled_number(bench->megabytes_per_second, 6));
                }
                continue;
            }
            std::string_view name;
            if (read_libtest_outcome(line, name) == LibtestOutcome::failed) {
                LibtestBenchmark& b = benchmark_for(name);
                b.status = model::Status::failed;
                continue;
            }
            if (failure_section(line)) continue;
            const std::string_view target = cargo_running_target(line);
            if (!target.empty()) target_ = std::string(target);
        }
        finish();
    }

  private:
    LibtestBenchmark& benchmark_for(std::string_view name) {
        key_.assign(target_);
        key_ += '\x1f';
        key_ += name;
        const auto found = index_.find(key_);
        if (found != index_.end()) return benchmarks_[found->second];
        index_.emplace(key_, benchmarks_.size());
        benchmarks_.push_back(
            LibtestBenchmark{target_, std::string(name), model::Status::ok, {}, {}});
        return benchmarks_.back();
    }

    // "---- NAME stdout ----" starts the output of a failed test; its first line is the
    // message ("thread 'main' panicked at ..."), with the next one when it ends in ':'.
    bool failure_section(std::string_view line) {
        if (!section_.empty()) {
            const std::string_view text = util::trim(line);
            if (text.empty() && section_message_.empty()) return true;
            if (section_message_.empty()) {
                section_message_ = std::string(text);
                if (text.back() == ':') return true;
            } else if (!text.empty()) {
                section_message_ += ' ';
                section_message_ += text;
            }
            for (LibtestBenchmark& b : benchmarks_) {
                if (b.name == section_ && b.status == model::Status::failed && b.message.empty()) {
                    b.message = section_message_;
                }
            }
            section_.clear();
            return true;
        }
        constexpr std::string_view k_open = "---- ";
        constexpr std::string_view k_close = " stdout ----";
        if (line.substr(0, k_open.size()) != k_open || !line.ends_with(k_close)) return false;
        section_ =
            std::string(line.substr(k_open.size(), line.size() - k_open.size() - k_close.size()));
        section_message_.clear();
        return true;
    }

    void finish() {
        if (benchmarks_.empty()) {
            throw util::Error(cursor_.path(), {},
                              "expected at least one libtest bench line (\"test name ... bench: "
                              "135 ns/iter (+/- 24)\"), found none");
        }
        std::vector<GroupedName> grouped;
        grouped.reserve(benchmarks_.size());
        for (const LibtestBenchmark& b : benchmarks_)
            grouped.push_back(GroupedName{b.target, b.name});
        const std::vector<std::string> names = qualified_names(grouped);
        for (std::size_t i = 0; i < benchmarks_.size(); ++i) {
            LibtestBenchmark& b = benchmarks_[i];
            std::vector<std::pair<std::string, std::string>> labels;
            if (!b.target.empty()) labels.emplace_back("target", b.target);
            if (b.measures.empty()) {
                // A failed benchmark without a measurement stands for its time.
                LibtestMeasure& m = b.measure("time");
                m.unit = model::seconds();
                m.direction = model::Direction::lower;
            }
            for (LibtestMeasure& m : b.measures) {
                model::Metric metric;
                metric.name = names[i];
                metric.measure = m.name;
                metric.unit = m.unit;
                metric.direction = m.direction;
                metric.status = b.status;
                metric.message = b.message;
                metric.labels = labels;
                if (b.status == model::Status::ok) metric.samples = std::move(m.samples);
                run_.metrics.push_back(std::move(metric));
            }
        }
    }

    TextCursor cursor_;
    model::Run& run_;
    std::vector<LibtestBenchmark> benchmarks_;
    util::StringMap<std::size_t> index_;
    std::string key_;
    std::string target_;
    std::string section_;
    std::string section_message_;
};

}  // namespace

model::Run parse_rust_libtest(std::string_view text, const model::Source& source,
                              const ReadOptions& /*options*/) {
    model::Run run;
    run.sources.push_back(source);
    RustLibtestReader(text, source.path, run).read();
    return run;
}

bool looks_like_rust_libtest(std::string_view text) {
    return any_leading_line(text, is_libtest_line);
}

}  // namespace caws::ingest
