// Criterion.rs's data directory (target/criterion); criterion_reader.cpp reads what
// `cargo bench` prints.
#include <algorithm>
#include <cmath>
#include <filesystem>
#include <optional>
#include <string>
#include <system_error>
#include <utility>
#include <vector>

#include "ingest/criterion_reader.hpp"
#include "ingest/text_cursor.hpp"
#include "json/document.hpp"
#include "util/error.hpp"
#include "util/file_io.hpp"
#include "util/string_map.hpp"

namespace caws::ingest {
namespace {

namespace fs = std::filesystem;
namespace od = simdjson::ondemand;
using json::Document;
using json::Path;

// What one `new/` folder holds.
struct Folder {
    fs::path path;   // the `new` folder
    std::string id;  // relative path of its benchmark folder
};

std::string read_text_file(const fs::path& path) {
    return util::read_file(path.string(), simdjson::SIMDJSON_PADDING);
}

// The "unit" column of raw.csv's first row ("ns" for wall time), or empty.
std::string raw_csv_unit(const fs::path& folder) {
    std::error_code error;
    if (!fs::is_regular_file(folder / "raw.csv", error)) return {};
    const std::string text = read_text_file(folder / "raw.csv");
    TextCursor cursor(text, {});
    std::string_view header, row;
    if (!cursor.next(header) || !cursor.next(row)) return {};
    // The columns before "unit" are ids that may be quoted and hold commas: count the
    // row's fields from its end.
    std::size_t after = 0;
    std::string_view columns = header;
    for (;;) {
        const std::size_t comma = columns.rfind(',');
        const std::string_view name =
            columns.substr(comma == std::string_view::npos ? 0 : comma + 1);
        if (name == "unit") break;
        if (comma == std::string_view::npos) return {};
        columns = columns.substr(0, comma);
        ++after;
    }
    std::string_view fields = row;
    for (std::size_t i = 0; i < after; ++i) {
        const std::size_t comma = fields.rfind(',');
        if (comma == std::string_view::npos) return {};
        fields = fields.substr(0, comma);
    }
    const std::size_t comma = fields.rfind(',');
    return std::string(fields.substr(comma == std::string_view::npos ? 0 : comma + 1));
}

class DirectoryReader {
  public:
    DirectoryReader(std::string directory, model::Run& run)
        : root_(std::move(directory)), run_(run) {}

    // Benchmarks read from estimates.json because sample.json was missing.
    std::size_t summarised() const { return summarised_; }

    void read() {
        std::vector<Folder> folders = find_folders();
        if (folders.empty()) {
            throw util::Error(root_, {},
                              "expected Criterion.rs data (a <benchmark>/new/sample.json file) in "
                              "this directory, found none");
        }
        util::StringMap<std::string> seen;  // id -> folder
        for (const Folder& folder : folders) read_folder(folder, seen);
        if (run_.metrics.empty()) {
            throw util::Error(root_, {},
                              "expected Criterion.rs data (a <benchmark>/new/sample.json file) in "
                              "this directory, found none");
        }
    }

  private:
    std::vector<Folder> find_folders() const {
        std::vector<Folder> folders;
        std::error_code error;
        const fs::path root(root_);
        fs::recursive_directory_iterator it(root, fs::directory_options::skip_permission_denied,
                                            error);
        if (error) throw util::Error(root_, {}, "cannot read the directory: " + error.message());
        for (const fs::recursive_directory_iterator end; it != end; it.increment(error)) {
            if (error)
                throw util::Error(root_, {}, "cannot read the directory: " + error.message());
            const fs::path& path = it->path();
            const std::string name = path.filename().string();
            if (!it->is_directory(error)) continue;
            if (name == "report" || name == "base" || name == "change") {
                it.disable_recursion_pending();
                continue;
            }
            if (name != "new") continue;
            it.disable_recursion_pending();
            if (!fs::is_regular_file(path / "sample.json", error) &&
                !fs::is_regular_file(path / "estimates.json", error)) {
                continue;
            }
            std::string id = fs::relative(path.parent_path(), root, error).generic_string();
            if (id.empty() || id == ".") id = path.parent_path().filename().generic_string();
            folders.push_back(Folder{path, std::move(id)});
        }
        std::sort(folders.begin(), folders.end(),
                  [](const Folder& a, const Folder& b) { return a.path < b.path; });
        return folders;
    }

