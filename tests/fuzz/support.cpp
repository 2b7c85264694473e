#include "support.hpp"

#include <cstdio>
#include <cstdlib>

namespace caws::fuzz {

void trace(std::string_view what) {
    static const bool enabled = std::getenv("CAWS_GATE_FUZZ_TRACE") != nullptr;
    if (enabled) std::fprintf(stderr, "%.*s\n", static_cast<int>(what.size()), what.data());
}

void fail(const std::string& what, std::string_view detail) {
    std::fprintf(stderr, "fuzz invariant broken: %s\n", what.c_str());
    if (!detail.empty()) {
        std::fprintf(stderr, "--- detail ---\n%.*s\n--- end ---\n", static_cast<int>(detail.size()),
                     detail.data());
    }
    std::abort();
}

}  // namespace caws::fuzz
