#include "ingest/jmh_reader.hpp"

#include <optional>
#include <string>
#include <vector>

#include "ingest/json_sniff.hpp"
#include "ingest/json_values.hpp"
#include "ingest/units.hpp"
#include "util/string_map.hpp"

namespace caws::ingest {
namespace {

using json::Document;
using json::Path;
namespace od = simdjson::ondemand;

// A primary or secondary metric as written, in the score unit.
struct Score {
    std::string unit;
    std::optional<double> score;
    std::vector<double> raw;  // rawData, every fork's iterations in order
    bool has_raw = false;
    std::size_t histogram_count = 0;  // sum of rawDataHistogram counts
    std::vector<std::pair<std::string, double>> percentiles;
};

class JmhReader {
  public:
    JmhReader(Document& document, model::Run& run) : doc_(document), run_(run) {}

    void read() {
        const Path root;
        od::array benchmarks =
            doc_.root_array("expected a JSON array of benchmarks (JMH -rf json)");
        std::size_t index = 0;
        for (auto element : benchmarks) {
            const Path at = root.child(index);
            read_benchmark(doc_.object(element.value(), at), at, index);
            ++index;
        }
        if (index == 0) doc_.fail(root, "expected at least one benchmark, got an empty list");
        if (summarised_ > 0) {
            run_.notes.push_back(std::to_string(summarised_) +
                                 " JMH score(s) without rawData read as summaries of their "
                                 "percentiles");
        }
    }

  private:
    void read_benchmark(od::object object, const Path& at, std::size_t index) {
        std::string benchmark, mode;
        std::vector<std::pair<std::string, std::string>> labels, params;
        std::optional<Score> primary;
        std::vector<std::pair<std::string, Score>> secondaries;
        for (auto field : object) {
            const std::string_view key = field.unescaped_key();
            const Path where = at.child(key);
            od::value value = field.value();
            if (key == "benchmark") {
                benchmark = doc_.string(value, where);
            } else if (key == "mode") {
                mode = doc_.string(value, where);
            } else if (key == "threads" || key == "forks") {
                labels.emplace_back(std::string(key), std::to_string(doc_.integer(value, where)));
            } else if (key == "params") {
                for (auto param : doc_.object(value, where)) {
                    const std::string_view name = param.unescaped_key();
                    params.emplace_back(std::string(name), label_text(param.value()));
                }
            } else if (key == "primaryMetric") {
                primary = read_score(doc_.object(value, where), where, true);
            } else if (key == "secondaryMetrics") {
                for (auto secondary : doc_.object(value, where)) {
                    const std::string_view name = secondary.unescaped_key();
                    const Path secondary_at = where.child(name);
                    secondaries.emplace_back(
                        std::string(name), read_score(doc_.object(secondary.value(), secondary_at),
                                                      secondary_at, false));
                }
            } else if (index == 0 && (key == "jmhVersion" || key == "jdkVersion" ||
                                      key == "vmName" || key == "vmVersion" || key == "jvm")) {
                run_.context.extra.emplace_back(std::string(key), label_text(value));
            }
        }
        if (benchmark.empty()) doc_.fail(at.child("benchmark"), "expected the benchmark's name");
        if (!primary) {
            doc_.fail(at.child("primaryMetric"), "expected the benchmark's primaryMetric");
        }
        if (mode.empty()) mode = "score";

        std::string name = benchmark;
        if (!params.empty()) {
            name += '[';
            for (std::size_t i = 0; i < params.size(); ++i) {
                if (i > 0) name += ',';
                name += params[i].first + "=" + params[i].second;
            }
            name += ']';
        }
        labels.insert(labels.begin(), {"mode", mode});
        for (const auto& [param, value] : params) labels.emplace_back("params." + param, value);

        add(name, mode, std::move(*primary), labels, at.child("primaryMetric"), at);
        for (std::size_t i = 0; i < secondaries.size(); ++i) {
            add(name, mode + ":" + secondaries[i].first, std::move(secondaries[i].second), labels,
                at.child("secondaryMetrics"), at);
        }
    }

