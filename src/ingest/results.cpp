#include "ingest/results.hpp"

#include <algorithm>
#include <filesystem>
#include <map>
#include <string>
#include <utility>
#include <vector>

#include "ingest/benchmarkdotnet_reader.hpp"
#include "ingest/benchmarkjs_reader.hpp"
#include "ingest/bmf_reader.hpp"
#include "ingest/catch2_console_reader.hpp"
#include "ingest/catch2_xml_reader.hpp"
#include "ingest/caws_metrics_reader.hpp"
#include "ingest/criterion_reader.hpp"
#include "ingest/custom_json_reader.hpp"
#include "ingest/go_bench_reader.hpp"
#include "ingest/google_benchmark_reader.hpp"
#include "ingest/hyperfine_reader.hpp"
#include "ingest/input_checks.hpp"
#include "ingest/jmh_reader.hpp"
#include "ingest/julia_benchmarktools_reader.hpp"
#include "ingest/k6_reader.hpp"
#include "ingest/metric_summary_reader.hpp"
#include "ingest/prometheus_reader.hpp"
#include "ingest/pytest_benchmark_reader.hpp"
#include "ingest/rust_libtest_reader.hpp"
#include "ingest/series_csv_reader.hpp"
#include "ingest/series_json_reader.hpp"
#include "ingest/undetected.hpp"
#include "json/document.hpp"
#include "util/error.hpp"
#include "util/file_io.hpp"
#include "util/mapped_file.hpp"
#include "util/string_map.hpp"

