#include "exec/run_directory.hpp"

#include <stdlib.h>

#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <fstream>

#include "util/error.hpp"

namespace caws::exec {
namespace {

namespace fs = std::filesystem;

void prepare_kept(const std::string& directory) {
    std::error_code ec;
    if (fs::exists(directory, ec)) {
        if (!fs::is_directory(directory, ec)) {
            throw util::Error(directory, "", "expected a directory to keep the run in");
        }
        if (!fs::is_empty(directory, ec)) {
            throw util::Error(directory, "",
                              "the directory is not empty; the files of a kept run need a new "
                              "or empty directory");
        }
        return;
    }
    fs::create_directories(directory, ec);
    if (ec) throw util::Error(directory, "", "cannot create the directory: " + ec.message());
}

std::string make_temporary(const std::string& temp_root) {
    std::string root = temp_root;
    if (root.empty()) {
        const char* variable = std::getenv("TMPDIR");
        root = variable != nullptr && *variable != '\0' ? variable : "/tmp";
    }
    std::string pattern = root + "/caws-gate-ab-XXXXXX";
    if (::mkdtemp(pattern.data()) == nullptr) {
        throw util::Error(root, "",
                          std::string("cannot create a temporary directory: ") +
                              std::strerror(errno));
    }
    return pattern;
}

}  // namespace

RunDirectory::RunDirectory(const std::optional<std::string>& keep, const std::string& temp_root) {
    if (keep) {
        prepare_kept(*keep);
        path_ = *keep;
        kept_ = true;
    } else {
        path_ = make_temporary(temp_root);
    }
}

RunDirectory::~RunDirectory() {
    if (kept_) return;
    std::error_code ignored;
    fs::remove_all(path_, ignored);
}

std::string round_stem(Side side, std::size_t index, std::size_t total) {
    const std::size_t width = std::max<std::size_t>(2, std::to_string(total > 0 ? total - 1 : 0).size());
    std::string number = std::to_string(index);
    if (number.size() < width) number.insert(0, width - number.size(), '0');
    return std::string(side_name(side)) + "-" + number;
}

std::string extension_for_content(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    char c = 0;
    while (in.get(c)) {
        if (c == ' ' || c == '\t' || c == '\n' || c == '\r') continue;
        if (c == '{' || c == '[') return ".json";
        if (c == '<') return ".xml";
        break;
    }
    return ".txt";
}

}  // namespace caws::exec
