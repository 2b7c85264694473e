#include "store/baseline_file.hpp"

#include <algorithm>
#include <cmath>
#include <filesystem>
#include <fstream>

#include "json/document.hpp"
#include "store/run_json.hpp"
#include "util/error.hpp"
#include "util/file_io.hpp"
#include "util/string_map.hpp"

namespace caws::store {
namespace {

using json::Document;
namespace od = simdjson::ondemand;
using json::Path;

// Baselines written from Google Benchmark results before the reader kept
// library_build_type apart hold the library's build type as the run's: moved back to where
// the reader puts it now, so that it never passes for the build of the code it timed.
void library_build_type_of_older_baselines(model::Run& run) {
    if (run.sources.empty() || run.context.build_type.empty()) return;
    for (const auto& source : run.sources) {
        if (source.format != "google-benchmark") return;
    }
    for (const auto& [key, value] : run.context.extra) {
        if (key == "library_build_type") return;
    }
    run.context.extra.emplace_back("library_build_type", std::move(run.context.build_type));
    run.context.build_type.clear();
}

class BaselineReader {
  public:
    explicit BaselineReader(Document& document) : doc_(document) {}

    Baseline read() {
        const Path root;
        std::string schema;
        bool saw_metrics = false;
        for (auto field : doc_.root_object()) {
            const std::string_view key = json::key(field);
            const Path where = root.child(key);
            od::value value = field.value();
            if (key == "schema") {
                schema = doc_.string(value, where);
                check_schema(schema, where);
            } else if (key == "suite") {
                baseline_.suite = doc_.string(value, where);
            } else if (key == "provenance") {
                read_provenance(doc_.object(value, where), where);
            } else if (key == "sources") {
                read_sources(doc_.array(value, where), where);
            } else if (key == "context") {
                read_context(doc_.object(value, where), where);
            } else if (key == "notes") {
                std::size_t i = 0;
                for (auto note : doc_.array(value, where)) {
                    baseline_.run.notes.emplace_back(doc_.string(note.value(), where.child(i++)));
                }
            } else if (key == "metrics") {
                saw_metrics = true;
                read_metrics(doc_.array(value, where), where);
            }
        }
        if (schema.empty()) {
            doc_.fail(root.child("schema"), "expected \"schema\": \"" +
                                                std::string(k_baseline_schema) +
                                                "\" (is this a caws-gate baseline file?)");
        }
        if (!saw_metrics) doc_.fail(root.child("metrics"), "expected the \"metrics\" array");
        library_build_type_of_older_baselines(baseline_.run);
        return std::move(baseline_);
    }

  private:
    void check_schema(const std::string& schema, const Path& where) {
        if (schema == k_baseline_schema) return;
        if (schema.starts_with("caws-gate/baseline@")) {
            doc_.fail(where, "this baseline has schema \"" + schema +
                                 "\"; this caws-gate reads \"" + std::string(k_baseline_schema) +
                                 "\" (recreate it with caws-gate baseline update)");
        }
        doc_.fail(where,
                  "expected \"" + std::string(k_baseline_schema) + "\", got \"" + schema + "\"");
    }

    void read_provenance(od::object object, const Path& where) {
        for (auto field : object) {
            const std::string_view key = json::key(field);
            const Path at = where.child(key);
            if (key == "created") {
                baseline_.provenance.created = doc_.string(field.value(), at);
            } else if (key == "commit") {
                baseline_.provenance.commit = doc_.string(field.value(), at);
            } else if (key == "branch") {
                baseline_.provenance.branch = doc_.string(field.value(), at);
            } else if (key == "tool") {
                baseline_.provenance.tool = doc_.string(field.value(), at);
            } else if (key == "runs") {
                std::size_t i = 0;
                for (auto run : doc_.array(field.value(), at)) {
                    const Path run_at = at.child(i++);
                    baseline_.provenance.runs.emplace_back(doc_.string(run.value(), run_at));
                }
            }
        }
    }

    void read_sources(od::array array, const Path& where) {
        std::size_t i = 0;
        for (auto element : array) {
            const Path at = where.child(i++);
            model::Source source;
            for (auto field : doc_.object(element.value(), at)) {
                const std::string_view key = json::key(field);
                if (key == "path") source.path = doc_.string(field.value(), at.child(key));
                if (key == "format") source.format = doc_.string(field.value(), at.child(key));
            }
            baseline_.run.sources.push_back(std::move(source));
        }
    }

