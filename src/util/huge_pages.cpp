#include "util/huge_pages.hpp"

#include <unistd.h>

#include <cstdlib>
#include <fstream>
#include <iterator>
#include <vector>

#include "util/file_io.hpp"

namespace caws::util {
namespace {

constexpr const char* k_tunables = "GLIBC_TUNABLES";
// Set only between the two starts of the process: "=" and the user's GLIBC_TUNABLES, or
// empty when the user had none.
constexpr const char* k_saved = "CAWS_GATE_SAVED_GLIBC_TUNABLES";
constexpr std::string_view k_hugetlb = "glibc.malloc.hugetlb";

std::optional<std::string> variable(const char* name) {
    const char* value = std::getenv(name);
    if (value == nullptr) return std::nullopt;
    return std::string(value);
}

std::string read_small_file(const char* path) {
    std::ifstream in(path);
    return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

// Bytes in the regular files named by the arguments that are not options.
std::uint64_t argument_file_bytes(int argc, char** argv) {
    std::vector<std::string> paths;
    for (int i = 1; i < argc; ++i) {
        if (argv[i][0] != '-') paths.emplace_back(argv[i]);
    }
    return regular_file_bytes(paths);
}

}  // namespace

std::optional<std::string> tunables_for_huge_pages(const std::optional<std::string>& current,
                                                   std::uint64_t input_bytes,
                                                   std::string_view thp_enabled) {
    if (input_bytes < k_huge_pages_from) return std::nullopt;
    // "always [madvise] never": malloc's madvise helps in the first two modes.
    if (thp_enabled.find("[always]") == std::string_view::npos &&
        thp_enabled.find("[madvise]") == std::string_view::npos) {
        return std::nullopt;
    }
    if (!current || current->empty()) return std::string(k_hugetlb) + "=1";
    if (current->find(k_hugetlb) != std::string::npos) return std::nullopt;
    return *current + ":" + std::string(k_hugetlb) + "=1";
}

void restore_tunables_after_reexec() {
    const std::optional<std::string> saved = variable(k_saved);
    if (!saved) return;
    if (!saved->empty() && saved->front() == '=') {
        ::setenv(k_tunables, saved->c_str() + 1, 1);
    } else {
        ::unsetenv(k_tunables);
    }
    ::unsetenv(k_saved);
}

void prefer_huge_pages(int argc, char** argv) {
    if (variable(k_saved)) {
        restore_tunables_after_reexec();
        return;
    }
    const std::uint64_t bytes = argument_file_bytes(argc, argv);
    if (bytes < k_huge_pages_from) return;
    const std::optional<std::string> current = variable(k_tunables);
    const std::optional<std::string> wanted = tunables_for_huge_pages(
        current, bytes, read_small_file("/sys/kernel/mm/transparent_hugepage/enabled"));
    if (!wanted) return;
    ::setenv(k_saved, current ? ("=" + *current).c_str() : "", 1);
    ::setenv(k_tunables, wanted->c_str(), 1);
    ::execv("/proc/self/exe", argv);
    // Not re-executed (no /proc, say): run as we are, with the environment as it was.
    restore_tunables_after_reexec();
}

}  // namespace caws::util
