#include "exec/manifest.hpp"

#include <cmath>
#include <filesystem>

#include <nlohmann/json.hpp>

#include "json/strict.hpp"
#include "util/error.hpp"
#include "util/file_io.hpp"
#include "util/json_pointer.hpp"

namespace caws::exec {
namespace {

using nlohmann::ordered_json;

// Wall times to the microsecond: more digits would be noise.
double rounded(double seconds) {
    return std::round(seconds * 1e6) / 1e6;
}

ordered_json setup_json(const SideSetup& setup) {
    return ordered_json{{"command", setup.command},
                        {"argv", setup.argv},
                        {"shell", setup.shell},
                        {"capture", std::string(capture_mode_id(setup.capture))}};
}

ordered_json run_json(const SideRun& run) {
    ordered_json out{{"seconds", rounded(run.seconds)}, {"output", run.output}};
    if (!run.stderr_file.empty()) out["stderr"] = run.stderr_file;
    return out;
}

ordered_json round_json(const RoundRecord& round) {
    const Side second = other_side(round.first);
    return ordered_json{{"round", round.number},
                        {"order", ordered_json::array({std::string(side_name(round.first)),
                                                       std::string(side_name(second))})},
                        {"base", run_json(round.base)},
                        {"head", run_json(round.head)}};
}

// Typed access to the manifest with every error located by JSON pointer.
class ManifestReader {
  public:
    ManifestReader(std::string path, std::string directory)
        : path_(std::move(path)), directory_(std::move(directory)) {}

    RunRecord read(const ordered_json& root) const {
        if (!root.is_object()) fail("", "expected a JSON object at the top level");
        const ordered_json& format = member(root, "", "format");
        if (format != k_manifest_format) {
            fail("/format", "expected \"" + std::string(k_manifest_format) + "\", got " +
                                format.dump());
        }
        RunRecord record;
        record.directory = directory_;
        record.tool = optional_string(root, "", "tool");
        if (const ordered_json* seed = optional(root, "seed"); seed && !seed->is_null()) {
            if (!seed->is_number_unsigned()) fail("/seed", "expected a non-negative integer");
            record.seed = seed->get<std::uint64_t>();
        }
        if (const ordered_json* max = optional(root, "max_seconds"); max && !max->is_null()) {
            record.max_seconds = number(*max, "/max_seconds");
        }
        read_run_state(root, record);
        for (const Side side : {Side::base, Side::head}) {
            if (const ordered_json* setup = optional(root, side_name(side))) {
                (side == Side::base ? record.base : record.head) =
                    read_setup(*setup, "/" + std::string(side_name(side)));
            }
        }
        const ordered_json& rounds = member(root, "", "rounds");
        if (!rounds.is_array()) fail("/rounds", "expected an array of rounds");
        for (std::size_t i = 0; i < rounds.size(); ++i) {
            record.rounds.push_back(read_round(rounds[i], i));
        }
        if (!optional(root, "rounds_requested")) record.rounds_requested = record.rounds.size();
        return record;
    }

  private:
    [[noreturn]] void fail(const std::string& pointer, const std::string& what) const {
        throw util::Error(path_, pointer, what);
    }

    static const ordered_json* optional(const ordered_json& object, std::string_view key) {
        const auto found = object.find(key);
        return found == object.end() ? nullptr : &*found;
    }

    const ordered_json& member(const ordered_json& object, const std::string& at,
                               std::string_view key) const {
        const ordered_json* value = optional(object, key);
        if (value == nullptr) fail(util::pointer_append(at, key), "required, but missing");
        return *value;
    }

    double number(const ordered_json& value, const std::string& at) const {
        if (!value.is_number()) fail(at, "expected a number, got " + value.dump());
        return value.get<double>();
    }

    std::string string(const ordered_json& value, const std::string& at) const {
        if (!value.is_string()) fail(at, "expected a string, got " + value.dump());
        return value.get<std::string>();
    }

    std::string optional_string(const ordered_json& object, const std::string& at,
                                std::string_view key) const {
        const ordered_json* value = optional(object, key);
        return value ? string(*value, util::pointer_append(at, key)) : std::string();
    }

    void read_run_state(const ordered_json& root, RunRecord& record) const {
        if (const ordered_json* requested = optional(root, "rounds_requested")) {
            if (!requested->is_number_unsigned()) {
                fail("/rounds_requested", "expected a count of rounds");
            }
            record.rounds_requested = requested->get<std::size_t>();
        }
        if (const ordered_json* outcome = optional(root, "outcome")) {
            const auto found = find_outcome(string(*outcome, "/outcome"));
            if (!found) {
                fail("/outcome", "expected \"complete\", \"max-time\", \"failed\" or "
                                 "\"interrupted\", got " + outcome->dump());
            }
            record.outcome = *found;
        }
        record.error = optional_string(root, "", "error");
        if (const ordered_json* elapsed = optional(root, "elapsed_seconds")) {
            record.elapsed_seconds = number(*elapsed, "/elapsed_seconds");
        }
        if (const ordered_json* extra = optional(root, "extra_args")) {
            record.extra_args = strings(*extra, "/extra_args");
        }
    }

