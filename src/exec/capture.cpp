#include "exec/capture.hpp"

#include <algorithm>
#include <array>
#include <filesystem>
#include <system_error>

#include "exec/enum_names.hpp"
#include "exec/program_file.hpp"
#include "util/error.hpp"

namespace caws::exec {
namespace {

constexpr std::array<EnumName<CaptureMode>, 3> k_mode_names{{
    {CaptureMode::output_file, "output-file"},
    {CaptureMode::google_benchmark, "google-benchmark"},
    {CaptureMode::standard_output, "stdout"},
}};

// "--benchmark_repetitions=5" (Google Benchmark also accepts a single dash).
bool sets_repetitions(std::string_view word) {
    if (word.starts_with("--")) {
        word.remove_prefix(2);
    } else if (word.starts_with("-")) {
        word.remove_prefix(1);
    } else {
        return false;
    }
    constexpr std::string_view flag = "benchmark_repetitions";
    return word.starts_with(flag) && (word.size() == flag.size() || word[flag.size()] == '=');
}

}  // namespace

std::string_view capture_mode_id(CaptureMode mode) {
    return id_of(k_mode_names, mode);
}

std::optional<CaptureMode> find_capture_mode(std::string_view id) {
    return value_of(k_mode_names, id);
}

std::vector<std::string> PreparedCommand::argv(std::string_view output_path) const {
    std::vector<std::string> args = command_argv(line, output_path, extra);
    if (capture != CaptureMode::google_benchmark) return args;
    const bool has_repetitions = std::any_of(args.begin() + 1, args.end(), sets_repetitions);
    args.push_back("--benchmark_out=" + std::string(output_path));
    args.emplace_back("--benchmark_out_format=json");
    if (!has_repetitions) args.emplace_back("--benchmark_repetitions=1");
    return args;
}

PreparedCommand prepare_command(std::string_view text, std::string_view name,
                                std::span<const std::string> extra, std::string_view search_path) {
    PreparedCommand command;
    command.line = parse_command_line(text, name);
    command.extra.assign(extra.begin(), extra.end());
    const std::string wanted = command.line.needs_shell ? "/bin/sh" : command.line.words.front();
    const std::optional<std::string> program = resolve_program(wanted, search_path);
    if (!program) {
        std::string why = "not an executable file";
        std::error_code ec;
        if (wanted.find('/') == std::string::npos) {
            why = "no executable of that name in PATH";
        } else if (!std::filesystem::exists(wanted, ec)) {
            why = "no such file";
        } else if (std::filesystem::is_directory(wanted, ec)) {
            why = "it is a directory";
        }
        throw util::Error(std::string(name), "", "cannot run \"" + wanted + "\": " + why);
    }
    command.program = *program;
    if (command.line.has_output_placeholder()) {
        command.capture = CaptureMode::output_file;
    } else if (!command.line.needs_shell && is_google_benchmark_program(command.program)) {
        command.capture = CaptureMode::google_benchmark;
    } else {
        command.capture = CaptureMode::standard_output;
    }
    return command;
}

}  // namespace caws::exec
