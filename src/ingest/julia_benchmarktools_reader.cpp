#include "ingest/julia_benchmarktools_reader.hpp"

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

constexpr double k_seconds_per_ns = 1e-9;

// "#2": the name of the second value saved on its own, outside any group.
std::string position_name(std::size_t position) {
    std::string name(1, '#');
    name += std::to_string(position);
    return name;
}

std::string_view type_name(std::string_view type) {
    constexpr std::string_view prefix = "BenchmarkTools.";
    if (type.starts_with(prefix)) type.remove_prefix(prefix.size());
    return type;
}

class JuliaBenchmarkToolsReader {
  public:
    JuliaBenchmarkToolsReader(Document& document, model::Run& run) : doc_(document), run_(run) {}

    void read() {
        const Path root;
        od::array saved =
            doc_.root_array("expected a JSON array [versions, values] (BenchmarkTools.save)");
        std::size_t index = 0;
        for (auto element : saved) {
            const Path at = root.child(index);
            if (index == 0) {
                read_versions(doc_.object(element.value(), at), at);
            } else if (index == 1) {
                std::size_t i = 0;
                for (auto value : doc_.array(element.value(), at)) {
                    const Path value_at = at.child(i);
                    read_value(value.value(), value_at, {}, i + 1);
                    ++i;
                }
            }
            ++index;
        }
        if (index != 2) {
            doc_.fail(root, "expected [versions, values] (BenchmarkTools.save), got an array of " +
                                std::to_string(index) + " element(s)");
        }
        if (run_.metrics.empty()) {
            doc_.fail(root.child(1), "expected at least one Trial or TrialEstimate");
        }
        if (skipped_ > 0) {
            run_.notes.push_back(
                std::to_string(skipped_) +
                " saved value(s) that are not trials skipped (first: " + first_skipped_ + ")");
        }
    }

  private:
    void read_versions(od::object object, const Path& /*at*/) {
        for (auto field : object) {
            const std::string_view key = field.unescaped_key();
            if (key == "Julia") {
                run_.context.extra.emplace_back("julia_version", label_text(field.value()));
            } else if (key == "BenchmarkTools") {
                run_.context.extra.emplace_back("benchmarktools_version",
                                                label_text(field.value()));
            }
        }
    }

    // One ["TYPE", {fields}] pair named `name` (empty at the top level, where a trial is
    // named by its position).
    void read_value(od::value value, const Path& at, const std::string& name,
                    std::size_t position) {
        std::string type;
        std::size_t i = 0;
        for (auto element : doc_.array(value, at)) {
            const Path element_at = at.child(i);
            if (i == 0) {
                type = type_name(doc_.string(element.value(), element_at));
            } else if (i == 1) {
                od::object fields = doc_.object(element.value(), element_at);
                if (type == "BenchmarkGroup") {
                    read_group(fields, element_at, name);
                } else if (type == "Trial" || type == "TrialEstimate") {
                    read_trial(fields, element_at, name.empty() ? position_name(position) : name,
                               type == "Trial");
                } else {
                    if (first_skipped_.empty()) first_skipped_ = type + " at " + at.str();
                    ++skipped_;
                }
            }
            ++i;
        }
        if (i != 2) doc_.fail(at, "expected a [\"TYPE\", {fields}] pair");
    }

    void read_group(od::object fields, const Path& at, const std::string& name) {
        const std::size_t first = run_.metrics.size();
        std::string tags;
        for (auto field : fields) {
            const std::string_view key = field.unescaped_key();
            const Path where = at.child(key);
            if (key == "data") {
                for (auto entry : doc_.object(field.value(), where)) {
                    const std::string_view entry_key = entry.unescaped_key();
                    std::string child =
                        name.empty() ? std::string(entry_key) : name + "/" + std::string(entry_key);
                    read_value(entry.value(), where.child(entry_key), child, 0);
                }
            } else if (key == "tags") {
                for (auto tag : doc_.array(field.value(), where)) {
                    if (!tags.empty()) tags += ',';
                    tags += label_text(tag.value());
                }
            }
        }
        if (tags.empty()) return;
        for (std::size_t m = first; m < run_.metrics.size(); ++m) {
            auto& labels = run_.metrics[m].labels;
            bool merged = false;
            for (auto& [key, value] : labels) {
                if (key == "tags") {
                    value += "," + tags;
                    merged = true;
                }
            }
            if (!merged) labels.emplace_back("tags", tags);
        }
    }

