#include "ingest/catch2_console_reader.hpp"

#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "ingest/catch2_results.hpp"
#include "ingest/text_cursor.hpp"
#include "util/error.hpp"
#include "util/strings.hpp"

namespace caws::ingest {
namespace {

// A line made of one character repeated ("-----", "=====", "....."), Catch2's rules.
bool is_rule(std::string_view line, char c) {
    const std::string_view text = util::trim(line);
    if (text.size() < 10) return false;
    for (const char x : text) {
        if (x != c) return false;
    }
    return true;
}

bool is_blank(std::string_view line) {
    return util::trim(line).empty();
}

bool is_table_header(std::string_view line) {
    const std::string_view text = util::trim(line);
    return text.starts_with("benchmark name") && text.find("samples") != std::string_view::npos &&
           text.find("iterations") != std::string_view::npos;
}

// "NAME   20   407   431.42 us": the row that starts a benchmark (with
// --benchmark-no-analysis the last figure is the mean).
struct FirstRow {
    std::string_view name;  // may be empty: the name stood on lines of its own
    std::uint64_t samples = 0;
    double last = 0;  // seconds
};

std::optional<FirstRow> first_row(std::string_view line) {
    std::string_view rest = line;
    const std::string_view unit = last_field(rest);
    const std::string_view value = last_field(rest);
    const std::string_view iterations = last_field(rest);
    const std::string_view samples = last_field(rest);
    if (!is_time_unit(unit)) return std::nullopt;
    const auto seconds = parse_seconds(value, unit);
    const auto count = parse_count(samples);
    if (!parse_number(value) || !seconds || !count || !parse_count(iterations)) {
        return std::nullopt;
    }
    return FirstRow{util::trim(rest), *count, *seconds};
}

// "   56.9829 ns     53.672 ns    69.8367 ns": three durations, possibly after the end of
// a wrapped name.
struct ValueRow {
    std::string_view prefix;
    double first = 0;  // seconds
};

// Whether the line ends in three durations (no errors).
bool is_value_row(std::string_view line) {
    std::string_view rest = line;
    for (int i = 0; i < 3; ++i) {
        const std::string_view unit = last_field(rest);
        if (!is_time_unit(unit) || !parse_number(last_field(rest))) return false;
    }
    return true;
}

// Reads three durations at the end of `line`, failing with the position of what is wrong.
ValueRow value_row(std::string_view line, const TextCursor& cursor, const std::string& what) {
    std::string_view rest = line;
    ValueRow row;
    for (int i = 0; i < 3; ++i) {
        const std::string_view unit = last_field(rest);
        const std::string_view value = last_field(rest);
        if (unit.empty() || value.empty()) {
            cursor.fail(unit.empty() ? line.substr(line.size()) : unit,
                        "expected " + what + ": three times with units");
        }
        if (!is_time_unit(unit)) {
            cursor.fail(unit, "expected a time unit (ns, us, ms, s), got " + in_quotes(unit));
        }
        if (!parse_number(value)) cursor.fail(value, "expected a number, got " + in_quotes(value));
        row.first = *parse_seconds(value, unit);
    }
    row.prefix = util::trim(rest);
    return row;
}

class Catch2ConsoleReader {
  public:
    Catch2ConsoleReader(std::string_view text, const std::string& path, model::Run& run)
        : cursor_(text, path), run_(run) {}

    void read() {
        std::string_view line;
        while (cursor_.next(line)) {
            switch (state_) {
                case State::outside:
                    outside(line);
                    break;
                case State::test_case:
                    test_case_line(line);
                    break;
                case State::header:
                    if (is_rule(line, '-')) state_ = State::rows;
                    break;
                case State::rows:
                    row(line);
                    break;
            }
        }
        end_of_table(cursor_.text().substr(cursor_.text().size()));
        finish();
    }

  private:
    enum class State { outside, test_case, header, rows };
    enum class Expect { first, mean, stddev, done };

    void outside(std::string_view line) {
        if (is_rule(line, '-')) {
            start_test_case();
        } else if (is_table_header(line)) {
            start_table(line);
        } else {
            host_line(line);
        }
    }