    void read_folder(const Folder& folder, util::StringMap<std::string>& seen) {
        std::error_code error;
        Description description;
        description.id = folder.id;
        if (fs::is_regular_file(folder.path / "benchmark.json", error)) {
            read_description(folder.path / "benchmark.json", description);
        }
        const auto [found, inserted] = seen.try_emplace(description.id, folder.path.string());
        if (!inserted) {
            throw util::Error((folder.path / "benchmark.json").string(), "/full_id",
                              "expected each benchmark once, but " + in_quotes(description.id) +
                                  " is also in " + found->second);
        }
        model::Metric metric;
        metric.name = description.id;
        metric.measure = "time";
        metric.unit = model::seconds();
        metric.direction = model::Direction::lower;
        metric.labels = description.labels;
        const std::string unit = raw_csv_unit(folder.path);
        const bool custom = !unit.empty() && unit != "ns";
        if (custom) {
            metric.measure = unit;
            metric.unit = model::Unit{model::Dimension::other, unit};
        }
        if (fs::is_regular_file(folder.path / "sample.json", error)) {
            metric.samples = read_samples(folder.path / "sample.json", custom);
        } else {
            metric.summary = read_estimates(folder.path / "estimates.json", custom);
            summarised_ += 1;
        }
        if (description.throughput && !custom) {
            model::Metric rate = metric;
            rate.measure = "throughput";
            rate.unit = description.bytes ? model::bytes_per_second() : model::per_second();
            rate.direction = model::Direction::higher;
            const double amount = *description.throughput;
            for (double& sample : rate.samples) sample = sample > 0 ? amount / sample : 0;
            if (rate.summary) {
                // A rate's mean is not amount / mean time: keep only what converts exactly.
                model::Summary summary;
                summary.n = rate.summary->n;
                if (rate.summary->median && *rate.summary->median > 0) {
                    summary.median = amount / *rate.summary->median;
                }
                rate.summary = summary;
            }
            run_.metrics.push_back(std::move(metric));
            run_.metrics.push_back(std::move(rate));
            return;
        }
        run_.metrics.push_back(std::move(metric));
    }

    struct Description {
        std::string id;
        std::optional<double> throughput;
        bool bytes = false;
        std::vector<std::pair<std::string, std::string>> labels;
    };

    void read_description(const fs::path& file, Description& out) {
        Document doc(file.string(), read_text_file(file));
        const Path root;
        json::read_guarded(doc, root, [&] {
            for (auto field : doc.root_object()) {
                const std::string_view key = field.unescaped_key();
                const Path at = root.child(key);
                od::value value = field.value();
                const od::json_type type = value.type();
                if (type == od::json_type::null) continue;
                if (key == "full_id") {
                    out.id = std::string(doc.string(value, at));
                } else if (key == "group_id" || key == "function_id" || key == "value_str") {
                    const std::string label = key == "group_id"      ? "group"
                                              : key == "function_id" ? "function"
                                                                     : "parameter";
                    out.labels.emplace_back(label, std::string(doc.string(value, at)));
                } else if (key == "throughput") {
                    for (auto kind : doc.object(value, at)) {
                        const std::string_view name = kind.unescaped_key();
                        const Path where = at.child(name);
                        const double amount = doc.number(kind.value(), where);
                        if (name == "Bytes" || name == "BytesDecimal") {
                            out.throughput = amount;
                            out.bytes = true;
                        } else if (name == "Elements") {
                            out.throughput = amount;
                        } else {
                            notes_throughput(name);
                        }
                    }
                }
            }
        });
        // A benchmark outside a group has its id as group: no label says more than the name.
        std::erase_if(out.labels, [&](const auto& label) {
            return label.first == "group" && label.second == out.id && out.labels.size() == 1;
        });
        // Labels in a fixed order: group, function, parameter.
        std::stable_sort(out.labels.begin(), out.labels.end(), [](const auto& a, const auto& b) {
            const auto rank = [](const std::string& k) {
                return k == "group" ? 0 : k == "function" ? 1 : 2;
            };
            return rank(a.first) < rank(b.first);
        });
    }

    void notes_throughput(std::string_view kind) {
        const std::string note = "throughput of kind \"" + std::string(kind) + "\" not read";
        if (std::find(run_.notes.begin(), run_.notes.end(), note) == run_.notes.end()) {
            run_.notes.push_back(note);
        }
    }

