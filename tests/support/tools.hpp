#pragma once

#include <cstddef>
#include <string>

namespace caws::test {

// True when `program` is an executable file in one of PATH's directories.
bool installed(const std::string& program);

// How often `needle` occurs in `text`, without overlaps.
std::size_t count_of(const std::string& text, const std::string& needle);

// What `xmllint --xpath XPATH FILE` prints, without the final line break: a count, an
// attribute's value ("string(/testsuites/@tests)").
std::string xpath_of(const std::string& file, const std::string& xpath);

}  // namespace caws::test

// Skips the test with a message naming the missing Debian tool: checks by real consumers
// (pdflatex, cmark-gfm, xmllint) need them, and scripts/install-deps.sh installs them.
#define REQUIRE_TOOL(program)                                                            \
    if (!::caws::test::installed(program)) {                                             \
        GTEST_SKIP() << program << " is not installed (Debian: see "                     \
                     << "scripts/install-deps.sh); this check of the output is skipped"; \
    }
