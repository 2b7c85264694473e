#include "support/golden.hpp"

#include <gtest/gtest.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>

#include "support/fixtures.hpp"
#include "support/temp_dir.hpp"

namespace caws::test {

void expect_golden(const std::string& name, const std::string& actual) {
    const std::string expected_path = source_path("tests/golden/expected/" + name);
    const char* update = std::getenv("CAWS_GATE_UPDATE_GOLDEN");
    if (update != nullptr && std::string(update) == "1") {
        std::filesystem::create_directories(std::filesystem::path(expected_path).parent_path());
        std::ofstream(expected_path, std::ios::binary) << actual;
        return;
    }
    const std::string expected = read_text(expected_path);
    if (expected == actual) return;
    const std::string got_path = std::filesystem::absolute(name + ".got").string();
    std::ofstream(got_path, std::ios::binary) << actual;
    const std::string command = "diff -u '" + expected_path + "' '" + got_path + "' | head -60";
    std::string diff;
    if (FILE* pipe = ::popen(command.c_str(), "r")) {
        char buffer[4096];
        std::size_t got = 0;
        while ((got = std::fread(buffer, 1, sizeof buffer, pipe)) > 0) diff.append(buffer, got);
        ::pclose(pipe);
    }
    ADD_FAILURE() << "golden file " << expected_path << " differs; actual output written to "
                  << got_path << " (CAWS_GATE_UPDATE_GOLDEN=1 rewrites it)\n"
                  << diff;
}

}  // namespace caws::test