    void read_context(od::object object, const Path& where) {
        model::Context& c = baseline_.run.context;
        for (auto field : object) {
            const std::string_view key = json::key(field);
            const Path at = where.child(key);
            od::value value = field.value();
            if (key == "host") {
                c.host = doc_.string(value, at);
            } else if (key == "date") {
                c.date = doc_.string(value, at);
            } else if (key == "executable") {
                c.executable = doc_.string(value, at);
            } else if (key == "build_type") {
                c.build_type = doc_.string(value, at);
            } else if (key == "num_cpus") {
                c.num_cpus = static_cast<int>(doc_.integer(value, at));
            } else if (key == "mhz_per_cpu") {
                c.mhz_per_cpu = doc_.number(value, at);
            } else if (key == "cpu_scaling_enabled") {
                c.cpu_scaling_enabled = doc_.boolean(value, at);
            } else if (key == "load_avg") {
                std::size_t i = 0;
                for (auto element : doc_.array(value, at)) {
                    c.load_avg.push_back(doc_.number(element.value(), at.child(i++)));
                }
            } else if (key == "extra") {
                for (auto entry : doc_.object(value, at)) {
                    const std::string_view name = json::key(entry);
                    std::string name_copy(name);
                    c.extra.emplace_back(std::move(name_copy),
                                         std::string(doc_.string(entry.value(), at.child(name))));
                }
            }
        }
    }

    void read_metrics(od::array array, const Path& where) {
        std::size_t i = 0;
        for (auto element : array) {
            const Path at = where.child(i);
            model::Metric metric = read_metric(doc_.object(element.value(), at), at);
            std::string key = metric.name + '\x1f' + metric.measure;
            if (!seen_.emplace(std::move(key), i).second) {
                doc_.fail(at, "expected each metric once, but \"" + metric.name + "\" (" +
                                  metric.measure + ") is also at " +
                                  where.child(seen_[metric.name + '\x1f' + metric.measure]).str());
            }
            baseline_.run.metrics.push_back(std::move(metric));
            ++i;
        }
    }

    model::Metric read_metric(od::object object, const Path& at) {
        model::Metric metric;
        bool has_unit = false, has_direction = false;
        std::string dimension;
        model::SizePrefixes prefixes = model::SizePrefixes::binary;
        for (auto field : object) {
            const std::string_view key = json::key(field);
            const Path where = at.child(key);
            od::value value = field.value();
            if (key == "name") {
                metric.name = doc_.string(value, where);
            } else if (key == "measure") {
                metric.measure = doc_.string(value, where);
            } else if (key == "unit") {
                metric.unit = model::unit_from_symbol(doc_.string(value, where));
                has_unit = true;
            } else if (key == "unit_prefixes") {
                prefixes = read_prefixes(value, where);
            } else if (key == "dimension") {
                dimension = doc_.string(value, where);
                if (!model::dimension_from_string(dimension)) {
                    doc_.fail(where,
                              "expected one of time, size, count, rate, byte_rate, "
                              "fraction, other, got \"" +
                                  dimension + "\"");
                }
            } else if (key == "direction") {
                const std::string_view text = doc_.string(value, where);
                const auto direction = model::direction_from_string(text);
                if (!direction) {
                    doc_.fail(where, "expected \"lower\", \"higher\" or \"unknown\", got \"" +
                                         std::string(text) + "\"");
                }
                metric.direction = *direction;
                has_direction = true;
            } else if (key == "status") {
                const std::string_view text = doc_.string(value, where);
                const auto status = model::status_from_string(text);
                if (!status) {
                    doc_.fail(where, "expected \"ok\", \"failed\" or \"skipped\", got \"" +
                                         std::string(text) + "\"");
                }
                metric.status = *status;
            } else if (key == "message") {
                metric.message = doc_.string(value, where);
            } else if (key == "samples") {
                std::size_t i = 0;
                for (auto sample : doc_.array(value, where)) {
                    const Path sample_at = where.child(i++);
                    const double number = doc_.number(sample.value(), sample_at);
                    if (!std::isfinite(number)) doc_.fail(sample_at, "expected a finite number");
                    metric.samples.push_back(number);
                }
            } else if (key == "timestamps") {
                std::size_t i = 0;
                for (auto timestamp : doc_.array(value, where)) {
                    const Path timestamp_at = where.child(i++);
                    const double number = doc_.number(timestamp.value(), timestamp_at);
                    if (!std::isfinite(number)) doc_.fail(timestamp_at, "expected a finite number");
                    metric.timestamps.push_back(number);
                }
            } else if (key == "summary") {
                metric.summary = read_summary(doc_.object(value, where), where);
            } else if (key == "labels") {
                for (auto entry : doc_.object(value, where)) {
                    std::string name(json::key(entry));
                    std::string text(doc_.string(entry.value(), where.child(name)));
                    metric.labels.emplace_back(std::move(name), std::move(text));
                }
            }
        }
        if (metric.name.empty()) doc_.fail(at.child("name"), "expected the metric's name");
        if (metric.measure.empty()) doc_.fail(at.child("measure"), "expected the metric's measure");
        if (!has_unit) doc_.fail(at.child("unit"), "expected the metric's unit");
        if (!has_direction) doc_.fail(at.child("direction"), "expected the metric's direction");
        metric.unit.prefixes = prefixes;
        if (!dimension.empty()) {
            const model::Dimension declared = *model::dimension_from_string(dimension);
            if (declared == model::Dimension::count || declared == model::Dimension::other) {
                metric.unit.dimension = declared;
            } else if (declared != metric.unit.dimension) {
                doc_.fail(at.child("dimension"), "dimension \"" + dimension +
                                                     "\" does not match unit \"" +
                                                     metric.unit.symbol + "\"");
            }
        }
        if (!metric.timestamps.empty() && metric.timestamps.size() != metric.samples.size()) {
            doc_.fail(at.child("timestamps"),
                      "expected one timestamp per sample, got " +
                          std::to_string(metric.timestamps.size()) + " timestamps for " +
                          std::to_string(metric.samples.size()) + " samples");
        }
        if (metric.status == model::Status::ok && metric.samples.empty() && !metric.summary) {
            doc_.fail(at, "expected \"samples\" or a \"summary\" for \"" + metric.name + "\"");
        }
        return metric;
    }

