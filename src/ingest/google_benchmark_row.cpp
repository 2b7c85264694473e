#include "ingest/google_benchmark_row.hpp"

#include <cmath>
#include <cstring>
#include <string>

#include "util/strings.hpp"

namespace caws::ingest {
namespace {

using json::Document;
using json::Path;
namespace od = simdjson::ondemand;

// Whether `key` is the key `literal`: a comparison the compiler inlines (the literal's few
// bytes compared as words), where `key == "literal"` called string_view::compare and
// memcmp for each of a row's twelve keys.
template <std::size_t N>
bool row_key_is(std::string_view key, const char (&literal)[N]) {
    return key.size() == N - 1 && std::memcmp(key.data(), literal, N - 1) == 0;
}

// Keys of a benchmark row that are not counters.
bool is_standard_key(std::string_view key) {
    static constexpr std::string_view k_keys[] = {"name",
                                                  "family_index",
                                                  "per_family_instance_index",
                                                  "run_name",
                                                  "run_type",
                                                  "repetitions",
                                                  "repetition_index",
                                                  "threads",
                                                  "iterations",
                                                  "real_time",
                                                  "cpu_time",
                                                  "time_unit",
                                                  "aggregate_name",
                                                  "aggregate_unit",
                                                  "error_occurred",
                                                  "error_message",
                                                  "skipped",
                                                  "skip_message",
                                                  "label",
                                                  "big_o",
                                                  "cpu_coefficient",
                                                  "real_coefficient",
                                                  "rms",
                                                  "complexity_n"};
    for (const std::string_view k : k_keys) {
        if (k == key) return true;
    }
    return false;
}

// "L1 Data 32 KiB (x2), L1 Instruction 32 KiB (x2), ..."
std::string describe_caches(const Document& doc, od::array caches, const Path& where) {
    std::string out;
    std::size_t i = 0;
    for (auto element : caches) {
        const Path at = where.child(i++);
        std::string type;
        std::int64_t level = 0, size = 0, sharing = 0;
        for (auto field : doc.object(element.value(), at)) {
            const std::string_view key = json::key(field);
            if (key == "type") {
                type = doc.string(field.value(), at.child(key));
            } else if (key == "level") {
                level = doc.integer(field.value(), at.child(key));
            } else if (key == "size") {
                size = doc.integer(field.value(), at.child(key));
            } else if (key == "num_sharing") {
                sharing = doc.integer(field.value(), at.child(key));
            }
        }
        // Appended piece by piece: `"L" + std::to_string(level)` makes GCC 12 warn falsely
        // (-Wrestrict).
        if (!out.empty()) out += ", ";
        out += 'L';
        out += std::to_string(level);
        out += ' ';
        out += type;
        out += ' ';
        out += std::to_string(size / 1024);
        out += " KiB (x";
        out += std::to_string(sharing);
        out += ')';
    }
    return out;
}

// Keeps a string, number or boolean as text; nested values are not kept.
void keep_scalar(std::vector<std::pair<std::string, std::string>>& out, std::string_view key,
                 od::value value) {
    od::json_type type = value.type();
    switch (type) {
        case od::json_type::string:
            out.emplace_back(std::string(key), std::string(std::string_view(value.get_string())));
            break;
        case od::json_type::number:
        case od::json_type::boolean:
            out.emplace_back(std::string(key), std::string(Document::describe(value)));
            break;
        default:
            break;
    }
}

// An index of registration order, or nothing: it only tells the order of the repetitions,
// so a value Google Benchmark would not write is ignored rather than an error.
std::optional<std::int64_t> registration_index(const Document& doc, od::value value) {
    const std::optional<double> number = doc.number_if_numeric(value);
    if (!number || !(*number >= 0) || *number > 9e15 || *number != std::floor(*number)) {
        return std::nullopt;
    }
    return static_cast<std::int64_t>(*number);
}

}  // namespace

void read_google_benchmark_context(const Document& doc, od::object context, const Path& where,
                                   model::Context& c) {
    for (auto field : context) {
        const std::string_view key = json::key(field);
        const Path at = where.child(key);
        od::value value = field.value();
        if (key == "host_name") {
            c.host = doc.string(value, at);
        } else if (key == "executable") {
            c.executable = doc.string(value, at);
        } else if (key == "date") {
            c.date = doc.string(value, at);
        } else if (key == "library_build_type") {
            // The library's own build (Debian's libbenchmark says debug), not the timed
            // code's: kept, but never the run's build type.
            c.extra.emplace_back("library_build_type", doc.string(value, at));
        } else if (util::lower(key) == "cmake_build_type" || util::lower(key) == "build_type") {
            // --benchmark_context=CMAKE_BUILD_TYPE=Release: the code's own build.
            c.build_type = doc.string(value, at);
        } else if (key == "num_cpus") {
            c.num_cpus = static_cast<int>(doc.integer(value, at));
        } else if (key == "mhz_per_cpu") {
            c.mhz_per_cpu = doc.number(value, at);
        } else if (key == "cpu_scaling_enabled") {
            c.cpu_scaling_enabled = doc.boolean(value, at);
        } else if (key == "load_avg") {
            std::size_t i = 0;
            for (auto element : doc.array(value, at)) {
                c.load_avg.push_back(doc.number(element.value(), at.child(i++)));
            }
        } else if (key == "caches") {
            c.extra.emplace_back("caches", describe_caches(doc, doc.array(value, at), at));
        } else {
            keep_scalar(c.extra, key, value);
        }
    }
}

GoogleBenchmarkRow read_google_benchmark_row(const Document& doc, od::object object,
                                             const Path& at) {
    GoogleBenchmarkRow row;
    for (auto field : object) {
        const std::string_view key = json::key(field);
        const Path where = at.child(key);
        od::value value = field.value();
        switch (key.empty() ? '\0' : key.front()) {
            case 'n':
                if (row_key_is(key, "name")) {
                    row.name = doc.string(value, where);
                    continue;
                }
                break;
            case 'r':
                if (row_key_is(key, "run_name")) {
                    row.run_name = doc.string(value, where);
                    continue;
                } else if (row_key_is(key, "run_type")) {
                    row.run_type = doc.string(value, where);
                    continue;
                } else if (row_key_is(key, "real_time")) {
                    row.real_time = doc.number(value, where);
                    continue;
                } else if (row_key_is(key, "repetitions")) {
                    row.repetitions = doc.integer(value, where);
                    continue;
                } else if (row_key_is(key, "repetition_index")) {
                    row.repetition_index = doc.integer(value, where);
                    continue;
                } else if (row_key_is(key, "rms") || row_key_is(key, "real_coefficient")) {
                    row.complexity = true;
                    continue;
                }
                break;
            case 'c':
                if (row_key_is(key, "cpu_time")) {
                    row.cpu_time = doc.number(value, where);
                    continue;
                } else if (row_key_is(key, "cpu_coefficient") || row_key_is(key, "complexity_n")) {
                    if (row_key_is(key, "cpu_coefficient")) row.complexity = true;
                    continue;
                }
                break;
            case 't':
                if (row_key_is(key, "time_unit")) {
                    row.time_unit = doc.string(value, where);
                    continue;
                } else if (row_key_is(key, "threads")) {
                    row.threads = doc.integer(value, where);
                    continue;
                }
                break;
            case 'a':
                if (row_key_is(key, "aggregate_name")) {
                    row.aggregate_name = doc.string(value, where);
                    continue;
                } else if (row_key_is(key, "aggregate_unit")) {
                    row.aggregate_unit = doc.string(value, where);
                    continue;
                }
                break;
            case 'e':
                if (row_key_is(key, "error_occurred")) {
                    row.error_occurred = doc.boolean(value, where);
                    continue;
                } else if (row_key_is(key, "error_message")) {
                    row.error_message = doc.string(value, where);
                    continue;
                }
                break;
            case 's':
                if (row_key_is(key, "skipped")) {
                    row.skipped = doc.boolean(value, where);
                    continue;
                } else if (row_key_is(key, "skip_message")) {
                    row.skip_message = doc.string(value, where);
                    continue;
                }
                break;
            case 'f':
                if (row_key_is(key, "family_index")) {
                    row.family_index = registration_index(doc, value);
                    continue;
                }
                break;
            case 'p':
                if (row_key_is(key, "per_family_instance_index")) {
                    row.per_family_instance_index = registration_index(doc, value);
                    continue;
                }
                break;
            case 'i':
                if (row_key_is(key, "iterations")) continue;
                break;
            case 'l':
                if (row_key_is(key, "label")) {
                    row.label = doc.string(value, where);
                    continue;
                }
                break;
            case 'b':
                if (row_key_is(key, "big_o")) {
                    row.complexity = true;
                    continue;
                }
                break;
            default:
                break;
        }
        if (is_standard_key(key)) continue;  // family_index, iterations, ...
        // A user counter: kept when it is a number; other values are not counters.
        if (const auto number = doc.number_if_numeric(value)) {
            row.counters.emplace_back(key, *number);
        }
    }
    if (row.name.empty()) doc.fail(at.child("name"), "expected the benchmark's name");
    return row;
}

}  // namespace caws::ingest
