#include "support/tools.hpp"

#include "support/process.hpp"

#include <cstdlib>
#include <filesystem>
#include <system_error>

namespace caws::test {

bool installed(const std::string& program) {
    const char* path = std::getenv("PATH");
    if (path == nullptr) return false;
    const std::string dirs = path;
    for (std::size_t start = 0; start <= dirs.size();) {
        std::size_t end = dirs.find(':', start);
        if (end == std::string::npos) end = dirs.size();
        std::error_code ec;
        if (std::filesystem::is_regular_file(
                std::filesystem::path(dirs.substr(start, end - start)) / program, ec)) {
            return true;
        }
        start = end + 1;
    }
    return false;
}

std::size_t count_of(const std::string& text, const std::string& needle) {
    std::size_t count = 0;
    for (std::size_t at = text.find(needle); at != std::string::npos;
         at = text.find(needle, at + needle.size())) {
        ++count;
    }
    return count;
}

std::string xpath_of(const std::string& file, const std::string& xpath) {
    std::string out = run_process({"xmllint", "--xpath", xpath, file}).out;
    while (!out.empty() && out.back() == '\n') out.pop_back();
    return out;
}

}  // namespace caws::test
