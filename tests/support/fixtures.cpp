#include "support/fixtures.hpp"

#include "support/temp_dir.hpp"

namespace caws::test {

std::string source_path(const std::string& relative) {
    return std::string(CAWS_GATE_SOURCE_DIR) + "/" + relative;
}

std::string fixture_path(const std::string& relative) {
    return source_path("tests/fixtures/" + relative);
}

std::string read_fixture(const std::string& relative) {
    return read_text(fixture_path(relative));
}

}  // namespace caws::test
