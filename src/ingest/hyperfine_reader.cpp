#include "ingest/hyperfine_reader.hpp"

#include <optional>
#include <string>
#include <vector>

#include "ingest/json_sniff.hpp"
#include "ingest/json_values.hpp"
#include "util/string_map.hpp"

namespace caws::ingest {
namespace {

using json::Document;
using json::Path;
namespace od = simdjson::ondemand;

// One element of "results", as written (seconds and bytes).
struct HyperfineResult {
    std::string command;
    std::optional<double> mean, stddev, median, min, max, user, system;
    std::vector<double> times;
    bool has_times = false;
    std::vector<double> memory;
    std::size_t runs = 0;         // exit codes seen
    std::size_t failed_runs = 0;  // non-zero or null exit codes
    std::vector<std::pair<std::string, std::string>> parameters;
};

class HyperfineReader {
  public:
    HyperfineReader(Document& document, model::Run& run) : doc_(document), run_(run) {}

    void read() {
        const Path root;
        bool saw_results = false;
        for (auto field : doc_.root_object()) {
            const std::string_view key = field.unescaped_key();
            if (key != "results") continue;
            saw_results = true;
            const Path where = root.child(key);
            std::size_t index = 0;
            for (auto element : doc_.array(field.value(), where)) {
                const Path at = where.child(index);
                add(read_result(doc_.object(element.value(), at), at), at, index);
                ++index;
            }
            if (index == 0) doc_.fail(where, "expected at least one result, got an empty list");
        }
        if (!saw_results) doc_.fail(root, "expected a \"results\" array (hyperfine --export-json)");
        if (failed_results_ > 0) {
            run_.notes.push_back(std::to_string(failed_results_) +
                                 " command(s) had runs with a non-zero exit code (see the "
                                 "\"failed_runs\" label); hyperfine kept them because of -i");
        }
    }

  private:
    HyperfineResult read_result(od::object object, const Path& at) {
        HyperfineResult result;
        for (auto field : object) {
            const std::string_view key = field.unescaped_key();
            const Path where = at.child(key);
            od::value value = field.value();
            std::optional<double>* slot = nullptr;
            if (key == "mean") slot = &result.mean;
            if (key == "median") slot = &result.median;
            if (key == "min") slot = &result.min;
            if (key == "max") slot = &result.max;
            if (key == "user") slot = &result.user;
            if (key == "system") slot = &result.system;
            if (key == "stddev") slot = &result.stddev;  // null with a single run
            if (slot != nullptr) {
                if (!value.is_null()) *slot = non_negative_number(doc_, value, where);
            } else if (key == "command") {
                result.command = doc_.string(value, where);
            } else if (key == "times") {
                result.has_times = true;
                append_non_negative_numbers(doc_, value, where, 1.0, result.times);
            } else if (key == "memory_usage_byte") {
                append_non_negative_numbers(doc_, value, where, 1.0, result.memory);
            } else if (key == "exit_codes") {
                read_exit_codes(doc_.array(value, where), where, result);
            } else if (key == "parameters") {
                for (auto parameter : doc_.object(value, where)) {
                    const std::string_view name = parameter.unescaped_key();
                    result.parameters.emplace_back("parameters." + std::string(name),
                                                   label_text(parameter.value()));
                }
            }
        }
        if (result.command.empty()) doc_.fail(at.child("command"), "expected the command");
        return result;
    }

    void read_exit_codes(od::array codes, const Path& where, HyperfineResult& result) {
        std::size_t i = 0;
        for (auto element : codes) {
            const Path at = where.child(i++);
            od::value value = element.value();
            ++result.runs;
            if (value.is_null() || doc_.integer(value, at) != 0) ++result.failed_runs;
        }
    }

    void add(HyperfineResult result, const Path& at, std::size_t index) {
        if (!index_.emplace(result.command, index).second) {
            doc_.fail(at.child("command"), "expected each command once, but \"" + result.command +
                                               "\" is also at /results/" +
                                               std::to_string(index_[result.command]) +
                                               " (name them with hyperfine --command-name)");
        }
        std::vector<std::pair<std::string, std::string>> labels = std::move(result.parameters);
        if (result.failed_runs > 0) {
            ++failed_results_;
            labels.emplace_back("failed_runs", std::to_string(result.failed_runs) + " of " +
                                                   std::to_string(result.runs));
        }
        const std::size_t runs = result.has_times ? result.times.size() : result.runs;
        const auto add_metric = [&](const char* measure, model::Unit unit,
                                    model::Direction direction) -> model::Metric& {
            model::Metric metric;
            metric.name = result.command;
            metric.measure = measure;
            metric.unit = std::move(unit);
            metric.direction = direction;
            metric.labels = labels;
            run_.metrics.push_back(std::move(metric));
            return run_.metrics.back();
        };

        model::Metric& time = add_metric("time", model::seconds(), model::Direction::lower);
        if (result.has_times && !result.times.empty()) {
            time.samples = std::move(result.times);
        } else {
            if (!result.mean) {
                doc_.fail(at.child("times"),
                          "expected the \"times\" of the runs, or their \"mean\"");
            }
            model::Summary summary;
            summary.n = runs;
            summary.mean = result.mean;
            summary.stddev = result.stddev;
            summary.median = result.median;
            summary.min = result.min;
            summary.max = result.max;
            time.summary = summary;
        }
        // Only means, often a few milliseconds or zero: reported, not gated by default.
        for (const auto& [measure, mean] :
             {std::pair{"user", result.user}, std::pair{"system", result.system}}) {
            if (!mean) continue;
            model::Summary summary;
            summary.n = runs;
            summary.mean = mean;
            add_metric(measure, model::seconds(), model::Direction::unknown).summary = summary;
        }
        if (!result.memory.empty()) {
            add_metric("memory", model::bytes(), model::Direction::lower).samples =
                std::move(result.memory);
        }
    }

    Document& doc_;
    model::Run& run_;
    util::StringMap<std::size_t> index_;
    std::size_t failed_results_ = 0;
};

}  // namespace

model::Run parse_hyperfine(std::string_view text, const model::Source& source,
                           const ReadOptions& /*options*/) {
    return read_document<HyperfineReader>(text, source);
}

bool looks_like_hyperfine(std::string_view text) {
    const JsonSniff sniff(text);
    return sniff.starts_with("{") && sniff.has_key("results", 1) && sniff.has_key("command", 3);
}

}  // namespace caws::ingest