    void read_trial(od::object fields, const Path& at, const std::string& name, bool is_trial) {
        std::vector<double> times, gctimes;
        std::optional<double> memory, allocs;
        std::string evals;
        for (auto field : fields) {
            const std::string_view key = field.unescaped_key();
            const Path where = at.child(key);
            od::value value = field.value();
            if (is_trial && key == "times") {
                append_non_negative_numbers(doc_, value, where, k_seconds_per_ns, times);
            } else if (is_trial && key == "gctimes") {
                append_non_negative_numbers(doc_, value, where, k_seconds_per_ns, gctimes);
            } else if (!is_trial && key == "time") {
                times.push_back(non_negative_number(doc_, value, where) * k_seconds_per_ns);
            } else if (!is_trial && key == "gctime") {
                gctimes.push_back(non_negative_number(doc_, value, where) * k_seconds_per_ns);
            } else if (key == "memory") {
                memory = non_negative_number(doc_, value, where);
            } else if (key == "allocs") {
                allocs = non_negative_number(doc_, value, where);
            } else if (key == "params") {
                evals = read_evals(value, where);
            }
        }
        if (times.empty()) {
            doc_.fail(at.child(is_trial ? "times" : "time"), "expected the trial's times");
        }
        if (!index_.emplace(name, at.str()).second) {
            doc_.fail(at, "expected each benchmark once, but \"" + name + "\" is also at " +
                              index_[name]);
        }
        std::vector<std::pair<std::string, std::string>> labels;
        if (!evals.empty()) labels.emplace_back("evals", evals);
        const auto add = [&](const char* measure, model::Unit unit, model::Direction direction,
                             std::vector<double> samples) {
            model::Metric metric;
            metric.name = name;
            metric.measure = measure;
            metric.unit = std::move(unit);
            metric.direction = direction;
            metric.samples = std::move(samples);
            metric.labels = labels;
            run_.metrics.push_back(std::move(metric));
        };
        add("time", model::seconds(), model::Direction::lower, std::move(times));
        if (!gctimes.empty()) {
            add("gctime", model::seconds(), model::Direction::unknown, std::move(gctimes));
        }
        if (memory) add("memory", model::bytes(), model::Direction::lower, {*memory});
        if (allocs) add("allocs", model::count(), model::Direction::lower, {*allocs});
    }

    // ["Parameters", {"evals": 390, ...}] -> "390"
    std::string read_evals(od::value value, const Path& at) {
        std::string evals;
        std::size_t i = 0;
        for (auto element : doc_.array(value, at)) {
            if (i++ != 1) continue;
            const Path fields_at = at.child(1);
            for (auto field : doc_.object(element.value(), fields_at)) {
                if (std::string_view(field.unescaped_key()) == "evals") {
                    evals = label_text(field.value());
                }
            }
        }
        return evals;
    }

    Document& doc_;
    model::Run& run_;
    util::StringMap<std::string> index_;
    std::size_t skipped_ = 0;
    std::string first_skipped_;
};

}  // namespace

model::Run parse_julia_benchmarktools(std::string_view text, const model::Source& source,
                                      const ReadOptions& /*options*/) {
    return read_document<JuliaBenchmarkToolsReader>(text, source);
}

bool looks_like_julia_benchmarktools(std::string_view text) {
    const JsonSniff sniff(text);
    if (!sniff.starts_with("[{")) return false;
    for (const std::string_view key : sniff.first_object_keys(2)) {
        if (key == "Julia" || key == "BenchmarkTools") return true;
    }
    return false;
}

}  // namespace caws::ingest