    std::vector<std::string> strings(const ordered_json& value, const std::string& at) const {
        if (!value.is_array()) fail(at, "expected an array of strings");
        std::vector<std::string> out;
        for (std::size_t i = 0; i < value.size(); ++i) {
            out.push_back(string(value[i], util::pointer_append(at, i)));
        }
        return out;
    }

    SideSetup read_setup(const ordered_json& value, const std::string& at) const {
        if (!value.is_object()) fail(at, "expected an object");
        SideSetup setup;
        setup.command = optional_string(value, at, "command");
        if (const ordered_json* argv = optional(value, "argv")) {
            setup.argv = strings(*argv, at + "/argv");
        }
        if (const ordered_json* shell = optional(value, "shell")) {
            if (!shell->is_boolean()) fail(at + "/shell", "expected true or false");
            setup.shell = shell->get<bool>();
        }
        if (const ordered_json* capture = optional(value, "capture")) {
            const auto mode = find_capture_mode(string(*capture, at + "/capture"));
            if (!mode) {
                fail(at + "/capture", "expected \"output-file\", \"google-benchmark\" or "
                                      "\"stdout\", got " + capture->dump());
            }
            setup.capture = *mode;
        }
        return setup;
    }

    RoundRecord read_round(const ordered_json& value, std::size_t index) const {
        const std::string at = util::pointer_append("/rounds", index);
        if (!value.is_object()) fail(at, "expected an object");
        RoundRecord round;
        round.number = index + 1;
        if (const ordered_json* number = optional(value, "round");
            number && *number != round.number) {
            fail(at + "/round", "expected " + std::to_string(round.number) + " (rounds are listed "
                                "in order from 1), got " + number->dump());
        }
        const ordered_json& order = member(value, at, "order");
        if (order == ordered_json::array({"base", "head"})) {
            round.first = Side::base;
        } else if (order == ordered_json::array({"head", "base"})) {
            round.first = Side::head;
        } else {
            fail(at + "/order",
                 "expected [\"base\", \"head\"] or [\"head\", \"base\"], got " + order.dump());
        }
        for (const Side side : {Side::base, Side::head}) {
            const std::string side_at = util::pointer_append(at, side_name(side));
            round.run(side) = read_run(member(value, at, side_name(side)), side_at);
        }
        return round;
    }

    SideRun read_run(const ordered_json& value, const std::string& at) const {
        if (!value.is_object()) fail(at, "expected an object");
        SideRun run;
        run.seconds = number(member(value, at, "seconds"), at + "/seconds");
        run.output = kept_file(string(member(value, at, "output"), at + "/output"), at + "/output");
        if (const ordered_json* err = optional(value, "stderr")) {
            run.stderr_file = kept_file(string(*err, at + "/stderr"), at + "/stderr");
        }
        return run;
    }

    // A file name of the manifest: relative, inside the directory, and there.
    std::string kept_file(const std::string& name, const std::string& at) const {
        const std::filesystem::path path(name);
        bool leaves = path.is_absolute() || name.empty();
        for (const auto& part : path) leaves = leaves || part == "..";
        if (leaves) {
            fail(at, "expected a file name inside the manifest's directory, got \"" + name + "\"");
        }
        if (!util::file_exists(directory_ + "/" + name)) {
            fail(at, "the file \"" + name + "\" is not in " + directory_);
        }
        return name;
    }

    std::string path_;
    std::string directory_;
};

}  // namespace

std::string manifest_json(const RunRecord& record) {
    ordered_json root{{"format", std::string(k_manifest_format)}, {"tool", record.tool}};
    root["seed"] = record.seed ? ordered_json(*record.seed) : ordered_json(nullptr);
    root["rounds_requested"] = record.rounds_requested;
    root["max_seconds"] = record.max_seconds ? ordered_json(*record.max_seconds) : ordered_json();
    root["outcome"] = std::string(outcome_id(record.outcome));
    if (!record.error.empty()) root["error"] = record.error;
    root["elapsed_seconds"] = rounded(record.elapsed_seconds);
    root["extra_args"] = record.extra_args;
    root["base"] = setup_json(record.base);
    root["head"] = setup_json(record.head);
    ordered_json rounds = ordered_json::array();
    for (const RoundRecord& round : record.rounds) rounds.push_back(round_json(round));
    root["rounds"] = std::move(rounds);
    return root.dump(2) + "\n";
}

void write_manifest(const std::string& directory, const RunRecord& record) {
    util::write_file_atomic(directory + "/" + std::string(k_manifest_name), manifest_json(record));
}

RunRecord read_manifest(const std::string& directory) {
    const std::string path = directory + "/" + std::string(k_manifest_name);
    const std::string text = util::read_file(path);
    return ManifestReader(path, directory).read(json::parse_strict(text, path));
}

}  // namespace caws::exec