    // "unit_prefixes": the prefixes the input wrote the metric's sizes with.
    model::SizePrefixes read_prefixes(od::value value, const Path& where) {
        const std::string_view text = doc_.string(value, where);
        const auto prefixes = model::size_prefixes_from_string(text);
        if (!prefixes) {
            doc_.fail(where,
                      "expected \"decimal\" or \"binary\", got \"" + std::string(text) + "\"");
        }
        return *prefixes;
    }

    model::Summary read_summary(od::object object, const Path& where) {
        model::Summary summary;
        for (auto field : object) {
            const std::string_view key = json::key(field);
            const Path at = where.child(key);
            od::value value = field.value();
            if (key == "n") {
                const std::int64_t n = doc_.integer(value, at);
                if (n < 0) doc_.fail(at, "expected a count of at least 0");
                summary.n = static_cast<std::size_t>(n);
                continue;
            }
            std::optional<double>* slot = nullptr;
            if (key == "mean") slot = &summary.mean;
            if (key == "stddev") slot = &summary.stddev;
            if (key == "median") slot = &summary.median;
            if (key == "min") slot = &summary.min;
            if (key == "max") slot = &summary.max;
            if (key == "p90") slot = &summary.p90;
            if (key == "p95") slot = &summary.p95;
            if (key == "p99") slot = &summary.p99;
            if (slot != nullptr) {
                const double number = doc_.number(value, at);
                if (!std::isfinite(number)) doc_.fail(at, "expected a finite number");
                *slot = number;
            }
        }
        return summary;
    }