    // "sample is a Catch v2.13.10 host application." / "... is a Catch2 v3.4.0 host ..."
    void host_line(std::string_view line) {
        const std::string_view text = util::trim(line);
        for (const std::string_view marker :
             {std::string_view(" is a Catch v"), std::string_view(" is a Catch2 v")}) {
            const std::size_t at = text.find(marker);
            if (at == std::string_view::npos || at == 0) continue;
            std::string_view version = text.substr(at + marker.size());
            version = next_field(version);
            run_.context.executable = std::string(text.substr(0, at));
            run_.context.extra.emplace_back("catch2_version", std::string(version));
            return;
        }
    }

    void start_test_case() {
        state_ = State::test_case;
        case_lines_.clear();
    }

    // The lines between the two rules of a test case header: its name, then its sections
    // indented by two spaces each.
    void test_case_line(std::string_view line) {
        if (!is_rule(line, '-')) {
            case_lines_.emplace_back(util::trim(line));
            if (case_lines_.size() > 64) state_ = State::outside;  // not a header after all
            return;
        }
        state_ = State::outside;
        if (case_lines_.empty()) {
            // Two rules in a row: the second one starts the header.
            start_test_case();
            return;
        }
        test_case_ = case_lines_.front();
        section_.clear();
        for (std::size_t i = 1; i < case_lines_.size(); ++i) {
            if (!section_.empty()) section_ += " / ";
            section_ += case_lines_[i];
        }
    }

    void start_table(std::string_view line) {
        state_ = State::header;
        const std::string_view text = util::trim(line);
        no_analysis_ = text.ends_with("mean");
        header_width_ = text.size() + static_cast<std::size_t>(text.data() - line.data());
        expect_ = Expect::first;
        name_parts_.clear();
    }

    void row(std::string_view line) {
        if (is_rule(line, '-') || is_rule(line, '=') || is_table_header(line)) {
            end_of_table(line);
            outside(line);
            return;
        }
        if (is_blank(line)) {
            if (expect_ == Expect::done) {
                expect_ = Expect::first;
                return;
            }
            if (expect_ == Expect::first && name_parts_.empty()) return;
            incomplete(line);
        }
        if (expect_ == Expect::done) expect_ = Expect::first;  // no blank line between
        const std::size_t failed = line.find("Benchmark failed (");
        if (failed != std::string_view::npos) {
            benchmark_failed(line, failed);
            return;
        }
        switch (expect_) {
            case Expect::first:
                first_line(line);
                return;
            case Expect::mean: {
                const ValueRow values =
                    value_row(line, cursor_, "the mean, low mean and high mean");
                append_name(values.prefix);
                current().summary.mean = values.first;
                expect_ = Expect::stddev;
                return;
            }
            case Expect::stddev: {
                const ValueRow values = value_row(
                    line, cursor_, "the standard deviation, low std dev and high std dev");
                append_name(values.prefix);
                current().summary.stddev = values.first;
                expect_ = Expect::done;
                return;
            }
            case Expect::done:
                return;
        }
    }

    void first_line(std::string_view line) {
        if (const auto first = first_row(line)) {
            if (!first->name.empty()) name_parts_.push_back(first->name);
            if (name_parts_.empty()) {
                cursor_.fail(line, "expected the benchmark's name before its samples");
            }
            Catch2Result& bench = start_benchmark();
            bench.summary.n = static_cast<std::size_t>(first->samples);
            if (no_analysis_) {
                bench.summary.mean = first->last;
                expect_ = Expect::done;
            } else {
                expect_ = Expect::mean;
            }
            return;
        }
        if (is_value_row(line)) {
            // A mean row where a benchmark should start: the row before was broken.
            if (!name_parts_.empty()) {
                cursor_.fail(last_name_line_,
                             "expected the samples, iterations and estimated "
                             "time at the end of the row");
            }
            cursor_.fail(line,
                         "expected a benchmark's name, samples, iterations and estimated "
                         "time, got a row of times");
        }
        // Catch2 pads the rows of a wrapped name to the table's width; anything else ends
        // the table (output of the tests themselves).
        if (line.size() >= header_width_ && line.back() == ' ') {
            name_parts_.push_back(util::trim(line));
            last_name_line_ = line;
            return;
        }
        if (!name_parts_.empty() || is_last(line)) {
            cursor_.fail(line.substr(line.size()),
                         "expected the samples, iterations and "
                         "estimated time at the end of the row");
        }
        state_ = State::outside;
    }

