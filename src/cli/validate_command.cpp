#include <memory>
#include <ostream>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "cli/cli.hpp"
#include "cli/command.hpp"
#include "gate/gate_file.hpp"
#include "gate/waivers.hpp"
#include "store/baseline_file.hpp"
#include "util/error.hpp"
#include "util/file_io.hpp"

namespace caws::cli {
namespace {

struct ValidateOptions {
    std::vector<std::string> files;
};

std::string count_of(std::size_t n, const char* one, const char* many) {
    return std::to_string(n) + " " + (n == 1 ? one : many);
}

// The schema a file declares, or empty when it is not a JSON object with one. Syntax
// errors are left to the reader of the file's kind, which locates them.
std::string declared_schema(const std::string& text) {
    const nlohmann::json root = nlohmann::json::parse(text, nullptr, false);
    if (!root.is_object()) return {};
    const auto schema = root.find("schema");
    if (schema == root.end() || !schema->is_string()) return {};
    return schema->get<std::string>();
}

// Checks one file; returns the line to print for it, and writes warnings to `err`.
std::string validate_file(const std::string& path, const Io& io) {
    const std::string text = util::read_file(path);
    const std::string schema = declared_schema(text);
    if (schema.starts_with("caws-gate/baseline@")) {
        const store::Baseline baseline = store::parse_baseline(text, path);
        if (auto mismatch = store::suite_name_mismatch(path, baseline)) {
            io.err << "caws-gate: warning: " << path << ": " << *mismatch << "\n";
        }
        return path + ": valid baseline of suite \"" + baseline.suite + "\" (" +
               count_of(baseline.run.metrics.size(), "metric", "metrics") + ")";
    }
    if (!schema.empty() && !schema.starts_with("caws-gate/gate@")) {
        throw util::Error(path, "/schema",
                          "expected a gate file (\"" + std::string(gate::k_gate_schema) +
                              "\") or a baseline file (\"" + std::string(store::k_baseline_schema) +
                              "\"), got \"" + schema + "\"");
    }
    const gate::Gate gate = gate::parse_gate(text, path);
    const std::string today = gate::date_of(io.environment.now());
    for (const gate::WaiverRule& waiver : gate.waivers) {
        if (waiver.expires < today) {
            io.err << "caws-gate: warning: " << path << ": " << waiver.pointer
                   << "/expires: the waiver for \"" << waiver.match << "\" expired on "
                   << waiver.expires << "\n";
        }
    }
    return path + ": valid gate file (" + count_of(gate.rules.size(), "rule", "rules") + ", " +
           count_of(gate.budgets.size(), "budget", "budgets") + ", " +
           count_of(gate.required.size(), "required metric", "required metrics") + ", " +
           count_of(gate.waivers.size(), "waiver", "waivers") + ")";
}

int run_validate(const ValidateOptions& options, const Io& io) {
    bool all_valid = true;
    for (const std::string& path : options.files) {
        try {
            io.out << validate_file(path, io) << "\n";
        } catch (const util::Error& error) {
            io.err << "caws-gate: error: " << error.what() << "\n";
            all_valid = false;
        }
    }
    return all_valid ? k_exit_pass : k_exit_usage;
}

}  // namespace

Handler setup_validate(CLI::App& command, const Io& io) {
    auto options = std::make_shared<ValidateOptions>();
    command.add_option("files", options->files, "Gate files and baseline files to check")
        ->required()
        ->type_name("FILES...");
    return [options, &io] { return run_validate(*options, io); };
}

}  // namespace caws::cli