    void add(const std::string& name, std::string measure, Score score,
             const std::vector<std::pair<std::string, std::string>>& labels, const Path& where,
             const Path& benchmark_at) {
        const std::string key = name + '\x1f' + measure;
        if (!index_.emplace(key, benchmark_at.str()).second) {
            doc_.fail(benchmark_at, "expected each benchmark, mode and parameters once, but \"" +
                                        name + "\" (" + measure + ") is also at " + index_[key]);
        }
        model::Metric metric;
        metric.name = name;
        metric.measure = std::move(measure);
        metric.labels = labels;
        const auto conversion = canonical_unit(score.unit);
        metric.unit = conversion ? conversion->unit : unit_as_written(score.unit);
        const double scale = conversion ? conversion->scale : 1.0;
        if (score.unit.starts_with("ops/")) {
            metric.direction = model::Direction::higher;
        } else if (score.unit.ends_with("/op")) {
            metric.direction = model::Direction::lower;
        }
        if (score.has_raw && !score.raw.empty()) {
            metric.samples = std::move(score.raw);
            for (double& sample : metric.samples) sample *= scale;
        } else {
            if (!score.score) doc_.fail(where, "expected a \"score\" or \"rawData\"");
            ++summarised_;
            model::Summary summary;
            summary.n = score.histogram_count;
            summary.mean = *score.score * scale;
            for (const auto& [percentile, value] : score.percentiles) {
                std::optional<double>* slot = nullptr;
                if (percentile == "0.0") slot = &summary.min;
                if (percentile == "50.0") slot = &summary.median;
                if (percentile == "90.0") slot = &summary.p90;
                if (percentile == "95.0") slot = &summary.p95;
                if (percentile == "99.0") slot = &summary.p99;
                if (percentile == "100.0") slot = &summary.max;
                if (slot != nullptr) *slot = value * scale;
            }
            metric.summary = summary;
        }
        run_.metrics.push_back(std::move(metric));
    }

    Score read_score(od::object object, const Path& at, bool primary) {
        Score score;
        bool has_unit = false;
        for (auto field : object) {
            const std::string_view key = field.unescaped_key();
            const Path where = at.child(key);
            od::value value = field.value();
            if (key == "score") {
                score.score = primary ? non_negative_number(doc_, value, where)
                                      : finite_number(doc_, value, where);
            } else if (key == "scoreUnit") {
                score.unit = doc_.string(value, where);
                has_unit = true;
            } else if (key == "rawData") {
                score.has_raw = true;
                std::size_t fork = 0;
                for (auto iterations : doc_.array(value, where)) {
                    const Path fork_at = where.child(fork++);
                    std::size_t i = 0;
                    for (auto element : doc_.array(iterations.value(), fork_at)) {
                        const Path element_at = fork_at.child(i++);
                        score.raw.push_back(
                            primary ? non_negative_number(doc_, element.value(), element_at)
                                    : finite_number(doc_, element.value(), element_at));
                    }
                }
            } else if (key == "rawDataHistogram") {
                score.histogram_count = histogram_count(doc_.array(value, where), where);
            } else if (key == "scorePercentiles") {
                for (auto percentile : doc_.object(value, where)) {
                    const std::string_view name = percentile.unescaped_key();
                    std::string name_copy(name);
                    score.percentiles.emplace_back(
                        name_copy, finite_number(doc_, percentile.value(), where.child(name)));
                }
            }
        }
        if (!has_unit) doc_.fail(at.child("scoreUnit"), "expected the score's unit");
        return score;
    }

    // rawDataHistogram: forks, of iterations, of [value, count] pairs.
    std::size_t histogram_count(od::array forks, const Path& where) {
        std::size_t total = 0;
        std::size_t f = 0;
        for (auto fork : forks) {
            const Path fork_at = where.child(f++);
            std::size_t i = 0;
            for (auto iteration : doc_.array(fork.value(), fork_at)) {
                const Path iteration_at = fork_at.child(i++);
                std::size_t p = 0;
                for (auto pair : doc_.array(iteration.value(), iteration_at)) {
                    const Path pair_at = iteration_at.child(p++);
                    std::size_t position = 0;
                    for (auto element : doc_.array(pair.value(), pair_at)) {
                        const Path element_at = pair_at.child(position);
                        if (position++ == 1) {
                            const std::int64_t count = doc_.integer(element.value(), element_at);
                            if (count < 0) doc_.fail(element_at, "expected a count of at least 0");
                            total += static_cast<std::size_t>(count);
                        }
                    }
                }
            }
        }
        return total;
    }

    Document& doc_;
    model::Run& run_;
    util::StringMap<std::string> index_;  // name \x1f measure -> where it was
    std::size_t summarised_ = 0;
};

}  // namespace

model::Run parse_jmh(std::string_view text, const model::Source& source,
                     const ReadOptions& /*options*/) {
    return read_document<JmhReader>(text, source);
}

bool looks_like_jmh(std::string_view text) {
    const JsonSniff sniff(text);
    return sniff.starts_with("[{") && sniff.has_key("benchmark", 2) &&
           (sniff.has_key("jmhVersion", 2) || sniff.has_key("primaryMetric", 2));
}

}  // namespace caws::ingest
