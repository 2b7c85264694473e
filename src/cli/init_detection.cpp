#include "cli/init_detection.hpp"

#include <algorithm>
#include <array>
#include <cctype>
#include <filesystem>
#include <iterator>
#include <set>
#include <string_view>
#include <system_error>

#include "util/error.hpp"
#include "util/file_io.hpp"
#include "util/strings.hpp"

namespace caws::cli {
namespace {

// The text of a file, or "" when it is missing or unreadable: detection only looks, it
// never fails.
std::string peek(const std::filesystem::path& path) {
    std::error_code error;
    if (!std::filesystem::is_regular_file(path, error)) return {};
    try {
        return util::read_file(path.string());
    } catch (const util::Error&) {
        return {};
    }
}

// The top-level regular files of `directory`, sorted so that evidence is deterministic.
std::vector<std::string> top_level_files(const std::string& directory) {
    std::vector<std::string> names;
    std::error_code error;
    for (const auto& entry : std::filesystem::directory_iterator(directory, error)) {
        std::error_code type_error;
        if (entry.is_regular_file(type_error)) names.push_back(entry.path().filename().string());
    }
    std::sort(names.begin(), names.end());
    return names;
}

// The first of `names` that `matches`, or "".
template <typename Predicate>
std::string first_match(const std::vector<std::string>& names, Predicate matches) {
    for (const std::string& name : names) {
        if (matches(name)) return name;
    }
    return {};
}

// One command of a CMake file: its name in lower case and its arguments, unquoted.
struct CMakeCommand {
    std::string name;
    std::vector<std::string> arguments;
};

// The arguments of the command whose "(" is at `at`, up to the matching ")"; moves `at`
// past it. Quoted arguments lose their quotes; nested parentheses stay in the words.
std::vector<std::string> cmake_arguments(std::string_view text, std::size_t& at) {
    std::vector<std::string> arguments;
    std::string word;
    bool in_word = false;
    int depth = 0;
    const auto end_word = [&] {
        if (in_word) arguments.push_back(std::move(word));
        word.clear();
        in_word = false;
    };
    for (++at; at < text.size(); ++at) {
        const char c = text[at];
        if (c == '"') {
            const std::size_t close = text.find('"', at + 1);
            word += text.substr(at + 1, close == std::string_view::npos ? close : close - at - 1);
            in_word = true;
            at = close == std::string_view::npos ? text.size() : close;
        } else if (c == '#') {
            end_word();
            at = std::min(text.find('\n', at), text.size());
        } else if (std::isspace(static_cast<unsigned char>(c)) != 0) {
            end_word();
        } else if (c == ')' && depth == 0) {
            end_word();
            ++at;
            return arguments;
        } else {
            depth += c == '(' ? 1 : c == ')' ? -1 : 0;
            word += c;
            in_word = true;
        }
    }
    end_word();
    return arguments;
}

// The commands of a CMake file, in order. Enough of CMake's syntax to find targets:
// identifiers followed by "(", line comments, quoted arguments.
std::vector<CMakeCommand> cmake_commands(std::string_view text) {
    std::vector<CMakeCommand> commands;
    std::size_t at = 0;
    while (at < text.size()) {
        const char c = text[at];
        if (c == '#') {
            at = std::min(text.find('\n', at), text.size());
        } else if (std::isalpha(static_cast<unsigned char>(c)) != 0 || c == '_') {
            const std::size_t start = at;
            while (at < text.size() &&
                   (std::isalnum(static_cast<unsigned char>(text[at])) != 0 || text[at] == '_')) {
                ++at;
            }
            const std::string name = util::lower(text.substr(start, at - start));
            while (at < text.size() && (text[at] == ' ' || text[at] == '\t')) ++at;
            if (at < text.size() && text[at] == '(') {
                commands.push_back({name, cmake_arguments(text, at)});
            }
        } else {
            ++at;
        }
    }
    return commands;
}

bool is_benchmark_library(std::string_view name) {
    return name == "benchmark::benchmark" || name == "benchmark::benchmark_main" ||
           name == "benchmark" || name == "benchmark_main";
}

// The Google Benchmark executables that one CMake file defines, sorted by name.
std::set<std::string> benchmark_targets(std::string_view text) {
    std::set<std::string> executables;
    std::set<std::string> linked;
    for (const CMakeCommand& command : cmake_commands(text)) {
        if (command.arguments.empty() || command.arguments.front().find('$') != std::string::npos) {
            continue;
        }
        const std::string& target = command.arguments.front();
        if (command.name == "add_executable") {
            const bool real = command.arguments.size() < 2 || (command.arguments[1] != "IMPORTED" &&
                                                               command.arguments[1] != "ALIAS");
            if (real) executables.insert(target);
        } else if (command.name == "target_link_libraries" &&
                   std::any_of(command.arguments.begin() + 1, command.arguments.end(),
                               is_benchmark_library)) {
            linked.insert(target);
        }
    }
    std::set<std::string> both;
    std::set_intersection(executables.begin(), executables.end(), linked.begin(), linked.end(),
                          std::inserter(both, both.end()));
    return both;
}

// Directories that hold no program of this repository's own build.
bool skipped_directory(const std::string& name) {
    static constexpr std::array<std::string_view, 8> k_vendored{
        "third_party", "3rdparty", "external", "extern", "vendor", "deps", "_deps", "subprojects"};
    return name.starts_with(".") || name.starts_with("build") ||
           std::find(k_vendored.begin(), k_vendored.end(), name) != k_vendored.end();
}

// True for a path of letters, digits and ._+-/ only: the workflow writes it into YAML
// and into a command without quotes.
bool plain_path(std::string_view path) {
    return std::all_of(path.begin(), path.end(), [](char c) {
        return std::isalnum(static_cast<unsigned char>(c)) != 0 || c == '.' || c == '_' ||
               c == '+' || c == '-' || c == '/';
    });
}

}  // namespace

std::vector<DetectedTool> detect_benchmark_tools(const std::string& directory) {
    const std::filesystem::path root(directory);
    const std::vector<std::string> names = top_level_files(directory);
    const auto mentions = [&](std::string_view needle) {
        return [&root, needle](const std::string& name) {
            return util::lower(peek(root / name)).find(needle) != std::string::npos;
        };
    };
    std::vector<DetectedTool> found;
    const auto add = [&found](BenchmarkTool tool, std::string evidence) {
        if (!evidence.empty()) found.push_back({tool, std::move(evidence)});
    };

    add(BenchmarkTool::google_benchmark, first_match(names, [&](const std::string& name) {
            return name == "CMakeLists.txt" && mentions("benchmark")(name);
        }));

    std::string pytest = first_match(names, [](const std::string& name) {
        return name == "conftest.py" || name == "pytest.ini";
    });
    if (pytest.empty()) {
        pytest = first_match(names, [&](const std::string& name) {
            const bool config = name == "pyproject.toml" || name == "setup.cfg" ||
                                name == "setup.py" || name == "tox.ini" ||
                                (name.starts_with("requirements") && name.ends_with(".txt"));
            return config &&
                   (mentions("pytest-benchmark")(name) || mentions("pytest_benchmark")(name));
        });
    }
    add(BenchmarkTool::pytest_benchmark, pytest);

    add(BenchmarkTool::hyperfine, first_match(names, [&](const std::string& name) {
            const bool script = name == "Makefile" || name == "GNUmakefile" || name == "justfile" ||
                                name == "Justfile" || name.ends_with(".sh");
            return script && mentions("hyperfine")(name);
        }));

    add(BenchmarkTool::go,
        first_match(names, [](const std::string& name) { return name == "go.mod"; }));
    return found;
}

std::vector<DetectedProgram> detect_benchmark_programs(const std::string& directory) {
    constexpr int k_max_depth = 4;
    std::vector<DetectedProgram> found;
    std::error_code error;
    auto it = std::filesystem::recursive_directory_iterator(
        directory, std::filesystem::directory_options::skip_permission_denied, error);
    for (; !error && it != std::filesystem::recursive_directory_iterator(); it.increment(error)) {
        std::error_code type_error;
        if (it->is_directory(type_error)) {
            if (it.depth() >= k_max_depth || skipped_directory(it->path().filename().string())) {
                it.disable_recursion_pending();
            }
            continue;
        }
        if (it->path().filename() != "CMakeLists.txt") continue;
        const std::filesystem::path folder = it->path().parent_path().lexically_relative(directory);
        for (const std::string& target : benchmark_targets(peek(it->path()))) {
            std::string program = (std::filesystem::path("build") / folder / target)
                                      .lexically_normal()
                                      .generic_string();
            if (!plain_path(program)) continue;
            found.push_back({std::move(program),
                             (folder / "CMakeLists.txt").lexically_normal().generic_string()});
        }
    }
    std::sort(found.begin(), found.end(),
              [](const DetectedProgram& a, const DetectedProgram& b) { return a.path < b.path; });
    return found;
}

}  // namespace caws::cli
