#pragma once

#include <string>

namespace caws::test {

// Absolute path of a file under tests/fixtures/.
std::string fixture_path(const std::string& relative);

// The content of a file under tests/fixtures/.
std::string read_fixture(const std::string& relative);

// Absolute path of a file in the source tree.
std::string source_path(const std::string& relative);

}  // namespace caws::test