    std::vector<double> read_samples(const fs::path& file, bool custom) {
        Document doc(file.string(), read_text_file(file));
        const Path root;
        std::vector<double> iters, times;
        json::read_guarded(doc, root, [&] {
            for (auto field : doc.root_object()) {
                const std::string_view key = field.unescaped_key();
                const Path at = root.child(key);
                if (key != "iters" && key != "times") continue;
                std::vector<double>& out = key == "iters" ? iters : times;
                std::size_t i = 0;
                for (auto element : doc.array(field.value(), at)) {
                    const Path where = at.child(i++);
                    const double value = doc.number(element.value(), where);
                    if (!std::isfinite(value) || value < 0 || (key == "iters" && value <= 0)) {
                        doc.fail(where, key == "iters" ? "expected a positive iteration count"
                                                       : "expected a finite, non-negative time");
                    }
                    out.push_back(value);
                }
            }
        });
        const Path root_path;
        if (times.empty())
            doc.fail(root_path.child("times"), "expected a non-empty \"times\" array");
        if (iters.size() != times.size()) {
            doc.fail(root_path.child("iters"), "expected as many iteration counts as times (" +
                                                   std::to_string(times.size()) + "), got " +
                                                   std::to_string(iters.size()));
        }
        std::vector<double> samples(times.size());
        for (std::size_t i = 0; i < times.size(); ++i) {
            const double per_iteration = times[i] / iters[i];
            samples[i] = custom ? per_iteration : per_iteration / 1e9;
        }
        return samples;
    }

    model::Summary read_estimates(const fs::path& file, bool custom) {
        Document doc(file.string(), read_text_file(file));
        const Path root;
        model::Summary summary;
        json::read_guarded(doc, root, [&] {
            for (auto field : doc.root_object()) {
                const std::string_view key = field.unescaped_key();
                const Path at = root.child(key);
                std::optional<double>* target = key == "mean"      ? &summary.mean
                                                : key == "median"  ? &summary.median
                                                : key == "std_dev" ? &summary.stddev
                                                                   : nullptr;
                if (target == nullptr) continue;
                for (auto estimate : doc.object(field.value(), at)) {
                    const std::string_view name = estimate.unescaped_key();
                    if (name != "point_estimate") continue;
                    const double value = doc.number(estimate.value(), at.child("point_estimate"));
                    *target = custom ? value : value / 1e9;
                }
            }
        });
        if (!summary.mean && !summary.median) {
            doc.fail(root.child("mean"), "expected a mean or median estimate (point_estimate)");
        }
        return summary;
    }

    std::string root_;
    model::Run& run_;
    std::size_t summarised_ = 0;
};

// The first bytes of a file, for detection.
std::string head_of(const fs::path& file) {
    std::string head;
    try {
        head = util::read_file(file.string());
    } catch (const util::Error&) {
        return {};
    }
    head.resize(std::min<std::size_t>(head.size(), 4096));
    return head;
}

}  // namespace

model::Run read_criterion_directory(const std::string& directory, const model::Source& source) {
    model::Run run;
    run.sources.push_back(source);
    DirectoryReader reader(directory, run);
    reader.read();
    if (reader.summarised() > 0) {
        run.notes.push_back(std::to_string(reader.summarised()) +
                            " benchmark(s) read from estimates.json only (no sample.json)");
    }
    return run;
}

bool looks_like_criterion_directory(const std::string& directory) {
    std::error_code error;
    fs::recursive_directory_iterator it(directory, fs::directory_options::skip_permission_denied,
                                        error);
    if (error) return false;
    for (const fs::recursive_directory_iterator end; it != end; it.increment(error)) {
        if (error) return false;
        const fs::path& path = it->path();
        if (path.filename() == "report") {
            it.disable_recursion_pending();
            continue;
        }
        if (path.parent_path().filename() != "new") continue;
        const std::string name = path.filename().string();
        if (name == "sample.json") {
            const std::string head = head_of(path);
            if (head.find("\"iters\"") != std::string::npos &&
                head.find("\"times\"") != std::string::npos) {
                return true;
            }
        } else if (name == "benchmark.json") {
            const std::string head = head_of(path);
            if (head.find("\"full_id\"") != std::string::npos &&
                head.find("\"directory_name\"") != std::string::npos) {
                return true;
            }
        }
    }
    return false;
}

}  // namespace caws::ingest