    Document& doc_;
    Baseline baseline_;
    util::StringMap<std::size_t> seen_;
};

bool valid_suite_char(char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '.' ||
           c == '_' || c == '-';
}

}  // namespace

Provenance collect_provenance_without_branch(const util::Environment& environment) {
    Provenance provenance;
    provenance.created = util::format_utc(environment.now());
    provenance.tool = std::string("caws-gate ") + CAWS_GATE_VERSION;
    if (auto sha = environment.variable("GITHUB_SHA"); sha && !sha->empty()) {
        provenance.commit = *sha;
    } else if (auto commit = environment.command_output({"git", "rev-parse", "HEAD"})) {
        provenance.commit = *commit;
    }
    return provenance;
}

Provenance collect_provenance(const util::Environment& environment) {
    Provenance provenance = collect_provenance_without_branch(environment);
    if (auto ref = environment.variable("GITHUB_REF_NAME"); ref && !ref->empty()) {
        provenance.branch = *ref;
    } else if (auto branch =
                   environment.command_output({"git", "rev-parse", "--abbrev-ref", "HEAD"})) {
        if (*branch != "HEAD") provenance.branch = *branch;  // detached: no branch
    }
    return provenance;
}

void check_suite_name(std::string_view suite) {
    bool valid = !suite.empty() && suite.size() <= 200 && suite.front() != '.';
    for (const char c : suite) valid = valid && valid_suite_char(c);
    if (!valid) {
        throw util::Error("--suite", {},
                          "expected a suite name of letters, digits, '.', '_' and '-' (not "
                          "starting with '.'), got \"" +
                              std::string(suite) + "\"");
    }
}

std::string baseline_path(const std::string& directory, std::string_view suite) {
    check_suite_name(suite);
    std::string path = directory.empty() ? std::string(".") : directory;
    if (path.back() != '/') path += '/';
    return path + std::string(suite) + ".json";
}

std::string serialize_baseline(const Baseline& baseline) {
    nlohmann::ordered_json provenance = nlohmann::ordered_json::object();
    provenance["created"] = baseline.provenance.created;
    if (!baseline.provenance.commit.empty()) provenance["commit"] = baseline.provenance.commit;
    if (!baseline.provenance.branch.empty()) provenance["branch"] = baseline.provenance.branch;
    provenance["tool"] = baseline.provenance.tool;
    if (!baseline.provenance.runs.empty()) provenance["runs"] = baseline.provenance.runs;

    const auto dump = [](const nlohmann::ordered_json& value) {
        return value.dump(-1, ' ', false, nlohmann::ordered_json::error_handler_t::replace);
    };
    std::string out = "{\n";
    out += "  \"schema\": " + dump(nlohmann::ordered_json(k_baseline_schema)) + ",\n";
    out += "  \"suite\": " + dump(nlohmann::ordered_json(baseline.suite)) + ",\n";
    out += "  \"provenance\": " + dump(provenance) + ",\n";
    out += "  \"sources\": " + dump(sources_to_json(baseline.run.sources)) + ",\n";
    out += "  \"context\": " + dump(context_to_json(baseline.run.context)) + ",\n";
    out += "  \"notes\": " + dump(nlohmann::ordered_json(baseline.run.notes)) + ",\n";
    out += "  \"metrics\": [";
    bool first = true;
    for (const model::Metric& metric : baseline.run.metrics) {
        out += first ? "\n    " : ",\n    ";
        first = false;
        out += dump(metric_to_json(metric));
    }
    out += first ? "]\n}\n" : "\n  ]\n}\n";
    return out;
}

Baseline parse_baseline(std::string_view text, const std::string& path) {
    Document document(path, text);
    Baseline baseline;
    json::read_guarded(document, Path(), [&] { baseline = BaselineReader(document).read(); });
    return baseline;
}

Baseline load_baseline(const std::string& path) {
    const std::string text = util::read_file(path);
    return parse_baseline(text, path);
}

void save_baseline(const std::string& path, const Baseline& baseline) {
    util::write_file_atomic(path, serialize_baseline(baseline));
}

bool looks_like_baseline_file(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    if (!in) return false;
    std::string head(4096, '\0');
    in.read(head.data(), static_cast<std::streamsize>(head.size()));
    head.resize(static_cast<std::size_t>(in.gcount()));
    return head.find("\"caws-gate/baseline@") != std::string::npos;
}

std::optional<std::string> suite_name_mismatch(const std::string& path, const Baseline& baseline) {
    const std::filesystem::path file(path);
    const std::string name = file.stem().string();
    if (name == baseline.suite) return std::nullopt;
    return "/suite: the file holds the baseline of suite \"" + baseline.suite + "\" but is named " +
           file.filename().string() + "; rename it to " + baseline.suite +
           ".json, or record suite \"" + name +
           "\" with: caws-gate baseline update RESULTS --suite " + name;
}

std::vector<std::string> list_suites(const std::string& directory) {
    std::vector<std::string> suites;
    std::error_code error;
    for (const auto& entry : std::filesystem::directory_iterator(directory, error)) {
        const std::filesystem::path& path = entry.path();
        if (path.extension() != ".json" || !entry.is_regular_file(error)) continue;
        if (looks_like_baseline_file(path.string())) suites.push_back(path.stem().string());
    }
    std::sort(suites.begin(), suites.end());
    return suites;
}

}  // namespace caws::store