namespace caws::ingest {
namespace {

// Results files from this size on are mapped instead of read into memory: the kernel's
// page cache is then the only copy of the text.
constexpr std::size_t k_map_inputs_from = std::size_t{256} << 10;

constexpr Format k_formats[] = {
    {"google-benchmark", "Google Benchmark JSON (--benchmark_format=json)",
     looks_like_google_benchmark, parse_google_benchmark},
    // clang-format off
    {"pytest-benchmark", "pytest-benchmark JSON (--benchmark-json)", looks_like_pytest_benchmark, parse_pytest_benchmark},
    {"hyperfine", "hyperfine JSON (--export-json)", looks_like_hyperfine, parse_hyperfine},
    {"jmh", "JMH JSON (-rf json)", looks_like_jmh, parse_jmh},
    {"benchmarkdotnet", "BenchmarkDotNet JSON (--exporters json)", looks_like_benchmarkdotnet, parse_benchmarkdotnet},
    {"julia-benchmarktools", "Julia BenchmarkTools JSON (BenchmarkTools.save)", looks_like_julia_benchmarktools, parse_julia_benchmarktools},
    {"custom-json", "github-action-benchmark custom JSON (customSmallerIsBetter / customBiggerIsBetter; needs --direction)", looks_like_custom_json, parse_custom_json},
    {"bmf", "Bencher Metric Format JSON", looks_like_bmf, parse_bmf},
    {"k6", "k6 end-of-test summary JSON (--summary-export, handleSummary)", looks_like_k6, parse_k6},
    {"prometheus", "Prometheus HTTP API JSON (/api/v1/query, /api/v1/query_range)", looks_like_prometheus, parse_prometheus},
    {"caws-metrics", "caws-gate metrics JSON (schema caws-gate/metrics@1)", looks_like_caws_metrics, parse_caws_metrics},
    {"metric-summary", "percentile baselines and load-test summaries ({\"ttfa_ms\": {\"p50\": ..., \"p95\": ...}})", looks_like_metric_summary, parse_metric_summary},
    {"series-json", "time series JSON, parallel arrays ({\"t_s\": [...], \"rss_mb\": [...]}), e.g. memory samples for leak detection", looks_like_series_json, parse_series_json},
    {"catch2-xml", "Catch2 XML reporter (-r xml)", looks_like_catch2_xml, parse_catch2_xml},
    {"series-csv", "time series CSV with a header of two columns (time,value or t_s,rss_mb), e.g. memory samples for leak detection", looks_like_series_csv, parse_series_csv},
    {"criterion", "Criterion.rs console or bencher text", looks_like_criterion, parse_criterion},
    {"rust-libtest", "Rust libtest (cargo bench)", looks_like_rust_libtest, parse_rust_libtest},
    {"go", "Go go test -bench text (benchstat's format)", looks_like_go_bench, parse_go_bench},
    {"catch2-console", "Catch2 console reporter", looks_like_catch2_console, parse_catch2_console},
    {"benchmarkjs", "Benchmark.js text (ops/sec)", looks_like_benchmarkjs, parse_benchmarkjs},
    // clang-format on
};

constexpr DirectoryFormat k_directory_formats[] = {
    {"criterion", "Criterion.rs data directory (target/criterion)", looks_like_criterion_directory,
     read_criterion_directory},
};

std::string format_list() {
    std::string list;
    for (const Format& format : k_formats) {
        if (!list.empty()) list += ", ";
        list += format.id;
    }
    for (const DirectoryFormat& format : k_directory_formats) {
        if (find_format(format.id) != nullptr) continue;  // listed already
        list += ", ";
        list += format.id;
    }
    return list;
}

std::string directory_format_list() {
    std::string list;
    for (const DirectoryFormat& format : k_directory_formats) {
        if (!list.empty()) list += ", ";
        list += format.id;
    }
    return list;
}

}  // namespace

std::span<const Format> formats() {
    return k_formats;
}

std::span<const DirectoryFormat> directory_formats() {
    return k_directory_formats;
}

const Format* find_format(std::string_view id) {
    for (const Format& format : k_formats) {
        if (format.id == id) return &format;
    }
    return nullptr;
}

const DirectoryFormat* find_directory_format(std::string_view id) {
    for (const DirectoryFormat& format : k_directory_formats) {
        if (format.id == id) return &format;
    }
    return nullptr;
}

namespace {

// What every run read from a file goes through: the limits and names, zeros, and the
// direction --direction gives to measures whose format does not say.
model::Run finish_run(model::Run run, const std::string& path, std::string_view text,
                      const ReadOptions& options) {
    check_run(run, path, text);
    normalize_zeros(run);
    if (options.direction) {
        for (model::Metric& metric : run.metrics) {
            if (metric.direction == model::Direction::unknown) {
                metric.direction = *options.direction;
            }
        }
    }
    return run;
}

const Format* detect_format(std::string_view text) {
    for (const Format& candidate : k_formats) {
        if (candidate.detect(text)) return &candidate;
    }
    return nullptr;
}

}  // namespace

model::Run parse_results(std::string_view text, const std::string& path,
                         const std::optional<std::string>& format, const ReadOptions& options) {
    // A Google Benchmark file of the usual shape is read row by row, which checks its
    // encoding on the way (google_benchmark_reader.hpp); any other reads as below, the
    // encoding first.
    constexpr std::string_view k_google_benchmark = "google-benchmark";
    const Format* detected = format ? nullptr : detect_format(text);
    if ((format && *format == k_google_benchmark) ||
        (detected != nullptr && detected->id == k_google_benchmark)) {
        if (std::optional<model::Run> run = parse_google_benchmark_rows(
                text, model::Source{path, std::string(k_google_benchmark)})) {
            return finish_run(std::move(*run), path, text, options);
        }
    }
    check_text_encoding(text, path);
    const Format* chosen = nullptr;
    if (format) {
        chosen = find_format(*format);
        if (chosen == nullptr) {
            throw util::Error(
                "--format", {},
                "unknown format \"" + *format + "\"; expected one of: " + format_list());
        }
    } else {
        chosen = detected;
        if (chosen == nullptr) {
            const Undetected why = explain_undetected(text);
            if (!why.what.empty()) throw util::Error(path, why.where, why.what);
            throw util::Error(
                path, {},
                "cannot tell which benchmark tool wrote this file; expected one of: " +
                    format_list() + " (force one with --format)");
        }
    }
    for (const std::string_view line_based :
         {"go", "rust-libtest", "catch2-console", "series-csv", "benchmarkjs"}) {
        if (chosen->id == line_based) check_line_lengths(text, path);
    }
    model::Run run = chosen->parse(text, model::Source{path, std::string(chosen->id)}, options);
    return finish_run(std::move(run), path, text, options);
}

model::Run read_results_directory(const std::string& path,
                                  const std::optional<std::string>& format) {
    const DirectoryFormat* chosen = nullptr;
    if (format) {
        chosen = find_directory_format(*format);
        if (chosen == nullptr) {
            if (find_format(*format) == nullptr) {
                throw util::Error(
                    "--format", {},
                    "unknown format \"" + *format + "\"; expected one of: " + format_list());
            }
            throw util::Error(
                path, {},
                "is a directory, but format \"" + *format +
                    "\" reads a file; formats that read a directory: " + directory_format_list());
        }
    } else {
        for (const DirectoryFormat& candidate : k_directory_formats) {
            if (candidate.detect(path)) {
                chosen = &candidate;
                break;
            }
        }
        if (chosen == nullptr) {
            throw util::Error(path, {},
                              "is a directory, but holds no results that a directory format "
                              "reads; expected one of: " +
                                  directory_format_list());
        }
    }
    model::Run run = chosen->read(path, model::Source{path, std::string(chosen->id)});
    check_run(run, path);
    normalize_zeros(run);
    return run;
}

model::Run read_results(const std::vector<std::string>& paths,
                        const std::optional<std::string>& format, const ReadOptions& options) {
    std::vector<model::Run> runs;
    runs.reserve(paths.size());
    for (const std::string& path : paths) {
        std::error_code error;
        if (std::filesystem::is_directory(path, error)) {
            runs.push_back(read_results_directory(path, format));
            continue;
        }
        // Padded for simdjson, so that JSON readers parse the text in place; a large file
        // is mapped rather than copied into memory.
        const util::MappedFile file(path, k_map_inputs_from, simdjson::SIMDJSON_PADDING);
        const json::BorrowPadded borrow(file.text(), file.mapped());
        runs.push_back(parse_results(file.text(), path, format, options));
    }
    model::Run merged = merge_runs(std::move(runs));
    if (paths.size() > 1) check_run(merged, paths.back());
    return merged;
}

namespace {

// The benchmarks whose samples two files share: (first file, later file) -> names, each once.
using MergedNames = std::map<std::pair<std::string, std::string>, std::vector<std::string>>;

// "b.json repeats 2 benchmarks of a.json (BM_A, BM_B): their samples are merged, as
// repetitions of one run", one note per pair of files, so that a report says why n doubled.
void add_merge_notes(model::Run& merged, const MergedNames& names) {
    for (const auto& [files, list] : names) {
        std::string shown;
        for (std::size_t i = 0; i < list.size() && i < 3; ++i) {
            shown += (i == 0 ? "" : ", ") + list[i];
        }
        if (list.size() > 3) shown += ", ...";
        merged.notes.push_back(files.second + " repeats " + std::to_string(list.size()) +
                               (list.size() == 1 ? " benchmark" : " benchmarks") + " of " +
                               files.first + " (" + shown +
                               "): their samples are merged, as repetitions of one run");
    }
}

}  // namespace

model::Run merge_runs(std::vector<model::Run> runs) {
    if (runs.empty()) return {};
    if (runs.size() == 1) return std::move(runs.front());
    model::Run merged = std::move(runs.front());
    util::StringMap<std::size_t> index;  // "name\x1fmeasure" -> position in merged.metrics
    const auto key_of = [](const model::Metric& metric) {
        return metric.name + '\x1f' + metric.measure;
    };
    // Source index per metric; npos for a run that names no file (one built in memory).
    constexpr std::size_t k_no_source = static_cast<std::size_t>(-1);
    std::vector<std::size_t> origin(merged.metrics.size(),
                                    merged.sources.empty() ? k_no_source : 0);
    const auto path_of = [&merged](std::size_t source) {
        return source < merged.sources.size() ? merged.sources[source].path
                                              : std::string("a run without a file");
    };
    for (std::size_t i = 0; i < merged.metrics.size(); ++i)
        index.emplace(key_of(merged.metrics[i]), i);
    MergedNames merged_names;
    for (std::size_t r = 1; r < runs.size(); ++r) {
        model::Run& run = runs[r];
        const std::size_t source_index = run.sources.empty() ? k_no_source : merged.sources.size();
        for (auto& source : run.sources) merged.sources.push_back(std::move(source));
        for (auto& note : run.notes) merged.notes.push_back(std::move(note));
        if (merged.context.host.empty() && merged.context.date.empty())
            merged.context = run.context;
        for (model::Metric& metric : run.metrics) {
            const std::string key = key_of(metric);
            const auto found = index.find(key);
            if (found == index.end()) {
                index.emplace(key, merged.metrics.size());
                merged.metrics.push_back(std::move(metric));
                origin.push_back(source_index);
                continue;
            }
            model::Metric& existing = merged.metrics[found->second];
            const bool both_samples = !existing.samples.empty() && !metric.samples.empty();
            if (both_samples && model::comparable(existing.unit, metric.unit) &&
                existing.status == model::Status::ok && metric.status == model::Status::ok) {
                // Timestamps stay only when every part has them: they run parallel to samples.
                if (existing.timestamps.empty() || metric.timestamps.empty()) {
                    existing.timestamps.clear();
                } else {
                    existing.timestamps.insert(existing.timestamps.end(), metric.timestamps.begin(),
                                               metric.timestamps.end());
                }
                existing.samples.insert(existing.samples.end(), metric.samples.begin(),
                                        metric.samples.end());
                auto& names = merged_names[{path_of(origin[found->second]), path_of(source_index)}];
                if (std::find(names.begin(), names.end(), metric.name) == names.end()) {
                    names.push_back(metric.name);
                }
                continue;
            }
            const std::string first = path_of(origin[found->second]);
            throw util::Error(path_of(source_index), {},
                              "benchmark \"" + metric.name + "\" (" + metric.measure +
                                  ") is also in " + first +
                                  "; expected each benchmark once, or repetitions with samples "
                                  "of the same unit in both files");
        }
    }
    add_merge_notes(merged, merged_names);
    return merged;
}

}  // namespace caws::ingest