    // "NAME   Benchmark failed (message)" on the first row, or on its own line after it.
    void benchmark_failed(std::string_view line, std::size_t at) {
        std::string_view message = line.substr(at + 18);
        message = util::trim(message);
        if (message.ends_with(")")) message.remove_suffix(1);
        if (expect_ == Expect::first) {
            const std::string_view name = util::trim(line.substr(0, at));
            if (!name.empty()) name_parts_.push_back(name);
            if (name_parts_.empty()) {
                cursor_.fail(line, "expected the benchmark's name before \"Benchmark failed\"");
            }
            start_benchmark();
        }
        Catch2Result& bench = current();
        bench.status = model::Status::failed;
        bench.message = std::string(message);
        bench.summary = model::Summary{};
        expect_ = Expect::done;
    }

    Catch2Result& start_benchmark() {
        Catch2Result bench;
        for (const std::string_view part : name_parts_) {
            if (!bench.name.empty()) bench.name += ' ';
            bench.name += part;
        }
        name_parts_.clear();
        bench.test_case = test_case_;
        bench.section = section_;
        results_.push_back(std::move(bench));
        return results_.back();
    }

    Catch2Result& current() { return results_.back(); }

    // Some versions print the end of a wrapped name at the start of the mean row.
    void append_name(std::string_view part) {
        if (part.empty()) return;
        current().name += ' ';
        current().name += part;
    }

    // Whether only whitespace follows `line` in the text: a cut-short last row.
    bool is_last(std::string_view line) const {
        const std::string_view text = cursor_.text();
        const auto end = static_cast<std::size_t>(line.data() + line.size() - text.data());
        return util::trim(text.substr(end)).empty();
    }

    void incomplete(std::string_view at) {
        if (expect_ == Expect::first) {
            cursor_.fail(
                last_name_line_.empty() ? at : last_name_line_.substr(last_name_line_.size()),
                "expected the samples, iterations and estimated time at the end of the "
                "row");
        }
        cursor_.fail(at, expect_ == Expect::mean
                             ? "expected the mean, low mean and high mean: three times with units"
                             : "expected the standard deviation, low std dev and high std dev: "
                               "three times with units");
    }

    void end_of_table(std::string_view at) {
        if (state_ == State::rows && (expect_ == Expect::mean || expect_ == Expect::stddev ||
                                      (expect_ == Expect::first && !name_parts_.empty()))) {
            incomplete(at);
        }
        expect_ = Expect::first;
        name_parts_.clear();
    }

    void finish() {
        if (results_.empty()) {
            throw util::Error(cursor_.path(), {},
                              "expected at least one Catch2 benchmark table (\"benchmark name  "
                              "samples  iterations  estimated\"), found none");
        }
        run_.metrics = catch2_metrics(std::move(results_), run_.notes);
    }

    TextCursor cursor_;
    model::Run& run_;
    State state_ = State::outside;
    Expect expect_ = Expect::first;
    bool no_analysis_ = false;
    std::size_t header_width_ = 0;
    std::vector<std::string> case_lines_;
    std::string test_case_;
    std::string section_;
    std::vector<std::string_view> name_parts_;
    std::string_view last_name_line_;
    std::vector<Catch2Result> results_;
};

}  // namespace

model::Run parse_catch2_console(std::string_view text, const model::Source& source,
                                const ReadOptions& /*options*/) {
    model::Run run;
    run.sources.push_back(source);
    Catch2ConsoleReader(text, source.path, run).read();
    return run;
}

bool looks_like_catch2_console(std::string_view text) {
    return any_leading_line(text, is_table_header);
}

}  // namespace caws::ingest
